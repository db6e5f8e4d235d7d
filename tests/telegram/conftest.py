"""Fixtures for the Telegram tests.

* ``emulator``: one telemelya process for the session (127.0.0.1, stopped by pid).
* ``run_bot``: starts our bot in webhook mode against it, in a thread with its
  own event loop; every bot gets a fresh token, port and state file; all are
  stopped at the end of the test.
* ``inproc``: the bot wired to a :class:`ScriptedRequest` (no HTTP at all),
  for what the emulator cannot check.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from tg_emulator import Emulator, free_port
from tg_fakes import DOCS, FakeAnswerer, ScriptedRequest

from bot.telegram.app import DocqaTelegram, TelegramConfig, TgApp, build_application, serve


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    emu = Emulator.start(tmp_path_factory.mktemp("telemelya"))
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def session() -> str:
    """A telemelya session of our own: the call log of this test only."""
    return uuid.uuid4().hex


class BotRunner:
    """Our bot, in webhook mode against the emulator, served from a background thread."""

    def __init__(self, emulator: Emulator, answerer: Any, state_path: Path, **overrides: Any) -> None:
        port = free_port()
        self.token = f"{port}:TEST-{uuid.uuid4().hex[:12]}"
        options: dict[str, Any] = {
            "token": self.token,
            "state_path": state_path,
            "base_url": f"{emulator.url}/bot",
            "webhook_url": f"http://127.0.0.1:{port}/telegram-hook",
            "listen": f"127.0.0.1:{port}",
            "edit_interval_s": 0.05,
            "shutdown_grace_s": 2.0,
        }
        options.update(overrides)
        self.config = TelegramConfig(**options)
        self.answerer = answerer
        self.front: DocqaTelegram | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._main, name="docqa-test-bot", daemon=True)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as e:
            self.error = e
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()

        def ready(front: DocqaTelegram) -> None:
            self.front = front
            self._ready.set()

        await serve(self.config, self.answerer, DOCS, stop=self._stop, handle_signals=False, ready=ready)

    def start(self) -> BotRunner:
        self._thread.start()
        if not self._ready.wait(20) or self.error is not None or self.front is None:
            raise RuntimeError(f"the bot did not start: {self.error!r}")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and self._thread.is_alive():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(20)
        assert not self._thread.is_alive(), "the bot did not stop"
        if self.error is not None:
            raise self.error


@pytest.fixture
def run_bot(emulator: Emulator, tmp_path: Path) -> Iterator[Callable[..., BotRunner]]:
    """``run_bot(answerer, **config)`` → a started :class:`BotRunner` (stopped after the test)."""
    runners: list[BotRunner] = []

    def start(answerer: Any, **overrides: Any) -> BotRunner:
        overrides.setdefault("state_path", tmp_path / "telegram" / "chats.json")
        state_path = overrides.pop("state_path")
        runner = BotRunner(emulator, answerer, state_path, **overrides)
        runners.append(runner)
        return runner.start()

    yield start
    for r in runners:
        r.stop()


# -- in-process ------------------------------------------------------------------------------------------
@dataclass
class InProc:
    """The bot on a scripted Bot API: feed updates, read calls, inspect sleeps."""

    app: TgApp
    front: DocqaTelegram
    request: ScriptedRequest
    answerer: FakeAnswerer
    sleeps: list[float] = field(default_factory=list)

    async def feed(self, data: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(data, self.app.bot))

    async def until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Let the loop run until ``predicate()`` holds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() > deadline:
                raise AssertionError("timed out waiting")
            await asyncio.sleep(0.01)

    async def idle(self, timeout: float = 5.0) -> None:
        """Wait until the worker has answered everything queued."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.front.queue.current is not None or self.front.queue.waiting():
            if loop.time() > deadline:
                raise AssertionError("the worker did not finish")
            await asyncio.sleep(0.01)


@contextlib.asynccontextmanager
async def inproc_bot(tmp_path: Path, answerer: FakeAnswerer | None = None, **overrides: Any) -> AsyncIterator[InProc]:
    request = ScriptedRequest()
    options: dict[str, Any] = {
        "token": "1:SCRIPTED",
        "state_path": tmp_path / "chats.json",
        "edit_interval_s": 0.0,
        "shutdown_grace_s": 1.0,
    }
    options.update(overrides)
    config = TelegramConfig(**options)
    answerer = answerer or FakeAnswerer()
    sleeps: list[float] = []

    async def record_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    app, front = build_application(config, answerer, DOCS, request=request, sleep=record_sleep)
    await app.initialize()
    front.start_worker()
    try:
        yield InProc(app, front, request, answerer, sleeps)
    finally:
        await front.stop()
        await app.shutdown()


@pytest.fixture
def inproc(tmp_path: Path) -> Callable[..., contextlib.AbstractAsyncContextManager[InProc]]:
    """``async with inproc(answerer, **config) as bot:`` inside ``asyncio.run``."""

    def make(answerer: FakeAnswerer | None = None, **overrides: Any) -> contextlib.AbstractAsyncContextManager[InProc]:
        return inproc_bot(tmp_path, answerer, **overrides)

    return make
