"""telemelya (a Bot API emulator) for the end-to-end tests, without Redis or MinIO.

Run as a script it is the launcher: telemelya's FastAPI app under uvicorn on
127.0.0.1, on a port the OS picks (printed as the first line of stdout), its
state in fakeredis and its media storage switched off.  Imported, it gives
:class:`Emulator`: start the launcher in a subprocess, talk to its control API,
stop it by process id.

The control API (``/api/v1/test/…``) wants a bearer token; with no AUTH_KEYS
configured any token is accepted.  Updates go to the bot by webhook only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

HEADERS = {"Authorization": "Bearer docqa-tests"}


def free_port() -> int:
    """A port free on 127.0.0.1 right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _serve() -> None:  # pragma: no cover - runs in the subprocess
    import socket

    import fakeredis
    import uvicorn
    from telemelya.server import media, state

    async def connect_state() -> None:
        state.state_manager._redis = fakeredis.FakeAsyncRedis(decode_responses=True)

    async def nothing() -> None:
        return None

    async def healthy() -> bool:
        return True

    state.state_manager.connect = connect_state  # type: ignore[method-assign]
    media.media_manager.connect = nothing  # type: ignore[method-assign]
    media.media_manager.close = nothing  # type: ignore[method-assign]
    media.media_manager.ping = healthy  # type: ignore[method-assign]

    from telemelya.server.app import app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1], flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    server.run(sockets=[sock])


class Emulator:
    """A running telemelya subprocess and a small client for its control API."""

    def __init__(self, proc: subprocess.Popen[str], port: int, log_path: Path) -> None:
        self.proc = proc
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self.http = httpx.Client(base_url=self.url, headers=HEADERS, timeout=10)

    @classmethod
    def start(cls, workdir: Path, timeout: float = 30.0) -> Emulator:
        """Launch in ``workdir`` (telemelya reads a ``.env`` from its working directory)."""
        env = {k: v for k, v in os.environ.items() if k.upper() not in ("AUTH_KEYS", "REDIS_URL")}
        env["STRICT_EDIT"] = "true"  # editing a message that was never sent is an error, as in Telegram
        log_path = workdir / "telemelya.log"
        with open(log_path, "w") as log:
            proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve())],
                cwd=workdir,
                env=env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line.isdigit():
            proc.kill()
            raise RuntimeError(f"telemelya did not start: {line!r}\n{log_path.read_text()}")
        emu = cls(proc, int(line), log_path)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if emu.http.get("/").status_code == 200:
                    return emu
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                emu.stop()
                raise RuntimeError(f"telemelya did not answer\n{log_path.read_text()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the subprocess by its process id (TERM, then KILL)."""
        self.http.close()
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    # -- the control API ---------------------------------------------------------------------------
    def send_update(self, token: str, session: str, **body: Any) -> dict[str, Any]:
        """Deliver an update to the bot's webhook: ``text=``, ``command=`` or ``callback_data=``."""
        r = self.http.post(
            "/api/v1/test/send_update",
            params={"bot_token": token},
            headers={"X-Test-Session": session},
            json=body,
        )
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        return data

    def responses(self, session: str) -> list[dict[str, Any]]:
        """Every Bot API call the bot made in this session, in order."""
        r = self.http.get("/api/v1/test/responses", headers={"X-Test-Session": session})
        r.raise_for_status()
        out: list[dict[str, Any]] = r.json()["responses"]
        return out

    def wait_for(
        self, session: str, until: Callable[[list[dict[str, Any]]], bool], timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Poll the call log until ``until(calls)`` holds; AssertionError with the log on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.responses(session)
            if until(calls):
                return calls
            if time.monotonic() > deadline:
                summary = "\n".join(f"  {c['method']} {c.get('chat_id')}: {str(c.get('text'))[:80]!r}" for c in calls)
                raise AssertionError(f"timed out after {timeout} s; calls so far:\n{summary}")
            time.sleep(0.02)


if __name__ == "__main__":  # pragma: no cover
    _serve()
