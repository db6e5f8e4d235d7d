"""Plain-text rendering of an :class:`Answer` for terminals."""

from __future__ import annotations

from bot.answerer import Answer, Citation


def source_line(c: Citation) -> str:
    meta = c.passage.metadata
    extra = ", ".join(str(meta[k]) for k in ("outlet", "date") if meta.get(k))
    title = c.title if len(c.title) <= 80 else c.title[:77] + "…"
    return f"[{c.n}] {title}" + (f" ({extra})" if extra else "") + f" — {c.source}, chars {c.start}-{c.end}"


def sources_block(answer: Answer) -> str:
    if not answer.citations:
        return ""
    return "Sources:\n" + "\n".join("  " + source_line(c) for c in answer.citations)


def quotes_block(answer: Answer) -> str:
    if not answer.citations:
        return "The last answer cites nothing."
    parts = []
    for c in answer.citations:
        quote = " ".join(c.quote.split())
        parts.append(f"{source_line(c)}\n    “{quote}”")
    return "\n".join(parts)
