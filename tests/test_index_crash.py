"""Indexing is atomic from the reader's side.

The real ``docqa index`` (real embedder, Chroma on disk) is killed with
SIGKILL at each step of an update (``DOCQA_FAILPOINT``).  Afterwards the index
must hold exactly the previous version or exactly the new one, never a mix, and
still answer; the next run must complete the work and leave nothing behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from index.errors import IndexIncompatible
from index.retrieval import HybridRetriever
from index.store import DocumentIndex
from tests.conftest import SEEDS, make_index

DOCQA = Path(sys.executable).parent / "docqa"
CHANGED = "000_c7a57708957dca49.txt"
FACT_V1 = "The delegations were served tea in the Dolmabahce Palace by a steward named Orhan Yilmaz."
FACT_V2 = "The delegations were served coffee in the Ciragan Palace by a steward named Kemal Aydin."

Snap = list[tuple[str, int, int, str]]


def _write_corpus(root: Path, version: int) -> Path:
    root.mkdir(parents=True)
    for f in SEEDS.iterdir():
        shutil.copy(f, root / f.name)
    changed = root / CHANGED
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n" + (FACT_V1 if version == 1 else FACT_V2) + "\n", encoding="utf-8"
    )
    if version == 1:
        (root / "c_removed_later.txt").write_text("A note that the second version drops. " * 40, encoding="utf-8")
    else:
        (root / "d_added_later.txt").write_text("A note that the second version adds. " * 40, encoding="utf-8")
    return root


def _run_index(data: Path, corpus: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DOCQA_DATA_DIR": str(data), **env}
    return subprocess.run(
        [str(DOCQA), "index", "--quiet", str(corpus)], env=full, capture_output=True, text=True, timeout=300
    )


def _open(data: Path, embedder: Any, **kw: Any) -> DocumentIndex:
    # A copy, opened once: chromadb caches a directory's state per process.
    copy = data.parent / f"read-{uuid.uuid4().hex[:8]}"
    shutil.copytree(data, copy)
    return make_index(copy, embedder, **kw)


def _snapshot(idx: DocumentIndex) -> Snap:
    return [(p.source, p.start, p.end, p.text) for p in idx.passages()]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, minilm: Any) -> dict[str, Any]:
    """Both corpora, the first indexed by ``docqa index``, and what each version looks like."""
    root = tmp_path_factory.mktemp("crash")
    v1, v2 = _write_corpus(root / "v1", 1), _write_corpus(root / "v2", 2)
    done = _run_index(root / "pristine", v1)
    assert done.returncode == 0, done.stderr
    expected_v2 = make_index(root / "expected-v2", minilm)
    expected_v2.update([v2])
    return {
        "v1": v1,
        "v2": v2,
        "pristine": root / "pristine",
        "snap_v1": _snapshot(_open(root / "pristine", minilm)),
        "snap_v2": _snapshot(expected_v2),
    }


@pytest.mark.parametrize(
    ("point", "committed"),
    [("before-add", False), ("after-first-add", False), ("before-commit", False), ("after-commit", True)],
)
def test_killed_update_leaves_a_whole_index_and_the_next_run_finishes(
    world: dict[str, Any], minilm: Any, tmp_path: Path, point: str, committed: bool
) -> None:
    data = tmp_path / "data"
    shutil.copytree(world["pristine"], data)

    killed = _run_index(data, world["v2"], DOCQA_FAILPOINT=point)
    assert killed.returncode == -signal.SIGKILL, f"the failpoint {point} was not reached: {killed.stderr}"

    after_kill = _open(data, minilm)
    assert _snapshot(after_kill) == world["snap_v2" if committed else "snap_v1"]
    hits = HybridRetriever(after_kill, top_k=2).retrieve("Which palace served the delegations and who was the steward?")
    assert hits and hits[0].source == CHANGED
    assert (FACT_V2 if committed else FACT_V1) in hits[0].text

    finished = _run_index(data, world["v2"])
    assert finished.returncode == 0, finished.stderr
    final = _open(data, minilm)
    assert _snapshot(final) == world["snap_v2"]
    # Nothing left over: the data collection holds this commit and the one before it, no more.
    manifest = final.manifest()
    assert manifest is not None
    stored = final._client.get_collection(manifest.collection).get(include=["metadatas"])["metadatas"]
    allowed = set(manifest.keys) | set(manifest.previous.get("keys") or [])
    assert {m["doc_key"] for m in stored} <= allowed


def test_killed_rebuild_keeps_the_old_settings_index_answering(
    world: dict[str, Any], minilm: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(world["pristine"], data)

    killed = _run_index(data, world["v2"], DOCQA_FAILPOINT="before-commit", DOCQA_CHUNK_SIZE="300")
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    # A bot still running with the old settings answers from the old index, whole.
    assert _snapshot(_open(data, minilm)) == world["snap_v1"]
    # One started with the new settings is told to rebuild, not given a half-built index.
    with pytest.raises(IndexIncompatible, match="chunk_size"):
        _open(data, minilm, chunk_size=300).passages()

    finished = _run_index(data, world["v2"], DOCQA_CHUNK_SIZE="300")
    assert finished.returncode == 0, finished.stderr
    rebuilt = _snapshot(_open(data, minilm, chunk_size=300))
    assert {s[0] for s in rebuilt} == {s[0] for s in world["snap_v2"]}
    assert all(len(text) <= 300 for *_, text in rebuilt)
