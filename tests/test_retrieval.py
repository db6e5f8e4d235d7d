"""Hybrid retrieval over a real Chroma index (fake embedder, real BM25)."""

from __future__ import annotations

from pathlib import Path

from index.chunking import label_of
from index.retrieval import HybridRetriever, name_runs, words_of
from index.store import DocumentIndex
from tests.conftest import SEEDS, make_index

AUTHOR = "Original Author: Rustam Muratov"


def test_a_question_about_the_author_gets_the_author_line_first(seeded_index: DocumentIndex) -> None:
    retriever = HybridRetriever(seeded_index, top_k=4)
    for question in [
        "Who is the author of the article about Putin's readiness for direct talks?",
        "Who wrote the Orda.kz article?",
    ]:
        passages = retriever.retrieve(question, 4)
        assert len(passages) == 4
        assert passages[1].text == AUTHOR, question  # second: after the passage the search found best
        assert passages[1].source.startswith("000_")
        assert len({p.id for p in passages}) == 4


def test_who_wrote_quoted_words_is_not_asked_for_the_byline(seeded_index: DocumentIndex) -> None:
    retriever = HybridRetriever(seeded_index, top_k=4)
    quoted = "Who wrote: “It is a positive sign that the Russians have finally begun to consider ending the war”?"
    assert AUTHOR not in [p.text for p in retriever.retrieve(quoted, 4)]
    # Quoting the article's name still asks for the article's author.
    named = 'Who is the author of the article "Orda.kz" about Putin\'s readiness for direct talks?'
    assert retriever.retrieve(named, 4)[1].text == AUTHOR


def test_labelled_lines_are_not_found_by_the_search_alone(seeded_index: DocumentIndex) -> None:
    retriever = HybridRetriever(seeded_index, top_k=4)
    assert any(p.label for p in seeded_index.passages())  # the lines are indexed
    for question in [
        "What did Putin propose?",
        "Original Muratov Screenshot Kremlin Video",  # their own words, but no label asked for
        "Who is Keith Kellogg?",
    ]:
        passages = retriever.retrieve(question, 4)
        assert len(passages) == 4
        assert not any(p.label or label_of(p.text) for p in passages), question


def test_a_one_line_document_that_looks_like_a_label_is_still_searched(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text("Meeting: Tuesday at ten in the blue room\n", encoding="utf-8")
    (docs / "other.txt").write_text("The weather was cold. Nobody met anyone.\n", encoding="utf-8")
    idx = make_index(tmp_path / "data")
    idx.update([docs])
    passages = HybridRetriever(idx, top_k=1).retrieve("Where is the meeting on Tuesday?", 1)
    assert [p.source for p in passages] == ["note.txt"]


def test_the_vocabulary_and_names_both_retrievers_give() -> None:
    texts = ["Turkish President Recep Tayyip Erdoğan met Putin.", "Keith Kellogg urged Moscow."]
    assert words_of(texts) == {
        "turkish",
        "president",
        "recep",
        "tayyip",
        "erdogan",
        "met",
        "putin",
        "keith",
        "kellogg",
        "urged",
        "moscow",
    }
    assert name_runs(texts) == {"Turkish President Recep Tayyip Erdoğan", "Keith Kellogg"}


def test_a_search_within_one_document_returns_only_its_passages(seeded_index: DocumentIndex) -> None:
    retriever = HybridRetriever(seeded_index, top_k=4)
    docs = retriever.documents()
    assert sorted(docs) == ["000_c7a57708957dca49.txt", "003_077377effcd078e6.txt"]
    assert docs["000_c7a57708957dca49.txt"]["outlet"] == "Orda.kz"
    short = "003_077377effcd078e6.txt"
    assert docs[short]["chars"] == len((SEEDS / short).read_text(encoding="utf-8"))
    question = "Which news outlets are cited about Trump and Macron?"
    everywhere = retriever.retrieve(question, 4)
    assert {p.source for p in everywhere} == set(docs)  # both documents answer it
    for source in docs:
        within = retriever.retrieve(question, 4, within=source)
        assert within and {p.source for p in within} == {source}, source
        assert len({p.id for p in within}) == len(within)
    # The short document has fewer passages than asked for: all of them, none of the other's.
    mine = [p for p in seeded_index.passages() if p.source == short and not p.label]
    assert len(retriever.retrieve(question, 50, within=short)) == len(mine)
    # A file name the index does not hold searches everywhere.
    assert retriever.retrieve(question, 4, within="gone.txt") == everywhere


def test_a_documents_passages_are_read_whole_and_in_order_without_a_search(seeded_index: DocumentIndex) -> None:
    retriever = HybridRetriever(seeded_index, top_k=4)
    for source in retriever.documents():
        mine = sorted((p for p in seeded_index.passages() if p.source == source and not p.label), key=lambda p: p.start)
        got = retriever.passages_of(source)
        assert [(p.start, p.end, p.text) for p in got] == [(p.start, p.end, p.text) for p in mine], source
        assert [p.start for p in got] == sorted(p.start for p in got)
    assert retriever.passages_of("no-such-file.txt") == []


# fresh26 q677, as asked.
AXIOS = (
    "according to experts quoted by which outlet could putin skipping the talks be seen by trump"
    " as russia walking away from the peace process?"
)


def test_bm25s_clear_best_keeps_the_last_place_when_fusion_leaves_it_out(seeded_index: DocumentIndex) -> None:
    retriever = HybridRetriever(seeded_index, top_k=4)
    axios = next(p for p in seeded_index.passages() if "Experts interviewed by Axios" in p.text and not p.label)
    others = [p for p in seeded_index.passages() if not p.label and p.id != axios.id][:4]
    # BM25 ranks the Axios passage far ahead of any other: it takes the fourth place.
    kept = retriever._with_clear_lexical_best(AXIOS, list(others), 4)
    assert [p.id for p in kept] == [p.id for p in others[:3]] + [axios.id]
    assert axios.id in {p.id for p in retriever.retrieve(AXIOS, 4)}
    # Already among them, or asked for nothing that one passage holds far ahead: unchanged.
    assert retriever._with_clear_lexical_best(AXIOS, [*others[:3], axios], 4)[-1].id == axios.id
    vague = "What did Putin and Zelensky say about the talks?"
    assert [p.id for p in retriever._with_clear_lexical_best(vague, list(others), 4)] == [p.id for p in others]
