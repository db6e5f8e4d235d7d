"""The index on a real Chroma directory (with the fake embedder for speed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from llama_index.core.vector_stores.types import VectorStoreQuery

from bot import bench
from index.errors import IndexIncompatible, IndexMissing
from index.store import DocumentIndex
from tests.conftest import FakeEmbedder, make_index


def _query(idx: DocumentIndex, text: str) -> VectorStoreQuery:
    return VectorStoreQuery(query_embedding=idx.embed_model.get_query_embedding(text), similarity_top_k=10)


def _snapshot(idx: DocumentIndex) -> list[tuple[str, int, int, str]]:
    return [(p.source, p.start, p.end, p.text) for p in idx.passages()]


def test_indexing_twice_changes_nothing(tmp_path: Path, seeds_copy: Path) -> None:
    idx = make_index(tmp_path / "data")
    first = idx.update([seeds_copy])
    assert sorted(first.added) == sorted(p.name for p in seeds_copy.iterdir())
    before = _snapshot(idx)
    again = make_index(tmp_path / "data").update([seeds_copy])  # a new process, same directory
    assert again.added == again.updated == again.removed == []
    assert sorted(again.unchanged) == sorted(first.added)
    assert again.chunks == first.chunks == len(before)
    assert _snapshot(idx) == before


def test_offsets_point_into_the_source_files(seeded_index: DocumentIndex, seeds_copy: Path) -> None:
    for p in seeded_index.passages():
        text = (seeds_copy / p.source).read_text(encoding="utf-8")
        assert text[p.start : p.end] == p.text


def test_a_changed_file_replaces_exactly_its_own_chunks(seeded_index: DocumentIndex, seeds_copy: Path) -> None:
    before = _snapshot(seeded_index)
    changed = seeds_copy / "003_077377effcd078e6.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new closing sentence about Istanbul.\n")
    report = seeded_index.update([seeds_copy])
    assert report.updated == ["003_077377effcd078e6.txt"]
    after = _snapshot(seeded_index)
    assert [c for c in after if c[0] != changed.name] == [c for c in before if c[0] != changed.name]
    assert any("new closing sentence" in c[3] for c in after if c[0] == changed.name)


def test_a_removed_file_loses_its_chunks(seeded_index: DocumentIndex, seeds_copy: Path) -> None:
    (seeds_copy / "000_c7a57708957dca49.txt").unlink()
    report = seeded_index.update([seeds_copy])
    assert report.removed == ["000_c7a57708957dca49.txt"]
    assert {p.source for p in seeded_index.passages()} == {"003_077377effcd078e6.txt"}


def test_other_chunking_settings_rebuild_instead_of_mixing(tmp_path: Path, seeds_copy: Path) -> None:
    make_index(tmp_path / "data").update([seeds_copy])
    small = make_index(tmp_path / "data", chunk_size=300)
    with pytest.raises(IndexIncompatible, match="chunk_size"):
        small.passages()
    report = small.update([seeds_copy])
    assert any("chunk_size" in r for r in report.rebuilt_because)
    assert all(len(p.text) <= 300 for p in small.passages())


def test_another_embedder_rebuilds(tmp_path: Path, seeds_copy: Path) -> None:
    make_index(tmp_path / "data").update([seeds_copy])

    class Other(FakeEmbedder):
        name = "other-embedder"

    report = make_index(tmp_path / "data", Other()).update([seeds_copy])
    assert any("embedder" in r for r in report.rebuilt_because)
    assert len(report.added) == 2


def test_lost_manifest_rebuilds_rather_than_duplicating(tmp_path: Path, seeds_copy: Path) -> None:
    idx = make_index(tmp_path / "data")
    before = _snapshot(idx) if idx.update([seeds_copy]).chunks else []
    idx._client.delete_collection(idx.manifest_collection)
    with pytest.raises(IndexMissing):
        idx.passages()
    report = make_index(tmp_path / "data").update([seeds_copy])
    assert report.rebuilt_because == ["the index manifest is missing"]
    assert report.chunks == len(before) and _snapshot(idx) == before
    stored = idx._client.get_collection(idx.data_collection).count()
    assert stored == len(before)  # re-added, not duplicated


def test_an_index_cut_by_another_chunker_version_is_rebuilt(
    tmp_path: Path, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_index(tmp_path / "data").update([seeds_copy])
    monkeypatch.setattr("index.store.CHUNKER_VERSION", 99)
    idx = make_index(tmp_path / "data")
    with pytest.raises(IndexIncompatible, match="chunker"):
        idx.passages()
    assert any("chunker" in r for r in idx.update([seeds_copy]).rebuilt_because)
    assert idx.passages()


def test_an_index_from_before_manifests_is_rebuilt(tmp_path: Path, seeds_copy: Path) -> None:
    idx = make_index(tmp_path / "data")
    legacy = idx._client.create_collection("docqa")
    legacy.add(ids=["x"], embeddings=[[0.1] * 32], documents=["old"], metadatas=[{"source": "a.txt"}])
    with pytest.raises(IndexIncompatible, match="older docqa"):
        idx.passages()
    report = idx.update([seeds_copy])
    assert report.rebuilt_because == ["the index was built by an older docqa"]
    names = {c.name for c in idx._client.list_collections()}
    assert "docqa" not in names and idx.data_collection in names


def test_chunks_of_superseded_versions_are_deleted_one_commit_later(tmp_path: Path, seeds_copy: Path) -> None:
    idx = make_index(tmp_path / "data")
    n = idx.update([seeds_copy]).chunks
    changed = seeds_copy / "003_077377effcd078e6.txt"
    data = idx._client.get_collection(idx.data_collection)
    for i in range(2):
        changed.write_text(changed.read_text(encoding="utf-8") + f"\nEdit number {i}.\n")
        report = idx.update([seeds_copy])
        assert report.updated == [changed.name] and report.chunks == n
        assert len(idx.passages()) == n
    # This commit's chunks and the previous commit's (a reader may still use them), nothing older.
    keys = {m["doc_key"] for m in data.get(include=["metadatas"])["metadatas"]}
    assert len([k for k in keys if k.startswith(changed.name)]) == 2


def test_a_reader_keeps_its_snapshot_across_an_update(tmp_path: Path, seeds_copy: Path) -> None:
    idx = make_index(tmp_path / "data")
    idx.update([seeds_copy])
    held = idx.snapshot()
    before = _snapshot(idx)
    changed = seeds_copy / "000_c7a57708957dca49.txt"
    changed.write_text("Completely different text about something else.\n")
    idx.update([seeds_copy])
    # A process that took its snapshot before the update still reads the old version, whole.
    assert [(p.source, p.start, p.end, p.text) for p in idx.passages(held)] == before
    hits = idx.vector_store(held).query(_query(idx, "Istanbul talks"))
    keys = {n.metadata["doc_key"] for n in hits.nodes or []}
    assert keys and keys <= set(held.manifest.keys)
    assert any(k.startswith(changed.name) for k in keys)  # the superseded version, still whole


def test_empty_index_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="docqa index"):
        make_index(tmp_path / "data").passages()


def test_unreadable_files_are_skipped_and_the_rest_indexed(tmp_path: Path, seeds_copy: Path) -> None:
    (seeds_copy / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    report = make_index(tmp_path / "data").update([seeds_copy])
    assert [Path(e.path).name for e in report.skipped] == ["broken.txt"]
    assert len(report.added) == 2


def test_store_survives_a_copy_of_its_directory(tmp_path: Path, seeds_copy: Path) -> None:
    make_index(tmp_path / "data").update([seeds_copy])
    shutil.copytree(tmp_path / "data", tmp_path / "copy")
    assert make_index(tmp_path / "copy").update([seeds_copy]).added == []


def test_a_corpus_larger_than_one_chroma_batch_indexes(tmp_path: Path) -> None:
    # chromadb refuses more than ~5,461 records per add; the benchmark's 10k corpus found it.
    bench.generate_corpus(tmp_path / "corpus", 6_500, ["alpha", "beta", "gamma", "delta", "talks"], per_file=1_000)
    report = make_index(tmp_path / "data").update([tmp_path / "corpus"])
    assert report.chunks > 5_461 and len(report.added) == 7


def test_a_query_crowded_by_other_versions_still_returns_only_its_own(
    tmp_path: Path, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.store

    idx = make_index(tmp_path / "data")
    idx.update([seeds_copy])
    held = idx.snapshot()
    for f in seeds_copy.iterdir():  # every chunk gets a new version, all about the query's words
        f.write_text("Istanbul talks. " * 30 + f.read_text(encoding="utf-8"), encoding="utf-8")
    idx.update([seeds_copy])
    for overfetch in (0, 40):  # 0: the first, unfiltered query is all foreign and the filter is needed
        monkeypatch.setattr(index.store, "_OVERFETCH", overfetch)
        hits = idx.vector_store(held).query(_query(idx, "Istanbul talks"))
        keys = [n.metadata["doc_key"] for n in hits.nodes or []]
        assert len(keys) == 10 and set(keys) <= set(held.manifest.keys)
        assert hits.similarities is not None and len(hits.similarities) == 10
