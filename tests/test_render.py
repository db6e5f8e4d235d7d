"""The terminal's Sources and Quotes blocks."""

from __future__ import annotations

from bot.answerer import Answer, Citation, Timings
from bot.render import quotes_block, sources_block
from index.types import Passage

TEXT = "Erdoğan held a phone call with Putin. A ceasefire does not appear to have been discussed."
PASSAGE = Passage("000_putin.txt", 0, len(TEXT), TEXT, metadata={"title": "Putin Expresses Readiness"})
OTHER = Passage("003_zelensky.txt", 0, 40, "Erdogan supported the idea of a ceasefire", metadata={"title": "Zelensky"})


def _cite(n: int, passage: Passage, start: int, end: int) -> Citation:
    return Citation(n, passage.source, passage.title, start, end, passage.text[start:end], passage)


def _answer(citations: list[Citation]) -> Answer:
    return Answer("q", "Yes [1], [2], [3], [4].", False, citations, [], Timings(), "fake")


def test_markers_that_resolve_to_one_quote_share_one_line() -> None:
    one = _cite(1, PASSAGE, 38, len(TEXT))
    answer = _answer([one, _cite(2, PASSAGE, 38, len(TEXT)), _cite(3, OTHER, 0, 40), _cite(4, PASSAGE, 38, len(TEXT))])
    assert sources_block(answer).split("\n") == [
        "Sources:",
        f"  [1][2][4] Putin Expresses Readiness — 000_putin.txt, chars 38-{len(TEXT)}",
        "  [3] Zelensky — 003_zelensky.txt, chars 0-40",
    ]
    quotes = quotes_block(answer)
    assert quotes.count("“") == 2 and "“A ceasefire does not appear to have been discussed.”" in quotes
    # Another sentence of the same passage is a source of its own.
    two = _answer([one, _cite(2, PASSAGE, 0, 37)])
    assert sources_block(two).count("000_putin.txt") == 2
