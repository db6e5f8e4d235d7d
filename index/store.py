"""The persistent index: chunks and their vectors in Chroma.

Readers never see an index half-written.  Every chunk carries the version of
its file (``doc_key``: name and content hash), and a one-record *manifest*
collection says which versions make up the index.  ``update`` writes new
versions beside the old ones, then replaces the manifest (one record: the
commit), then deletes what no manifest refers to.  Killed at any point, the
previous manifest still describes a complete index; the next run redoes the
uncommitted work.  The versions of the commit before are kept until the next
one, so a process still holding that snapshot keeps answering from it.

Chunks live in a data collection named after the embedding model and chunking
settings; other settings build a new collection beside the old one instead of
mixing vectors from two models.  Chunking and embedding go through
llama-index's :class:`IngestionPipeline`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import httpx
from llama_index.core import Document
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.schema import BaseNode, NodeRelationship, TextNode, TransformComponent
from llama_index.core.vector_stores.types import VectorStoreQuery, VectorStoreQueryResult
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore
from pydantic import PrivateAttr
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential

from index.chunking import CHUNKER_VERSION, chunk_text
from index.documents import SourceDocument, find_documents, read_document
from index.embedding import Embedder, LlamaIndexEmbedding
from index.errors import DocumentError, IndexIncompatible, IndexMissing, StoreUnavailable
from index.types import Passage

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
MANIFEST_ID = "current"
# Extra vector hits asked for, so that chunks of other versions can be dropped without a filter.
_OVERFETCH = 40
T = TypeVar("T")
# Metadata the model should not see inside passages, and that embeddings skip.
_HIDDEN_KEYS = ["source", "start", "end", "outlet", "author", "date", "label", "doc_sha256", "doc_key"]


@dataclass(frozen=True)
class IndexConfig:
    """What decides the vectors: change any of it and the index is rebuilt."""

    embedder: str
    dimension: int
    chunk_size: int
    chunk_overlap: int

    def as_metadata(self) -> dict[str, str | int]:
        return {
            "docqa_schema": SCHEMA_VERSION,
            "docqa_embedder": self.embedder,
            "docqa_dimension": self.dimension,
            "docqa_chunk_size": self.chunk_size,
            "docqa_chunk_overlap": self.chunk_overlap,
            "docqa_chunker": CHUNKER_VERSION,
        }

    def differences(self, stored: dict[str, Any] | None) -> list[str]:
        stored = stored or {}
        return [
            f"{k.removeprefix('docqa_')}: {stored.get(k)!r} -> {v!r}"
            for k, v in self.as_metadata().items()
            if stored.get(k) != v
        ]


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[DocumentError] = field(default_factory=list)
    rebuilt_because: list[str] = field(default_factory=list)
    chunks: int = 0


class SpanChunker(TransformComponent):
    """llama-index transformation around :func:`chunk_text`.

    Not a ``NodeParser``: its post-processing re-derives offsets with
    ``str.find``, which is wrong for repeated text.  Offsets live in the
    metadata (``start``/``end``), where Chroma keeps them.
    """

    chunk_size: int = 600
    chunk_overlap: int = 1

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> list[BaseNode]:
        out: list[BaseNode] = []
        for doc in nodes:
            text = doc.get_content()
            for c in chunk_text(text, self.chunk_size, self.chunk_overlap):
                meta = dict(doc.metadata)
                meta.update(start=c.start, end=c.end)
                if c.label:
                    meta["label"] = c.label
                node = TextNode(
                    id_=f"{doc.id_}:{c.start}-{c.end}:{doc.metadata.get('doc_sha256', '')[:12]}",
                    text=c.text,
                    metadata=meta,
                    start_char_idx=c.start,
                    end_char_idx=c.end,
                    excluded_embed_metadata_keys=_HIDDEN_KEYS,
                    excluded_llm_metadata_keys=[*_HIDDEN_KEYS, "title"],
                )
                node.relationships[NodeRelationship.SOURCE] = doc.as_related_node_info()
                out.append(node)
        return out


class BatchedChromaVectorStore(ChromaVectorStore):
    """Adds nodes in batches Chroma accepts.

    llama-index splits adds at 41,665 nodes, but chromadb 1.x refuses batches
    over its own limit (5,461 on these machines), so indexing a large corpus
    failed halfway through its first file set.
    """

    def add(self, nodes: Sequence[BaseNode], **add_kwargs: Any) -> list[str]:
        try:
            limit = int(self._collection._client.get_max_batch_size())
        except Exception:  # an older or remote client without the call
            limit = 5000
        ids: list[str] = []
        for i in range(0, len(nodes), max(1, limit)):
            ids += super().add(list(nodes[i : i + limit]), **add_kwargs)
        return ids


def _unreachable(e: BaseException) -> bool:
    """A Chroma server that is down, restarting or cut off (the embedded store never raises these)."""
    return isinstance(e, httpx.TransportError | ConnectionError)


@dataclass(frozen=True)
class ChromaLocation:
    """Where Chroma lives: a directory (embedded) or a server URL."""

    path: Path | None = None
    url: str | None = None
    token: str | None = None

    def describe(self) -> str:
        return self.url or str(self.path)


def open_chroma(location: ChromaLocation) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if location.url:
            u = urlparse(location.url if "://" in location.url else f"http://{location.url}")
            headers = {"Authorization": f"Bearer {location.token}"} if location.token else None
            return chromadb.HttpClient(
                host=u.hostname or "127.0.0.1",
                port=u.port or 8000,
                ssl=u.scheme == "https",
                headers=headers,
                settings=settings,
            )
        assert location.path is not None
        location.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(location.path), settings=settings)
    except Exception as e:  # chromadb raises many types; the user needs one message
        raise StoreUnavailable(
            f"cannot open the Chroma store at {location.describe()}: {e}. "
            "If the directory is damaged, move it aside and run `docqa index` again."
        ) from e


def _failpoint(name: str) -> None:
    """Die here, as ``kill -9`` would, when DOCQA_FAILPOINT names this point.

    The crash-safety tests kill ``docqa index`` at each step of an update; a
    timer could not hit the steps reliably.
    """
    if os.environ.get("DOCQA_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def doc_key(name: str, sha256: str) -> str:
    """One version of one file: what chunks carry and manifests list."""
    return f"{name}@{sha256[:16]}"


@dataclass(frozen=True)
class Manifest:
    """What makes up the index: a data collection and one version of each file in it."""

    collection: str
    docs: dict[str, dict[str, Any]]
    """File name -> {"sha256", "key", "chunks"}."""
    previous: dict[str, Any] = field(default_factory=dict)
    """The commit before: {"collection", "keys"}, kept until the next commit."""

    @property
    def keys(self) -> list[str]:
        return [str(d["key"]) for d in self.docs.values()]

    @property
    def chunks(self) -> int:
        return sum(int(d["chunks"]) for d in self.docs.values())

    def to_json(self) -> str:
        return json.dumps(
            {"schema": SCHEMA_VERSION, "collection": self.collection, "docs": self.docs, "previous": self.previous},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"manifest schema {data.get('schema')!r}, expected {SCHEMA_VERSION}")
        return cls(
            collection=str(data["collection"]), docs=dict(data["docs"]), previous=dict(data.get("previous") or {})
        )


@dataclass(frozen=True)
class Snapshot:
    """One committed state of the index, as a reader sees it from start to end."""

    collection: Any
    manifest: Manifest
    keys: frozenset[str] = field(init=False)
    """The file versions it holds: built once, since every chunk read is checked against it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(self.manifest.keys))

    @property
    def where(self) -> dict[str, Any]:
        return {"doc_key": {"$in": sorted(self.keys)}}

    def holds(self, metadata: dict[str, Any]) -> bool:
        return metadata.get("doc_key") in self.keys


class SnapshotChromaVectorStore(ChromaVectorStore):
    """A Chroma vector store that only finds the chunks of one snapshot.

    Every query, including the peer's through its own engine, is limited to
    the snapshot's versions: chunks of uncommitted or superseded versions stay
    invisible.  A ``where`` filter would do it in one call, but Chroma then
    scans the metadata of every chunk (~170 ms at 27k chunks, ~500 ms at 100k,
    against ~7 ms unfiltered), so the query asks for a few more hits than
    needed and drops foreign ones; only when too few are left does it ask
    again with the filter.
    """

    _where: dict[str, Any] | None = PrivateAttr(default=None)
    _keys: frozenset[str] = PrivateAttr(default=frozenset())

    @classmethod
    def of(cls, snapshot: Snapshot) -> SnapshotChromaVectorStore:
        store = cls(chroma_collection=snapshot.collection)  # type: ignore[call-arg]  # pydantic model: mypy misses the inherited __init__
        store._where = snapshot.where
        store._keys = snapshot.keys
        return store

    def query(self, query: VectorStoreQuery, **kwargs: Any) -> VectorStoreQueryResult:
        if self._where is None or "where" in kwargs or query.filters:
            return super().query(query, **kwargs)
        k = query.similarity_top_k
        wider = k + _OVERFETCH
        wide = super().query(dataclasses.replace(query, similarity_top_k=wider), **kwargs)
        nodes, sims, ids = wide.nodes or [], wide.similarities or [], wide.ids or []
        keep = [i for i, n in enumerate(nodes) if n.metadata.get("doc_key") in self._keys][:k]
        if len(keep) >= k or len(nodes) < wider:  # enough, or every chunk was already looked at
            return VectorStoreQueryResult(
                nodes=[nodes[i] for i in keep],
                similarities=[sims[i] for i in keep] if sims else None,
                ids=[ids[i] for i in keep] if ids else None,
            )
        return super().query(query, where=self._where, **kwargs)


class DocumentIndex:
    """Chunks of the indexed files in Chroma, updated so that readers see whole versions only."""

    def __init__(
        self,
        client: Any,
        embedder: Embedder,
        state_dir: Path,
        *,
        collection: str = "docqa",
        chunk_size: int = 600,
        chunk_overlap: int = 1,
        retry_s: float = 15.0,
        where: str = "",
    ) -> None:
        self._client = client
        self._retry_s = retry_s
        self._where = where
        self._embedder = embedder
        self._state_dir = state_dir
        self._name = collection
        self.config = IndexConfig(embedder.name, embedder.dimension, chunk_size, chunk_overlap)
        self.embed_model = LlamaIndexEmbedding(embedder)

    @property
    def data_collection(self) -> str:
        """The collection for this embedder and these chunking settings."""
        digest = hashlib.sha256(json.dumps(self.config.as_metadata(), sort_keys=True).encode()).hexdigest()
        return f"{self._name}-data-{digest[:10]}"

    @property
    def manifest_collection(self) -> str:
        return f"{self._name}-manifest"

    # -- reading ---------------------------------------------------------
    def reliably(self, call: Callable[[], T]) -> T:
        """Run a read of the store, retrying while a Chroma server cannot be reached.

        A server that restarts comes back within seconds; a user should get an
        answer then, not an error.  One that stays away gives one clear error.
        """
        try:
            for attempt in Retrying(
                retry=retry_if_exception(_unreachable),
                stop=stop_after_delay(self._retry_s),
                wait=wait_exponential(multiplier=0.25, max=2.0),
                reraise=True,
            ):
                with attempt:
                    return call()
        except Exception as e:
            if _unreachable(e):
                raise StoreUnavailable(
                    f"the Chroma server{' at ' + self._where if self._where else ''} did not answer for "
                    f"{self._retry_s:g} s ({e}); check that it is running and that DOCQA_CHROMA_URL points at it"
                ) from e
            raise
        raise AssertionError("unreachable")  # pragma: no cover - Retrying either returns or raises

    def _collection(self, name: str) -> Any | None:
        try:
            return self.reliably(lambda: self._client.get_collection(name))
        except StoreUnavailable:
            raise
        except Exception as e:
            if "does not exist" in str(e) or "not found" in str(e).lower():
                return None
            raise StoreUnavailable(f"cannot read the Chroma collection {name!r}: {e}") from e

    def manifest(self) -> Manifest | None:
        """The last committed manifest; None when there is none (or it cannot be read)."""
        coll = self._collection(self.manifest_collection)
        if coll is None:
            return None
        got = self.reliably(lambda: coll.get(ids=[MANIFEST_ID], include=["documents"]))
        docs = got.get("documents") or []
        if not docs or not docs[0]:
            return None
        try:
            return Manifest.from_json(docs[0])
        except (ValueError, KeyError, TypeError) as e:
            log.warning("the index manifest cannot be read (%s); the next `docqa index` rebuilds the index", e)
            return None

    def snapshot(self) -> Snapshot:
        """The committed index, checked to be present, non-empty and built with our settings."""
        manifest = self.manifest()
        if manifest is None or not manifest.docs:
            if manifest is None and self._collection(self._name) is not None:
                raise IndexIncompatible("the index was built by an older docqa: run `docqa index` to rebuild it")
            raise IndexMissing("the index is empty: run `docqa index` (or `make index`) first")
        coll = self._collection(manifest.collection)
        if coll is None:
            raise IndexMissing(
                f"the index's collection {manifest.collection!r} is gone: run `docqa index` to rebuild it"
            )
        if manifest.collection != self.data_collection:
            diff = self.config.differences(coll.metadata) or ["collection name"]
            raise IndexIncompatible(
                "the index was built with other settings (" + "; ".join(diff) + "): run `docqa index` to rebuild it"
            )
        return Snapshot(coll, manifest)

    def vector_store(self, snapshot: Snapshot | None = None) -> ChromaVectorStore:
        return SnapshotChromaVectorStore.of(snapshot or self.snapshot())

    def count(self) -> int:
        """Chunks in the committed index (0 when there is none)."""
        manifest = self.manifest()
        return 0 if manifest is None else manifest.chunks

    def nodes(self, snapshot: Snapshot | None = None, page: int = 5000) -> list[BaseNode]:
        """Every committed chunk as the node Chroma stores, in a stable order.

        BM25 must see the very nodes the vector side returns: fusion merges
        hits by node hash, and a rebuilt node with other metadata would count
        as a second passage.
        """
        snap = snapshot or self.snapshot()
        coll = snap.collection
        out: list[BaseNode] = []
        offset = 0

        def page_at(at: int) -> Any:
            return self.reliably(lambda: coll.get(include=["documents", "metadatas"], limit=page, offset=at))

        # Filtered here rather than with ``where``: an $in over every file is slow on a large corpus.
        while True:
            got = page_at(offset)
            ids = got["ids"]
            if not ids:
                break
            for text, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=True):
                if snap.holds(dict(meta or {})):
                    out.append(metadata_dict_to_node(dict(meta or {}), text=text or ""))
            offset += len(ids)
        out.sort(key=lambda n: (n.metadata["source"], n.metadata["start"], n.metadata["end"]))
        return out

    def passages(self, snapshot: Snapshot | None = None) -> list[Passage]:
        """Every committed chunk as our :class:`Passage`."""
        return [Passage.from_metadata(n.get_content(), dict(n.metadata)) for n in self.nodes(snapshot)]

    def sources(self) -> dict[str, dict[str, Any]]:
        """Indexed documents by file name, with their metadata (title, outlet…)."""
        docs: dict[str, dict[str, Any]] = {}
        for p in self.passages():
            docs.setdefault(p.source, p.metadata)
        return docs

    # -- writing ---------------------------------------------------------
    def _why_rebuild(self, manifest: Manifest | None) -> list[str]:
        """Why the committed chunks cannot be reused for this update (empty: they can)."""
        if manifest is None:
            if self._collection(self._name) is not None:
                return ["the index was built by an older docqa"]
            data = self._collection(self.data_collection)
            if data is not None and data.count() > 0:
                return ["the index manifest is missing"]
            return []
        if manifest.collection == self.data_collection:
            return []
        old = self._collection(manifest.collection)
        return self.config.differences(old.metadata if old is not None else None) or ["collection name"]

    def _commit(self, manifest: Manifest) -> None:
        coll = self._client.get_or_create_collection(self.manifest_collection)
        # One record, written in one call: the moment the new index becomes the index.
        coll.upsert(ids=[MANIFEST_ID], embeddings=[[0.0]], documents=[manifest.to_json()])

    def _collect_garbage(self, manifest: Manifest) -> None:
        """Delete what neither this commit nor the one before refers to."""
        keep = set(manifest.keys)
        prev = manifest.previous
        if prev.get("collection") == manifest.collection:
            keep |= set(prev.get("keys") or [])
        data = self._client.get_collection(manifest.collection)
        if keep:
            data.delete(where={"doc_key": {"$nin": sorted(keep)}})
        else:
            ids = data.get(include=[])["ids"]
            if ids:
                data.delete(ids=ids)
        keep_collections = {manifest.collection, self.manifest_collection, prev.get("collection")}
        prefix = f"{self._name}-data-"
        for c in self._client.list_collections():
            name = getattr(c, "name", c)
            if (name.startswith(prefix) or name == self._name) and name not in keep_collections:
                log.info("dropping the superseded collection %s", name)
                self._client.delete_collection(name)
        legacy = self._state_dir / f"{self._name}.docstore.json"  # the hash store of docqa before manifests
        if legacy.exists():
            legacy.unlink()

    def update(self, paths: Iterable[Path], *, show_progress: bool = False) -> IndexReport:
        """Make the index hold exactly the readable documents under ``paths``."""
        report = IndexReport()
        docs: list[SourceDocument] = []
        seen: dict[str, Path] = {}
        for path in find_documents(paths):
            try:
                doc = read_document(path)
            except DocumentError as e:
                report.skipped.append(e)
                continue
            if doc.name in seen:
                report.skipped.append(DocumentError(str(path), f"has the same file name as {seen[doc.name]}"))
                continue
            seen[doc.name] = path
            docs.append(doc)

        try:
            return self._update(docs, report, show_progress)
        except Exception as e:
            # Nothing was committed, so readers still see the previous index; the next run redoes the work.
            if _unreachable(e):
                raise StoreUnavailable(
                    f"the Chroma server went away while indexing ({e}); nothing was lost: "
                    "run `docqa index` again when it is back"
                ) from e
            raise

    def _update(self, docs: list[SourceDocument], report: IndexReport, show_progress: bool) -> IndexReport:
        old = self.manifest()
        report.rebuilt_because = self._why_rebuild(old)
        if report.rebuilt_because:
            log.info("rebuilding the index: %s", "; ".join(report.rebuilt_because))
        committed = old.docs if old is not None and not report.rebuilt_because else {}
        coll = self._client.get_or_create_collection(
            self.data_collection, metadata={"hnsw:space": "cosine", **self.config.as_metadata()}
        )

        entries: dict[str, dict[str, Any]] = {}
        todo: list[SourceDocument] = []
        for d in docs:
            key = doc_key(d.name, d.sha256)
            before = committed.get(d.name)
            if before is not None and before.get("key") == key:
                entries[d.name] = dict(before)
                report.unchanged.append(d.name)
            else:
                todo.append(d)
                (report.updated if before is not None else report.added).append(d.name)
        report.removed = sorted(set(committed) - {d.name for d in docs})

        _failpoint("before-add")
        # Chunks left by a run killed before its commit are invisible to readers and replaced here;
        # those of the commit before this one are complete, and a reader may still be using them.
        kept = set(old.previous.get("keys") or []) if old is not None else set()
        leftovers = sorted({doc_key(d.name, d.sha256) for d in todo} - kept)
        if leftovers:
            coll.delete(where={"doc_key": {"$in": leftovers}})
        li_docs = [
            Document(
                id_=d.name,
                text=d.text,
                metadata={**d.metadata, "doc_sha256": d.sha256, "doc_key": doc_key(d.name, d.sha256)},
                excluded_embed_metadata_keys=_HIDDEN_KEYS,
                excluded_llm_metadata_keys=[*_HIDDEN_KEYS, "title"],
            )
            for d in todo
        ]
        pipeline = IngestionPipeline(
            transformations=[
                SpanChunker(chunk_size=self.config.chunk_size, chunk_overlap=self.config.chunk_overlap),
                self.embed_model,
            ]
        )
        nodes = pipeline.run(documents=li_docs, show_progress=show_progress) if li_docs else []
        store = BatchedChromaVectorStore(chroma_collection=coll)  # type: ignore[call-arg]  # pydantic model: mypy misses the inherited __init__
        by_doc: dict[str, list[BaseNode]] = {}
        for n in nodes:
            by_doc.setdefault(str(n.metadata["source"]), []).append(n)
        for i, d in enumerate(todo):
            chunk_nodes = by_doc.get(d.name, [])
            if chunk_nodes:
                store.add(chunk_nodes)
            entries[d.name] = {"sha256": d.sha256, "key": doc_key(d.name, d.sha256), "chunks": len(chunk_nodes)}
            if i == 0:
                _failpoint("after-first-add")

        previous = {"collection": old.collection, "keys": old.keys} if old is not None else {}
        manifest = Manifest(collection=self.data_collection, docs=entries, previous=previous)
        _failpoint("before-commit")
        self._commit(manifest)
        _failpoint("after-commit")
        self._collect_garbage(manifest)
        report.chunks = manifest.chunks
        return report

    def reset(self) -> None:
        """Drop every collection of this index."""
        prefix = f"{self._name}-data-"
        for c in self._client.list_collections():
            name = getattr(c, "name", c)
            if name.startswith(prefix) or name in (self._name, self.manifest_collection):
                self._client.delete_collection(name)
