from __future__ import annotations

from pathlib import Path

import pytest

from index.documents import extract_metadata, find_documents, is_headline, named_document, read_document
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


TWO_DOCS = {
    "000_a.txt": {"title": "Putin Expresses Readiness", "outlet": "Orda.kz", "chars": 6000},
    "003_b.txt": {"title": "Zelensky said…", "chars": 2000},
}


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("On which platform did Trump comment, according to the Orda.kz article?", "000_a.txt"),
        ("besides trump, which US officials show up in the orda.kz piece?", "000_a.txt"),
        ("What does the Orda article say about Kellogg?", "000_a.txt"),
        ("На какие СМИ ссылается статья Orda.kz?", "000_a.txt"),
        ("Which country is a mediator, according to the second article?", "003_b.txt"),
        ("Which outlets does the shorter article cite?", "003_b.txt"),
        ("Which outlets does the longest document cite?", "000_a.txt"),
        # Several documents, or none, named: the search stays over all of them.
        ("Both articles mention a ceasefire. In the Orda.kz article, who called for it?", ""),
        ("How does the Orda.kz article differ from the other article?", ""),
        ("По данным Orda.kz … согласно второй статье (According to the second article)", ""),
        ("Which news outlet is cited in the articles?", ""),
        ("What did Reuters report about Orda.kzx?", ""),
        ("What is the first step to end the war?", ""),
        ("Who wrote the fifth article?", ""),  # there are two
    ],
)
def test_a_question_names_one_document_by_outlet_place_or_length(question: str, named: str) -> None:
    assert named_document(question, TWO_DOCS) == named


def test_a_single_document_is_never_named_apart() -> None:
    assert named_document("In the Orda.kz article, who spoke?", {"000_a.txt": TWO_DOCS["000_a.txt"]}) == ""
    # "shorter" compares two: among three documents it names none.
    three = {**TWO_DOCS, "009_c.txt": {"title": "c", "chars": 10}}
    assert named_document("What does the shorter article say?", three) == ""
    assert named_document("What does the shortest article say?", three) == "009_c.txt"
