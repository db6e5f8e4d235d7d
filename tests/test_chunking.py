from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from index.chunking import chunk_text, label_of, label_words, sentence_spans
from tests.conftest import SEEDS

texty = st.lists(
    st.sampled_from([*"abc XYZ.!?…\n\t\r“”’-–,0123456789éЖ😀:", "Mr. ", "U.S. ", "word ", "\nAuthor: Ann Lee\n"]),
    max_size=1500,
).map("".join)


@given(texty, st.integers(min_value=20, max_value=700), st.integers(min_value=0, max_value=3))
@example("a\nX:a\r", 20, 0)  # a labelled line ending in "\r" was a chunk with the "\r" in it
@settings(max_examples=300, deadline=None)
def test_chunks_are_exact_spans_of_the_text(text: str, size: int, overlap: int) -> None:
    chunks = chunk_text(text, size, overlap)
    covered: set[int] = set()
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert c.text and c.text == c.text.strip()
        assert len(c.text) <= size
        covered.update(range(c.start, c.end))
    # Nothing but whitespace is left out of every chunk.
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
    # Chunks advance through the text.
    assert [c.start for c in chunks] == sorted({c.start for c in chunks})


def test_sentences_respect_abbreviations_and_line_breaks() -> None:
    text = "The U.S. State Department spoke. Mr. Bruce agreed!\nNext line without stop"
    got = [text[s.start : s.end] for s in sentence_spans(text)]
    assert got == ["The U.S. State Department spoke.", "Mr. Bruce agreed!", "Next line without stop"]


def test_seed_chunks_hold_whole_sentences() -> None:
    text = (SEEDS / "000_c7a57708957dca49.txt").read_text(encoding="utf-8")
    chunks = chunk_text(text, 600, 1)
    assert len(chunks) > 5
    for c in chunks:
        assert text[c.start : c.end] == c.text
        # A chunk starts at a line start or after a sentence end, never mid-word.
        assert c.start == 0 or text[c.start - 1] in " \n"
    # With overlap, consecutive chunks share text.
    assert any(a.end > b.start for a, b in itertools.pairwise(chunks))


def test_a_labelled_line_is_also_a_chunk_of_its_own() -> None:
    text = (SEEDS / "000_c7a57708957dca49.txt").read_text(encoding="utf-8")
    chunks = chunk_text(text, 600, 1)
    lines = [c for c in chunks if c.label]
    assert [c.text for c in lines] == ["Photo: Screenshot Kremlin Video", "Original Author: Rustam Muratov"]
    for line in lines:
        assert text[line.start : line.end] == line.text
        # The line stays in the article's own chunk too: text around it is not cut differently.
        assert any(c.start < line.start and line.end <= c.end for c in chunks)
    assert [c.label for c in lines] == ["Photo", "Original Author"]
    assert label_of("Original Author: Rustam Muratov") == "Original Author"
    assert "wrote" in label_words("Original Author")


def test_a_document_of_one_labelled_line_is_one_ordinary_chunk() -> None:
    # Nothing else would hold its text: it must stay findable by the search.
    (chunk,) = chunk_text("Meeting: Tuesday at ten")
    assert chunk.label == "" and chunk.text == "Meeting: Tuesday at ten"


def test_sentences_and_list_items_with_colons_are_not_labels() -> None:
    for line in [
        "Trump, in his traditional fashion, commented on Truth Social:",
        "- Kyrgyzstan: Culture Ministry Denies Reports of Ban on Valery Meladze Concert",
        "Putin said: we propose to begin",
        "Note:",
    ]:
        assert label_of(line) == "", line
