"""The benchmarks: their parts compute what they claim, and `docqa bench --json` has its keys.

Times are never asserted: benchmarks measure, they do not pass or fail on speed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.bench import generate_corpus, growth, pick
from bot.cli import main
from bot.evaluate import load_questions
from tests.conftest import ROOT, SEEDS, make_index


def test_pick_spreads_over_the_file() -> None:
    qs = load_questions(ROOT / "tests" / "eval" / "questions.jsonl")
    five = pick(qs, 5)
    assert len(five) == 5 and len({q.id for q in five}) == 5
    assert five[0].id == qs[0].id and five[-1].id != qs[4].id  # not just the first five
    assert pick(qs, 0) == qs and pick(qs, 10_000) == qs


def test_growth_exponent() -> None:
    linear = [{"chunks": 1000, "x": 2.0}, {"chunks": 100_000, "x": 200.0}]
    flat = [{"chunks": 1000, "x": 5.0}, {"chunks": 10_000, "x": 5.0}]
    assert growth(linear, "x") == pytest.approx(1.0)
    assert growth(flat, "x") == pytest.approx(0.0)
    assert math.isnan(growth(linear[:1], "x"))


def test_generated_corpus_has_about_the_chunks_asked_for(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path / "corpus", 250, ["alpha", "beta", "gamma", "delta", "talks"], per_file=100)
    assert [p.name for p in paths] == ["doc_00000.txt", "doc_00001.txt", "doc_00002.txt"]
    again = generate_corpus(tmp_path / "again", 250, ["alpha", "beta", "gamma", "delta", "talks"], per_file=100)
    assert [p.read_text() for p in paths] == [p.read_text() for p in again]  # deterministic
    report = make_index(tmp_path / "data").update([tmp_path / "corpus"])
    assert 0.85 * 250 <= report.chunks <= 1.15 * 250


@pytest.mark.llama
def test_bench_json_on_the_small_model(tmp_path: Path) -> None:
    """Every part, for real, on SmolLM2: llama.cpp, the peer, Chroma and a scale run in its own process."""
    from bot.app import App
    from bot.settings import Settings
    from tests.test_llama import smol_path

    app = App(Settings(llm_model_path=smol_path(), data_dir=tmp_path / "data", llm_context=2048), progress=False)
    app.index.update([SEEDS])
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        main,
        ["bench", "-n", "2", "--peer", "1", "--sizes", "120,300", "--json", str(out), "--report", str(tmp_path / "r")],
        obj=app,
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    assert set(doc) >= {"machine", "model", "latency", "raw_llama", "overhead_ratio_p50", "peer", "scale"}
    assert set(doc["latency"]) >= {"first_token_p50_s", "first_token_p95_s", "total_p50_s", "total_p95_s", "ready_s"}
    assert doc["raw_llama"]["prompt_tokens_per_s"] > 0 and doc["raw_llama"]["generation_tokens_per_s"] > 0
    assert doc["latency"]["n"] == 2 and doc["latency"]["ready_s"] > 0
    assert doc["peer"]["engine"] == "llamaindex-citation" and doc["peer"]["total_p50_s"] > 0
    assert set(doc["peer"]) >= {"engine", "total_p50_s", "latency_ratio_p50"}
    assert [round(s["chunks"] / 100) for s in doc["scale"]] == [1, 3]
    for s in doc["scale"]:
        assert set(s) >= {
            "chunks",
            "ingest_chunks_per_s",
            "disk_mb",
            "peak_rss_mb",
            "retrieval_p50_ms",
            "retrieval_p95_ms",
            "reindex_one_file_s",
        }
        assert s["disk_mb"] > 0 and s["peak_rss_mb"] > 50 and s["retrieval_p95_ms"] >= s["retrieval_p50_ms"] > 0
    assert "| chunks |" in result.output and (tmp_path / "r" / "bench.png").stat().st_size > 1000
