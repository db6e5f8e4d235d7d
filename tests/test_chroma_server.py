"""The index on a real Chroma server (`chroma run` on 127.0.0.1), including the server going away."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from index.errors import StoreUnavailable
from index.retrieval import HybridRetriever
from index.store import ChromaLocation, DocumentIndex, open_chroma
from tests.conftest import FakeEmbedder, make_index

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if not CHROMA.exists():
            pytest.fail(f"{CHROMA} is missing: chromadb installs it")
        self.proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None:
                pytest.fail(f"chroma run exited with {self.proc.returncode}")
            time.sleep(0.3)
        pytest.fail("the Chroma server did not come up in 60 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    s = ChromaServer(tmp_path / "server")
    s.start()
    yield s
    s.stop()


def _server_index(server: ChromaServer, state: Path, retry_s: float = 20.0) -> DocumentIndex:
    client = open_chroma(ChromaLocation(url=server.url))
    return DocumentIndex(client, FakeEmbedder(), state, retry_s=retry_s, where=server.url)


def test_server_index_answers_like_the_embedded_one(server: ChromaServer, tmp_path: Path, seeds_copy: Path) -> None:
    remote = _server_index(server, tmp_path / "state")
    first = remote.update([seeds_copy])
    assert len(first.added) == 2 and first.chunks > 10
    again = _server_index(server, tmp_path / "state").update([seeds_copy])
    assert again.unchanged == first.added and again.chunks == first.chunks  # idempotent on a server too

    local = make_index(tmp_path / "local")
    local.update([seeds_copy])
    q = "Who is Keith Kellogg?"
    hits = HybridRetriever(remote, top_k=4).retrieve(q)
    assert [(p.source, p.start, p.end) for p in hits] == [
        (p.source, p.start, p.end) for p in HybridRetriever(local, top_k=4).retrieve(q)
    ]


def test_server_going_away_and_coming_back(server: ChromaServer, tmp_path: Path, seeds_copy: Path) -> None:
    _server_index(server, tmp_path / "state").update([seeds_copy])
    impatient = HybridRetriever(_server_index(server, tmp_path / "state", retry_s=3.0), top_k=3)
    patient = HybridRetriever(_server_index(server, tmp_path / "state", retry_s=60.0), top_k=3)
    assert impatient.retrieve("Istanbul talks")

    server.stop()
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailable, match=r"did not answer for 3 s.*DOCQA_CHROMA_URL"):
        impatient.retrieve("Istanbul talks")
    assert time.monotonic() - t0 >= 2.5  # it retried before giving up

    # The server comes back while a question waits: the retries carry it through.
    coming_back = threading.Timer(1.0, server.start)
    coming_back.start()
    hits = patient.retrieve("Istanbul talks")
    # Its start must see the server up before teardown stops it, or it fails in its thread.
    coming_back.join(timeout=60)
    assert hits and all(p.source.endswith(".txt") for p in hits)
    assert impatient.retrieve("Istanbul talks")  # and the next question just works


def test_server_absent_at_start_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match=r"cannot open the Chroma store at http://127\.0\.0\.1"):
        open_chroma(ChromaLocation(url=f"http://127.0.0.1:{_free_port()}"))


def test_server_data_survives_a_restart(server: ChromaServer, tmp_path: Path, seeds_copy: Path) -> None:
    _server_index(server, tmp_path / "state").update([seeds_copy])
    server.stop()
    server.start()
    assert _server_index(server, tmp_path / "state").count() > 10
    # The manifest lives on the server: another machine, with no local state, sees the same index.
    assert not (tmp_path / "state").exists()
    report = _server_index(server, tmp_path / "elsewhere").update([seeds_copy])
    assert report.rebuilt_because == [] and sorted(report.unchanged) == sorted(p.name for p in seeds_copy.iterdir())
