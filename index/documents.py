"""Load source files into :class:`SourceDocument` and read their metadata.

The text is decoded exactly as stored (``newline=""`` keeps CRLF), because
citation offsets are character offsets into this very string.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import DocumentError
from index.text import fold

SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceDocument:
    name: str
    """File name, the document's identity in the index and in citations."""
    text: str
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_document(path: Path) -> SourceDocument:
    """Read one file; raise :class:`DocumentError` saying why it was skipped."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(str(path), f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        raw = path.read_bytes()
    except OSError as e:
        raise DocumentError(str(path), f"cannot be read ({e.strerror or e})") from e
    if b"\x00" in raw[:8192]:
        raise DocumentError(str(path), "looks binary, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(str(path), f"is not UTF-8 text (bad byte at offset {e.start})") from e
    if not text.strip():
        raise DocumentError(str(path), "is empty")
    return SourceDocument(name=path.name, text=text, metadata=extract_metadata(path.name, text))


def find_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to index under ``paths`` (files are taken as given), sorted, hidden files skipped."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and f.suffix.lower() in SUFFIXES and not any(s.startswith(".") for s in rel.parts):
                    yield f
        else:
            yield p


_OUTLET_RE = re.compile(r"\breports ([A-Z][\w.\-]*\.(?:kz|com|org|net|ru|ua|uk))\b")
_AUTHOR_RE = re.compile(r"^(?:Original )?Author:\s*(.+?)\s*$", re.MULTILINE)
# Only a labelled line counts as the document's date: dates in the body are
# usually the dates of the events reported.
_DATE_RE = re.compile(r"^(?:Date|Published|Updated|Posted)(?: on)?:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)


def extract_metadata(name: str, text: str) -> dict[str, str]:
    """Title, and outlet, author and date where the text states them.

    Titles: a Markdown ``# heading``, else a short first line, else the file name.
    """
    meta: dict[str, str] = {"source": name}
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("#"):
        meta["title"] = first.lstrip("#").strip()
    elif 0 < len(first) <= 160 and not first.endswith("."):
        meta["title"] = first
    else:
        words = first.split()
        meta["title"] = " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else name
    if m := _OUTLET_RE.search(text):
        meta["outlet"] = m.group(1)
    if m := _AUTHOR_RE.search(text):
        meta["author"] = m.group(1)
    if m := _DATE_RE.search(text):
        meta["date"] = m.group(1)
    return meta


def is_headline(title: str, name: str) -> bool:
    """Whether ``title``, as :func:`extract_metadata` made it for the file ``name``, is the document's own headline.

    A heading or a short first line without a full stop is; a title made from
    the first words of a first sentence ("…", or the whole sentence with its
    full stop) or the file name is not: such a document has no headline to give.
    """
    return bool(title) and title != name and not title.endswith(("…", "."))


# "the second article", "the shorter piece": a document named by its place or its length.
_WORK = r"(?:article|document|piece|story|text|file|report)"
_ORDINAL = re.compile(rf"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+{_WORK}\b")
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4}
_LENGTH = re.compile(rf"\b(shorter|shortest|longer|longest)\s+(?:of\s+the\s+(?:two\s+)?)?{_WORK}s?\b")
# "both articles", "the other article", "across the articles": more than one document is meant.
_SEVERAL = re.compile(
    rf"\b(?:both|two|each|all|other|either|three|several)\s+(?:of\s+the\s+)?{_WORK}s?\b"
    r"|\b(?:articles|documents|pieces|stories|texts)\b"
)


def named_document(question: str, documents: Mapping[str, Mapping[str, Any]]) -> str:
    """The file name of the one document ``question`` names, or "" when it names none or several.

    A document is named by its outlet ("the Orda.kz article", "По данным
    Orda.kz"), by its place among the documents in file order ("the second
    article"), or by its length ("the shorter article", of two).  ``documents``
    maps file names to their metadata, with ``chars`` for the length.  The
    place and length words are English: a question in another language is
    read together with its English rewrite.
    """
    if len(documents) < 2:
        return ""
    asked = fold(question)
    if _SEVERAL.search(asked):
        return ""
    names = sorted(documents)
    named: set[str] = set()
    for name, meta in documents.items():
        outlet = fold(str(meta.get("outlet") or ""))
        if not outlet:
            continue
        stem = outlet.split(".")[0]
        if re.search(rf"(?<![\w.-]){re.escape(outlet)}(?![\w-])", asked) or (
            len(stem) >= 4 and re.search(rf"\b{re.escape(stem)}(?:'s|’s)?\s+{_WORK}\b", asked)
        ):
            named.add(name)
    for m in _ORDINAL.finditer(asked):
        at = len(names) - 1 if m.group(1) == "last" else _ORDINALS[m.group(1)]
        if at < len(names):
            named.add(names[at])
    for m in _LENGTH.finditer(asked):
        if m.group(1) in ("shorter", "longer") and len(names) != 2:
            continue
        by_length = sorted(names, key=lambda n: int(documents[n].get("chars") or 0))
        named.add(by_length[0] if m.group(1).startswith("short") else by_length[-1])
    return named.pop() if len(named) == 1 else ""
