from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.prompts import REQUIRED, load_prompts
from tests.conftest import ROOT


def test_shipped_prompts_load_with_their_variables() -> None:
    p = load_prompts(ROOT / "prompts")
    text = p.answer.render(passages="[1] x", question="q?", language="English")
    assert "[1] x" in text and "q?" in text and "English" in text
    assert set(REQUIRED) == {"system", "answer", "condense", "verify", "kind", "premise", "members"}
    assert "q?" in p.verify.render(question="q?")
    kind = p.kind.render(name="Truth Social", kinds="person, city")
    assert '"Truth Social"' in kind and "person, city" in kind
    premise = p.premise.render(question="Did he speak to ___?", names="the BBC")
    assert premise.startswith("Did he speak to ___?") and "the BBC" in premise


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("answer", "Passages: $passages\nQuestion: $question", r"lacks \$language"),
        ("condense", "$history $question $extra", r"unknown \$extra"),
        ("answer", "$passages $question $language ${broken", "malformed"),
    ],
)
def test_broken_prompt_files_are_caught_at_start_up(tmp_path: Path, name: str, content: str, message: str) -> None:
    d = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", d)
    (d / f"{name}.txt").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_prompts(d)


def test_missing_prompt_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"system\.txt"):
        load_prompts(tmp_path)


def test_examples_are_optional_and_checked(tmp_path: Path) -> None:
    d = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", d)
    (d / "examples.txt").unlink(missing_ok=True)
    assert load_prompts(d).examples == ()

    (d / "examples.txt").write_text(
        '### user\nWho?\n### assistant\n{"found": false, "answer": "Not in the documents."}\n'
    )
    turns = load_prompts(d).examples
    assert [t["role"] for t in turns] == ["user", "assistant"]
    assert turns[0]["content"] == "Who?"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("### assistant\n{}\n", "should be '### user'"),
        ("### user\nq\n### assistant\nnot json\n", "is not JSON"),
        ('### user\nq\n### assistant\n{"answer": "x"}\n', "exactly 'found' and 'answer'"),
        ("### user\nq\n", "no answer"),
    ],
)
def test_broken_examples_are_caught_at_start_up(tmp_path: Path, content: str, message: str) -> None:
    d = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", d)
    (d / "examples.txt").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_prompts(d)


def test_the_check_prompt_needs_the_question(tmp_path: Path) -> None:
    d = tmp_path / "p"
    shutil.copytree(ROOT / "prompts", d)
    (d / "verify.txt").write_text("Is it supported?\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"verify.txt lacks \$question"):
        load_prompts(d)


def test_a_custom_prompt_directory_needs_only_the_files_it_changes(tmp_path: Path) -> None:
    d = tmp_path / "mine"
    d.mkdir()
    (d / "system.txt").write_text("You answer from the documents only, in one sentence.")
    p = load_prompts(d, shipped=ROOT / "prompts")
    assert p.system.render() == "You answer from the documents only, in one sentence."
    assert p.kind.template.template == load_prompts(ROOT / "prompts").kind.template.template
    # A file that is there and broken is still an error, shipped one or not.
    (d / "answer.txt").write_text("$passages $question")
    with pytest.raises(ConfigError, match=r"lacks \$language"):
        load_prompts(d, shipped=ROOT / "prompts")
    # Without the shipped prompts to fall back on, a missing file is an error.
    (d / "answer.txt").unlink()
    with pytest.raises(ConfigError, match=r"answer\.txt"):
        load_prompts(d)
