"""The whole question set on the default model, with floors that catch regressions.

The floors sit a few points under the issue's quality targets, which the
packaged 1.5B model now meets on this set (README, "Evaluation"), with room
for the answers a different llama.cpp build flips. About 20 minutes on a
2-core CPU.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow

FLOORS = {
    # Measured 2026-12-01 (eleventh session, AVX2 build; README, "Evaluation"). Builds flip
    # about three answers of 89, so each floor leaves room for that and a little more.
    "hit_at_5": 0.95,  # 1.00
    "answer_accuracy": 0.90,  # 0.98 (87 of 89); one question is 1.1 points
    "citation_precision": 0.90,  # 0.97; a wrong answer's citation is 1.3 points
    "citation_recall": 0.90,  # 1.00
    "refusal_precision": 0.88,  # 1.00: 17 of 17 refusals right; two wrong ones read 0.89
    "refusal_recall": 0.88,  # 1.00: 17 of 17; one question is 6 points, two read 0.88
}
# Russian, Ukrainian and German together: 22 of 22; one question is 4.5 points.
NON_ENGLISH_ACCURACY_FLOOR = 0.82


def test_question_set_stays_above_the_floors(tmp_path: Path) -> None:
    env = {**os.environ, "DOCQA_DATA_DIR": str(tmp_path / "data"), "DOCQA_SEEDS_DIR": str(SEEDS)}
    cli = [sys.executable, "-m", "bot.cli"]
    subprocess.run([*cli, "index", "--quiet"], env=env, check=True, timeout=300)
    out = tmp_path / "eval.json"
    r = subprocess.run(
        [*cli, "eval", "--questions", str(ROOT / "tests" / "eval" / "questions.jsonl"), "--json", str(out)],
        env=env, capture_output=True, text=True, timeout=2400, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    print(r.stdout)  # the table, for the CI log
    doc = json.loads(out.read_text())
    overall = doc["metrics"]["overall"]
    below = {k: round(overall[k], 3) for k, floor in FLOORS.items() if overall[k] < floor}
    assert not below, f"below the floors {FLOORS}: {below}"
    others = [q for q in doc["questions"] if q["lang"] != "en"]
    non_english = sum(q["correct"] for q in others) / len(others)
    assert non_english >= NON_ENGLISH_ACCURACY_FLOOR, f"non-English accuracy {non_english:.2f}"
