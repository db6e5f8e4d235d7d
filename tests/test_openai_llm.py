"""The `openai` backend: our request/stream/retry logic against scripted HTTP, then against a
real ``python -m llama_cpp.server`` on 127.0.0.1 serving the small SmolLM2 model."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.answerer import ANSWER_SCHEMA, Answerer
from bot.app import build_llm
from bot.errors import ConfigError, GenerationError, ModelLoadError
from bot.openai_llm import OpenAICompatibleLLM
from bot.prompts import Prompts
from bot.settings import Settings
from index.retrieval import HybridRetriever
from tests.conftest import SEEDS, make_index

BASE = "http://model.test/v1"
KEY = "sk-very-secret-key-123"
HELLO = [{"role": "user", "content": "Say hello."}]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sse(*events: dict[str, Any] | str) -> bytes:
    """A server-sent event stream as llama.cpp-style servers write it."""
    out = []
    for e in events:
        out.append(f"data: {e if isinstance(e, str) else json.dumps(e)}\n\n")
    return "".join(out).encode()


def delta(text: str | None = None, finish: str | None = None) -> dict[str, Any]:
    d = {"content": text} if text is not None else {}
    return {"choices": [{"index": 0, "delta": d, "finish_reason": finish}]}


def chat_stream(*texts: str, usage: dict[str, int] | None = None) -> bytes:
    events: list[dict[str, Any] | str] = [delta(t) for t in texts]
    events.append(delta(finish="stop"))
    if usage is not None:
        events.append({"choices": [], "usage": usage})
    events.append("[DONE]")
    return sse(*events)


class Script:
    """A scripted server: a handler per request path; records every request."""

    def __init__(self, **routes: Callable[[httpx.Request], httpx.Response]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        handler = self.routes.get(request.url.path.strip("/").replace("/", "_"))
        if handler is None:
            return httpx.Response(404, json={"detail": "Not Found"})
        return handler(request)

    def bodies(self, path: str) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests if r.url.path == path]

    def llm(self, **kw: Any) -> OpenAICompatibleLLM:
        kw.setdefault("model", "m")
        kw.setdefault("backoff_s", 0.01)
        return OpenAICompatibleLLM(BASE, transport=httpx.MockTransport(self), **kw)


def tokens(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"tokens": list(range(len(json.loads(request.content)["input"].split())))})


# -- our logic, against scripted HTTP ----------------------------------------------------------


def test_stream_pieces_request_body_and_usage() -> None:
    script = Script(
        v1_chat_completions=lambda r: httpx.Response(
            200,
            content=chat_stream(
                '{"found": true, ', '"answer": "Hi"}', usage={"prompt_tokens": 42, "completion_tokens": 7}
            ),
        ),
        extras_tokenize=tokens,
    )
    llm = script.llm(api_key=KEY)
    gen = llm.generate(HELLO, max_tokens=9, json_schema=ANSWER_SCHEMA, stop=["\n"])
    assert list(gen) == ['{"found": true, ', '"answer": "Hi"}']
    assert (gen.prompt_tokens, gen.completion_tokens) == (42, 7)  # the server's usage wins
    (body,) = script.bodies("/v1/chat/completions")
    assert body["response_format"] == {"type": "json_object", "schema": ANSWER_SCHEMA}
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["max_tokens"] == 9 and body["stop"] == ["\n"] and body["model"] == "m"
    assert body["temperature"] == 0.0 and body["repeat_penalty"] == 1.0
    chat = next(r for r in script.requests if r.url.path == "/v1/chat/completions")
    assert chat.headers["authorization"] == f"Bearer {KEY}"
    # The server reported usage, so the next call does not count the prompt itself.
    n = len(script.requests)
    list(llm.generate([{"role": "user", "content": "a brand new text"}], max_tokens=9))
    assert [r.url.path for r in script.requests[n:]] == ["/v1/chat/completions"]


def test_without_usage_tokens_are_counted_by_us() -> None:
    script = Script(v1_chat_completions=lambda r: httpx.Response(200, content=chat_stream("a", "b", "c")))
    script.routes["extras_tokenize"] = tokens
    gen = script.llm().generate([{"role": "user", "content": "one two three four"}], max_tokens=5)
    assert "".join(gen) == "abc"
    assert gen.completion_tokens == 3
    assert gen.prompt_tokens == 4 + 4 + 3  # the text, the message's template tokens, the reply header


def test_count_tokens_finds_the_tokenize_endpoint_and_caches() -> None:
    # llama.cpp's server: no /extras/tokenize, but /tokenize with "content".
    script = Script(
        tokenize=lambda r: httpx.Response(200, json={"tokens": [1] * len(json.loads(r.content)["content"])})
    )
    llm = script.llm()
    assert llm.count_tokens("abcde") == 5
    assert llm.count_tokens("abcde") == 5 and llm.count_tokens("xy") == 2
    paths = [r.url.path for r in script.requests]
    assert paths == ["/extras/tokenize", "/tokenize", "/tokenize", "/tokenize"]  # probe once, cache repeats
    assert llm.count_tokens("") == 0


def test_count_tokens_estimates_when_the_server_has_no_tokenizer() -> None:
    script = Script()
    llm = script.llm()
    assert llm.count_tokens("x" * 30) == 10
    assert llm.count_tokens("y" * 31) == 11  # rounded up: an estimate must not undercount
    assert len(script.requests) == 2  # probed once, never again


def test_5xx_is_retried_then_succeeds() -> None:
    replies = iter([503, 502])

    def chat(r: httpx.Request) -> httpx.Response:
        status = next(replies, 200)
        return httpx.Response(status, content=chat_stream("ok") if status == 200 else b"busy")

    script = Script(v1_chat_completions=chat, extras_tokenize=tokens)
    assert "".join(script.llm(retries=2).generate(HELLO, max_tokens=4)) == "ok"
    assert len(script.bodies("/v1/chat/completions")) == 3


def test_5xx_gives_one_clear_error_after_the_retries(caplog: pytest.LogCaptureFixture) -> None:
    script = Script(
        v1_chat_completions=lambda r: httpx.Response(503, json={"error": {"message": "overloaded"}}),
        extras_tokenize=tokens,
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(
        GenerationError, match=r"model server at http://model\.test/v1 keeps failing \(HTTP 503: overloaded; 4 tries\)"
    ) as e:
        "".join(script.llm(retries=3, api_key=KEY).generate(HELLO, max_tokens=4))
    assert "overloaded" in str(e.value) and "4 tries" in str(e.value)
    assert len(script.bodies("/v1/chat/completions")) == 4
    assert KEY not in caplog.text and KEY not in str(e.value)
    assert "trying again" in caplog.text


def test_a_bad_key_is_a_config_error_without_the_key(caplog: pytest.LogCaptureFixture) -> None:
    script = Script(extras_tokenize=lambda r: httpx.Response(401, json={"detail": f"bad key {KEY[:3]}"}))
    caplog.set_level(logging.DEBUG)
    llm = script.llm(api_key=KEY)
    with pytest.raises(ConfigError, match="DOCQA_LLM_API_KEY") as e:
        llm.count_tokens("hello")
    assert KEY not in str(e.value) and KEY not in caplog.text and KEY not in repr(llm)
    assert len(script.requests) == 1  # an auth failure is not retried


def test_a_wrong_base_url_says_so() -> None:
    script = Script(extras_tokenize=tokens)  # no chat route: 404
    with pytest.raises(ModelLoadError, match="DOCQA_LLM_BASE_URL"):
        list(script.llm().generate(HELLO, max_tokens=4))


def test_a_server_that_refuses_the_llama_cpp_form_gets_the_openai_form() -> None:
    def chat(r: httpx.Request) -> httpx.Response:
        body = json.loads(r.content)
        if body.get("response_format", {}).get("type") == "json_object" or "repeat_penalty" in body:
            return httpx.Response(400, json={"error": {"message": "Unrecognized request argument"}})
        return httpx.Response(200, content=chat_stream('{"found": false, "answer": ""}'))

    script = Script(v1_chat_completions=chat, extras_tokenize=tokens)
    llm = script.llm()
    for _ in range(2):
        assert json.loads("".join(llm.generate(HELLO, max_tokens=20, json_schema=ANSWER_SCHEMA)))["found"] is False
    first, second, third = script.bodies("/v1/chat/completions")
    assert first["response_format"]["type"] == "json_object"
    expected = {"type": "json_schema", "json_schema": {"name": "answer", "schema": ANSWER_SCHEMA}}
    assert second["response_format"] == third["response_format"] == expected  # and it stays switched
    assert "repeat_penalty" not in third


def test_a_prompt_too_long_is_reported_and_does_not_switch_the_format() -> None:
    msg = "This model's maximum context length is 2048 tokens. However, you requested 3041 tokens"
    script = Script(
        v1_chat_completions=lambda r: httpx.Response(400, json={"error": {"message": msg, "param": "messages"}}),
        extras_tokenize=tokens,
    )
    llm = script.llm(retries=3)
    with pytest.raises(GenerationError, match="DOCQA_LLM_CONTEXT must not exceed") as e:
        list(llm.generate(HELLO, max_tokens=4, json_schema=ANSWER_SCHEMA))
    assert "maximum context length is 2048" in str(e.value)
    (body,) = script.bodies("/v1/chat/completions")  # neither retried nor re-sent in the OpenAI form
    assert body["response_format"]["type"] == "json_object"


def test_an_empty_stream_points_at_the_context_window() -> None:
    # What llama-cpp-python's server sends, streaming, when the prompt does not fit: 200 and nothing.
    script = Script(v1_chat_completions=lambda r: httpx.Response(200, content=b""), extras_tokenize=tokens)
    with pytest.raises(GenerationError, match="DOCQA_LLM_CONTEXT"):
        list(script.llm().generate(HELLO, max_tokens=4))


def test_a_stream_cut_short_is_an_error_not_a_short_answer() -> None:
    # llama-cpp-python's server, with its default --interrupt_requests, ends a stream like this
    # when another client's request arrives.
    script = Script(
        v1_chat_completions=lambda r: httpx.Response(200, content=sse(delta("The talks"), "[DONE]")),
        extras_tokenize=tokens,
    )
    gen = script.llm().generate(HELLO, max_tokens=20)
    it = iter(gen)
    assert next(it) == "The talks"
    with pytest.raises(GenerationError, match="--interrupt_requests False"):
        next(it)


class _Body(httpx.SyncByteStream):
    """A response body that yields its chunks one by one and can fail midway; records close()."""

    def __init__(self, chunks: list[bytes], fail: Exception | None = None) -> None:
        self.chunks = chunks
        self.fail = fail
        self.closed = False
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for c in self.chunks:
            self.sent += 1
            yield c
        if self.fail:
            raise self.fail

    def close(self) -> None:
        self.closed = True


def test_close_stops_reading_the_stream() -> None:
    body = _Body([sse(delta(f"w{i} ")) for i in range(50)] + [sse(delta(finish="stop"), "[DONE]")])
    script = Script(v1_chat_completions=lambda r: httpx.Response(200, stream=body), extras_tokenize=tokens)
    gen = script.llm().generate(HELLO, max_tokens=50)
    assert next(iter(gen)) == "w0 "
    gen.close()
    assert body.closed and body.sent < 50


def test_a_connection_that_breaks_mid_answer_is_reported_not_replayed() -> None:
    body = _Body([sse(delta("Istanbul"))], fail=httpx.ReadError("reset"))
    script = Script(v1_chat_completions=lambda r: httpx.Response(200, stream=body), extras_tokenize=tokens)
    it = iter(script.llm(retries=3).generate(HELLO, max_tokens=50))
    assert next(it) == "Istanbul"
    with pytest.raises(GenerationError, match="broke in the middle of an answer"):
        next(it)
    assert len(script.bodies("/v1/chat/completions")) == 1


def test_the_model_name_comes_from_the_server_when_unset() -> None:
    script = Script(
        v1_models=lambda r: httpx.Response(200, json={"data": [{"id": "qwen2.5-1.5b"}, {"id": "other"}]}),
        v1_chat_completions=lambda r: httpx.Response(200, content=chat_stream("x")),
        extras_tokenize=tokens,
    )
    llm = script.llm(model=None)
    list(llm.generate(HELLO, max_tokens=2))
    assert llm.name == "qwen2.5-1.5b"
    assert script.bodies("/v1/chat/completions")[0]["model"] == "qwen2.5-1.5b"


def test_a_base_url_that_is_not_a_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="DOCQA_LLM_BASE_URL"):
        OpenAICompatibleLLM("127.0.0.1:8000")


# -- real sockets, no model ---------------------------------------------------------------------


def test_a_server_that_is_down_fails_quickly_with_the_url() -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    llm = OpenAICompatibleLLM(url, model="m", timeout_s=2, retries=2, backoff_s=0.05)
    t0 = time.monotonic()
    with pytest.raises(GenerationError) as e:
        "".join(llm.generate(HELLO, max_tokens=4))
    assert time.monotonic() - t0 < 5
    msg = str(e.value)
    assert url in msg and "3 tries" in msg and "connection refused" in msg
    assert "Traceback" not in msg


def test_a_server_that_never_answers_times_out() -> None:
    # Accepts connections and says nothing: the read timeout must fire, on every try.
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(8)
        url = f"http://127.0.0.1:{srv.getsockname()[1]}/v1"
        llm = OpenAICompatibleLLM(url, model="m", timeout_s=0.3, retries=1, backoff_s=0.01)
        t0 = time.monotonic()
        with pytest.raises(GenerationError, match="did not answer in time; 2 tries"):
            llm.count_tokens("hello")
        assert 0.6 <= time.monotonic() - t0 < 5


def test_build_llm_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCQA_LLM_BACKEND", "openai")
    monkeypatch.setenv("DOCQA_LLM_BASE_URL", "http://10.0.0.5:8080/v1/")
    monkeypatch.setenv("DOCQA_LLM_API_KEY", KEY)
    monkeypatch.setenv("DOCQA_LLM_MODEL", "qwen")
    monkeypatch.setenv("DOCQA_LLM_TIMEOUT_S", "7.5")
    monkeypatch.setenv("DOCQA_LLM_RETRIES", "4")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    llm = build_llm(settings)
    assert isinstance(llm, OpenAICompatibleLLM)
    assert (llm.base_url, llm.name, llm.timeout_s, llm.retries) == ("http://10.0.0.5:8080/v1", "qwen", 7.5, 4)
    assert KEY not in repr(llm) and KEY not in repr(settings)


def test_build_llm_needs_a_base_url() -> None:
    with pytest.raises(ConfigError, match="DOCQA_LLM_BASE_URL"):
        build_llm(Settings(_env_file=None, llm_backend="openai", llm_base_url=None))  # type: ignore[call-arg]


# -- a real llama_cpp.server on the small packaged model ------------------------------------------


class LlamaServer:
    """``python -m llama_cpp.server`` on 127.0.0.1, started and stopped by its process id."""

    def __init__(self, model: Path, log_path: Path, *extra: str) -> None:
        self.port = _free_port()
        self.log_path = log_path
        self.args = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "smollm2",
            "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", "2048",
            "--n_threads", "2", "--n_threads_batch", "2",
            "--logits_all", "False", "--use_mlock", "False", "--verbose", "False",
            *extra,
        ]  # fmt: skip
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        with self.log_path.open("wb") as log_file:
            self.proc = subprocess.Popen(self.args, stdout=log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-1500:]
                pytest.fail(f"llama_cpp.server exited with {self.proc.returncode} (`make setup` installs the "
                            f"`server` extra it needs):\n{tail}")  # fmt: skip
            try:
                if httpx.get(f"{self.url}/models", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail("llama_cpp.server did not come up in 90 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    from tests.test_llama import smol_path

    # Shared by several clients, so a new request must wait its turn rather than cut the
    # current answer short (llama-cpp-python's default).
    server = LlamaServer(
        smol_path(), tmp_path_factory.mktemp("llama-server") / "server.log", "--interrupt_requests", "False"
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def remote(llama_server: LlamaServer) -> OpenAICompatibleLLM:
    return OpenAICompatibleLLM(llama_server.url, timeout_s=60, retries=1)


@pytest.mark.llama
def test_real_server_streams_pieces_and_counts(remote: OpenAICompatibleLLM) -> None:
    gen = remote.generate([{"role": "user", "content": "Write one sentence about the sea."}], max_tokens=12)
    pieces = list(gen)
    assert len(pieces) >= 3 and "".join(pieces).strip()
    assert gen.completion_tokens == len(pieces)  # one token a piece on llama.cpp servers
    assert gen.prompt_tokens > 10
    assert remote.name == "smollm2"


@pytest.mark.llama
def test_real_server_json_schema_gives_the_answerers_json(remote: OpenAICompatibleLLM) -> None:
    gen = remote.generate(
        [{"role": "user", "content": "Is the sky blue? Answer in JSON."}], max_tokens=40, json_schema=ANSWER_SCHEMA
    )
    raw = "".join(gen)
    try:
        obj = json.loads(raw)
    except ValueError:
        pytest.fail(f"not JSON: {raw!r}")
    assert set(obj) == {"found", "answer"}
    assert isinstance(obj["found"], bool) and isinstance(obj["answer"], str)
    assert raw.index('"found"') < raw.index('"answer"')  # the order the answerer streams by


@pytest.mark.llama
def test_real_server_counts_tokens_like_the_model(remote: OpenAICompatibleLLM) -> None:
    from llama_cpp import Llama

    from tests.test_llama import smol_path

    vocab = Llama(model_path=str(smol_path()), vocab_only=True, verbose=False)
    for text in ["Hello world, how are you?", "Путин предложил прямые переговоры в Стамбуле 15 мая."]:
        assert remote.count_tokens(text) == len(vocab.tokenize(text.encode(), add_bos=False, special=True))


@pytest.mark.llama
def test_real_server_answerer_end_to_end(remote: OpenAICompatibleLLM, tmp_path: Path, prompts: Prompts) -> None:
    idx = make_index(tmp_path)
    idx.update([SEEDS])
    answerer = Answerer(remote, HybridRetriever(idx), prompts, max_tokens=60, context_tokens=2048)
    answerer.warm_up()
    stream = answerer.stream("Where were the talks proposed to be held?")
    pieces = list(stream)
    answer = stream.result()
    assert answer.model == "smollm2"
    assert answer.retrieved and answer.timings.total_s > 0 and answer.timings.prompt_tokens > 100
    assert answer.timings.completion_tokens > 0
    assert pieces and answer.text.strip()
    if answer.refused:
        assert answer.citations == []
    for c in answer.citations:
        assert (SEEDS / c.source).read_text(encoding="utf-8")[c.start : c.end] == c.quote


@pytest.mark.llama
def test_real_server_is_shared_by_concurrent_clients(llama_server: LlamaServer) -> None:
    # Two bot processes' worth of clients at once: the server queues, both answers finish.
    results: dict[int, tuple[str, int]] = {}
    errors: list[BaseException] = []

    def ask(i: int) -> None:
        llm = OpenAICompatibleLLM(llama_server.url, timeout_s=60, retries=1)
        try:
            gen = llm.generate([{"role": "user", "content": f"Count from {i} to {i + 5}."}], max_tokens=16)
            results[i] = ("".join(gen), gen.completion_tokens)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=ask, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert sorted(results) == [1, 2, 3]
    assert all(text.strip() and n >= 1 for text, n in results.values())


@pytest.mark.llama
def test_real_server_stopped_early_then_asked_again(remote: OpenAICompatibleLLM) -> None:
    gen = remote.generate([{"role": "user", "content": "Tell a long story about a cat."}], max_tokens=200)
    first = next(iter(gen))
    gen.close()
    assert first
    again = remote.generate(HELLO, max_tokens=6)
    assert "".join(again).strip() and again.completion_tokens >= 1


@pytest.mark.llama
def test_real_server_prompt_too_long_is_a_clear_error(remote: OpenAICompatibleLLM) -> None:
    gen = remote.generate([{"role": "user", "content": "word " * 3000}], max_tokens=8)  # the server has 2048
    with pytest.raises(GenerationError, match="DOCQA_LLM_CONTEXT"):
        list(gen)
    assert "".join(remote.generate(HELLO, max_tokens=4)).strip()  # and the server still answers


@pytest.mark.llama
def test_real_server_through_build_llm(llama_server: LlamaServer) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, llm_backend="openai", llm_base_url=llama_server.url, llm_model="smollm2", llm_timeout_s=30
    )
    llm = build_llm(settings)
    gen = llm.generate(HELLO, max_tokens=6)
    assert "".join(gen).strip() and llm.count_tokens("Hello") >= 1
