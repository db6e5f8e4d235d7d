"""Our own types at the index boundary: library node types stop here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Passage:
    """A chunk of a source file: ``source_text[start:end] == text``."""

    source: str
    start: int
    end: int
    text: str
    score: float = 0.0
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or self.source)

    @property
    def label(self) -> str:
        """For the extra chunk of a labelled line ("Original Author: …"), its label; else ""."""
        return str(self.metadata.get("label") or "")

    @property
    def id(self) -> str:
        return f"{self.source}:{self.start}-{self.end}"

    @classmethod
    def from_metadata(cls, text: str, metadata: dict[str, Any], score: float = 0.0) -> Passage:
        meta = {k: v for k, v in metadata.items() if not k.startswith("_") and k not in _INTERNAL}
        return cls(
            source=str(metadata["source"]),
            start=int(metadata["start"]),
            end=int(metadata["end"]),
            text=text,
            score=float(score),
            metadata=meta,
        )


# Keys llama-index's Chroma store adds beside ours.
_INTERNAL = {"document_id", "doc_id", "ref_doc_id", "start", "end", "source", "doc_sha256", "doc_key"}
