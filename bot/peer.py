"""The peer we measure against: LlamaIndex's ``CitationQueryEngine``, run with its
defaults over the same Chroma index, embedder and llama.cpp model as ours.

It is slow on a CPU (tens of seconds a question), so it is used from
``docqa eval --engine llamaindex-citation`` by hand, never in ``make test``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator
from typing import Any

from llama_index.core import VectorStoreIndex
from llama_index.core.base.llms.types import CompletionResponse, CompletionResponseGen, LLMMetadata
from llama_index.core.llms.custom import CustomLLM
from llama_index.core.query_engine import CitationQueryEngine
from pydantic import PrivateAttr

from bot.answerer import _SAYS_NOTHING
from bot.evaluate import EngineResult, EvalQuestion, Span
from bot.llm import LLM
from index.store import DocumentIndex
from index.types import Passage


class LlamaIndexLLM(CustomLLM):
    """Our :class:`LLM` presented to llama-index (same model, same process)."""

    _llm: Any = PrivateAttr()
    context_window: int = 4096
    num_output: int = 256

    def __init__(self, llm: LLM, context_window: int = 4096, **kwargs: Any) -> None:
        super().__init__(context_window=context_window, **kwargs)
        self._llm = llm

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=self.context_window, num_output=self.num_output, model_name=self._llm.name)

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        text = "".join(self._llm.generate([{"role": "user", "content": prompt}], max_tokens=self.num_output))
        return CompletionResponse(text=text)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def gen() -> Generator[CompletionResponse, None, None]:
            text = ""
            for piece in self._llm.generate([{"role": "user", "content": prompt}], max_tokens=self.num_output):
                text += piece
                yield CompletionResponse(text=text, delta=piece)

        return gen()


class LlamaIndexCitationEngine:
    name = "llamaindex-citation"

    def __init__(self, llm: LLM, index: DocumentIndex, context_window: int = 4096) -> None:
        self.model = llm.name
        snapshot = index.snapshot()
        vector_index = VectorStoreIndex.from_vector_store(index.vector_store(snapshot), embed_model=index.embed_model)
        self._engine = CitationQueryEngine.from_args(vector_index, llm=LlamaIndexLLM(llm, context_window))
        self._chunks = {(p.source, p.start): p.text for p in index.passages(snapshot)}

    def _span(self, node: Any) -> Span:
        """A citation chunk's offsets in its file: the peer re-splits our chunks into pieces."""
        p = Passage.from_metadata("", dict(node.metadata))
        piece = re.sub(r"^Source \d+:\n", "", node.get_content()).strip()
        offset = self._chunks.get((p.source, p.start), "").find(piece)
        if offset < 0:
            return (p.source, p.start, p.end)
        return (p.source, p.start + offset, p.start + offset + len(piece))

    def run(self, q: EvalQuestion) -> EngineResult:
        t0 = time.perf_counter()
        response = self._engine.query(q.question)
        total = time.perf_counter() - t0
        answer = str(response)
        nodes = list(response.source_nodes)
        cited = sorted({int(n) for n in re.findall(r"\[(?:Source )?(\d+)\]", answer)})
        citations = [self._span(nodes[n - 1].node) for n in cited if 1 <= n <= len(nodes)]
        refused = not citations and bool(_SAYS_NOTHING.search(answer) or not answer.strip())
        return EngineResult(
            answer=answer,
            refused=refused,
            citations=citations,
            retrieved=[self._span(n.node) for n in nodes],
            first_token_s=total,  # the peer does not stream by default
            total_s=total,
            prompt_tokens=0,
        )
