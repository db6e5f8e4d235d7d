"""docqa: answer questions about a set of documents, with citations."""

__version__ = "0.1.0"
