"""Formatting and the 4096 splitter (pure functions; the splitter property-tested).

The splitter's contract, checked here for arbitrary nested markup:
  * no part is longer than the limit (UTF-16 code units of the HTML source);
  * every part is balanced HTML using only our tags, correctly escaped;
  * every visible character keeps the tags around it;
  * the parts' visible texts, in order, make up the whole visible text with only
    whitespace between them: whitespace at a cut (and at the ends of a part) is
    dropped, nothing else is lost, added or reordered.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tg_fakes import QUOTES, make_answer

from bot.telegram.format import (
    TELEGRAM_LIMIT,
    SourceRef,
    format_answer,
    format_quotes,
    format_refusal,
    format_start,
    grouped,
    html_to_text,
    preview_text,
    refs_from_answer,
    split_html,
    tg_len,
)

TAGS = ("b", "i", "code", "blockquote")


# -- an independent checker ----------------------------------------------------------------------------
class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.chars: list[tuple[str, tuple[str, ...]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.errors.append(f"unexpected <{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.chars.extend((c, tuple(self.stack)) for c in data)


def analyse(markup: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each visible character with the tags around it; asserts the markup is balanced and escaped."""
    bare = re.sub(r"</?(?:" + "|".join(TAGS) + r")>", "", markup)
    assert "<" not in bare and ">" not in bare, f"stray angle bracket in {markup!r}"
    assert "&" not in re.sub(r"&(?:amp|lt|gt|quot|#x27|#\d+);", "", bare), f"bare & in {markup!r}"
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.errors, checker.errors
    assert not checker.stack, f"unclosed {checker.stack} in {markup!r}"
    return checker.chars


def check_split(markup: str, limit: int) -> list[str]:
    parts = split_html(markup, limit)
    whole = analyse(markup)
    pieces = []
    for p in parts:
        assert tg_len(p) <= limit, (tg_len(p), limit)
        chars = analyse(p)
        assert "".join(c for c, _ in chars).strip(), f"empty part {p!r}"
        pieces.append(chars)
    # Every non-space character keeps its place and its formatting.
    assert [x for x in whole if not x[0].isspace()] == [x for chars in pieces for x in chars if not x[0].isspace()]
    # Only whitespace is dropped, and only between parts (or at the ends).
    visible = "".join(c for c, _ in whole)
    pattern = r"\s*" + r"\s*".join(re.escape("".join(c for c, _ in chars)) for chars in pieces) + r"\s*"
    assert re.fullmatch(pattern, visible), "the parts do not join back to the text"
    return parts


# -- markup generators -------------------------------------------------------------------------------------
_ALPHABET = st.sampled_from([*"abcdefghij XYZ0123 .,!?…\n\t<>&\"'éЖ😀[]", "[1]", ". ", ".\n\n", "\n"])
_text = st.lists(_ALPHABET, max_size=40).map("".join)


def _node(depth: int) -> st.SearchStrategy[str]:
    leaf = _text.map(html.escape)
    if depth == 0:
        return leaf
    inner = st.lists(_node(depth - 1), max_size=4).map("".join)
    return st.one_of(leaf, st.tuples(st.sampled_from(TAGS), inner).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"))


markup_st = st.lists(_node(3), min_size=1, max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup=markup_st, limit=st.integers(min_value=100, max_value=400))
def test_split_property_small_limits(markup: str, limit: int) -> None:
    check_split(markup, limit)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(blocks=st.lists(markup_st, min_size=1, max_size=40), repeat=st.integers(min_value=1, max_value=20))
def test_split_property_at_telegram_limit(blocks: list[str], repeat: int) -> None:
    check_split("\n\n".join(blocks) * repeat, TELEGRAM_LIMIT)


def test_short_text_is_one_part() -> None:
    assert split_html("<b>Hi</b> there") == ["<b>Hi</b> there"]
    assert split_html("   ") == []


def test_cuts_prefer_paragraphs_then_sentences() -> None:
    para1 = "First paragraph. " * 10
    para2 = "Second paragraph. " * 10
    parts = check_split(f"{para1.strip()}\n\n{para2.strip()}", 300)
    assert parts == [para1.strip(), para2.strip()]

    sentences = "One sentence here. Another one follows! A third? " * 6
    for p in check_split(sentences, 120):
        assert p.endswith((".", "!", "?")), p


def test_open_tags_are_closed_and_reopened() -> None:
    body = "<b>" + " ".join(f"word{i}" for i in range(80)) + "</b>"
    parts = check_split(body, 120)
    assert len(parts) > 1
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)


def test_never_cuts_an_entity_or_a_long_word() -> None:
    parts = check_split("&amp;" * 100 + "x" * 300, 128)
    assert len(parts) > 3


def test_astral_characters_count_double() -> None:
    parts = check_split("😀" * 300, 128)
    assert all(tg_len(p) <= 128 for p in parts) and sum(len(p) for p in parts) == 300


def test_limit_too_small_for_the_nesting() -> None:
    with pytest.raises(ValueError):
        split_html("<blockquote><blockquote><b>" + "x" * 100 + "</b></blockquote></blockquote>", 40)


# -- formatting --------------------------------------------------------------------------------------------
def test_answer_is_escaped_keeps_markers_and_lists_sources() -> None:
    answer = make_answer(
        "q", "Talks <b>in</b> Istanbul & Ankara [1], said Zelensky [2].", sources=("000_putin.txt", "003_zelensky.txt")
    )
    refs = refs_from_answer(answer)
    out = format_answer(answer.text, refs)
    assert out.startswith("Talks &lt;b&gt;in&lt;/b&gt; Istanbul &amp; Ankara [1], said Zelensky [2].")
    lines = out.split("\n")
    assert lines[2] == "<b>Sources</b>"
    assert lines[3] == (
        "[1] <i>Putin Expresses Readiness for Direct Talks with Ukraine</i> — Orda.kz, 2025-05-11 · "
        "<code>000_putin.txt</code>"
    )
    assert lines[4] == "[2] <i>Zelensky: Trump supports my trip to Istanbul</i> · <code>003_zelensky.txt</code>"
    analyse(out)


def test_refusal_is_plain_and_quotes_show_blockquotes() -> None:
    assert format_refusal(" The documents don't contain the answer. ") == "The documents don&#x27;t contain the answer."
    answer = make_answer("q", "x [1]")
    quotes = format_quotes(refs_from_answer(answer))
    assert f"<blockquote>{html.escape(QUOTES['000_putin.txt'])}</blockquote>" in quotes
    analyse(quotes)
    assert format_quotes([]) == "The last answer cites nothing."


def test_source_ref_round_trips_and_long_titles_are_shortened() -> None:
    ref = SourceRef(1, "T" * 200, "f.txt", "q")
    assert SourceRef.from_dict(ref.to_dict()) == ref
    assert "T" * 79 + "…" in format_quotes([ref])


def test_start_lists_titles_escaped() -> None:
    out = format_start(["A & B", "<C>"], group_hint="Mention me.")
    assert "• A &amp; B" in out and "• &lt;C&gt;" in out and out.endswith("Mention me.")
    analyse(out)
    assert "No documents are indexed yet." in format_start([])


def test_preview_and_plain_text() -> None:
    assert preview_text("Hello ") == "Hello …"
    assert len(preview_text("x" * 10_000)) <= TELEGRAM_LIMIT
    assert html_to_text("<b>a &amp; b</b> &lt;c&gt;") == "a & b <c>"


def test_markers_that_resolve_to_one_quote_share_one_source_line() -> None:
    same = SourceRef(1, "Putin Expresses Readiness", "000_putin.txt", "a ceasefire does not appear")
    other = SourceRef(3, "Zelensky: Trump supports my trip", "003_zelensky.txt", "supporting the idea")
    refs = [same, replace(same, n=2), other, replace(same, n=4)]
    out = format_answer("Yes [1], [2], [3], [4].", refs)
    sources = out.split("<b>Sources</b>\n")[1].split("\n")
    assert sources == [
        "[1][2][4] <i>Putin Expresses Readiness</i> · <code>000_putin.txt</code>",
        "[3] <i>Zelensky: Trump supports my trip</i> · <code>003_zelensky.txt</code>",
    ]
    quotes = format_quotes(refs)
    assert quotes.count("<blockquote>") == 2 and "[1][2][4] <i>" in quotes
    analyse(out)
    # A different quote from the same file is a source line of its own.
    assert len(grouped([same, replace(same, n=2, quote="another sentence")])) == 2
