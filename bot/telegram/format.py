"""Telegram HTML for answers, sources and quotes, and a splitter for the 4096 limit.

Everything here is pure: strings in, strings out.  Model text is escaped with
:func:`html.escape`; the only tags emitted are ``<b>``, ``<i>``, ``<code>`` and
``<blockquote>``.

:func:`split_html` cuts formatted HTML into messages Telegram accepts:

* no part is longer than the limit, counted in UTF-16 code units (as Telegram
  counts) over the HTML source, which is never shorter than the text Telegram
  shows, so the count is safe;
* every part is balanced HTML: tags open at a cut are closed at the end of the
  part and opened again at the start of the next one; a cut never falls inside a
  tag or an entity such as ``&amp;``;
* cuts prefer a paragraph break, then a line break, then the end of a sentence,
  then a space; a run with no space at all is cut between characters;
* **whitespace at a cut is dropped** (the run of spaces or newlines where the cut
  falls, and any whitespace at the very start or end of a part).  Apart from
  that whitespace and the repeated tags, the parts joined in order are the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bot.answerer import Answer

TELEGRAM_LIMIT = 4096
"""Longest message text Telegram accepts."""

PREVIEW_LIMIT = 4000
"""Longest streamed preview: room for the trailing ellipsis."""

TITLE_MAX = 80


@dataclass(frozen=True)
class SourceRef:
    """What the bot keeps of a citation: enough to list it and show its quote, JSON-friendly."""

    n: int
    title: str
    source: str
    quote: str
    outlet: str = ""
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceRef:
        return cls(
            n=int(d["n"]),
            title=str(d.get("title", "")),
            source=str(d.get("source", "")),
            quote=str(d.get("quote", "")),
            outlet=str(d.get("outlet", "") or ""),
            date=str(d.get("date", "") or ""),
        )


def refs_from_answer(answer: Answer) -> list[SourceRef]:
    """The answer's citations, in marker order, as :class:`SourceRef`."""
    refs = []
    for c in answer.citations:
        meta = c.passage.metadata
        refs.append(
            SourceRef(
                n=c.n,
                title=c.title or c.source,
                source=c.source,
                quote=c.quote,
                outlet=str(meta.get("outlet") or ""),
                date=str(meta.get("date") or ""),
            )
        )
    return refs


def esc(text: str) -> str:
    """Text made safe for Telegram's HTML parse mode."""
    return html.escape(text)


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def source_line(ref: SourceRef, label: str = "") -> str:
    """``[1] <i>Title</i> — Outlet, date · <code>file.txt</code>`` (outlet and date when known)."""
    line = f"{label or f'[{ref.n}]'} <i>{esc(_short(ref.title))}</i>"
    extra = ", ".join(x for x in (ref.outlet, ref.date) if x)
    if extra:
        line += f" — {esc(extra)}"
    return line + f" · <code>{esc(ref.source)}</code>"


def grouped(refs: Sequence[SourceRef]) -> list[tuple[str, SourceRef]]:
    """One entry per quote, labelled with every marker that points at it ("[1][2]").

    The checks can resolve several of the model's markers to one quote; listed
    once each, the same source would fill the block two or three times.
    """
    groups: dict[tuple[str, str], list[SourceRef]] = {}
    for r in refs:
        groups.setdefault((r.source, r.quote), []).append(r)
    return [("".join(f"[{r.n}]" for r in same), same[0]) for same in groups.values()]


def format_answer(text: str, refs: Sequence[SourceRef]) -> str:
    """The final answer: escaped model text with its ``[n]`` markers, then a compact Sources block."""
    body = esc(text.strip())
    if not refs:
        return body
    return body + "\n\n<b>Sources</b>\n" + "\n".join(source_line(r, label) for label, r in grouped(refs))


def format_refusal(text: str) -> str:
    """A refusal, said plainly: the sentence alone, no sources and no button."""
    return esc(text.strip())


def format_quotes(refs: Sequence[SourceRef]) -> str:
    """Each cited source with the exact quote the answer rests on."""
    if not refs:
        return "The last answer cites nothing."
    blocks = [
        f"{source_line(r, label)}\n<blockquote>{esc(' '.join(r.quote.split()) or '(no quote)')}</blockquote>"
        for label, r in grouped(refs)
    ]
    return "<b>Quotes behind the answer</b>\n\n" + "\n\n".join(blocks)


def format_start(titles: Iterable[str], *, group_hint: str = "") -> str:
    """The /start greeting: what the bot does and the documents it knows, by title."""
    lines = ["<b>Hello!</b> I answer questions about a small set of documents and cite the passages I used, like [1]."]
    listed = [f"• {esc(_short(t))}" for t in titles]
    if listed:
        lines.append("\n<b>Documents</b>\n" + "\n".join(listed))
    else:
        lines.append("\nNo documents are indexed yet.")
    lines.append("\nAsk me anything about them. /help lists the commands.")
    if group_hint:
        lines.append(esc(group_hint))
    return "\n".join(lines)


HELP_TEXT = (
    "<b>How to use me</b>\n"
    "Ask a question about the documents; I answer from them only and mark each claim with its "
    "source, like [1]. Follow-up questions use this chat's recent conversation.\n\n"
    "/start  greeting and the list of documents\n"
    "/sources  the quotes behind my last answer\n"
    "/reset  forget this chat's conversation (follow-ups start afresh)\n"
    "/help  this text\n\n"
    "In a group, mention me or reply to one of my messages."
)


def preview_text(text: str) -> str:
    """The streamed, plain-text preview of an answer being written."""
    text = text.strip()
    if len(text) > PREVIEW_LIMIT:
        text = text[:PREVIEW_LIMIT].rstrip()
    return text + " …"


# -- splitting -------------------------------------------------------------------

_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>"  # a tag
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"  # an entity
    r"|[\s\S]",  # one character
)
_TEXT, _OPEN, _CLOSE = 0, 1, 2
_SENTENCE_END = ".!?…"
_CLOSERS = "\"'”’)»]"

# Cut priorities, best first.
_PARAGRAPH, _LINE, _SENTENCE, _WORD = 4, 3, 2, 1


@dataclass(frozen=True)
class _Tok:
    kind: int
    raw: str
    name: str = ""


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _tokenize(markup: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(markup):
        if m.group(2):
            toks.append(_Tok(_CLOSE if m.group(1) else _OPEN, m.group(0), m.group(2).lower()))
        else:
            toks.append(_Tok(_TEXT, m.group(0)))
    return toks


def _is_space(t: _Tok) -> bool:
    return t.kind == _TEXT and t.raw.isspace()


def _apply(stack: list[_Tok], t: _Tok) -> list[_Tok]:
    if t.kind == _OPEN:
        return [*stack, t]
    if t.kind == _CLOSE:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k].name == t.name:
                return stack[:k] + stack[k + 1 :]
    return stack


def _closing(stack: Sequence[_Tok]) -> str:
    return "".join(f"</{t.name}>" for t in reversed(stack))


def _priority(toks: Sequence[_Tok], j: int) -> int:
    """How good a cut before the whitespace token ``toks[j]`` is."""
    newlines = 0
    k = j
    while k < len(toks) and (_is_space(toks[k]) or toks[k].kind != _TEXT):
        if toks[k].kind == _TEXT:
            newlines += toks[k].raw.count("\n")
        k += 1
    if newlines >= 2:
        return _PARAGRAPH
    if newlines == 1:
        return _LINE
    prev = [t.raw for t in toks[max(0, j - 3) : j] if t.kind == _TEXT]
    if prev and (prev[-1] in _SENTENCE_END or (prev[-1] in _CLOSERS and len(prev) > 1 and prev[-2] in _SENTENCE_END)):
        return _SENTENCE
    return _WORD


def split_html(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Cut Telegram HTML into balanced parts of at most ``limit`` UTF-16 units (see the module doc)."""
    if tg_len(markup) <= limit:
        return [markup.strip()] if _visible(markup).strip() else []
    toks = _tokenize(markup)
    parts: list[str] = []
    stack: list[_Tok] = []
    i, n = 0, len(toks)
    while i < n:
        while i < n and _is_space(toks[i]):
            i += 1
        if i >= n:
            break
        prefix = "".join(t.raw for t in stack)
        size = tg_len(prefix)
        cur = list(stack)
        candidates: list[tuple[int, int, int, list[_Tok]]] = []  # (priority, index, size, stack)
        j = i
        while j < n:
            t = toks[j]
            if _is_space(t) and j > i:
                candidates.append((_priority(toks, j), j, size, cur))
            grown = size + tg_len(t.raw)
            after = _apply(cur, t)
            if grown + tg_len(_closing(after)) > limit:
                break
            size, cur = grown, after
            j += 1
        if j >= n:
            cut, end_stack = n, cur
        else:
            cut, end_stack = _choose_cut(candidates, i, j, cur, toks, stack, limit)
        body = toks[i:cut]
        while body and _is_space(body[-1]):
            body.pop()
        part = prefix + "".join(t.raw for t in body) + _closing(end_stack)
        if _visible(part).strip():
            parts.append(part)
        stack, i = end_stack, cut
    return parts


def _choose_cut(
    candidates: list[tuple[int, int, int, list[_Tok]]],
    i: int,
    j: int,
    cur: list[_Tok],
    toks: Sequence[_Tok],
    stack: list[_Tok],
    limit: int,
) -> tuple[int, list[_Tok]]:
    """Where to end a part that cannot take ``toks[j]``: the best boundary, else right here."""
    late = [c for c in candidates if c[2] >= limit // 2]
    pool = late or candidates
    if pool:
        best = max(pool, key=lambda c: (c[0], c[1]))
        return best[1], best[3]
    # No whitespace to cut at: cut between characters, but never right after an opening tag.
    cut = j
    while cut > i and toks[cut - 1].kind == _OPEN:
        cut -= 1
    if cut == i:
        if j == i:
            raise ValueError(f"limit {limit} is too small for this markup's nesting")
        cut = j
    end = list(stack)
    for t in toks[i:cut]:
        end = _apply(end, t)
    return cut, end


_TAG = re.compile(r"<[^<>]*>")


def _visible(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


def html_to_text(markup: str) -> str:
    """What Telegram would show for ``markup``, as plain text: the fallback when HTML is rejected."""
    return _visible(markup)
