"""The evaluation suite's own logic: parsing, scoring, metrics, CLI shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answerer import Answerer
from bot.cli import main
from bot.evaluate import (
    EngineResult,
    EvalFileError,
    EvalQuestion,
    Report,
    is_correct_text,
    load_questions,
    metrics,
    score,
    write_report,
)
from bot.settings import Settings
from tests.conftest import ROOT, SEEDS, FakeLLM

KELLOGG = EvalQuestion(
    id="q1",
    question="Who is Keith Kellogg?",
    answerable=True,
    answers=[["special representative", "envoy"], ["Ukraine"]],
    sources=["000_c7a57708957dca49.txt"],
    evidence=["Trump’s special representative for Ukraine, Keith Kellogg"],
    lang="en",
)
PARIS = EvalQuestion("q2", "What is the capital of France?", False, [], [], [], "en")


@dataclass
class EvalApp:
    """What `docqa eval` takes from the composition root."""

    answerer: Answerer
    settings: Settings


def _span_of(text: str) -> tuple[str, int, int]:
    src = (SEEDS / "000_c7a57708957dca49.txt").read_text(encoding="utf-8")
    start = src.index(text)
    return ("000_c7a57708957dca49.txt", start, start + len(text))


def test_correctness_needs_every_group_and_ignores_case_and_accents() -> None:
    groups = [["special representative", "envoy"], ["Ukraine"]]
    assert is_correct_text("Trump's SPECIAL   representative for Ukraine", groups)
    assert not is_correct_text("Trump's envoy", groups)
    assert is_correct_text("Erdogan", [["Erdoğan"]])


def test_scoring_and_metrics() -> None:
    good = _span_of("Keith Kellogg, voiced support")
    elsewhere = _span_of("Latest news")
    outcomes = [
        score(
            KELLOGG,
            EngineResult(
                "The special representative for Ukraine [1].", False, [good], [elsewhere, good], 1.0, 2.0, 100
            ),
            SEEDS,
        ),
        score(PARIS, EngineResult("Paris [1].", False, [elsewhere], [elsewhere], 3.0, 4.0, 300), SEEDS),
    ]
    assert outcomes[0].correct and outcomes[0].hit_rank == 2 and outcomes[0].supporting_citations == 1
    assert not outcomes[1].correct
    m = metrics(outcomes)
    assert m["n"] == 2 and m["hit_at_5"] == 1.0 and m["mrr"] == 0.5
    assert m["answer_accuracy"] == 0.5
    assert m["citation_precision"] == 0.5 and m["citation_recall"] == 1.0
    assert m["refusal_recall"] == 0.0 and m["refusal_precision"] == 0.0
    assert m["prompt_tokens_mean"] == 200 and m["total_p50_s"] == 3.0
    refused = score(PARIS, EngineResult("No.", True, [], [], 1.0, 1.0, 10), SEEDS)
    assert refused.correct and metrics([refused])["refusal_precision"] == 1.0


def test_report_json_has_the_keys_other_tools_read(tmp_path: Path) -> None:
    o = score(KELLOGG, EngineResult("envoy to Ukraine", False, [], [], 1.0, 2.0, 5), SEEDS)
    d = Report("docqa", "m", [o]).to_dict()
    assert set(d) >= {"engine", "model", "metrics", "questions"}
    assert set(d["metrics"]) == {"overall", "by_lang"} and set(d["metrics"]["by_lang"]) == {"en"}
    assert set(d["metrics"]["overall"]) >= {
        "n", "hit_at_5", "mrr", "answer_accuracy", "citation_precision", "citation_recall", "refusal_precision",
        "refusal_recall", "first_token_p50_s", "first_token_p95_s", "total_p50_s", "total_p95_s",
        "prompt_tokens_mean",
    }  # fmt: skip
    q = d["questions"][0]
    assert set(q) >= {
        "id",
        "answer",
        "refused",
        "correct",
        "citations",
        "retrieved",
        "first_token_s",
        "total_s",
        "prompt_tokens",
    }
    md, png = write_report([Report("docqa", "m", [o])], tmp_path / "r")
    assert "| docqa | en | 1 |" in md.read_text() and png.read_bytes()[:4] == b"\x89PNG"


def test_our_question_file_loads() -> None:
    qs = load_questions(ROOT / "tests" / "eval" / "questions.jsonl")
    assert len(qs) >= 60 and {q.lang for q in qs} >= {"en", "ru"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('{"id": "x", "question": "q", "answerable": "yes"}', "line 2: 'answerable' must be a bool"),
        ('{"id": "x", "question": "q", "answerable": true, "answers": []}', "line 2: an answerable question needs"),
        ('{"id": "a", "question": "q", "answerable": false}', "line 2: duplicate id 'a'"),
    ],
)
def test_malformed_file_names_the_line(tmp_path: Path, line: str, message: str) -> None:
    p = tmp_path / "q.jsonl"
    p.write_text('{"id": "a", "question": "q", "answerable": false}\n' + line + "\n")
    with pytest.raises(EvalFileError, match=message):
        load_questions(p)


def test_eval_cli_writes_json_and_runs_nothing_on_a_bad_file(
    answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    app = EvalApp(answerer, Settings(data_dir=tmp_path / "d", seeds_dir=SEEDS))
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        json.dumps({**KELLOGG.__dict__}, ensure_ascii=False) + "\n" + json.dumps({**PARIS.__dict__}) + "\n",
        encoding="utf-8",
    )
    fake_llm.enqueue_answer("Trump’s special representative for Ukraine, Keith Kellogg [1].")
    fake_llm.enqueue_answer("", found=False)
    out = tmp_path / "out.json"
    r = CliRunner().invoke(main, ["eval", "--questions", str(qfile), "--json", str(out)], obj=app)
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text())
    assert d["engine"] == "docqa" and d["model"] == "fake-llm"
    assert d["metrics"]["overall"]["answer_accuracy"] == 1.0
    assert d["metrics"]["overall"]["refusal_recall"] == 1.0
    assert "| docqa | all | 2 |" in r.stdout

    qfile.write_text("{broken\n")
    calls = len(fake_llm.calls)
    r = CliRunner().invoke(main, ["eval", "--questions", str(qfile)], obj=app)
    assert r.exit_code == 1 and "line 1: not valid JSON" in r.stderr
    assert len(fake_llm.calls) == calls  # nothing ran


def test_a_saved_peer_run_is_shown_beside_a_new_run_and_scored_again(
    answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    app = EvalApp(answerer, Settings(data_dir=tmp_path / "d", seeds_dir=SEEDS))
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(json.dumps({**KELLOGG.__dict__}, ensure_ascii=False) + "\n", encoding="utf-8")
    peer = Report("llamaindex-citation", "m", [score(KELLOGG, EngineResult("A cook.", False, [], [], 9, 9, 0), SEEDS)])
    saved = peer.to_dict()
    saved["questions"][0]["correct"] = True  # a doctored or stale file: the answer is scored again
    peer_file = tmp_path / "peer.json"
    peer_file.write_text(json.dumps(saved), encoding="utf-8")
    fake_llm.enqueue_answer("Trump’s special representative for Ukraine, Keith Kellogg [1].")
    out = tmp_path / "out.json"
    args = ["eval", "--questions", str(qfile), "--json", str(out), "--beside", str(peer_file)]
    r = CliRunner().invoke(main, args, obj=app)
    assert r.exit_code == 0, r.output
    assert "| docqa | all | 1 |" in r.stdout and "| llamaindex-citation | all | 1 |" in r.stdout
    d = json.loads(out.read_text())
    assert d["engine"] == "docqa" and d["metrics"]["overall"]["answer_accuracy"] == 1.0
    [p] = d["peers"]
    assert p["engine"] == "llamaindex-citation" and p["metrics"]["overall"]["answer_accuracy"] == 0.0

    # A saved run over other questions is refused before anything runs.
    qfile.write_text(json.dumps({**PARIS.__dict__}) + "\n", encoding="utf-8")
    calls = len(fake_llm.calls)
    r = CliRunner().invoke(main, ["eval", "--questions", str(qfile), "--beside", str(peer_file)], obj=app)
    assert r.exit_code == 1 and "no outcome for 1 of these questions (q2)" in r.stderr
    assert len(fake_llm.calls) == calls


def test_the_rewritten_search_is_kept_for_each_question(answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path) -> None:
    from bot.evaluate import DocqaEngine

    ru = EvalQuestion("q3", "Кто такой Кит Келлог?", True, [["envoy"]], [], [], "ru")
    fake_llm.enqueue("Who is Keith Kellogg?").enqueue_answer("Trump’s special representative for Ukraine [1].")
    outcome = score(ru, DocqaEngine(answerer).run(ru), SEEDS)
    assert outcome.search_query == "Who is Keith Kellogg?"
    [md, _] = write_report([Report("docqa", "m", [outcome])], tmp_path)
    assert "(searched: 'Who is Keith Kellogg?')" in md.read_text(encoding="utf-8")


def test_a_withheld_answer_keeps_its_reason_and_draft_in_the_report(
    answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    from bot.evaluate import DocqaEngine

    q = EvalQuestion(
        "q4",
        "On which platform did Trump comment, according to the Orda.kz article?",
        True,
        [["Truth Social"]],
        [],
        [],
        "en",
    )
    fake_llm.enqueue_answer("Orda.kz [1]").enqueue_answer("", found=False)
    outcome = score(q, DocqaEngine(answerer).run(q), SEEDS)
    assert outcome.refused and not outcome.correct and outcome.draft == "Orda.kz [1]"
    assert outcome.withheld.startswith("the answer only repeats the question")
    [md, _] = write_report([Report("docqa", "m", [outcome])], tmp_path)
    assert "withheld: the answer only repeats the question" in md.read_text(encoding="utf-8")
