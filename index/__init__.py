"""Build and query the document index (Chroma + BM25).

This package never imports ``bot``: the answerer depends on the index, not the
other way round.
"""
