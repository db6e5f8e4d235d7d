"""Errors that reach a user.

    DocqaError
    ├── ConfigError         a setting is wrong
    ├── ModelError
    │   ├── ModelNotFound   no model file: run `make model` / `docqa provision`
    │   └── ModelLoadError  the file is not a usable GGUF model
    ├── GenerationError     the model failed while answering
    └── QuestionError       the question cannot be answered as asked (empty, too long)

The index raises its own :class:`index.errors.IndexFailure` family (``index``
may not import ``bot``).  Front ends catch :data:`USER_ERRORS` and print the
message alone, never a traceback: each message says what to do.
"""

from __future__ import annotations

from index.errors import IndexFailure


class DocqaError(Exception):
    """Base class of every error ``bot`` raises on purpose."""


class ConfigError(DocqaError):
    pass


class ModelError(DocqaError):
    pass


class ModelNotFound(ModelError):
    pass


class ModelLoadError(ModelError):
    pass


class GenerationError(DocqaError):
    pass


class QuestionError(DocqaError):
    pass


USER_ERRORS: tuple[type[Exception], ...] = (DocqaError, IndexFailure)
