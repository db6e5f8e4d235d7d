"""Hybrid retrieval: BM25 and vector search fused by reciprocal rank.

Built from llama-index's own retrievers (``VectorIndexRetriever`` over the
Chroma store, ``BM25Retriever``, ``QueryFusionRetriever``); results leave this
module as our :class:`Passage`.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import BaseNode, NodeWithScore
from llama_index.retrievers.bm25 import BM25Retriever

from index.chunking import label_words
from index.embedding import Embedder
from index.store import DocumentIndex
from index.text import fold
from index.types import Passage

# bm25s sets its own logger to DEBUG on import, which floods stderr.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class Retriever(Protocol):
    def retrieve(self, query: str, top_k: int | None = None, original: str = "", within: str = "") -> list[Passage]:
        """Passages for ``query``; ``original`` is the question as asked when ``query`` translates it.

        ``within``: a document's file name, for a question about that document alone.
        """
        ...

    def documents(self) -> dict[str, dict[str, Any]]:
        """The indexed documents by file name: their metadata (title, outlet…) and length (``chars``)."""
        ...

    def passages_of(self, source: str) -> list[Passage]:
        """Every passage of one document in its own order (none for a file not indexed); no search."""
        ...

    def vocabulary(self) -> frozenset[str]:
        """Every word in the indexed documents, lower-cased and without accents."""
        ...

    def names(self) -> frozenset[str]:
        """Runs of two or more capitalised words in the documents, as written ("Keith Kellogg")."""
        ...


_NAME_RUN = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*)+")


def words_of(texts: list[str]) -> frozenset[str]:
    """Every word in ``texts``, lower-cased and without accents: what :meth:`Retriever.vocabulary` returns."""
    return frozenset(w for t in texts for w in re.findall(r"\w+", fold(t)))


def name_runs(texts: list[str]) -> frozenset[str]:
    """Runs of two or more capitalised words in ``texts`` ("Keith Kellogg", "Recep Tayyip Erdoğan")."""
    return frozenset(m.group().rstrip(".’'") for t in texts for m in _NAME_RUN.finditer(t))


# How far BM25's best passage must lead its second (in score) to be kept among the
# passages even when the fused ranking leaves it out.  Replayed over 589 saved
# questions, 1.5 changes the passages of 11, finding a supporting passage for five
# more and for none fewer; 1.3 changes more of them for the same five.
_CLEAR_LEAD = 1.5


def _to_passage(n: NodeWithScore) -> Passage:
    return Passage.from_metadata(n.node.get_content(), dict(n.node.metadata), n.score or 0.0)


def documents_of(passages: list[Passage]) -> dict[str, dict[str, Any]]:
    """What :meth:`Retriever.documents` returns, read from every passage of the index."""
    docs: dict[str, dict[str, Any]] = {}
    for p in passages:
        if p.label:  # a labelled line's chunk repeats a line of its document
            continue
        doc = docs.setdefault(p.source, {**p.metadata, "chars": 0})
        doc["chars"] = max(doc["chars"], p.end)
    return docs


class HybridRetriever:
    """BM25 + vectors, fused with reciprocal rank fusion (Cormack et al. 2009).

    ``candidates`` hits are taken from each side before fusion, so a passage
    that ranks well on either side can still reach the top ``top_k``.
    """

    def __init__(self, index: DocumentIndex, top_k: int = 4, candidates: int = 10) -> None:
        self.top_k = top_k
        self._candidates = candidates
        snapshot = index.snapshot()  # both sides read the same committed index
        self._vector_index = VectorStoreIndex.from_vector_store(
            index.vector_store(snapshot), embed_model=index.embed_model
        )
        self._vector = self._vector_index.as_retriever(similarity_top_k=candidates)
        nodes = index.nodes(snapshot)
        texts = [n.get_content() for n in nodes]
        self._documents = documents_of([Passage.from_metadata(n.get_content(), dict(n.metadata)) for n in nodes])
        self._vocabulary = words_of(texts)
        self._names = name_runs(texts)
        # A labelled line is found by its label (``with_label_line``), not by the search:
        # a chunk of a few words would otherwise take a place among the passages of many questions.
        self._labels: dict[str, list[tuple[set[str], Passage]]] = {}
        self._label_ids: set[str] = set()
        text_nodes = []
        for node in nodes:
            if label := str(node.metadata.get("label") or ""):
                line = Passage.from_metadata(node.get_content(), dict(node.metadata))
                self._labels.setdefault(line.source, []).append((label_words(label), line))
                self._label_ids.add(line.id)
            else:
                text_nodes.append(node)
        nodes = text_nodes
        self._bm25 = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(candidates, len(nodes)))
        self._n = len(nodes)
        self._nodes_of: dict[str, list[BaseNode]] = {}
        for node in nodes:
            self._nodes_of.setdefault(str(node.metadata["source"]), []).append(node)
        self._bm25_of: OrderedDict[str, BM25Retriever] = OrderedDict()
        self._lock = threading.Lock()  # the Telegram bot answers from worker threads
        self._index = index

    def _fusion(self, top_k: int, sides: list[BaseRetriever] | None = None) -> QueryFusionRetriever:
        return QueryFusionRetriever(
            sides or [self._vector, self._bm25],
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=top_k,
            num_queries=1,  # no LLM query generation: our answerer rewrites queries itself
            use_async=False,
            llm=MockLLM(),
        )

    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    def names(self) -> frozenset[str]:
        return self._names

    def documents(self) -> dict[str, dict[str, Any]]:
        return self._documents

    def passages_of(self, source: str) -> list[Passage]:
        nodes = self._nodes_of.get(source, [])
        return sorted((Passage.from_metadata(n.get_content(), dict(n.metadata)) for n in nodes), key=lambda p: p.start)

    def retrieve(self, query: str, top_k: int | None = None, original: str = "", within: str = "") -> list[Passage]:
        k = min(top_k or self.top_k, self._n)
        if not query.strip() or k <= 0:
            return []
        if within in self._nodes_of:
            return self.with_label_line(query, self._within(query, within, k), k)
        # The vector side may return labelled lines: ask for enough to drop them.
        fusion = self._fusion(k + min(len(self._label_ids), self._candidates))
        found = self._index.reliably(lambda: [_to_passage(n) for n in fusion.retrieve(query)])
        top = [p for p in found if p.id not in self._label_ids][:k]
        return self.with_label_line(query, self._with_clear_lexical_best(query, top, k), k)

    def _with_clear_lexical_best(self, query: str, top: list[Passage], k: int) -> list[Passage]:
        """``top``, with BM25's best passage in the last place when it leads BM25 by far and was left out.

        Reciprocal rank fusion keeps ranks, not scores, so a passage that both sides
        rank middling beats one that only BM25 finds, however far ahead.  Asked which
        outlet's experts read Putin's absence as leaving the peace process, BM25's best
        was the Axios passage at 5.0 against 2.9 for the next; the vector side, drawn
        to the other article's headline ("Putin … Direct Talks …"), which titles all
        of its chunks, ranked none of the drones article's passages among its ten,
        and the answer named Politico (fresh26 q677, as fresh16 q478, fresh17 q498
        and fresh25 q651).
        """
        if k < 2 or not top:
            return top
        hits = self._index.reliably(lambda: self._bm25.retrieve(query))
        first, second = (h.score or 0.0 for h in hits[:2]) if len(hits) >= 2 else (0.0, 0.0)
        if first <= 0 or first < _CLEAR_LEAD * second:
            return top
        best = _to_passage(hits[0])
        if best.id in self._label_ids or any(p.id == best.id for p in top):
            return top
        return [*top[: k - 1], best] if len(top) >= k else [*top, best]

    def _within(self, query: str, source: str, k: int) -> list[Passage]:
        """The best passages of one document.

        BM25 reads that document's chunks alone.  The vector side asks the store
        for up to ``_WITHIN_WIDE`` hits and keeps that document's: the store's
        filter would skip the snapshot's own (see ``SnapshotChromaVectorStore``),
        and on a corpus of a few thousand chunks the document's best ones are
        among them.  A chunk only BM25 finds still ranks by BM25 alone.
        """
        nodes = self._nodes_of[source]
        with self._lock:
            bm25 = self._bm25_of.pop(source, None) or BM25Retriever.from_defaults(
                nodes=nodes, similarity_top_k=len(nodes)
            )
            self._bm25_of[source] = bm25
            while len(self._bm25_of) > _BM25_KEPT:
                self._bm25_of.popitem(last=False)
        wide = min(self._n + len(self._label_ids), max(self._candidates, _WITHIN_WIDE))
        vector = self._vector_index.as_retriever(similarity_top_k=wide)
        fusion = self._fusion(wide + len(nodes), [vector, bm25])
        found = self._index.reliably(lambda: [_to_passage(n) for n in fusion.retrieve(query)])
        return [p for p in found if p.source == source and p.id not in self._label_ids][:k]

    def with_label_line(self, query: str, passages: list[Passage], top_k: int) -> list[Passage]:
        """``passages``, with the labelled line of their best document that the question asks about.

        "Who wrote the article about Putin's readiness for talks?" shares one
        word with "Original Author: Rustam Muratov" and many with the article's
        text, so the search ranks the text first; the line is what answers.
        It goes second, after the best passage: placed first, "Photo: …" was
        read as the source the question asked for, and the answer was "Passage [1]".
        """
        unquoted = _QUOTATION.sub(" ", query)
        if unquoted != query and not _WORK.search(fold(unquoted)):
            # "Who wrote: “It is a positive sign …”?" asks who wrote the words quoted, not the
            # article: given the byline, the model answered with its author.
            return passages
        words = set(re.findall(r"\w+", fold(query)))
        for p in passages:  # the best-ranked document first
            for asks_for, line in self._labels.get(p.source, []):
                if words & asks_for:
                    rest = [q for q in passages if q.id != line.id]
                    return [*rest[:1], replace(line, score=passages[0].score), *rest[1:]][:top_k]
        return passages

    def vector_search(self, query: str, top_k: int | None = None) -> list[Passage]:
        """Vector hits alone, with cosine similarity as the score."""
        hits = self._index.reliably(lambda: self._vector.retrieve(query))
        return [_to_passage(n) for n in hits][: top_k or self.top_k]


_WITHIN_WIDE = 200  # vector hits read for a search within one document
_BM25_KEPT = 16  # documents whose own BM25 index is kept for the next question about them

# Words quoted in a question (three characters or more), and the words that name the article itself.
_QUOTATION = re.compile(r"[\"“«„][^\"”»“]{3,}[\"”»“]|‘[^‘’]{3,}’")
_WORK = re.compile(r"\b(?:article|articles|piece|story|report|text|headline|title|news|publication)\b")

_RRF_K = 60  # the constant of reciprocal-rank fusion (Cormack et al. 2009)


class CrossLingualRetriever:
    """Hybrid retrieval, with a question asked in another language re-ranked by a multilingual embedder.

    The answerer searches with an English rewrite of such a question, made by
    the LLM, and a small model's rewrite can lose the point (Ukrainian "Кіт Келлог"
    became "the cat named Kellogg").  The rewrite's best ``pool`` candidates are
    ordered again by fusing their hybrid rank with their similarity to the
    question as asked (multilingual-e5 places a Russian question near the
    English sentence that answers it).  A passage the rewrite did not find
    at all cannot come back: on our 21 seed passages the pool is most of
    them, on a large corpus it is what the rewrite found.

    Passage vectors are computed on first use and kept (``cache`` of them), so
    the index needs no second embedding and English questions pay nothing.
    """

    def __init__(
        self,
        inner: HybridRetriever,
        embedder: Callable[[], Embedder],
        *,
        pool: int = 16,
        weight: float = 1.0,
        cache: int = 50_000,
    ) -> None:
        self._inner = inner
        self._make_embedder = embedder
        self._embedder: Embedder | None = None
        self.top_k = inner.top_k
        self._pool = pool
        self._weight = weight
        self._cache: OrderedDict[tuple[str, int, int, str], list[float]] = OrderedDict()
        self._cache_size = cache
        self._lock = threading.Lock()  # the Telegram bot answers from worker threads

    def vocabulary(self) -> frozenset[str]:
        return self._inner.vocabulary()

    def names(self) -> frozenset[str]:
        return self._inner.names()

    def documents(self) -> dict[str, dict[str, Any]]:
        return self._inner.documents()

    def passages_of(self, source: str) -> list[Passage]:
        return self._inner.passages_of(source)

    def _vectors(self, embedder: Embedder, passages: list[Passage]) -> list[list[float]]:
        keys = [(p.source, p.start, p.end, hashlib.sha1(p.text.encode()).hexdigest()) for p in passages]
        missing = [i for i, key in enumerate(keys) if key not in self._cache]
        if missing:
            for i, v in zip(missing, embedder.embed_documents([passages[i].text for i in missing]), strict=True):
                self._cache[keys[i]] = v
        for key in keys:
            self._cache.move_to_end(key)
        vectors = [self._cache[key] for key in keys]
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return vectors

    def retrieve(self, query: str, top_k: int | None = None, original: str = "", within: str = "") -> list[Passage]:
        k = top_k or self.top_k
        if not original.strip() or original == query:
            return self._inner.retrieve(query, k, within=within)
        pool = self._inner.retrieve(query, max(k, self._pool), within=within)
        if len(pool) <= 1:
            return pool[:k]
        with self._lock:
            if self._embedder is None:
                self._embedder = self._make_embedder()
            asked = self._embedder.embed_query(original)
            vectors = self._vectors(self._embedder, pool)
        similarity = [sum(a * b for a, b in zip(asked, v, strict=True)) for v in vectors]
        by_meaning = sorted(range(len(pool)), key=lambda i: -similarity[i])
        fused = [1 / (_RRF_K + 1 + i) for i in range(len(pool))]
        for rank, i in enumerate(by_meaning):
            fused[i] += self._weight / (_RRF_K + 1 + rank)
        order = sorted(range(len(pool)), key=lambda i: (-fused[i], i))
        return self._inner.with_label_line(query, [replace(pool[i], score=fused[i]) for i in order[:k]], k)


class WholeCorpusRetriever:
    """Every passage, in file order, for every question: the corpus is the context.

    For a corpus that fits the model's context window.  The passages are the
    same for every question, so they belong to the fixed prompt prefix that
    llama.cpp processes once (``fixed_passages``); a question then costs only
    its own tokens.
    """

    def __init__(self, index: DocumentIndex) -> None:
        # A labelled line is also inside its article's chunk: once is enough in a prompt.
        self._passages = [p for p in index.passages() if not p.label]
        texts = [p.text for p in self._passages]
        self._vocabulary = words_of(texts)
        self._names = name_runs(texts)
        self._documents = documents_of(self._passages)

    def fixed_passages(self) -> list[Passage]:
        return list(self._passages)

    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    def names(self) -> frozenset[str]:
        return self._names

    def documents(self) -> dict[str, dict[str, Any]]:
        return self._documents

    def passages_of(self, source: str) -> list[Passage]:
        return sorted((p for p in self._passages if p.source == source), key=lambda p: p.start)

    def retrieve(self, query: str, top_k: int | None = None, original: str = "", within: str = "") -> list[Passage]:
        # Every passage, even for a question about one document: they are the prompt's fixed prefix.
        return list(self._passages)
