"""A bounded load on the bot through telemelya: many chats, a fixed number of questions each.

Each chat is a thread that behaves like a user who keeps at most ``window``
questions waiting: it sends its next question only once one of its earlier ones
has a final answer.  One poller thread reads the emulator's call log and wakes
the chats; nothing here looks inside the bot.

Every question carries an id (``q<chat>-<k>``) and the scripted answer repeats
it, so the final answers can be matched to questions and their order checked.

Used by ``test_tg_load.py`` (which asserts) and ``benchmarks/telegram_load.py``
(which prints the figures).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import re
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from tg_emulator import Emulator
from tg_fakes import FakeAnswerer, Reply

from bot.answerer import Turn

Calls = list[dict[str, Any]]
QUESTION = re.compile(r"^q(\d+)-(\d+):")
ANSWER = re.compile(r"Answer to q(\d+)-(\d+) ")


def question(chat_id: int, k: int) -> str:
    return f"q{chat_id}-{k}: When and where did Putin propose direct talks?"


def load_reply(q: str, history: Sequence[Turn]) -> Reply:
    """The scripted answer names its question, so order and duplicates can be checked."""
    m = QUESTION.match(q)
    qid = f"q{m.group(1)}-{m.group(2)}" if m else "q?-?"
    return Reply([f"Answer to {qid} ", "says talks ", "were proposed ", "in Istanbul [1]."])


def load_answerer(delay_s: float = 0.01) -> FakeAnswerer:
    """A fake model that takes ``4 × delay_s`` per answer, so questions really wait in line."""
    return FakeAnswerer(load_reply, delay_s=delay_s)


def is_final(call: dict[str, Any]) -> bool:
    """A final answer: an HTML message or edit that carries the Sources block."""
    return (
        call["method"] in ("sendMessage", "editMessageText")
        and call.get("raw", {}).get("parse_mode") == "HTML"
        and "<b>Sources</b>" in str(call.get("text"))
    )


def final_ids(calls: Calls, chat_id: int) -> list[int]:
    """The question numbers of this chat's final answers, in the order they were sent."""
    out = []
    for c in calls:
        if c.get("chat_id") == chat_id and is_final(c):
            m = ANSWER.search(str(c.get("text")))
            # An answer that names another chat's question is recorded as -1: never right.
            out.append(int(m.group(2)) if m and int(m.group(1)) == chat_id else -1)
    return out


def rss_bytes() -> int:
    """This process's resident set size (Linux ``VmRSS``) after a full garbage collection.

    ``malloc_trim(0)`` first hands freed heap pages back to the system (glibc), so
    that what is read is memory still in use rather than the allocator's high-water mark.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


@dataclass
class LoadResult:
    chats: list[int]
    sent: dict[int, list[int]]
    """Per chat, the question numbers sent, in order."""
    wall_s: float
    """From the first question sent to the last final answer seen."""
    errors: list[BaseException] = field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(len(v) for v in self.sent.values())

    @property
    def answers_per_s(self) -> float:
        """Questions answered per second (every chat waited for all its answers)."""
        return self.questions / self.wall_s if self.wall_s > 0 else 0.0


def settled_calls(emulator: Emulator, session: str, quiet_s: float = 0.3, timeout: float = 10.0) -> Calls:
    """The call log once nothing new has arrived for ``quiet_s`` (a late duplicate or stray note included)."""
    deadline = time.monotonic() + timeout
    calls = emulator.responses(session)
    while True:
        time.sleep(quiet_s)
        again = emulator.responses(session)
        if len(again) == len(calls) or time.monotonic() > deadline:
            return again
        calls = again


class _Watcher:
    """Polls the emulator's call log; chats wait on it for their answers."""

    def __init__(self, emulator: Emulator, session: str, chats: Sequence[int], interval: float) -> None:
        self.emulator = emulator
        self.session = session
        self.chats = list(chats)
        self.interval = interval
        self.answered: dict[int, int] = dict.fromkeys(chats, 0)
        self.base: dict[int, int] = {}
        """Answers each chat already had when the watcher started (an earlier run in the session)."""
        self.cond = threading.Condition()
        self.done = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="tg-load-watcher", daemon=True)

    def start(self) -> _Watcher:
        self.poll()
        self.base = dict(self.answered)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.done.set()
        self._thread.join(10)

    def poll(self) -> None:
        calls = self.emulator.responses(self.session)
        counts = dict.fromkeys(self.chats, 0)
        for c in calls:
            chat = c.get("chat_id")
            if chat in counts and is_final(c):
                counts[chat] += 1
        with self.cond:
            self.answered = counts
            self.cond.notify_all()

    def _run(self) -> None:
        while not self.done.is_set():
            try:
                self.poll()
            except BaseException as e:  # reported by the chats that wait on us
                with self.cond:
                    self.error = e
                    self.cond.notify_all()
                return
            self.done.wait(self.interval)

    def wait_answers(self, chat_id: int, count: int, deadline: float, doing: str) -> None:
        """Block until ``chat_id`` has ``count`` final answers more than when the watcher started."""
        with self.cond:
            while (got := self.answered[chat_id] - self.base[chat_id]) < count:
                if self.error is not None:
                    raise RuntimeError("the call-log watcher failed") from self.error
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"chat {chat_id}: {got} of {count} answers came in time ({doing})")
                self.cond.wait(min(left, 1.0))


def run_load(
    emulator: Emulator,
    token: str,
    session: str,
    chats: Sequence[int],
    questions: Sequence[int],
    *,
    window: int = 3,
    timeout: float = 120.0,
    poll_s: float = 0.05,
) -> LoadResult:
    """Every chat sends question numbers ``questions`` in order, at most ``window`` unanswered at a time.

    Returns once every chat has a final answer for each question it sent in this
    call; a chat that fails (a timeout, an HTTP error) is listed in ``errors``.
    The call log is not kept, so that memory read afterwards is the bot's: read it
    with :func:`settled_calls`.
    """
    watcher = _Watcher(emulator, session, chats, poll_s).start()
    sent: dict[int, list[int]] = {chat: [] for chat in chats}
    deadline = time.monotonic() + timeout
    errors: list[BaseException] = []

    def chat_loop(chat_id: int) -> None:
        try:
            for n, k in enumerate(questions):
                # Question n goes only while fewer than `window` of this chat's questions are unanswered.
                watcher.wait_answers(chat_id, n - window + 1, deadline, f"before sending question {k}")
                emulator.send_update(
                    token,
                    session,
                    chat_id=chat_id,
                    text=question(chat_id, k),
                    from_user={"id": chat_id, "first_name": f"User {chat_id}"},
                )
                sent[chat_id].append(k)
            watcher.wait_answers(chat_id, len(questions), deadline, f"after sending questions {sent[chat_id]}")
        except BaseException as e:
            errors.append(e)

    start = time.monotonic()
    try:
        with ThreadPoolExecutor(len(chats), thread_name_prefix="tg-load-chat") as pool:
            list(pool.map(chat_loop, chats))
        wall = time.monotonic() - start
    finally:
        watcher.stop()
    return LoadResult(list(chats), sent, wall, errors)


@dataclass
class Figures:
    """What the load test reports."""

    chats: int
    rounds: int
    questions: int
    answers: int
    wall_s: float
    rss_start: int
    rss_end: int
    calls: int

    @property
    def answers_per_s(self) -> float:
        return self.answers / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def growth(self) -> int:
        return self.rss_end - self.rss_start

    def table(self) -> str:
        mb = 1024 * 1024
        rows = [
            ("chats", f"{self.chats}"),
            ("rounds (questions per chat)", f"{self.rounds}"),
            ("questions sent / final answers", f"{self.questions} / {self.answers}"),
            ("Bot API calls seen by the emulator", f"{self.calls}"),
            ("wall time", f"{self.wall_s:.1f} s"),
            ("answers per second", f"{self.answers_per_s:.1f}"),
            ("RSS after warm-up / at end", f"{self.rss_start / mb:.1f} MB / {self.rss_end / mb:.1f} MB"),
            ("RSS growth", f"{self.growth / mb:+.2f} MB"),
        ]
        width = max(len(a) for a, _ in rows)
        lines = [f"| {'figure':<{width}} | value |", f"|{'-' * (width + 2)}|---|"]
        lines += [f"| {a:<{width}} | {b} |" for a, b in rows]
        return "\n".join(lines)
