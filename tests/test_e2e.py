"""End to end on the default packaged model, through the installed `docqa` command.

Slow (each answer takes seconds on a 2-core CPU): `make test` runs it, and
`make test-fast` leaves it out.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.slow
DOCQA = [sys.executable, "-m", "bot.cli"]


def run(
    args: list[str], env: dict[str, str], stdin: str | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DOCQA, *args], input=stdin, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("data")
    e = {**os.environ, "DOCQA_DATA_DIR": str(data), "DOCQA_SEEDS_DIR": str(SEEDS)}
    first = run(["index"], e)
    assert first.returncode == 0, first.stderr
    second = run(["index"], e)
    assert second.returncode == 0, second.stderr
    chunks = [int(re.search(r"(\d+) chunks", r.stdout).group(1)) for r in (first, second)]  # type: ignore[union-attr]
    assert chunks[0] == chunks[1] > 0
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in second.stdout
    return e


def ask(question: str, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    r = run(["ask", "--json", question], env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\n") == 1  # exactly one JSON object on stdout
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_putin_question_names_istanbul_and_may_15_with_a_verbatim_citation(env: dict[str, str]) -> None:
    a = ask("When and where did Putin propose direct talks with Ukraine?", env)
    assert not a["refused"]
    assert "Istanbul" in a["answer"] and "15" in a["answer"]
    assert a["citations"], a
    for c in a["citations"]:
        text = (SEEDS / c["source"]).read_text(encoding="utf-8")
        assert text[c["start"] : c["end"]] == c["quote"]
        assert f"[{c['n']}]" in a["answer"]
    assert any("Istanbul" in c["quote"] for c in a["citations"])
    assert a["model"] == "qwen2.5-coder-1.5b-instruct"
    assert a["timings"]["first_token_s"] <= a["timings"]["total_s"]


def test_unanswerable_question_is_refused(env: dict[str, str]) -> None:
    a = ask("Who won the 2018 FIFA World Cup?", env)
    assert a["refused"] and a["citations"] == []


def test_repl_through_stdin(env: dict[str, str]) -> None:
    r = run(["chat"], env, stdin="Who is Keith Kellogg?\n/sources\n/quit\n")
    assert r.returncode == 0, r.stderr
    assert "Kellogg" in r.stdout and "Sources:" in r.stdout
    assert "“" in r.stdout.split("/sources")[-1] or "“" in r.stdout  # the quotes block
