"""Language-model backends behind one small Protocol.

``LlamaCppLLM`` runs a GGUF model in process through llama-cpp-python (CPU by
default; ``gpu_layers`` offloads layers on a CUDA build).  Tests use the
scripted fake in ``tests/fakes.py``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from bot.errors import GenerationError, ModelLoadError, ModelNotFound

Message = dict[str, str]
log = logging.getLogger(__name__)
_KEEP_STATES = 3  # saved prompt states kept per cache directory (a few modes or corpora in turn)


class Generation:
    """A streamed completion: iterate for text pieces; token counts fill in as it runs."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self.prompt_tokens = 0
        self.completion_tokens = 0

    def __iter__(self) -> Iterator[str]:
        return self._pieces

    def close(self) -> None:
        close = getattr(self._pieces, "close", None)
        if close is not None:
            close()


class LLM(Protocol):
    @property
    def name(self) -> str: ...

    def generate(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
        stop: list[str] | None = None,
    ) -> Generation: ...

    def count_tokens(self, text: str) -> int: ...

    def prefill(self, messages: list[Message]) -> None:
        """Process a prompt without answering it, so that a later prompt sharing its start is fast."""
        ...


def check_gguf(path: Path) -> None:
    """Fail early, with a useful message, on a file llama.cpp would choke on."""
    if not path.exists():
        raise ModelNotFound(f"model file {path} does not exist")
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as e:
        raise ModelLoadError(f"model file {path} cannot be read ({e.strerror or e})") from e
    if magic != b"GGUF":
        raise ModelLoadError(f"{path} is not a GGUF model file (llama.cpp needs GGUF; got {magic!r} at the start)")


def compact_state(state: Any) -> Any:
    """``state`` without its logits, which no later prompt reads.

    A ``LlamaState`` carries a logits row for each of n_batch positions (512 x
    151,936 floats, 311 MB for Qwen2.5) beside a KV cache of a few tens of MB.
    A prompt resumed from a restored state always evaluates at least its last
    token again, so the rows are never used; one zero row is broadcast back by
    ``load_state``.
    """
    state.scores = state.scores[:1] * 0.0
    return state


def compact_ram_cache(capacity_bytes: int) -> Any:
    """llama-cpp-python's RAM cache with states kept small and their size counted in full.

    The stock ``LlamaRAMCache`` counts only the KV part of each state against its
    capacity, not the 311 MB of logits beside it, and saves a state after every
    completed generation (a rewrite, an answer check, each of the peer's
    answers): a bot grew by ~300 MB a question until the kernel killed it
    (24 GB after 81 questions of ``docqa eval --engine llamaindex-citation``).
    """
    from llama_cpp.llama_cache import LlamaRAMCache

    class CompactRAMCache(LlamaRAMCache):
        @property
        def cache_size(self) -> int:
            return sum(s.llama_state_size + s.scores.nbytes for s in self.cache_state.values())

        def __setitem__(self, key: Any, value: Any) -> None:
            super().__setitem__(key, compact_state(value))

    return CompactRAMCache(capacity_bytes=capacity_bytes)


class LlamaCppLLM:
    """One llama.cpp model, shared by every caller (calls are serialised)."""

    def __init__(
        self,
        model_path: Path,
        *,
        n_ctx: int = 4096,
        n_threads: int = 2,
        n_gpu_layers: int = 0,
        seed: int = 0,
        name: str | None = None,
        cache_bytes: int = 1 << 30,
        state_dir: Path | None = None,
    ) -> None:
        check_gguf(model_path)
        try:
            from llama_cpp import Llama
        except ImportError as e:
            raise ModelLoadError(
                "llama-cpp-python is not installed: run `make setup` (it builds it with portable CPU flags)"
            ) from e
        try:
            self._llama = Llama(
                model_path=str(model_path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                n_gpu_layers=n_gpu_layers,
                seed=seed,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as e:
            raise ModelLoadError(
                f"llama.cpp could not load {model_path} ({e}); the file may be truncated or of an unsupported "
                "architecture. Re-provision the default model with `docqa provision`, or point "
                "DOCQA_LLM_MODEL_PATH at another GGUF file."
            ) from e
        # Keeps the KV state of recent prompts, so the fixed answer prefix survives
        # an interleaved call with another prompt (the follow-up rewrite).
        self._llama.set_cache(compact_ram_cache(cache_bytes))
        self._name = name or model_path.stem
        self._lock = threading.Lock()
        self.n_ctx = n_ctx
        self._state_dir = state_dir
        stat = model_path.stat()
        self._identity = f"{model_path.name}:{stat.st_size}:{n_ctx}:{n_gpu_layers}"

    @property
    def name(self) -> str:
        return self._name

    def count_tokens(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def prefill(self, messages: list[Message]) -> None:
        """Process ``messages`` once; with a ``state_dir``, keep the KV state on disk for the next start.

        A saved state is what makes the whole-corpus mode start in a second
        instead of a minute: processing a 2,500-token prompt takes about 60 s
        on two cores.  The state also goes into the RAM cache, so a prompt that
        interleaves (the follow-up rewrite) does not cost the prefix again.
        """
        path = self._state_path(messages)
        if path is not None and path.exists() and self._load_state(path):
            return
        gen = self.generate(messages, max_tokens=1)
        try:
            for _ in gen:
                pass
        finally:
            gen.close()
        if path is not None:
            self._save_state(path)

    def _state_path(self, messages: list[Message]) -> Path | None:
        if self._state_dir is None:
            return None
        import llama_cpp

        key = json.dumps([self._identity, llama_cpp.__version__, messages], ensure_ascii=False)
        return self._state_dir / f"prefix-{hashlib.sha256(key.encode()).hexdigest()[:24]}.kvstate"

    def _load_state(self, path: Path) -> bool:
        try:
            # Our own cache directory, written by _save_state: as trusted as the model file beside it.
            state = pickle.loads(path.read_bytes())
            with self._lock:
                self._llama.load_state(state)
                cache = getattr(self._llama, "cache", None)
                if cache is not None:
                    cache[state.input_ids.tolist()] = state
        except Exception as e:  # a truncated or foreign file: process the prompt instead
            log.warning("ignoring the saved prompt state %s (%s)", path, e)
            path.unlink(missing_ok=True)
            return False
        log.info("loaded the saved prompt state %s (%d tokens)", path.name, int(state.n_tokens))
        return True

    def _save_state(self, path: Path) -> None:
        with self._lock:
            state = compact_state(self._llama.save_state())
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kvstate-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # a reader sees the whole state or none
            # States of earlier corpora are never read again once the documents change.
            older = sorted(path.parent.glob("prefix-*.kvstate"), key=lambda f: f.stat().st_mtime)[:-_KEEP_STATES]
            for stale in older:
                stale.unlink(missing_ok=True)
        except OSError as e:  # a full or read-only disk costs the next start time, nothing else
            log.warning("cannot save the prompt state to %s (%s)", path, e)
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)

    @property
    def llama(self) -> Any:
        """The ``llama_cpp.Llama`` underneath: the benchmarks time it bare."""
        return self._llama

    @staticmethod
    def completion_kwargs(
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
        stop: list[str] | None = None,
    ) -> dict[str, Any]:
        """The exact ``create_chat_completion`` arguments of :meth:`generate`."""
        kwargs: dict[str, Any] = {
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0.0,
            "repeat_penalty": 1.0,  # names and numbers must be copied, not varied
            "stream": True,
            "stop": stop,
        }
        if json_schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": json_schema}
        return kwargs

    def generate(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
        stop: list[str] | None = None,
    ) -> Generation:
        gen = Generation(iter(()))
        kwargs = self.completion_kwargs(messages, max_tokens=max_tokens, json_schema=json_schema, stop=stop)

        def pieces() -> Iterator[str]:
            # The lock is held while the caller consumes the stream, and freed by
            # close() when it stops early (Ctrl-C, a cancelled answer).
            with self._lock:
                try:
                    for chunk in self._llama.create_chat_completion(**kwargs):
                        delta: dict[str, Any] = chunk["choices"][0]["delta"]  # type: ignore[index,assignment]
                        text = delta.get("content")
                        if isinstance(text, str) and text:
                            gen.completion_tokens += 1
                            gen.prompt_tokens = max(0, self._llama.n_tokens - gen.completion_tokens)
                            yield text
                except ValueError as e:  # llama-cpp-python's way of saying the prompt does not fit
                    raise GenerationError(f"the model could not process the prompt: {e}") from e

        gen._pieces = pieces()
        return gen
