"""Plain-text rendering of an :class:`Answer` for terminals."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answerer import Answer, Citation


def source_line(c: Citation, label: str = "") -> str:
    meta = c.passage.metadata
    extra = ", ".join(str(meta[k]) for k in ("outlet", "date") if meta.get(k))
    title = c.title if len(c.title) <= 80 else c.title[:77] + "…"
    where = f" — {c.source}, chars {c.start}-{c.end}"
    return f"{label or f'[{c.n}]'} {title}" + (f" ({extra})" if extra else "") + where


def grouped(citations: Sequence[Citation]) -> list[tuple[str, Citation]]:
    """One entry per quoted span, labelled with every marker that points at it ("[1][2]").

    A model that copies one passage in several sentences cites it once per
    sentence; the checks then resolve each marker to the same quote, and the
    reader would otherwise see the same source listed two or three times.
    """
    groups: dict[tuple[str, int, int], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.source, c.start, c.end), []).append(c)
    return [("".join(f"[{c.n}]" for c in same), same[0]) for same in groups.values()]


def sources_block(answer: Answer) -> str:
    if not answer.citations:
        return ""
    return "Sources:\n" + "\n".join("  " + source_line(c, label) for label, c in grouped(answer.citations))


def quotes_block(answer: Answer) -> str:
    if not answer.citations:
        return "The last answer cites nothing."
    parts = []
    for label, c in grouped(answer.citations):
        quote = " ".join(c.quote.split())
        parts.append(f"{source_line(c, label)}\n    “{quote}”")
    return "\n".join(parts)
