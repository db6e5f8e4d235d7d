"""The CLI and the REPL, driven like a user would: through argv and stdin."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answerer import Answerer
from bot.cli import main
from bot.settings import Settings
from tests.conftest import FakeLLM

Q = "When and where did Putin propose direct talks with Ukraine?"


@dataclass
class FakeApp:
    answerer: Answerer
    settings: Settings


def _app(answerer: Answerer, tmp_path: Path) -> FakeApp:
    return FakeApp(answerer, Settings(data_dir=tmp_path / "data"))


def test_ask_json_prints_exactly_one_object(answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.enqueue_answer("In Istanbul on May 15 [1].")
    result = CliRunner().invoke(main, ["ask", "--json", Q], obj=_app(answerer, tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["question"] == Q and data["answer"] == "In Istanbul on May 15 [1]." and not data["refused"]
    assert data["citations"][0]["n"] == 1


def test_ask_text_shows_sources(answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.enqueue_answer("In Istanbul on May 15 [1].")
    result = CliRunner().invoke(main, ["ask", Q], obj=_app(answerer, tmp_path))
    assert result.exit_code == 0
    assert "In Istanbul on May 15 [1]." in result.output
    assert "Sources:\n  [1] Putin Expresses Readiness" in result.output
    assert "000_c7a57708957dca49.txt, chars" in result.output


def test_ask_bad_question_is_one_clear_line(answerer: Answerer, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "   "], obj=_app(answerer, tmp_path))
    assert result.exit_code == 1
    assert result.stderr.strip() == "docqa: Please type a question about the documents."
    assert "Traceback" not in result.output


def test_repl_session(answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.enqueue_answer("In Istanbul on May 15 [1].")
    fake_llm.enqueue("What did Putin propose about a ceasefire?")  # the follow-up's rewrite
    fake_llm.enqueue_answer("A ceasefire without preconditions [1].")
    fake_llm.enqueue_answer("", found=False)
    stdin = (
        "\n".join(
            [
                Q,
                "/sources",
                "And the ceasefire?",
                "/reset",
                "What is the capital of France?",
                "",
                "/bogus",
                "/help",
                "/quit",
                "never read",
            ]
        )
        + "\n"
    )
    result = CliRunner().invoke(main, ["chat"], input=stdin, obj=_app(answerer, tmp_path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "In Istanbul on May 15 [1]." in out and "Sources:" in out
    assert "“We propose to begin without delay – next Thursday, May 15, in Istanbul" in out  # /sources quote
    # The follow-up carried the history into the rewrite; after /reset nothing is carried.
    assert Q in fake_llm.calls[1]["messages"][0]["content"]
    assert len(fake_llm.calls) == 4  # no rewrite after /reset
    assert "Conversation forgotten." in out
    assert "The documents don't contain the answer" in out
    assert "Unknown command /bogus" in out and "/sources" in out
    assert fake_llm.replies == []
    # The fixed prompt prefix was processed before the first question.
    assert fake_llm.prefilled and fake_llm.prefilled[0][:-1] == answerer.prefix_messages()


def test_repl_survives_a_bad_question(answerer: Answerer, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["chat"], input="a" * 5000 + "\n/quit\n", obj=_app(answerer, tmp_path))
    assert result.exit_code == 0
    assert "5,000 characters long; the limit is 2,000" in result.output


def test_index_command_reports_and_is_idempotent(tmp_path: Path, seeds_copy: Path) -> None:
    from tests.conftest import make_index

    @dataclass
    class IndexApp:
        settings: Settings
        index: object

    app = IndexApp(Settings(data_dir=tmp_path / "d", seeds_dir=seeds_copy), make_index(tmp_path / "d"))
    first = CliRunner().invoke(main, ["index"], obj=app)
    assert first.exit_code == 0 and "2 added" in first.output
    second = CliRunner().invoke(main, ["index"], obj=app)
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in second.output
    assert first.output.split("; ")[1] == second.output.split("; ")[1]  # same chunk count
    (seeds_copy / "bin.txt").write_bytes(b"\x00\x00")
    third = CliRunner().invoke(main, ["index"], obj=app)
    assert third.exit_code == 1 and "skipped" in third.stderr and "bin.txt" in third.stderr


def test_ctrl_c_cancels_the_answer_not_the_session(
    answerer: Answerer, fake_llm: FakeLLM, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.repl import run_repl

    fake_llm.enqueue_answer("A long answer about Istanbul " * 20)
    fake_llm.enqueue_answer("In Istanbul [1].")
    real_stream = answerer.stream

    class Interrupting:
        """Streams two pieces, then behaves like a user pressing Ctrl-C."""

        def __init__(self, inner: object) -> None:
            self.inner = inner
            self.closed = False

        def __iter__(self):  # type: ignore[no-untyped-def]
            for i, piece in enumerate(self.inner):  # type: ignore[attr-defined]
                if i == 2:
                    raise KeyboardInterrupt
                yield piece

        def close(self) -> None:
            self.closed = True
            self.inner.close()  # type: ignore[attr-defined]

    streams: list[Interrupting] = []

    def stream_once_interrupted(q: str, h: object) -> object:
        s = real_stream(q, h)  # type: ignore[arg-type]
        if not streams:
            streams.append(Interrupting(s))
            return streams[0]
        return s

    answerer.stream = stream_once_interrupted  # type: ignore[method-assign,assignment]
    lines = iter(["first question?", "second question?", "/quit"])
    run_repl(answerer, read=lambda _: next(lines))
    text = capsys.readouterr().out
    assert "[answer cancelled]" in text
    assert streams[0].closed
    assert "In Istanbul [1]." in text  # the session went on to the next question


def test_repl_marks_an_answer_withdrawn_after_it_streamed(
    answerer: Answerer, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # Streamed, then judged beside the question: the terminal cannot unprint it, so it says so.
    fake_llm.enqueue_answer("Several dozen Russian drones entered Ukrainian airspace on May 12 [1].")
    fake_llm.enqueue_answer("", found=False)  # nor does a second look find a count of the dead
    stdin = "How many people were killed in the drone attacks on May 12?\n/quit\n"
    out = CliRunner().invoke(main, ["chat"], input=stdin, obj=_app(answerer, tmp_path)).output
    _, shown, after = out.partition("Several dozen Russian drones entered Ukrainian airspace on May 12 [1].")
    assert shown and after.startswith("\n[withdrawn: the answer counts something other than what was asked]\n")
    assert "The documents don't contain the answer" in after and "Sources:" not in after
