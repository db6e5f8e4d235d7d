"""The bot on a scripted Bot API (a custom ``BaseRequest``): what the emulator cannot check.

Flood control and server errors retried with backoff, "message is not
modified", rejected HTML and its plain-text fallback, groups, the per-user
limit, errors in the answerer, shutdown in the middle of an answer.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import pytest
from telegram.error import InvalidToken, TimedOut
from tg_fakes import BOT_USERNAME, DOCS, FakeAnswerer, Reply, ScriptedRequest, callback_update, message_update

from bot.errors import GenerationError
from bot.telegram.app import NOT_ALLOWED, RESTARTING, SORRY, STOPPED, RedactSecrets, TelegramConfig, serve
from bot.telegram.format import html_to_text

HELP = "/help"


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 20))


def errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- retries ---------------------------------------------------------------------------------------------
def test_retry_after_waits_as_told_then_succeeds(inproc: Any) -> None:
    async def go() -> None:
        async with inproc() as bot:
            bot.request.fail("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
            await bot.feed(message_update(5, HELP))
            sends = bot.request.of("sendMessage")
            assert len(sends) == 2 and sends[0].params == sends[1].params
            assert bot.sleeps == [3.0]

    run(go())


def test_server_errors_and_timeouts_back_off_exponentially(inproc: Any, caplog: pytest.LogCaptureFixture) -> None:
    async def go() -> None:
        async with inproc() as bot:
            bot.request.fail("sendMessage", 500, "Internal Server Error").fail("sendMessage", 502, "Bad Gateway")
            bot.request.raise_("sendMessage", TimedOut())
            await bot.feed(message_update(5, HELP))
            assert len(bot.request.of("sendMessage")) == 4
            assert bot.sleeps == [1.0, 2.0, 4.0]
            assert not errors(caplog)

    run(go())


def test_persistent_failure_is_logged_with_traceback_and_the_bot_goes_on(
    inproc: Any, caplog: pytest.LogCaptureFixture
) -> None:
    async def go() -> None:
        async with inproc() as bot:
            bot.request.fail("sendMessage", 500, "Internal Server Error", times=5)
            await bot.feed(message_update(5, HELP))
            assert len(bot.request.of("sendMessage")) == 6  # five tries, then the apology
            assert bot.request.of("sendMessage")[-1].text == SORRY
            [record] = errors(caplog)
            assert record.exc_info is not None
            await bot.feed(message_update(5, HELP))
            assert "How to use me" in bot.request.of("sendMessage")[-1].text

    run(go())


def test_bad_request_is_not_retried(inproc: Any, caplog: pytest.LogCaptureFixture) -> None:
    async def go() -> None:
        async with inproc() as bot:
            bot.request.fail("sendMessage", 400, "Bad Request: chat not found")
            await bot.feed(message_update(5, HELP))
            assert bot.sleeps == []
            assert [c.text for c in bot.request.of("sendMessage")][-1] == SORRY
            assert len(errors(caplog)) == 1

    run(go())


# -- edits and formatting ----------------------------------------------------------------------------------
def test_message_not_modified_is_ignored_silently(inproc: Any, caplog: pytest.LogCaptureFixture) -> None:
    async def go() -> None:
        async with inproc() as bot:
            bot.request.fail(
                "editMessageText",
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
                times=2,
            )
            await bot.feed(message_update(5, "When did Putin propose talks?"))
            await bot.idle()
            final = bot.request.of("editMessageText")[-1]
            assert final.params["parse_mode"] == "HTML" and "<b>Sources</b>" in final.text
            assert SORRY not in [c.text for c in bot.request.of("sendMessage")]
            assert bot.sleeps == [] and not errors(caplog)

    run(go())


def test_rejected_html_falls_back_to_plain_text(inproc: Any) -> None:
    async def go() -> None:
        answerer = FakeAnswerer(lambda q, h: Reply(["Istanbul, May 15 [1]."]))
        async with inproc(answerer) as bot:
            await bot.feed(message_update(5, "Where?"))
            await bot.idle()
            html_edit = bot.request.of("editMessageText")[-1]
            assert html_edit.params["parse_mode"] == "HTML"
            # Now the same answer again, with Telegram refusing its HTML.
            bot.request.fail("editMessageText", 400, "Bad Request: can't parse entities: unsupported start tag")
            await bot.feed(message_update(5, "Where?"))
            await bot.idle()
            rejected, plain = bot.request.of("editMessageText")[-2:]
            assert rejected.params["parse_mode"] == "HTML"
            assert "parse_mode" not in plain.params
            assert plain.text == html_to_text(rejected.text)
            assert "<b>" not in plain.text and "Sources" in plain.text
            assert plain.params["reply_markup"] == rejected.params["reply_markup"]
            # The same for a new message.
            bot.request.fail("sendMessage", 400, "Bad Request: can't parse entities: can't find end tag")
            await bot.feed(message_update(5, "/start"))
            rejected, plain = bot.request.of("sendMessage")[-2:]
            assert rejected.params["parse_mode"] == "HTML" and "parse_mode" not in plain.params
            assert plain.text == html_to_text(rejected.text) and "Hello!" in plain.text

    run(go())


def test_refusal_is_said_plainly_even_after_streaming(inproc: Any) -> None:
    refusal = "The documents don't contain the answer to that question."

    async def go() -> None:
        answerer = FakeAnswerer(lambda q, h: Reply(["It might be ", "Paris."], refused=True, final_text=refusal))
        async with inproc(answerer) as bot:
            await bot.feed(message_update(5, "Where is the Eiffel tower?"))
            await bot.idle()
            final = bot.request.of("editMessageText")[-1]
            assert html_to_text(final.text) == refusal
            assert "reply_markup" not in final.params and "Sources" not in final.text
            await bot.feed(message_update(5, "/sources"))
            assert bot.request.of("sendMessage")[-1].text == "The last answer cites nothing."

    run(go())


def test_a_deleted_answer_message_is_replaced_by_a_new_one(inproc: Any, caplog: pytest.LogCaptureFixture) -> None:
    async def go() -> None:
        async with inproc() as bot:
            bot.request.fail("editMessageText", 400, "Bad Request: message to edit not found")
            await bot.feed(message_update(5, "When did Putin propose talks?"))
            await bot.idle()
            first, second = (c for c in bot.request.calls if c.method == "sendMessage")
            assert first.text == "Putin proposed …" and second.text.startswith("Putin proposed direct talks")
            final = bot.request.of("editMessageText")[-1]
            assert final.params["message_id"] == 1001 and "<b>Sources</b>" in final.text
            assert not errors(caplog)

    run(go())


def test_long_polling_mode(tmp_path: Any) -> None:
    request = ScriptedRequest()
    request.updates = [message_update(5, "/start")]
    config = TelegramConfig(token="1:POLLING", state_path=tmp_path / "chats.json")

    async def go() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(
            serve(config, FakeAnswerer(), DOCS, stop=stop, handle_signals=False, request=request)
        )
        while not request.of("sendMessage"):
            await asyncio.sleep(0.01)
        stop.set()
        await task

    run(go())
    methods = [c.method for c in request.calls]
    assert "deleteWebhook" in methods and "setWebhook" not in methods and "getUpdates" in methods
    [menu] = request.of("setMyCommands")
    assert [c["command"] for c in menu.params["commands"]] == ["start", "help", "sources", "reset"]
    assert "Hello!" in request.of("sendMessage")[0].text


# -- groups --------------------------------------------------------------------------------------------------
def test_in_groups_only_mentions_replies_and_our_commands_are_answered(inproc: Any) -> None:
    group = -1001

    async def go() -> None:
        async with inproc() as bot:
            bot.request.chat_types[group] = "supergroup"
            await bot.feed(message_update(group, "just chatting about Istanbul", user_id=7, chat_type="supergroup"))
            await bot.feed(message_update(group, "/start@some_other_bot", user_id=7, chat_type="supergroup"))
            assert bot.request.methods() == []

            question = message_update(
                group, f"@{BOT_USERNAME} when did Putin propose talks?", user_id=7, chat_type="supergroup"
            )
            await bot.feed(question)
            await bot.idle()
            assert bot.answerer.questions() == ["when did Putin propose talks?"]
            first = bot.request.of("sendMessage")[0]
            assert first.params["reply_parameters"]["message_id"] == question["message"]["message_id"]

            await bot.feed(message_update(group, "and where?", user_id=7, chat_type="supergroup", reply_to_bot=True))
            await bot.idle()
            assert bot.answerer.questions()[-1] == "and where?"

            await bot.feed(message_update(group, f"/help@{BOT_USERNAME}", user_id=7, chat_type="supergroup"))
            assert "How to use me" in bot.request.of("sendMessage")[-1].text

    run(go())


def test_unlisted_users_get_one_polite_line(inproc: Any) -> None:
    async def go() -> None:
        async with inproc(allowed_users=frozenset({1})) as bot:
            await bot.feed(message_update(66, "When did Putin propose talks?"))
            await bot.feed(message_update(66, "/start"))
            await bot.feed(callback_update(66, "quotes:1"))
            await bot.feed(message_update(-5, "chatter", user_id=66, chat_type="group"))  # not for us: silence
            assert bot.request.methods() == ["sendMessage", "sendMessage", "answerCallbackQuery"]
            assert [c.text for c in bot.request.of("sendMessage")] == [NOT_ALLOWED, NOT_ALLOWED]
            assert bot.request.of("answerCallbackQuery")[0].text == NOT_ALLOWED
            assert bot.answerer.calls == []

    run(go())


# -- load ----------------------------------------------------------------------------------------------------
def test_place_in_line_and_per_user_limit(inproc: Any) -> None:
    gate = threading.Event()

    async def go() -> None:
        answerer = FakeAnswerer(lambda q, h: Reply([f"Answer to {q} ", "[1]."]), gate=gate)
        async with inproc(answerer, per_user_queue=2) as bot:
            await bot.feed(message_update(5, "question 1"))
            await bot.until(lambda: any(c.text.startswith("Answer to question 1") for c in bot.request.calls))
            for k in (2, 3):
                await bot.feed(message_update(5, f"question {k}"))
            await bot.feed(message_update(6, "question from six"))
            texts = [c.text for c in bot.request.of("sendMessage")]
            assert any(t.startswith("You're next") for t in texts)
            assert "You already have 2 questions waiting. Please wait for those answers before asking more." in texts
            assert any(t.startswith("You're in line: 2 questions are ahead of yours") for t in texts)
            # /help does not wait behind the answer in flight.
            await bot.feed(message_update(7, HELP))
            assert "How to use me" in bot.request.of("sendMessage")[-1].text
            assert not answerer.streams[0].finished
            gate.set()
            await bot.idle()
            assert answerer.questions() == ["question 1", "question 2", "question from six"]
            # A queued answer replaces its place-in-line notice.
            notice = next(c for c in bot.request.of("sendMessage") if c.text.startswith("You're next"))
            notice_id = 1000 + bot.request.of("sendMessage").index(notice)
            edits = [c for c in bot.request.of("editMessageText") if c.params["message_id"] == notice_id]
            assert edits and "Answer to question 2" in edits[-1].text

    run(go())


def test_answerer_errors(inproc: Any, caplog: pytest.LogCaptureFixture) -> None:
    async def go() -> None:
        async with inproc(FakeAnswerer(error=RuntimeError("boom"))) as bot:
            await bot.feed(message_update(5, "question"))
            await bot.idle()
            assert bot.request.of("sendMessage")[-1].text == SORRY
            [record] = errors(caplog)
            assert record.exc_info is not None and "boom" in str(record.exc_info[1])
            # A user-facing error is said as it is, not logged as a failure.
            bot.answerer.error = GenerationError("The model failed while answering; please try again.")
            await bot.feed(message_update(5, "question"))
            await bot.idle()
            assert bot.request.of("sendMessage")[-1].text == "The model failed while answering; please try again."
            assert len(errors(caplog)) == 1
            bot.answerer.error = None
            await bot.feed(message_update(5, "question"))
            await bot.idle()
            assert "<b>Sources</b>" in bot.request.of("editMessageText")[-1].text

    run(go())


def test_shutdown_cancels_the_answer_in_flight(inproc: Any) -> None:
    async def go() -> None:
        answerer = FakeAnswerer(lambda q, h: Reply(["word "]), forever=True, delay_s=0.01)
        async with inproc(answerer) as bot:
            await bot.feed(message_update(5, "Tell me everything"))
            await bot.feed(message_update(6, "And me"))
            await bot.until(lambda: bool(bot.request.of("editMessageText")))
            await bot.front.stop()
            assert answerer.streams[0].cancelled
            assert len(answerer.streams) == 1
            assert bot.request.of("editMessageText")[-1].text.endswith(STOPPED)
            assert bot.request.of("sendMessage")[-1].params["chat_id"] == 6
            assert bot.request.of("sendMessage")[-1].text == RESTARTING

    run(go())


def test_token_is_redacted_from_logs() -> None:
    token = "123456:ABC-secret-token"
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    handler.addFilter(RedactSecrets(token))
    logger = logging.getLogger("docqa-test-redact")
    logger.addHandler(handler)
    try:
        logger.warning("calling https://api.telegram.org/bot%s/getMe", token)
        try:
            raise RuntimeError(f"failed at /bot{token}/sendMessage")
        except RuntimeError as e:
            logger.error("oops", exc_info=e)
    finally:
        logger.removeHandler(handler)
    assert records and all(token not in r for r in records)
    assert "<redacted>" in records[0] and "<redacted>" in records[1]


def test_a_rejected_token_stops_start_up(tmp_path: Any) -> None:
    request = ScriptedRequest().fail("getMe", 401, "Unauthorized")
    config = TelegramConfig(token="1:WRONG", state_path=tmp_path / "chats.json")
    with pytest.raises(InvalidToken):
        run(serve(config, FakeAnswerer(), DOCS, handle_signals=False, request=request))
