"""The persistent index: chunks and their vectors in Chroma.

Ingestion goes through llama-index's :class:`IngestionPipeline` with a
document store of hashes beside Chroma (``UPSERTS_AND_DELETE``): an unchanged
file is skipped, a changed file replaces exactly its own chunks, and a file no
longer given is removed.  The collection's metadata records the embedding
model and chunking settings; opening it with other settings rebuilds it
instead of mixing vectors from two models.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import httpx
from llama_index.core import Document
from llama_index.core.ingestion import DocstoreStrategy, IngestionPipeline
from llama_index.core.schema import BaseNode, NodeRelationship, TextNode, TransformComponent
from llama_index.core.storage.docstore import SimpleDocumentStore
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential

from index.chunking import chunk_text
from index.documents import SourceDocument, find_documents, read_document
from index.embedding import Embedder, LlamaIndexEmbedding
from index.errors import DocumentError, IndexIncompatible, IndexMissing, StoreUnavailable
from index.types import Passage

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
T = TypeVar("T")
# Metadata the model should not see inside passages, and that embeddings skip.
_HIDDEN_KEYS = ["source", "start", "end", "outlet", "author", "date", "doc_sha256"]


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


class DocumentIndex:
    """One Chroma collection plus the hash store that keeps ingestion idempotent."""

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
    def docstore_path(self) -> Path:
        return self._state_dir / f"{self._name}.docstore.json"

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

    def _existing_collection(self) -> Any | None:
        try:
            return self.reliably(lambda: self._client.get_collection(self._name))
        except StoreUnavailable:
            raise
        except Exception as e:
            if "does not exist" in str(e) or "not found" in str(e).lower():
                return None
            raise StoreUnavailable(f"cannot read the Chroma collection {self._name!r}: {e}") from e

    def open_for_query(self) -> Any:
        """The collection, checked to be present, non-empty and built with our settings."""
        coll = self._existing_collection()
        if coll is None or self.reliably(coll.count) == 0:
            raise IndexMissing("the index is empty: run `docqa index` (or `make index`) first")
        diff = self.config.differences(coll.metadata)
        if diff:
            raise IndexIncompatible(
                "the index was built with other settings (" + "; ".join(diff) + "): run `docqa index` to rebuild it"
            )
        return coll

    def vector_store(self) -> ChromaVectorStore:
        return ChromaVectorStore(chroma_collection=self.open_for_query())

    def count(self) -> int:
        coll = self._existing_collection()
        return 0 if coll is None else int(self.reliably(coll.count))

    def nodes(self, page: int = 5000) -> list[BaseNode]:
        """Every chunk as the node Chroma stores, in a stable order.

        BM25 must see the very nodes the vector side returns: fusion merges
        hits by node hash, and a rebuilt node with other metadata would count
        as a second passage.
        """
        coll = self.open_for_query()
        out: list[BaseNode] = []
        offset = 0

        def page_at(at: int) -> Any:
            return self.reliably(lambda: coll.get(include=["documents", "metadatas"], limit=page, offset=at))

        while True:
            got = page_at(offset)
            ids = got["ids"]
            if not ids:
                break
            for text, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=True):
                node = metadata_dict_to_node(dict(meta or {}), text=text or "")
                out.append(node)
            offset += len(ids)
        out.sort(key=lambda n: (n.metadata["source"], n.metadata["start"], n.metadata["end"]))
        return out

    def passages(self) -> list[Passage]:
        """Every chunk as our :class:`Passage`."""
        return [Passage.from_metadata(n.get_content(), dict(n.metadata)) for n in self.nodes()]

    def sources(self) -> dict[str, dict[str, Any]]:
        """Indexed documents by file name, with their metadata (title, outlet…)."""
        docs: dict[str, dict[str, Any]] = {}
        for p in self.passages():
            docs.setdefault(p.source, p.metadata)
        return docs

    # -- writing ---------------------------------------------------------
    def _load_docstore(self) -> SimpleDocumentStore:
        if self.docstore_path.exists():
            try:
                return SimpleDocumentStore.from_persist_path(str(self.docstore_path))
            except (OSError, ValueError, json.JSONDecodeError) as e:
                log.warning("document hash store %s is unreadable (%s); rebuilding the index", self.docstore_path, e)
        return SimpleDocumentStore()

    def _save_docstore(self, docstore: SimpleDocumentStore) -> None:
        # Written beside the target and renamed: a reader sees the old or the new file, never half of one.
        self._state_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._state_dir, prefix=".docstore-", suffix=".json")
        os.close(fd)
        try:
            docstore.persist(tmp)
            os.replace(tmp, self.docstore_path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def _prepare_collection(self, report: IndexReport) -> tuple[Any, SimpleDocumentStore]:
        coll = self._existing_collection()
        docstore = self._load_docstore()
        reasons: list[str] = []
        if coll is not None:
            reasons = self.config.differences(coll.metadata)
            if not reasons and coll.count() > 0 and not docstore.docs:
                reasons = ["the document hash store is missing"]
            if not reasons and coll.count() == 0 and docstore.docs:
                reasons = ["the collection is empty but the hash store is not"]
        elif docstore.docs:
            reasons = ["the collection is missing"]
        if reasons:
            log.info("rebuilding the index: %s", "; ".join(reasons))
            report.rebuilt_because = reasons
            if coll is not None:
                self._client.delete_collection(self._name)
            docstore = SimpleDocumentStore()
            coll = None
        if coll is None:
            coll = self._client.create_collection(
                self._name, metadata={"hnsw:space": "cosine", **self.config.as_metadata()}
            )
        return coll, docstore

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

        coll, docstore = self._prepare_collection(report)
        before = {doc_id: h for h, doc_id in docstore.get_all_document_hashes().items()}
        li_docs = [
            Document(
                id_=d.name,
                text=d.text,
                metadata={**d.metadata, "doc_sha256": d.sha256},
                excluded_embed_metadata_keys=_HIDDEN_KEYS,
                excluded_llm_metadata_keys=[*_HIDDEN_KEYS, "title"],
            )
            for d in docs
        ]
        pipeline = IngestionPipeline(
            transformations=[
                SpanChunker(chunk_size=self.config.chunk_size, chunk_overlap=self.config.chunk_overlap),
                self.embed_model,
            ],
            vector_store=BatchedChromaVectorStore(chroma_collection=coll),  # type: ignore[call-arg]  # pydantic model: mypy misses the inherited __init__
            docstore=docstore,
            docstore_strategy=DocstoreStrategy.UPSERTS_AND_DELETE,
        )
        try:
            pipeline.run(documents=li_docs, show_progress=show_progress)
        except Exception as e:
            # Not retried: the in-memory hash store may already list what Chroma lacks.
            # It is not saved, so the next run redoes this work.
            if _unreachable(e):
                raise StoreUnavailable(
                    f"the Chroma server went away while indexing ({e}); nothing was lost: "
                    "run `docqa index` again when it is back"
                ) from e
            raise
        self._save_docstore(docstore)

        for d in li_docs:
            if d.id_ not in before:
                report.added.append(d.id_)
            elif before[d.id_] != d.hash:
                report.updated.append(d.id_)
            else:
                report.unchanged.append(d.id_)
        report.removed = sorted(set(before) - {d.id_ for d in li_docs})
        report.chunks = int(coll.count())
        return report

    def reset(self) -> None:
        """Drop the collection and the hash store."""
        if self._existing_collection() is not None:
            self._client.delete_collection(self._name)
        if self.docstore_path.exists():
            self.docstore_path.unlink()
