"""End to end over HTTP: our bot in webhook mode against telemelya, a Bot API emulator.

Updates go in through the emulator's control API; every Bot API call the bot
made is read back, in order, from its call log.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import os
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tg_emulator import Emulator, free_port
from tg_fakes import DOCS, QUOTES, FakeAnswerer, Reply, make_answer

from bot.answerer import Turn
from bot.telegram.app import NOT_ALLOWED, STOPPED, DocqaTelegram, TelegramConfig, serve
from bot.telegram.format import TELEGRAM_LIMIT, format_answer, html_to_text, refs_from_answer

Calls = list[dict[str, Any]]
PUTIN_SOURCE = (
    "[1] <i>Putin Expresses Readiness for Direct Talks with Ukraine</i> — Orda.kz, 2025-05-11 · "
    "<code>000_putin.txt</code>"
)


def finals(calls: Calls, chat_id: int | None = None) -> Calls:
    """Final answers: HTML messages or edits that carry a Sources block."""
    return [
        c
        for c in calls
        if c["method"] in ("sendMessage", "editMessageText")
        and c["raw"].get("parse_mode") == "HTML"
        and "<b>Sources</b>" in str(c.get("text"))
        and (chat_id is None or c["chat_id"] == chat_id)
    ]


def of_chat(calls: Calls, chat_id: int) -> Calls:
    return [c for c in calls if c.get("chat_id") == chat_id]


def quiet(emulator: Emulator, session: str, seconds: float = 0.3) -> Calls:
    """The call log once nothing more arrives for a moment."""
    before = emulator.responses(session)
    time.sleep(seconds)
    after = emulator.responses(session)
    assert after == before, "the bot kept talking"
    return after


def test_start_greets_and_lists_the_documents(
    run_bot: Any, emulator: Emulator, session: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot = run_bot(FakeAnswerer())
    assert "the bot is open to anyone" in caplog.text  # no allowed users: said at start-up
    emulator.send_update(bot.token, session, chat_id=101, command="start")
    [call] = emulator.wait_for(session, lambda cs: len(cs) == 1)
    assert call["method"] == "sendMessage" and call["raw"]["parse_mode"] == "HTML"
    for meta in DOCS.values():
        assert f"• {html.escape(meta['title'])}" in call["text"]


def test_question_streams_into_one_message_then_sources_and_quotes(
    run_bot: Any, emulator: Emulator, session: str
) -> None:
    fake = FakeAnswerer(delay_s=0.15)
    bot = run_bot(fake)
    emulator.send_update(bot.token, session, chat_id=201, text="When and where did Putin propose direct talks?")
    calls = emulator.wait_for(session, lambda cs: len(finals(cs)) == 1)

    assert calls[0]["method"] == "sendChatAction" and calls[0]["action"] == "typing"
    assert calls[1]["method"] == "sendMessage"
    message_id = calls[1]["message_id"]
    edits = calls[2:]
    assert all(c["method"] == "editMessageText" and c["message_id"] == message_id for c in edits)
    previews = [calls[1]["text"], *(c["text"] for c in edits[:-1])]
    assert len(previews) >= 3 and all(p.endswith(" …") for p in previews)
    assert all(b.startswith(a[:-2]) and a != b for a, b in itertools.pairwise(previews))

    final = edits[-1]
    assert final["raw"]["parse_mode"] == "HTML"
    assert final["text"] == "Putin proposed direct talks in Istanbul on May 15 [1].\n\n<b>Sources</b>\n" + PUTIN_SOURCE
    assert final["reply_markup"] == {"inline_keyboard": [[{"text": "Show quotes", "callback_data": "quotes:1"}]]}
    assert fake.calls == [("When and where did Putin propose direct talks?", [])]

    quote = html.escape(QUOTES["000_putin.txt"])
    emulator.send_update(bot.token, session, chat_id=201, command="sources")
    calls = emulator.wait_for(session, lambda cs: f"<blockquote>{quote}</blockquote>" in str(cs[-1].get("text")))
    assert calls[-1]["method"] == "sendMessage" and PUTIN_SOURCE in calls[-1]["text"]

    n = len(calls)
    emulator.send_update(bot.token, session, chat_id=201, callback_data="quotes:1", callback_message_id=message_id)
    calls = emulator.wait_for(session, lambda cs: len(cs) == n + 2)
    assert calls[n]["method"] == "answerCallbackQuery" and calls[n]["text"] is None
    assert calls[n + 1]["method"] == "sendMessage" and f"<blockquote>{quote}</blockquote>" in calls[n + 1]["text"]

    emulator.send_update(bot.token, session, chat_id=201, callback_data="quotes:99", callback_message_id=message_id)
    calls = emulator.wait_for(session, lambda cs: len(cs) == n + 3)
    assert calls[-1]["method"] == "answerCallbackQuery" and "too old" in calls[-1]["text"]


def test_reset_forgets_the_conversation(run_bot: Any, emulator: Emulator, session: str) -> None:
    fake = FakeAnswerer(lambda q, h: Reply([f"About {q} ", "[1]."]))
    bot = run_bot(fake)
    emulator.send_update(bot.token, session, chat_id=301, text="Who proposed talks?")
    emulator.wait_for(session, lambda cs: len(finals(cs)) == 1)
    emulator.send_update(bot.token, session, chat_id=301, text="Where?")
    emulator.wait_for(session, lambda cs: len(finals(cs)) == 2)
    emulator.send_update(bot.token, session, chat_id=301, command="reset")
    emulator.wait_for(session, lambda cs: "forgotten" in str(cs[-1].get("text")))
    emulator.send_update(bot.token, session, chat_id=301, text="And when?")
    emulator.wait_for(session, lambda cs: len(finals(cs)) == 3)

    assert fake.calls == [
        ("Who proposed talks?", []),
        ("Where?", [Turn("user", "Who proposed talks?"), Turn("assistant", "About Who proposed talks? [1].")]),
        ("And when?", []),
    ]


def test_history_survives_a_restart(run_bot: Any, emulator: Emulator, session: str) -> None:
    first = run_bot(FakeAnswerer())
    emulator.send_update(first.token, session, chat_id=351, text="Who proposed talks?")
    emulator.wait_for(session, lambda cs: len(finals(cs)) == 1)
    first.stop()

    fake = FakeAnswerer()
    second = run_bot(fake)
    emulator.send_update(second.token, session, chat_id=351, text="Where?")
    emulator.wait_for(session, lambda cs: len(finals(cs)) == 2)
    assert fake.calls[0][1][0] == Turn("user", "Who proposed talks?")


def test_unlisted_user_gets_one_polite_line(run_bot: Any, emulator: Emulator, session: str) -> None:
    fake = FakeAnswerer()
    bot = run_bot(fake, allowed_users=frozenset({401}))
    eve = {"id": 402, "first_name": "Eve"}
    emulator.send_update(bot.token, session, chat_id=402, text="When did Putin propose talks?", from_user=eve)
    emulator.send_update(bot.token, session, chat_id=402, command="start", from_user=eve)
    emulator.send_update(bot.token, session, chat_id=402, callback_data="quotes:1", from_user=eve)
    emulator.wait_for(session, lambda cs: len(cs) == 3)
    calls = quiet(emulator, session)
    # Three updates handled concurrently: their replies may come in any order.
    assert sorted((c["method"], c["text"]) for c in calls) == [
        ("answerCallbackQuery", NOT_ALLOWED),
        ("sendMessage", NOT_ALLOWED),
        ("sendMessage", NOT_ALLOWED),
    ]
    assert fake.calls == []

    emulator.send_update(bot.token, session, chat_id=401, text="When did Putin propose talks?")
    emulator.wait_for(session, lambda cs: len(finals(cs, 401)) == 1)


def test_long_answer_is_split_into_several_messages(run_bot: Any, emulator: Emulator, session: str) -> None:
    paragraphs = [
        " ".join(
            f"Sentence {p}.{k} says the talks were planned in Istanbul <on> May 15 & later [1]." for k in range(12)
        )
        for p in range(12)
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) > 2.5 * TELEGRAM_LIMIT
    bot = run_bot(FakeAnswerer(lambda q, h: Reply([text[:5000], text[5000:]])))
    emulator.send_update(bot.token, session, chat_id=501, text="Tell me at length")
    calls = emulator.wait_for(session, lambda cs: any(c.get("reply_markup") for c in cs))

    html_calls = [c for c in calls if c["raw"].get("parse_mode") == "HTML"]
    preview = next(c for c in calls if c["method"] == "sendMessage")
    assert html_calls[0]["method"] == "editMessageText" and html_calls[0]["message_id"] == preview["message_id"]
    assert [c["method"] for c in html_calls[1:]] == ["sendMessage"] * (len(html_calls) - 1)
    assert len(html_calls) >= 3 and len([c for c in calls if c["method"] == "sendMessage"]) >= 3
    assert all(len(c["text"]) <= TELEGRAM_LIMIT for c in calls if c.get("text"))
    assert html_calls[-1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "quotes:1"
    for c in html_calls[:-1]:
        assert c["text"].endswith("[1].")  # cut at a paragraph or sentence boundary

    expected = format_answer(text, refs_from_answer(make_answer("q", text)))
    squash = re.compile(r"\s+")
    assert squash.sub("", "".join(html_to_text(c["text"]) for c in html_calls)) == squash.sub(
        "", html_to_text(expected)
    )


def test_ten_chats_at_once_all_answered_in_order(run_bot: Any, emulator: Emulator, session: str) -> None:
    fake = FakeAnswerer(lambda q, h: Reply([f"Answer to {q} ", "[1]."]), delay_s=0.005)
    bot = run_bot(fake)
    chats = [600 + c for c in range(10)]

    def ask(chat_id: int) -> None:
        for k in (1, 2):
            emulator.send_update(bot.token, session, chat_id=chat_id, text=f"chat {chat_id} question {k}")

    with ThreadPoolExecutor(len(chats)) as pool:
        list(pool.map(ask, chats))
    calls = emulator.wait_for(session, lambda cs: len(finals(cs)) == 2 * len(chats), timeout=30)

    for chat_id in chats:
        answers = [c["text"] for c in finals(calls, chat_id)]
        assert [a.split(" [1]")[0] for a in answers] == [
            f"Answer to chat {chat_id} question 1",
            f"Answer to chat {chat_id} question 2",
        ]
        asked = [q for q in fake.questions() if q.startswith(f"chat {chat_id} ")]
        assert asked == [f"chat {chat_id} question 1", f"chat {chat_id} question 2"]
        assert of_chat(calls, chat_id)[0]["method"] == "sendChatAction"
    assert any("ahead of yours" in str(c.get("text")) or "You're next" in str(c.get("text")) for c in calls)


def test_commands_do_not_wait_behind_an_answer(run_bot: Any, emulator: Emulator, session: str) -> None:
    gate = threading.Event()
    fake = FakeAnswerer(gate=gate)
    bot = run_bot(fake)
    try:
        emulator.send_update(bot.token, session, chat_id=701, text="When did Putin propose talks?")
        emulator.wait_for(session, lambda cs: any(c["method"] == "sendMessage" for c in cs))
        emulator.send_update(bot.token, session, chat_id=701, command="help")
        emulator.send_update(bot.token, session, chat_id=702, command="start")
        emulator.send_update(bot.token, session, chat_id=701, command="reset")
        emulator.wait_for(session, lambda cs: "forgotten" in str(cs[-1].get("text")))
        texts = [str(c.get("text")) for c in emulator.responses(session)]
        assert any("How to use me" in t for t in texts) and any("Hello!" in t for t in texts)
        assert not fake.streams[0].finished and not finals(emulator.responses(session))
    finally:
        gate.set()
    emulator.wait_for(session, lambda cs: len(finals(cs)) == 1)


def test_webhook_secret_is_enforced(run_bot: Any, emulator: Emulator, session: str) -> None:
    fake = FakeAnswerer()
    bot = run_bot(fake, webhook_secret="s3cret-token")
    result = emulator.send_update(bot.token, session, chat_id=801, text="hello?")
    assert result["delivery"]["status_code"] == 403  # telemelya does not send the secret header
    assert quiet(emulator, session) == [] and fake.calls == []


def test_sigterm_cancels_the_answer_in_flight_and_stops_cleanly(
    emulator: Emulator, session: str, tmp_path: Path
) -> None:
    fake = FakeAnswerer(lambda q, h: Reply(["word "]), forever=True, delay_s=0.02)
    port = free_port()
    config = TelegramConfig(
        token=f"{port}:TEST-sigterm",
        state_path=tmp_path / "chats.json",
        base_url=f"{emulator.url}/bot",
        webhook_url=f"http://127.0.0.1:{port}/hook",
        listen=f"127.0.0.1:{port}",
        edit_interval_s=0.05,
        shutdown_grace_s=2.0,
    )
    failures: list[BaseException] = []
    sent: list[float] = []

    def drive() -> None:
        try:
            emulator.send_update(config.token, session, chat_id=901, text="Tell me everything")
            emulator.wait_for(session, lambda cs: any(c["method"] == "editMessageText" for c in cs))
        except BaseException as e:
            failures.append(e)
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGTERM)

    def ready(front: DocqaTelegram) -> None:
        threading.Thread(target=drive, daemon=True).start()

    async def main() -> None:
        async with asyncio.timeout(30):
            await serve(config, fake, DOCS, ready=ready)

    asyncio.run(main())
    assert not failures, failures
    assert time.monotonic() - sent[0] < 2 * config.shutdown_grace_s, "shutdown took too long"
    assert fake.streams[0].cancelled
    last = emulator.responses(session)[-1]
    assert last["method"] == "editMessageText" and last["text"].endswith(STOPPED)
