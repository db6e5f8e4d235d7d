"""Sentence-aware chunking that keeps exact character offsets.

Every chunk is a span of the source text: ``text[chunk.start:chunk.end] ==
chunk.text`` holds for any input, which is what lets a citation point at the
exact passage of the file.  Chunks are built from whole sentences where a
sentence fits, so a quote never starts or ends mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from index.text import fold

# A sentence ends at . ! ? or … (and any closing quotes or brackets after it)
# when whitespace follows; a line break always ends one.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*(?=\s)|\n")
# A line of the form "Label: value" ("Original Author: Rustam Muratov", "Photo: …"):
# facts about the whole document, which a question asks about on their own.  A Windows line
# ending's "\r" is left outside the line, as a space is.
LABEL_LINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w'’-]*[ \t]+){0,2}[A-Z][\w'’-]*:[ \t]*\S[^\n]{0,120}?)[ \t\r]*$", re.MULTILINE
)
_ABBREV = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Gov|Prof|vs|etc|No)\.)$")


# Bumped whenever chunk_text cuts differently: an index built by another version is rebuilt.
CHUNKER_VERSION = 3


def label_of(text: str) -> str:
    """The label of a chunk that is one labelled line ("Original Author" of "Original Author: …"), else ""."""
    m = LABEL_LINE.fullmatch(text)
    return m.group(1).split(":", 1)[0] if m else ""


# Words a question uses for a label's head noun ("Who wrote …?" for "Author: …").
_LABEL_SYNONYMS = {
    "author": {"author", "authors", "wrote", "written", "writer", "byline"},
    "photo": {"photo", "photograph", "picture", "image"},
    "date": {"date", "dated", "published"},
}


def label_words(label: str) -> set[str]:
    """Lower-case words that ask for what a line labelled ``label`` states."""
    head = fold(label).split()[-1]
    return _LABEL_SYNONYMS.get(head, {head})


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class TextChunk:
    start: int
    end: int
    text: str
    label: str = ""  # set on the extra chunk of a labelled line: "Original Author"


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences in ``text``, stripped of surrounding whitespace."""
    spans: list[Span] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group(0) != "\n" and _ABBREV.search(text, max(pos, end - 12), m.start()):
            continue
        _add_stripped(text, pos, end, spans)
        pos = end
    _add_stripped(text, pos, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Span(start, end))


def _hard_split(text: str, span: Span, size: int) -> Iterator[Span]:
    """Cut a sentence longer than ``size`` at whitespace (or anywhere, if it has none)."""
    start = span.start
    while span.end - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        cut = cut if cut > start else start + size
        piece: list[Span] = []
        _add_stripped(text, start, cut, piece)
        yield from piece
        start = cut
    rest: list[Span] = []
    _add_stripped(text, start, span.end, rest)
    yield from rest


def chunk_text(text: str, size: int = 600, overlap: int = 1) -> list[TextChunk]:
    """Group whole sentences into chunks of at most ``size`` characters.

    ``overlap`` sentences at the end of one chunk open the next one, so a fact
    that straddles a boundary is whole in at least one chunk.  A short
    labelled line ("Original Author: …") is also a chunk of its own: in a
    chunk of article text its one rare word loses, to passages that share
    many common words with the question, the search for who wrote the piece.
    """
    if size < 20:
        raise ValueError("chunk size must be at least 20 characters")
    units = [piece for s in sentence_spans(text) for piece in _hard_split(text, s, size)]
    chunks: list[TextChunk] = []
    i = 0
    while i < len(units):
        j = i + 1
        while j < len(units) and units[j].end - units[i].start <= size:
            j += 1
        start, end = units[i].start, units[j - 1].end
        chunks.append(TextChunk(start, end, text[start:end]))
        if j >= len(units):
            break
        # Step back ``overlap`` sentences, but always move forward.
        i = max(i + 1, j - overlap)
    return _with_label_lines(text, chunks, size)


def _with_label_lines(text: str, chunks: list[TextChunk], size: int) -> list[TextChunk]:
    # A line that already opens a chunk is found with it (a one-line file stays an ordinary chunk).
    starts = {c.start for c in chunks}
    extra = [
        TextChunk(m.start(1), m.end(1), m.group(1), label_of(m.group(1)))
        for m in LABEL_LINE.finditer(text)
        if m.end(1) - m.start(1) <= size and m.start(1) not in starts
    ]
    return sorted([*chunks, *extra], key=lambda c: c.start) if extra else chunks
