"""One model, one queue, one worker.

Every question from every chat goes into one FIFO queue served by one asyncio
worker, so the model answers one question at a time and each chat's questions
are answered in the order they arrived.  :meth:`QuestionQueue.submit` is
synchronous: a handler that calls it before its first ``await`` keeps the
arrival order even when updates are processed concurrently.

The answerer is synchronous and CPU-bound; :class:`ThreadedStream` runs it in a
daemon thread and hands its pieces to the event loop, so the loop (and with it
/start, /help, /reset) never waits for the model.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import threading
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.answerer import Answer, Turn

log = logging.getLogger(__name__)


# -- what the bot needs of an answerer -------------------------------------------------
class AnswerStreamLike(Protocol):
    """What :meth:`bot.answerer.Answerer.stream` returns: iterate for text, then ``result()``."""

    def __iter__(self) -> Iterator[str]: ...

    def close(self) -> None: ...

    def result(self) -> Answer: ...


class AnswererLike(Protocol):
    """Anything that answers like :class:`bot.answerer.Answerer` (tests pass a fake)."""

    def stream(self, question: str, history: Sequence[Turn]) -> AnswerStreamLike: ...

    def warm_up(self) -> None:
        """Get the model ready before the first question (called once at start-up)."""
        ...


# -- the queue -----------------------------------------------------------------------
_ids = itertools.count(1)


@dataclass
class Job:
    """One question waiting for the model."""

    chat_id: int
    user_id: int
    question: str
    message_id: int | None = None
    """The question's message (answers quote it in groups)."""
    quote: bool = False
    """Reply to the question's message (in groups)."""
    notice_id: int | None = None
    """The "N questions ahead of yours" message, reused for the answer."""
    typing_at: float = 0.0
    """Loop time of the last "typing…" sent for it."""
    displayed: bool = False
    """Set once the answer has a message on screen."""
    id: int = field(default_factory=lambda: next(_ids))


class QueueClosed(Exception):
    """The bot is shutting down and takes no more questions."""


class UserLimitReached(Exception):
    """This user already has as many questions waiting as allowed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"at most {limit} questions per user may wait")
        self.limit = limit


class QuestionQueue:
    """A FIFO of :class:`Job` served by one worker task calling ``handle(job)``.

    ``handle`` errors are logged with their traceback and passed to
    ``on_error(job, exc)`` (which apologises to the user); the worker goes on.
    """

    def __init__(
        self,
        handle: Callable[[Job], Awaitable[None]],
        *,
        per_user: int = 3,
        on_error: Callable[[Job, Exception], Awaitable[None]] | None = None,
    ) -> None:
        self._handle = handle
        self._on_error = on_error
        self.per_user = per_user
        self._waiting: deque[Job] = deque()
        self._pending: Counter[int] = Counter()
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.current: Job | None = None
        self.closed = False

    # -- producers -----------------------------------------------------------------
    def submit(self, job: Job) -> int:
        """Queue ``job``; returns how many questions are ahead of it (0: it starts now).

        Raises :class:`UserLimitReached` or :class:`QueueClosed`.  Never awaits.
        """
        if self.closed:
            raise QueueClosed
        if self.per_user > 0 and self._pending[job.user_id] >= self.per_user:
            raise UserLimitReached(self.per_user)
        ahead = len(self._waiting) + (self.current is not None)
        self._waiting.append(job)
        self._pending[job.user_id] += 1
        self._wakeup.set()
        return ahead

    def pending(self, user_id: int) -> int:
        """Questions of this user waiting or being answered."""
        return self._pending[user_id]

    def waiting(self) -> list[Job]:
        """Jobs not yet started, in order."""
        return list(self._waiting)

    # -- the worker ------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        """Start the worker on the running loop."""
        if self._task is None:
            self._task = asyncio.create_task(self._work(), name="docqa-question-worker")
        return self._task

    async def _work(self) -> None:
        while True:
            while not self._waiting:
                self._wakeup.clear()
                await self._wakeup.wait()
            job = self._waiting.popleft()
            self.current = job
            try:
                await self._handle(job)
            except asyncio.CancelledError:
                raise
            except Exception as e:
                log.error("answering job %d in chat %d failed", job.id, job.chat_id, exc_info=e)
                if self._on_error is not None:
                    try:
                        await self._on_error(job, e)
                    except Exception as e2:
                        log.error("could not tell chat %d about the failure", job.chat_id, exc_info=e2)
            finally:
                self.current = None
                self._release(job)

    def _release(self, job: Job) -> None:
        self._pending[job.user_id] -= 1
        if self._pending[job.user_id] <= 0:
            del self._pending[job.user_id]

    async def stop(self, timeout: float = 10.0) -> list[Job]:
        """Take no more questions, cancel the one in flight; returns the jobs that never started.

        Waits up to ``timeout`` seconds for the worker to wind up.  (``asyncio.wait``
        rather than awaiting the task: a cancellation of the caller is not swallowed.)
        """
        self.closed = True
        dropped = list(self._waiting)
        self._waiting.clear()
        for job in dropped:
            self._release(job)
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=timeout)
            if not done:
                log.warning("the question worker did not stop within %.0f s", timeout)
        return dropped


# -- the answerer in a thread ------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    text: str


@dataclass(frozen=True)
class Done:
    answer: Answer


@dataclass(frozen=True)
class Failed:
    error: BaseException


@dataclass(frozen=True)
class Cancelled:
    pass


Event = Piece | Done | Failed | Cancelled


class ThreadedStream:
    """Runs ``start()`` (an answerer's ``stream``) and iterates it in a daemon thread.

    Await :meth:`get` for the next :class:`Piece`, then a final :class:`Done`
    (or :class:`Failed`).  :meth:`cancel` makes the thread stop at the next piece
    and call the stream's ``close()`` (a generator can only be closed by the
    thread running it), after which it reports :class:`Cancelled`.
    """

    def __init__(self, start: Callable[[], AnswerStreamLike]) -> None:
        self._start = start
        self._loop = asyncio.get_running_loop()
        self._events: asyncio.Queue[Event] = asyncio.Queue()
        self._cancel = threading.Event()
        self.closed = threading.Event()
        """Set once the thread has closed the stream (or never opened one)."""
        self._thread = threading.Thread(target=self._run, name="docqa-answer", daemon=True)

    def begin(self) -> ThreadedStream:
        self._thread.start()
        return self

    def _put(self, event: Event) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is listening
            self._loop.call_soon_threadsafe(self._events.put_nowait, event)

    def _run(self) -> None:
        stream: AnswerStreamLike | None = None
        try:
            stream = self._start()
            for piece in stream:
                if self._cancel.is_set():
                    break
                if piece:
                    self._put(Piece(piece))
            if self._cancel.is_set():
                self._put(Cancelled())
                return
            self._put(Done(stream.result()))
        except BaseException as e:
            self._put(Failed(e))
        finally:
            if stream is not None:
                try:
                    stream.close()
                except Exception as e:
                    log.warning("closing the answer stream failed: %s", e)
            self.closed.set()

    async def get(self, timeout: float | None = None) -> Event | None:
        """The next event, or None when ``timeout`` seconds pass first."""
        # asyncio.timeout, not wait_for: in Python 3.11 wait_for can swallow a cancellation
        # that arrives just as the item does, and the worker would then never stop.
        try:
            async with asyncio.timeout(timeout):
                return await self._events.get()
        except TimeoutError:
            return None

    def cancel(self) -> None:
        self._cancel.set()

    async def wait_closed(self, timeout: float) -> bool:
        """Wait (without blocking the loop) until the thread has closed the stream."""
        deadline = self._loop.time() + timeout
        while not self.closed.is_set() and self._loop.time() < deadline:
            await asyncio.sleep(0.02)
        return self.closed.is_set()
