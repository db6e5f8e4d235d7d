from __future__ import annotations

from pathlib import Path

import pytest

from index.documents import extract_metadata, find_documents, is_headline, read_document
from index.errors import DocumentError
from tests.conftest import SEEDS


def test_seed_metadata() -> None:
    doc = read_document(SEEDS / "000_c7a57708957dca49.txt")
    assert doc.name == "000_c7a57708957dca49.txt"
    assert doc.metadata["title"].startswith("Putin Expresses Readiness for Direct Talks")
    assert doc.metadata["outlet"] == "Orda.kz"
    assert doc.metadata["author"] == "Rustam Muratov"
    # The body mentions dates of events; none is labelled as the article's date.
    assert "date" not in doc.metadata


def test_markdown_title_and_labelled_date() -> None:
    meta = extract_metadata("a.md", "# Talks in Istanbul\nDate: May 16, 2025\nBody.")
    assert meta["title"] == "Talks in Istanbul"
    assert meta["date"] == "May 16, 2025"


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("# Talks in Istanbul\nBody.", True),
        ("Putin Expresses Readiness for Direct Talks\nBody.", True),
        # A document that opens with its first sentence has no headline, whatever its title.
        ("Ukrainian President Volodymyr Zelensky said that his decision to personally take part was right.", False),
        ("Zelensky will go.\nBody.", False),
        ("", False),  # the title is then the file name
    ],
)
def test_a_title_is_a_headline_only_when_the_document_has_one(text: str, headline: bool) -> None:
    meta = extract_metadata("a.txt", text)
    assert is_headline(meta["title"], "a.txt") is headline


def test_crlf_is_kept_so_offsets_match_the_file(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Line one.\r\nLine two.\r\n")
    assert read_document(p).text == "Line one.\r\nLine two.\r\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x00\x01binary", "binary"), (b"caf\xe9 latin-1", "not UTF-8")],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(DocumentError, match=reason) as e:
        read_document(p)
    assert e.value.path == str(p)


def test_find_documents_skips_hidden_and_other_types(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "c.pdf").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    assert [p.name for p in find_documents([tmp_path])] == ["a.txt", "b.md"]
