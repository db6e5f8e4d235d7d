"""Errors raised by the index.

    IndexFailure
    ├── IndexMissing        no index yet: run `docqa index`
    ├── IndexIncompatible   built with other embedding or chunking settings
    ├── StoreUnavailable    the Chroma store cannot be opened or reached
    └── DocumentError       one document cannot be read (the others go on)

Every message says what to do next; front ends show it as is.
"""

from __future__ import annotations


class IndexFailure(Exception):
    """Base class of every error the index raises on purpose."""


class IndexMissing(IndexFailure):
    pass


class IndexIncompatible(IndexFailure):
    pass


class StoreUnavailable(IndexFailure):
    pass


class DocumentError(IndexFailure):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
