"""The evaluation question set is well formed and covers what it must."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO / "tests" / "eval"
QUESTIONS = EVAL_DIR / "questions.jsonl"
SEEDS = REPO / "seeds"


def _load_module() -> Any:
    path = EVAL_DIR / "check_questions.py"
    spec = importlib.util.spec_from_file_location("docqa_eval_check_questions", path)
    assert spec is not None, f"cannot load {path}"
    assert spec.loader is not None, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_check() -> Callable[[Path, Path], list[str]]:
    check: Callable[[Path, Path], list[str]] = _load_module().check
    return check


def _records() -> list[dict[str, Any]]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_questions_file_is_valid() -> None:
    assert SEEDS.is_dir(), f"seed documents missing: {SEEDS}"
    problems = _load_check()(QUESTIONS, SEEDS)
    assert problems == [], "\n".join(problems)


def test_questions_coverage() -> None:
    records = _records()
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    by_lang = Counter(r["lang"] for r in answerable)
    other_langs = sum(n for lang, n in by_lang.items() if lang not in ("en", "ru"))

    assert len(records) >= 64
    assert sum(1 for r in answerable if r["lang"] == "en" and not r["history"]) >= 30
    assert by_lang["ru"] >= 10
    assert other_langs >= 4
    assert len(unanswerable) >= 10
    assert sum(1 for r in unanswerable if r["lang"] == "ru") >= 2
    assert sum(1 for r in records if r["history"]) >= 5
    sources = {s for r in answerable for s in r["sources"]}
    assert len(sources) >= 2, "answerable questions must draw on both articles"
    assert sum(1 for r in answerable if len(r["sources"]) >= 2) >= 2, "need cross-article questions"


def test_the_extra_question_sets_are_valid() -> None:
    check = _load_check()
    paths = sorted((REPO / "reports").glob("eval-fresh*/questions.jsonl"))
    assert len(paths) >= 2, f"the extra question sets are missing: {paths}"
    for path in paths:
        problems = check(path, SEEDS, None)
        assert problems == [], "\n".join(problems)


def test_the_command_line_takes_a_held_out_set_from_its_first_id(tmp_path: Path) -> None:
    module = _load_module()
    held_out = sorted((REPO / "reports").glob("eval-fresh*/questions.jsonl"))[-1]
    assert module.main([str(held_out), str(SEEDS)]) == 0
    # A gap is still out of sequence, and our own set must still start at q01.
    lines = held_out.read_text(encoding="utf-8").splitlines()
    gapped = tmp_path / "gapped.jsonl"
    gapped.write_text("\n".join([lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    assert module.main([str(gapped), str(SEEDS)]) == 1
    assert module.check(held_out, SEEDS) != []
