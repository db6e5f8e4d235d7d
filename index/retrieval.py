"""Hybrid retrieval: BM25 and vector search fused by reciprocal rank.

Built from llama-index's own retrievers (``VectorIndexRetriever`` over the
Chroma store, ``BM25Retriever``, ``QueryFusionRetriever``); results leave this
module as our :class:`Passage`.
"""

from __future__ import annotations

import logging
import re
from typing import Protocol

from llama_index.core import VectorStoreIndex
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore
from llama_index.retrievers.bm25 import BM25Retriever

from index.store import DocumentIndex
from index.text import fold
from index.types import Passage

# bm25s sets its own logger to DEBUG on import, which floods stderr.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class Retriever(Protocol):
    def retrieve(self, query: str, top_k: int | None = None) -> list[Passage]: ...

    def vocabulary(self) -> frozenset[str]:
        """Every word in the indexed documents, lower-cased and without accents."""
        ...


def _to_passage(n: NodeWithScore) -> Passage:
    return Passage.from_metadata(n.node.get_content(), dict(n.node.metadata), n.score or 0.0)


class HybridRetriever:
    """BM25 + vectors, fused with reciprocal rank fusion (Cormack et al. 2009).

    ``candidates`` hits are taken from each side before fusion, so a passage
    that ranks well on either side can still reach the top ``top_k``.
    """

    def __init__(self, index: DocumentIndex, top_k: int = 4, candidates: int = 10) -> None:
        self.top_k = top_k
        self._candidates = candidates
        snapshot = index.snapshot()  # both sides read the same committed index
        vector_index = VectorStoreIndex.from_vector_store(index.vector_store(snapshot), embed_model=index.embed_model)
        self._vector = vector_index.as_retriever(similarity_top_k=candidates)
        nodes = index.nodes(snapshot)
        self._vocabulary = frozenset(w for n in nodes for w in re.findall(r"\w+", fold(n.get_content())))
        self._bm25 = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(candidates, len(nodes)))
        self._n = len(nodes)
        self._index = index

    def _fusion(self, top_k: int) -> QueryFusionRetriever:
        return QueryFusionRetriever(
            [self._vector, self._bm25],
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=top_k,
            num_queries=1,  # no LLM query generation: our answerer rewrites queries itself
            use_async=False,
            llm=MockLLM(),
        )

    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    def retrieve(self, query: str, top_k: int | None = None) -> list[Passage]:
        k = min(top_k or self.top_k, self._n)
        if not query.strip() or k <= 0:
            return []
        fusion = self._fusion(k)
        return self._index.reliably(lambda: [_to_passage(n) for n in fusion.retrieve(query)])

    def vector_search(self, query: str, top_k: int | None = None) -> list[Passage]:
        """Vector hits alone, with cosine similarity as the score."""
        hits = self._index.reliably(lambda: self._vector.retrieve(query))
        return [_to_passage(n) for n in hits][: top_k or self.top_k]


class WholeCorpusRetriever:
    """Every passage, in file order, for every question: the corpus is the context.

    For a corpus that fits the model's context window.  The passages are the
    same for every question, so they belong to the fixed prompt prefix that
    llama.cpp processes once (``fixed_passages``); a question then costs only
    its own tokens.
    """

    def __init__(self, index: DocumentIndex) -> None:
        self._passages = index.passages()
        self._vocabulary = frozenset(w for p in self._passages for w in re.findall(r"\w+", fold(p.text)))

    def fixed_passages(self) -> list[Passage]:
        return list(self._passages)

    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    def retrieve(self, query: str, top_k: int | None = None) -> list[Passage]:
        return list(self._passages)
