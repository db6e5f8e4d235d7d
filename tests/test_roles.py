"""People named by their role in the documents, for *which presidents* questions (bot/roles.py)."""

from __future__ import annotations

import pytest

from bot.roles import bodies, holders, holders_asked, offices_of, roles_asked, unaffiliated, untitled
from index.types import Passage
from tests.conftest import SEEDS


def _seed_documents() -> list[list[Passage]]:
    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        documents.append([Passage(path.name, 0, len(text), text, metadata={"title": text.splitlines()[0]})])
    return documents


def _named(question: str) -> list[str] | None:
    asked = roles_asked(question)
    return None if asked is None else [h.name for h in holders_asked(asked, holders(_seed_documents()))]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        (
            "Which presidents come up across the two articles?",
            ["Vladimir Putin", "Recep Tayyip Erdoğan", "Volodymyr Zelenskyy", "Emmanuel Macron", "Donald Trump"],
        ),
        # A qualifier the titles write another way ("Kremlin" is Russian), and a name set aside.
        (
            "Apart from Putin, three Russian officials are named across the two articles. Who are they?",
            ["Dmitry Peskov", "Yuri Ushakov", "Maria Zakharova"],
        ),
        ("besides trump, which US officials show up?", ["Tammy Bruce", "Keith Kellogg"]),
        (
            "Which spokespersons are mentioned in the two articles, and which institution does each represent?",
            ["Dmitry Peskov", "Tammy Bruce", "Maria Zakharova"],
        ),
        # More than who holds the role: asked as any question.
        ("Which presidents agreed to talks in Istanbul?", None),
        ("Which presidents spoke by phone?", []),  # "spoke", "phone" qualify no title
        ("Which Turkish leader is mentioned, and with which two presidents did he talk?", None),
        ("Who is Dmitry Peskov?", None),
    ],
)
def test_the_holders_of_a_role_are_read_from_every_sentence(question: str, names: list[str] | None) -> None:
    assert _named(question) == names


def test_headlines_are_not_read_for_titles() -> None:
    """ "Kremlin Spokesperson Says Ukraine's Non-NATO Status …" is a headline: no run of capitals ends at a name."""
    found = holders(_seed_documents())
    assert not any(h.sentence.startswith("-") for h in found)
    assert all(h.name.split()[0] not in {"Says", "Signals"} for h in found)
    titles = {h.name: h.title for h in found}
    assert titles["Keith Kellogg"] == "Trump’s special representative for Ukraine, Keith Kellogg"
    assert titles["Tammy Bruce"] == "U.S. State Department spokesperson Tammy Bruce"


def test_a_holders_office_is_named_by_its_adjective() -> None:
    """A "Russian presidential aide" is Putin's (fresh31 q770); no one holds a ministerial title here."""
    found = holders(_seed_documents())
    assert "russian presidential" in offices_of(found, "Putin")
    assert "ukrainian presidential" in offices_of(found, "Zelensky")
    assert "russian presidential" not in offices_of(found, "Zelensky")
    assert offices_of(found, "Ushakov") == frozenset()


@pytest.mark.parametrize(
    ("question", "answer", "body"),
    [
        # fresh22 q610: the presidential aide, for who at the Foreign Ministry said it.
        (
            "Who from Russia's Foreign Ministry said the root causes are a priority?",
            "Yuri Ushakov [1]",
            "foreign ministry",
        ),
        ("Who from Russia's Foreign Ministry said the root causes are a priority?", "Maria Zakharova [1]", None),
        ("Who at the State Department said it?", "Kremlin spokesperson Dmitry Peskov", "department state"),
        # The Kremlin is the president's office (fresh29 q729).
        ("Which Kremlin aide said Moscow was open to dialogue?", "Yuri Ushakov said so [1]", None),
        # No body asked, or no titled person answered: nothing to judge.
        ("Who did Trump ask to attend?", "Vladimir Putin", None),
        ("Who from the Foreign Ministry said it?", "Russia [1]", None),
    ],
)
def test_an_answer_must_name_someone_of_the_body_asked_about(question: str, answer: str, body: str | None) -> None:
    found = holders(_seed_documents())
    assert unaffiliated(question, answer, found) == body


@pytest.mark.parametrize(
    ("question", "answer", "title"),
    [
        # fresh36 q876's rewrite: the documents title Erdoğan president, and no one minister.
        (
            "Who was the Turkish Minister of Foreign Affairs who moderated the talks in Istanbul?",
            "Recep Tayyip Erdogan [1]",
            "turkish minister",
        ),
        ("Which Turkish foreign minister was chosen to chair the talks?", "Yuri Ushakov [1]", "turkish minister"),
        ("Who is the Russian envoy for the talks?", "Vladimir Putin [1]", "russian representative"),
        # fresh70 q1545 (German, unanswerable): no chancellor is named; Macron is the French president.
        (
            'Who was the German Chancellor who attended the "Coalition of the Willing" meeting in Kyjiw?',
            "Emmanuel Macron [1]",
            "chancellor",
        ),
        # Someone holds the title: the answer is judged elsewhere.
        ("Who is the Turkish president?", "Recep Tayyip Erdogan [1]", None),
        ("What is the name of the US envoy?", "Keith Kellogg [1]", None),
        ("Who is the Kremlin spokesperson?", "Yuri Ushakov [1]", None),
        # The title is not the one asked for ("the Turkish president" is who called).
        ("Who did the Turkish minister call?", "Vladimir Putin [1]", None),
        # The answer names no one the documents title.
        ("Who was the Turkish foreign minister?", "The documents do not name him.", None),
    ],
)
def test_a_title_no_one_holds_is_not_answered_by_someone_titled_otherwise(
    question: str, answer: str, title: str | None
) -> None:
    assert untitled(question, answer, holders(_seed_documents())) == title


def test_bodies_are_titles_without_rank_country_or_person() -> None:
    named = bodies(holders(_seed_documents()))
    assert named[frozenset({"foreign", "ministry"})] == {"zakharova"}
    assert named[frozenset({"kremlin"})] == {"peskov"}
    assert all(not ({"russian", "us", "u", "s", "turkish", "special", "trump"} & b) for b in named)
