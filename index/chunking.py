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

# A sentence ends at . ! ? or … (and any closing quotes or brackets after it)
# when whitespace follows; a line break always ends one.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*(?=\s)|\n")
_ABBREV = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Gov|Prof|vs|etc|No)\.)$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class TextChunk:
    start: int
    end: int
    text: str


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
    that straddles a boundary is whole in at least one chunk.
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
    return chunks
