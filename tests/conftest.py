"""Shared fakes and fixtures.

Fakes are for our own logic: a scripted LLM (``enqueue`` replies, read
``calls``) and a deterministic embedder.  Chroma is always real, on disk in a
temporary directory.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.answerer import Answerer
from bot.llm import Generation, Message
from bot.prompts import Prompts, load_prompts
from index.retrieval import HybridRetriever
from index.store import ChromaLocation, DocumentIndex, open_chroma

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass
class FakeLLM:
    """Replies from a queue, in pieces; records every call.

    ``enqueue(text)`` for raw output, ``enqueue_answer(answer, found)`` for the
    answerer's JSON.  An empty queue is a test error, not a silent default.
    """

    name: str = "fake-llm"
    replies: list[str] = field(default_factory=list)
    calls: list[dict[str, Any]] = field(default_factory=list)
    piece_size: int = 3

    def enqueue(self, *texts: str) -> FakeLLM:
        self.replies.extend(texts)
        return self

    def enqueue_answer(self, answer: str, found: bool = True) -> FakeLLM:
        return self.enqueue(json.dumps({"found": found, "answer": answer}, ensure_ascii=False))

    prefilled: list[list[Message]] = field(default_factory=list)

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def prefill(self, messages: list[Message]) -> None:
        self.prefilled.append(messages)

    def generate(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
        stop: list[str] | None = None,
    ) -> Generation:
        self.calls.append({"messages": messages, "max_tokens": max_tokens, "json_schema": json_schema, "stop": stop})
        if not self.replies:
            raise AssertionError("FakeLLM called with no reply queued")
        reply = self.replies.pop(0)
        if stop:
            for s in stop:
                reply = reply.split(s)[0]
        gen = Generation(iter(()))

        def pieces() -> Iterator[str]:
            for i in range(0, len(reply), self.piece_size):
                gen.completion_tokens += 1
                yield reply[i : i + self.piece_size]

        gen.prompt_tokens = sum(self.count_tokens(m["content"]) for m in messages)
        gen._pieces = pieces()
        return gen


class FakeEmbedder:
    """Hashed bag of words: deterministic, fast, and similar for texts that share words."""

    name = "fake-embedder"
    dimension = 64

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * self.dimension
        for w in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dimension] += 1.0
        n = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / n for x in v]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


def make_index(data_dir: Path, embedder: Any = None, **kw: Any) -> DocumentIndex:
    return DocumentIndex(
        open_chroma(ChromaLocation(path=data_dir / "chroma")), embedder or FakeEmbedder(), data_dir, **kw
    )


@pytest.fixture
def seeded_index(tmp_path: Path, seeds_copy: Path) -> DocumentIndex:
    idx = make_index(tmp_path / "data")
    idx.update([seeds_copy])
    return idx


@pytest.fixture
def prompts() -> Prompts:
    return load_prompts(ROOT / "prompts")


@pytest.fixture
def fake_llm() -> FakeLLM:
    return FakeLLM()


@pytest.fixture
def answerer(seeded_index: DocumentIndex, fake_llm: FakeLLM, prompts: Prompts) -> Answerer:
    # A withheld answer to two questions is asked again a part at a time: off here, so that a test
    # queues the replies of one run; the tests of that step switch it on.
    return Answerer(fake_llm, HybridRetriever(seeded_index, top_k=4), prompts, top_k=4, split_questions=False)


@pytest.fixture(scope="session")
def minilm() -> Any:
    """The real packaged embedder (loads in a few seconds; shared by the session)."""
    from index.embedding import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()
