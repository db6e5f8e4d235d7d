"""An :class:`~bot.llm.LLM` backend for any OpenAI-compatible chat endpoint.

llama.cpp's server, llama-cpp-python's ``python -m llama_cpp.server``, vLLM and
Ollama all speak ``POST {base}/chat/completions`` with server-sent events, so
several bot processes can share one model server instead of each loading the
model.

What differs between those servers, and what this module does about it:

* **Structured output.**  llama.cpp and llama-cpp-python constrain the output
  with ``{"type": "json_object", "schema": ...}``; llama-cpp-python rejects the
  OpenAI form ``{"type": "json_schema", ...}``.  We send the llama.cpp form
  first.  vLLM and Ollama take it as plain JSON mode (the schema is ignored, the
  answer is still JSON, and the answerer's prompt spells out its keys); a server
  that refuses one of its fields (a 400/422 naming ``response_format``, an
  unknown argument...) is asked again, once, in the strict OpenAI form, which is
  then kept for the rest of the process.  ``json_mode="json_schema"`` starts
  with the OpenAI form.  A prompt longer than the server's context is reported
  as such (``DOCQA_LLM_CONTEXT`` must not exceed the server's window).
* **Token counts.**  Taken from the stream's ``usage`` when the server sends it
  (we ask with ``stream_options.include_usage``: llama.cpp, vLLM, Ollama and
  OpenAI do; llama-cpp-python does not).  Otherwise completion tokens are the
  streamed pieces (these servers send one token a piece) and prompt tokens are
  counted with :meth:`OpenAICompatibleLLM.count_tokens` over the message texts,
  plus a few tokens a message for the chat template.
* **count_tokens** uses the server's tokenizer: ``POST /extras/tokenize``
  (llama-cpp-python), else ``POST /tokenize`` (llama.cpp, vLLM).  A server with
  neither (Ollama, OpenAI) gets an estimate of one token per three characters,
  which errs high so the answerer's context budget stays safe.
* **Failures.**  A server that cannot be reached, times out, or answers 429/5xx
  is retried with jittered exponential backoff (tenacity), then reported in
  one :class:`~bot.errors.GenerationError` naming the URL.  Only the request is
  retried: once text has been handed to the caller it cannot be taken back, so
  a stream that breaks later is reported, not replayed.

The API key travels only in the ``Authorization`` header; it is never logged
and never put in a message.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
from collections.abc import Iterator
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from bot.errors import ConfigError, GenerationError, ModelLoadError
from bot.llm import Generation, Message

log = logging.getLogger(__name__)

JsonMode = Literal["json_object", "json_schema"]

# Chat-template tokens around each message (ChatML: "<|im_start|>role\n" … "<|im_end|>\n"),
# and the assistant header that opens the reply.  Used only when the server reports no usage.
_PER_MESSAGE_TOKENS = 4
_REPLY_TOKENS = 3
_CHARS_PER_TOKEN = 3.0  # low on purpose: an estimate must not let a prompt overflow the context
_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
_CACHE_SIZE = 2048
# A 400/422 worth retrying in the OpenAI form names a field it did not take; one about the
# context length (llama.cpp, vLLM, OpenAI all say "context") is not the format's fault.
_FORMAT_COMPLAINT = re.compile(
    r"response_format|repeat_penalty|json_object|schema|unrecognized|unknown|extra|not permitted|unsupported",
    re.IGNORECASE,
)
_CONTEXT_COMPLAINT = re.compile(r"context", re.IGNORECASE)
_CONTEXT_HINT = "DOCQA_LLM_CONTEXT must not exceed the server's context window (llama.cpp's --n_ctx)"


class _Retryable(Exception):
    """A status worth asking again for (429, 5xx); carries the server's words."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}" if detail else f"HTTP {status}")
        self.status = status


class _Rejected(Exception):
    """A 4xx other than auth and not-found: the server refused what we sent."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}" if detail else f"HTTP {status}")
        self.status = status
        self.detail = detail


def _transient(e: BaseException) -> bool:
    return isinstance(e, httpx.TransportError | _Retryable)


def _detail(response: httpx.Response) -> str:
    """The server's own error message, short; the body is read if it was streamed."""
    try:
        response.read()
    except httpx.HTTPError:
        return ""
    try:
        body: Any = response.json()
    except ValueError:
        return response.text[:200].strip()
    if isinstance(body, dict):
        err = body.get("error", body.get("detail", body))
        if isinstance(err, dict):
            err = err.get("message", err)
        return str(err)[:300].strip()
    return str(body)[:300]


def _reason(e: BaseException) -> str:
    if isinstance(e, httpx.TimeoutException):
        return "it did not answer in time"
    if isinstance(e, httpx.ConnectError):
        return "connection refused or host unreachable"
    return str(e) or type(e).__name__


class OpenAICompatibleLLM:
    """Chat completions from a model server; safe to share between threads (the server queues)."""

    def __init__(
        self,
        base_url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 120.0,
        retries: int = 2,
        backoff_s: float = 0.5,
        json_mode: JsonMode = "json_object",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(
                f"DOCQA_LLM_BASE_URL must be an http(s) URL such as http://127.0.0.1:8000/v1, not {base_url!r}"
            )
        self.base_url = base_url.rstrip("/")
        # Tokenize endpoints live beside /v1, not under it.
        self._root = self.base_url.removesuffix("/v1")
        self._model = model
        self.retries = max(0, retries)
        self.timeout_s = timeout_s
        self._backoff_s = backoff_s
        self._json_mode: JsonMode = json_mode
        self._portable = json_mode == "json_schema"  # strict OpenAI request body
        self._usage_seen = False
        self._tokenize_path: str | Literal[False] | None = None  # None: not probed yet; False: none found
        self._counts: dict[str, int] = {}
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # The read timeout is the longest silence allowed: before the answer starts (a busy
        # server queues requests) and between two pieces.  Connecting is quick or it fails.
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            transport=transport,
        )

    def __repr__(self) -> str:  # no headers here: they hold the key
        return f"OpenAICompatibleLLM({self.base_url!r}, model={self._model!r})"

    # -- the LLM protocol -------------------------------------------------------
    @property
    def name(self) -> str:
        if self._model is None:
            try:
                self._model = self._server_model()
            except (GenerationError, ConfigError, ModelLoadError):
                return f"openai:{urlsplit(self.base_url).netloc}"
        return self._model

    def count_tokens(self, text: str) -> int:
        if not text:
            return 0
        cached = self._counts.get(text)
        if cached is not None:
            return cached
        n = self._tokenize(text)
        if len(self._counts) >= _CACHE_SIZE:
            self._counts.clear()  # the prompts that repeat (the system prompt) come right back
        self._counts[text] = n
        return n

    def prefill(self, messages: list[Message]) -> None:
        # The server keeps the KV state of the last prompt (llama.cpp; vLLM with prefix
        # caching), so processing the fixed prefix once makes later prompts faster.
        gen = self.generate(messages, max_tokens=1)
        try:
            for _ in gen:
                pass
        finally:
            gen.close()

    def generate(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
        stop: list[str] | None = None,
    ) -> Generation:
        gen = Generation(iter(()))

        def pieces() -> Iterator[str]:
            # Counted before the request: the answerer has already counted these texts
            # (cached), and afterwards would mean another trip to a busy server.
            if not self._usage_seen:
                gen.prompt_tokens = self._estimate_prompt(messages)
            with contextlib.closing(self._open_stream(messages, max_tokens, json_schema, stop)) as response:
                finished = False
                pieces_seen = events_seen = 0
                for event in self._events(response):
                    events_seen += 1
                    if "error" in event:
                        raise GenerationError(f"the model server at {self.base_url} failed: {event['error']}")
                    usage = event.get("usage")
                    if isinstance(usage, dict) and usage.get("completion_tokens") is not None:
                        self._usage_seen = True
                        gen.prompt_tokens = int(usage.get("prompt_tokens") or gen.prompt_tokens)
                        gen.completion_tokens = int(usage["completion_tokens"])
                    for choice in event.get("choices") or []:
                        if choice.get("finish_reason"):
                            finished = True
                        text = (choice.get("delta") or {}).get("content")
                        if isinstance(text, str) and text:
                            pieces_seen += 1
                            gen.completion_tokens = max(gen.completion_tokens, pieces_seen)
                            yield text
                if not events_seen:
                    # llama-cpp-python's server, when the prompt does not fit, answers 200 and
                    # ends the stream with nothing in it (its log has the reason).
                    raise GenerationError(
                        f"the model server at {self.base_url} ended the answer before it began; the prompt may be "
                        f"too long for it: {_CONTEXT_HINT}. The server's log says why."
                    )
                if not finished:
                    # llama-cpp-python's server, by default, ends a stream early with a bare
                    # [DONE] when another request arrives; a dropped connection looks the same.
                    raise GenerationError(
                        f"the model server at {self.base_url} stopped the answer before it was finished. "
                        "If several clients share a llama-cpp-python server, start it with "
                        "--interrupt_requests False."
                    )

        gen._pieces = pieces()
        return gen

    # -- requests ---------------------------------------------------------------
    def _body(
        self, messages: list[Message], max_tokens: int, json_schema: dict[str, Any] | None, stop: list[str] | None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self._model or self.name,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0.0,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if stop:
            body["stop"] = stop
        if not self._portable:
            body["repeat_penalty"] = 1.0  # llama.cpp's default 1.1 varies names and numbers that must be copied
        if json_schema is not None:
            if self._portable:
                body["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": "answer", "schema": json_schema},
                }
            else:
                body["response_format"] = {"type": "json_object", "schema": json_schema}
        return body

    def _open_stream(
        self, messages: list[Message], max_tokens: int, json_schema: dict[str, Any] | None, stop: list[str] | None
    ) -> httpx.Response:
        url = f"{self.base_url}/chat/completions"
        try:
            return self._send("POST", url, json=self._body(messages, max_tokens, json_schema, stop), stream=True)
        except _Rejected as e:
            if self._portable or not _FORMAT_COMPLAINT.search(e.detail) or _CONTEXT_COMPLAINT.search(e.detail):
                raise self._refused(e) from e
            # Not llama.cpp: ask once more in the strict OpenAI form, and keep to it if it is taken.
            log.info("%s refused a llama.cpp-style request (%s); trying the OpenAI form", self.base_url, e)
            self._portable = True
            try:
                return self._send("POST", url, json=self._body(messages, max_tokens, json_schema, stop), stream=True)
            except _Rejected as e2:
                self._portable = False
                raise self._refused(e2) from e2

    def _refused(self, e: _Rejected) -> GenerationError:
        if _CONTEXT_COMPLAINT.search(e.detail):
            return GenerationError(
                f"the prompt is too long for the model server at {self.base_url} ({e}): {_CONTEXT_HINT}"
            )
        return GenerationError(f"the model server at {self.base_url} refused the request ({e})")

    def _send(self, method: str, url: str, *, json: Any = None, stream: bool = False) -> httpx.Response:
        """One request, retried while the server is away or overloaded; the response's status is 2xx."""

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            log.warning(
                "model server %s: %s; trying again (%d/%d)",
                self.base_url,
                _reason(exc) if exc else "?",
                state.attempt_number,
                self.retries,
            )

        retrying = Retrying(
            stop=stop_after_attempt(self.retries + 1),
            wait=wait_random_exponential(multiplier=self._backoff_s, max=max(self._backoff_s, 8.0)),
            retry=retry_if_exception(_transient),
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    request = self._client.build_request(method, url, json=json)
                    response = self._client.send(request, stream=stream)
                    try:
                        self._check(response)
                    except BaseException:
                        response.close()
                        raise
                    return response
        except (httpx.TransportError, _Retryable) as e:
            tries = f"{self.retries + 1} {'try' if self.retries == 0 else 'tries'}"
            if isinstance(e, _Retryable):
                raise GenerationError(f"the model server at {self.base_url} keeps failing ({e}; {tries})") from e
            raise GenerationError(
                f"the model server at {self.base_url} is not answering ({_reason(e)}; {tries}). "
                "Is it running? Check DOCQA_LLM_BASE_URL."
            ) from e
        raise AssertionError("unreachable")  # pragma: no cover - Retrying either returns or raises

    def _check(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        detail = _detail(response)
        if status in _RETRY_STATUS:
            raise _Retryable(status, detail)
        if status in (401, 403):
            raise ConfigError(
                f"the model server at {self.base_url} refused the API key (HTTP {status}): check DOCQA_LLM_API_KEY"
            )
        if status == 404:
            raise ModelLoadError(
                f"the model server at {self.base_url} has no {urlsplit(str(response.url)).path} "
                f"({detail or 'HTTP 404'}): check DOCQA_LLM_BASE_URL (it usually ends in /v1) and DOCQA_LLM_MODEL"
            )
        raise _Rejected(status, detail)

    def _events(self, response: httpx.Response) -> Iterator[dict[str, Any]]:
        """The JSON payloads of a server-sent event stream, up to ``[DONE]``."""
        try:
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue  # blank separators, ": ping" comments, "event:" names
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                try:
                    event = json.loads(data)
                except ValueError:
                    continue
                if isinstance(event, dict):
                    yield event
        except httpx.TimeoutException as e:
            raise GenerationError(
                f"the model server at {self.base_url} went silent for {self.timeout_s:g} s in the middle of an answer"
            ) from e
        except httpx.TransportError as e:
            raise GenerationError(
                f"the connection to the model server at {self.base_url} broke in the middle of an answer ({_reason(e)})"
            ) from e

    def _server_model(self) -> str:
        """The first model the server lists: what to ask for when DOCQA_LLM_MODEL is unset."""
        response = self._send("GET", f"{self.base_url}/models")
        try:
            return str(response.json()["data"][0]["id"])
        except (ValueError, LookupError, TypeError) as e:
            raise ConfigError(
                f"the model server at {self.base_url} lists no model: set DOCQA_LLM_MODEL to the model's name"
            ) from e

    def _tokenize(self, text: str) -> int:
        if self._tokenize_path is None:
            self._tokenize_path = self._probe_tokenize(text)
        if self._tokenize_path is False:
            return math.ceil(len(text) / _CHARS_PER_TOKEN)
        try:
            return self._post_tokenize(self._tokenize_path, text)
        except _Rejected as e:
            raise GenerationError(f"the model server at {self.base_url} could not count tokens ({e})") from e

    def _probe_tokenize(self, text: str) -> str | Literal[False]:
        for path in ("/extras/tokenize", "/tokenize"):
            try:
                self._post_tokenize(path, text)
            except (ModelLoadError, _Rejected):  # 404, 405, or a body it does not take
                continue
            log.debug("counting tokens with %s%s", self._root, path)
            return path
        log.warning(
            "the model server at %s has no tokenize endpoint: token counts are estimated (one per %.0f characters)",
            self.base_url,
            _CHARS_PER_TOKEN,
        )
        return False

    def _post_tokenize(self, path: str, text: str) -> int:
        # One body for every server: llama-cpp-python reads "input", llama.cpp "content",
        # vLLM "prompt" (and "model"); each ignores the others' keys.
        body: dict[str, Any] = {"input": text, "content": text, "prompt": text, "add_special": False}
        if self._model:
            body["model"] = self._model
        response = self._send("POST", f"{self._root}{path}", json=body)
        try:
            data = response.json()
        except ValueError as e:
            raise _Rejected(response.status_code, "not JSON") from e
        if isinstance(data, dict) and isinstance(data.get("tokens"), list):
            return len(data["tokens"])
        if isinstance(data, dict) and isinstance(data.get("count"), int):
            return int(data["count"])
        raise _Rejected(response.status_code, "no tokens in the reply")

    def _estimate_prompt(self, messages: list[Message]) -> int:
        # A server that is away fails here, with the same message the request would give.
        counted = sum(self.count_tokens(m.get("content", "")) for m in messages)
        return counted + _PER_MESSAGE_TOKENS * len(messages) + _REPLY_TOKENS

    def close(self) -> None:
        self._client.close()
