"""The whole-corpus mode: every passage in the fixed prompt prefix, its KV state kept on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answerer import Answerer
from bot.app import App, check_whole_corpus_fits
from bot.errors import ConfigError
from bot.llm import LlamaCppLLM
from bot.prompts import Prompts
from bot.settings import Settings
from index.retrieval import WholeCorpusRetriever
from index.store import DocumentIndex
from tests.conftest import FakeLLM
from tests.test_llama import smol_path


def test_every_question_gets_the_whole_corpus_in_file_order(seeded_index: DocumentIndex) -> None:
    r = WholeCorpusRetriever(seeded_index)
    # Every chunk but the labelled lines ("Original Author: …"), which their article's chunks hold too.
    everything = [p for p in seeded_index.passages() if not p.label]
    assert len(everything) == len(seeded_index.passages()) - 2
    assert r.retrieve("Istanbul") == r.retrieve("something else entirely", top_k=1) == everything
    assert [(p.source, p.start) for p in everything] == sorted((p.source, p.start) for p in everything)
    assert "istanbul" in r.vocabulary()
    for source in r.documents():
        assert r.passages_of(source) == [p for p in everything if p.source == source]


def test_the_prompt_is_the_same_for_every_question_up_to_the_question(
    seeded_index: DocumentIndex, fake_llm: FakeLLM, prompts: Prompts
) -> None:
    r = WholeCorpusRetriever(seeded_index)
    # Only the first look's prompts are compared: "Istanbul" for who led a delegation is withheld,
    # and a second look would add a third, shorter prompt.
    answerer = Answerer(fake_llm, r, prompts, top_k=len(r.fixed_passages()), context_tokens=100_000, second_look=False)
    answerer.warm_up()
    (warm,) = fake_llm.prefilled
    fake_llm.enqueue_answer("Istanbul [1].").enqueue_answer("Istanbul [2].")
    answerer.ask("Where were the talks held?")
    answerer.ask("Who led the delegation of Ukraine?")
    first, second = (c["messages"] for c in fake_llm.calls)
    assert first[:-1] == second[:-1] == warm[:-1]  # the system prompt
    shared = warm[-1]["content"].split("Question:")[0]
    # Each passage opens the shared part (its double quotes shown as single ones).
    assert all(p.text.split()[0].strip('"\u201c\u201d') in shared for p in r.fixed_passages())
    assert first[-1]["content"].startswith(shared) and second[-1]["content"].startswith(shared)


def test_a_question_about_each_article_keeps_the_whole_corpus(
    seeded_index: DocumentIndex, fake_llm: FakeLLM, prompts: Prompts
) -> None:
    r = WholeCorpusRetriever(seeded_index)
    answerer = Answerer(fake_llm, r, prompts, top_k=len(r.fixed_passages()), context_tokens=100_000, second_look=False)
    fake_llm.enqueue_answer("On May 12, several dozen Russian drones entered Ukrainian airspace [1].")
    answer = answerer.ask("What happened on May 12, according to each of the two articles?")
    # One generation over every passage, not one per article over a few of each.
    assert len(fake_llm.calls) == 1 and answer.retrieved == r.fixed_passages()


def test_a_corpus_too_big_for_the_context_is_refused_at_start(
    seeded_index: DocumentIndex, fake_llm: FakeLLM, prompts: Prompts, tmp_path: Path
) -> None:
    r = WholeCorpusRetriever(seeded_index)
    answerer = Answerer(fake_llm, r, prompts, top_k=len(r.fixed_passages()))
    tokens = answerer.prompt_tokens(r.fixed_passages())
    small = Settings(llm_context=tokens, context_mode="whole_corpus", data_dir=tmp_path)
    with pytest.raises(ConfigError, match="DOCQA_LLM_CONTEXT") as e:
        check_whole_corpus_fits(answerer, r, small)
    assert f"{tokens:,} tokens" in str(e.value)
    check_whole_corpus_fits(answerer, r, Settings(llm_context=tokens + 1000, data_dir=tmp_path))


def test_the_app_wires_the_mode(seeded_index: DocumentIndex, fake_llm: FakeLLM, tmp_path: Path) -> None:
    app = App(Settings(context_mode="whole_corpus", data_dir=tmp_path, llm_context=100_000))
    app.__dict__.update(index=seeded_index, llm=fake_llm)
    assert isinstance(app.answerer.retriever, WholeCorpusRetriever)
    assert app.answerer.top_k == len(app.answerer.retriever.fixed_passages()) == seeded_index.count() - 2


@pytest.mark.llama
def test_the_prefix_state_is_kept_on_disk_and_used_by_the_next_start(tmp_path: Path) -> None:
    messages = [
        {"role": "system", "content": "You answer questions about the passages. " * 40},
        {"role": "user", "content": "Passages:\n[1] The talks were held in Istanbul on May 16."},
    ]
    first = LlamaCppLLM(smol_path(), n_ctx=2048, state_dir=tmp_path)
    first.prefill(messages)
    (saved,) = tmp_path.glob("prefix-*.kvstate")
    processed = first.llama.n_tokens
    assert processed > 300

    second = LlamaCppLLM(smol_path(), n_ctx=2048, state_dir=tmp_path)

    def no_generation(*args: object, **kwargs: object) -> None:
        raise AssertionError("the saved state should have been loaded, not the prompt processed")

    second.generate = no_generation  # type: ignore[method-assign,assignment]
    second.prefill(messages)
    assert second.llama.n_tokens == processed
    del second.generate  # back to the real method: the loaded state answers a question that extends it
    gen = second.generate([messages[0], {"role": "user", "content": messages[1]["content"] + "\nWhen?"}], max_tokens=4)
    assert "".join(gen) and gen.prompt_tokens > processed - 5

    saved.write_bytes(b"not a state")  # damaged: ignored, the prompt processed again and the file replaced
    third = LlamaCppLLM(smol_path(), n_ctx=2048, state_dir=tmp_path)
    third.prefill(messages)
    assert third.llama.n_tokens == processed and saved.stat().st_size > 1000
