"""Fakes for the Telegram tests: an answerer that streams scripted pieces, and a scripted Bot API.

:class:`FakeAnswerer` returns real :class:`~bot.answerer.Answer` objects with
real :class:`~bot.answerer.Citation` and :class:`~index.types.Passage` inside,
and records every ``(question, history)`` it was asked.

:class:`ScriptedRequest` is a :class:`telegram.request.BaseRequest`: the bot's
HTTP layer replaced in-process.  It answers every Bot API call with a plausible
result, records each call in order, and can be told to fail the next calls of a
method (429 with ``retry_after``, 5xx, a 400 with a given description, or a
raised :class:`~telegram.error.TimedOut`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData

from bot.answerer import Answer, Citation, Timings, Turn
from bot.errors import QuestionError
from index.types import Passage

BOT_ID = 424242
BOT_USERNAME = "docqa_test_bot"

DOCS: dict[str, dict[str, Any]] = {
    "000_putin.txt": {
        "title": "Putin Expresses Readiness for Direct Talks with Ukraine",
        "outlet": "Orda.kz",
        "date": "2025-05-11",
    },
    "003_zelensky.txt": {"title": "Zelensky: Trump supports my trip to Istanbul"},
}
QUOTES = {
    "000_putin.txt": "We propose to begin without delay – next Thursday, May 15, in Istanbul",
    "003_zelensky.txt": "his decision to personally participate in negotiations with Russian President Vladimir "
    "Putin in Istanbul on May 15, 2025",
}


def passage(source: str) -> Passage:
    quote = QUOTES[source]
    text = f"Some context. {quote}. More context."
    return Passage(source=source, start=100, end=100 + len(text), text=text, score=0.9, metadata=dict(DOCS[source]))


def make_answer(
    question: str, text: str, *, refused: bool = False, sources: Sequence[str] = ("000_putin.txt",)
) -> Answer:
    """A real Answer citing ``sources`` as [1], [2], …"""
    citations = []
    if not refused:
        for n, source in enumerate(sources, start=1):
            p = passage(source)
            q = QUOTES[source]
            start = p.start + p.text.index(q)
            citations.append(Citation(n, source, p.title, start, start + len(q), q, p))
    return Answer(
        question=question,
        text=text,
        refused=refused,
        citations=citations,
        retrieved=[passage(s) for s in DOCS],
        timings=Timings(),
        model="fake",
    )


@dataclass
class Reply:
    pieces: list[str]
    refused: bool = False
    sources: tuple[str, ...] = ("000_putin.txt",)
    final_text: str | None = None
    """The answer's text when it differs from the streamed pieces (a late refusal)."""


def default_reply(question: str, history: Sequence[Turn]) -> Reply:
    return Reply(["Putin proposed ", "direct talks ", "in Istanbul ", "on May 15 [1]."])


class FakeStream:
    """Like :class:`bot.answerer.AnswerStream`: iterate, ``close()``, ``result()``."""

    def __init__(
        self, question: str, reply: Reply, delay_s: float, gate: threading.Event | None, forever: bool
    ) -> None:
        self.question = question
        self.reply = reply
        self.delay_s = delay_s
        self.gate = gate
        self.forever = forever
        self.closed = False
        self.finished = False
        self._gen = self._pieces()

    def _pieces(self) -> Iterator[str]:
        pieces: Iterator[str] = itertools.cycle(self.reply.pieces) if self.forever else iter(self.reply.pieces)
        for k, piece in enumerate(pieces):
            if self.delay_s:
                time.sleep(self.delay_s)
            if k == 1 and self.gate is not None and not self.gate.wait(20):
                raise TimeoutError("the test never opened the gate")
            yield piece
        self.finished = True

    def __iter__(self) -> Iterator[str]:
        return self._gen

    def close(self) -> None:
        self.closed = True
        self._gen.close()

    @property
    def cancelled(self) -> bool:
        """Closed before it had streamed everything."""
        return self.closed and not self.finished

    def result(self) -> Answer:
        for _ in self._gen:
            pass
        text = self.reply.final_text if self.reply.final_text is not None else "".join(self.reply.pieces).strip()
        return make_answer(self.question, text, refused=self.reply.refused, sources=self.reply.sources)


class FakeAnswerer:
    """Streams ``reply(question, history)`` piece by piece; records what it was asked.

    ``delay_s`` sleeps before each piece; with ``gate`` set, the second piece
    waits until the test sets the event; ``forever`` streams until closed;
    ``error`` is raised from ``stream()`` for every question.
    """

    def __init__(
        self,
        reply: Callable[[str, Sequence[Turn]], Reply] = default_reply,
        *,
        delay_s: float = 0.0,
        gate: threading.Event | None = None,
        forever: bool = False,
        error: BaseException | None = None,
    ) -> None:
        self.warmed_up = False
        self.reply = reply
        self.delay_s = delay_s
        self.gate = gate
        self.forever = forever
        self.error = error
        self.calls: list[tuple[str, list[Turn]]] = []
        self.streams: list[FakeStream] = []
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        self.warmed_up = True

    def stream(self, question: str, history: Sequence[Turn]) -> FakeStream:
        if not question.strip():
            raise QuestionError("Please type a question about the documents.")
        with self._lock:
            self.calls.append((question, list(history)))
        if self.error is not None:
            raise self.error
        s = FakeStream(question, self.reply(question, history), self.delay_s, self.gate, self.forever)
        with self._lock:
            self.streams.append(s)
        return s

    def questions(self) -> list[str]:
        with self._lock:
            return [q for q, _ in self.calls]


# -- a scripted Bot API ------------------------------------------------------------------------------
BOT_INFO = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "DocQA",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))


class ScriptedRequest(BaseRequest):
    """Answers Bot API calls in-process; ``fail(...)`` scripts the next failures of a method."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, list[tuple[int, dict[str, Any]] | BaseException]] = defaultdict(list)
        self.chat_types: dict[int, str] = {}
        self.updates: list[dict[str, Any]] = []
        """What the next getUpdates returns (long polling)."""
        self._ids = itertools.count(1000)

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> ScriptedRequest:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        self.failures[method].extend([(status, body)] * times)
        return self

    def raise_(self, method: str, error: TelegramError, times: int = 1) -> ScriptedRequest:
        self.failures[method].extend([error] * times)
        return self

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(name, params))
        if self.failures[name]:
            failure = self.failures[name].pop(0)
            if isinstance(failure, BaseException):
                raise failure
            status, body = failure
            return status, json.dumps(body).encode()
        if name == "getUpdates":
            if not self.updates:
                await asyncio.sleep(0.05)  # a long poll that found nothing
            updates, self.updates = self.updates, []
            return 200, json.dumps({"ok": True, "result": updates}).encode()
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _message(self, params: dict[str, Any], message_id: int) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        msg: dict[str, Any] = {
            "message_id": message_id,
            "from": BOT_INFO,
            "chat": {"id": chat_id, "type": self.chat_types.get(chat_id, "private")},
            "date": int(time.time()),
            "text": params.get("text", ""),
        }
        if "reply_markup" in params:
            msg["reply_markup"] = params["reply_markup"]
        return msg

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT_INFO
        if name == "sendMessage":
            return self._message(params, next(self._ids))
        if name == "editMessageText":
            return self._message(params, int(params["message_id"]))
        return True

    # -- reading the log -------------------------------------------------------------------------
    def of(self, *methods: str) -> list[Call]:
        return [c for c in self.calls if c.method in methods]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls if c.method not in ("getMe", "setMyCommands")]


# -- updates ------------------------------------------------------------------------------------------
_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def message_update(
    chat_id: int,
    text: str,
    *,
    user_id: int | None = None,
    chat_type: str = "private",
    reply_to_bot: bool = False,
) -> dict[str, Any]:
    """An Update as Telegram sends it, with command and @mention entities filled in."""
    user = {"id": user_id or chat_id, "is_bot": False, "first_name": "Tester"}
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "Test group"
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "from": user,
        "chat": chat,
        "date": int(time.time()),
        "text": text,
    }
    entities = []
    if text.startswith("/"):
        entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
    at = text.find("@" + BOT_USERNAME)
    if at >= 0 and not text.startswith("/"):
        entities.append({"type": "mention", "offset": at, "length": len(BOT_USERNAME) + 1})
    if entities:
        message["entities"] = entities
    if reply_to_bot:
        message["reply_to_message"] = {
            "message_id": 1,
            "from": BOT_INFO,
            "chat": chat,
            "date": int(time.time()),
            "text": "an earlier answer",
        }
    return {"update_id": next(_update_ids), "message": message}


def callback_update(chat_id: int, data: str, *, user_id: int | None = None, message_id: int = 1) -> dict[str, Any]:
    user = {"id": user_id or chat_id, "is_bot": False, "first_name": "Tester"}
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": f"cb{next(_update_ids)}",
            "from": user,
            "chat_instance": str(chat_id),
            "data": data,
            "message": {
                "message_id": message_id,
                "from": BOT_INFO,
                "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time()),
                "text": "an answer",
            },
        },
    }
