"""People the documents name by their role ("Kremlin spokesperson Dmitry Peskov"), for *which presidents* questions.

Asked "Which presidents come up across the two articles?", the packaged model
named two of five, from whichever passages it was shown; asked which
spokespersons, it named the articles' author.  The documents introduce people
the way news does, role first ("Russian President Vladimir Putin", "Trump's
special representative for Ukraine, Keith Kellogg"), so the holders of a role
can be read off every sentence of the documents and quoted, each where it is
first named.  Only a question that asks for nothing else is answered this
way: every word of it must be the role, a word of the kind "mentioned" or
"articles", a name it sets aside ("apart from Putin"), or a qualifier that
some holder's title carries ("Russian", "US"); "Which presidents agreed to
talks?" asks something else and is asked as any.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.citations import content_words, mentions
from index.chunking import label_of, sentence_spans
from index.text import fold
from index.types import Passage

# Each role, with the words the documents write for it.
_ROLES: dict[str, tuple[str, ...]] = {
    "president": ("president",),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman"),
    "minister": ("minister",),
    "aide": ("aide",),
    "representative": ("representative", "envoy"),
    # The documents title no chancellor: asked for Germany's, the model named Macron (fresh70 q1545).
    "chancellor": ("chancellor",),
}
# The plural a question asks with, and the roles it covers: an official holds any of them.
_ASKED: dict[str, tuple[str, ...]] = {
    "presidents": ("president",),
    "spokespersons": ("spokesperson",),
    "spokespeople": ("spokesperson",),
    "spokesmen": ("spokesperson",),
    "spokeswomen": ("spokesperson",),
    "ministers": ("minister",),
    "aides": ("aide",),
    "representatives": ("representative",),
    "envoys": ("representative",),
    "officials": tuple(_ROLES),
}
# Words that ask for nothing more than who is named: the rest must qualify the role.
_GENERIC = frozenset(
    (
        "which what who whom are is there any all name names named mention mentions mentioned mentioning "
        "come comes came up appear appears appeared show shows showed shown feature features featured "
        "quoted cited cite cites article articles document documents piece pieces story stories text texts "
        "source sources report reports two both three four five six several across each every list give "
        "they them their apart aside besides except other than others himself herself themselves "
        "institution institutions represent represents representing body bodies organization organisation "
        "role roles title titles job jobs position positions post posts work works holds hold "
        "orda kz first second shorter longer main"
    ).split()
)
# A name the question sets aside: "apart from Putin", "besides Trump himself".
_SET_ASIDE = re.compile(
    r"\b(?i:apart\s+from|aside\s+from|besides|except(?:\s+for)?|other\s+than|not\s+counting)\s+"
    r"([\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
)
# Qualifiers a question writes that a title writes another way ("US" for "U.S. State Department").
_ALIASES: dict[str, frozenset[str]] = {
    "us": frozenset({"us", "u", "american", "washington", "state", "trump"}),
    "american": frozenset({"us", "u", "american", "washington", "state", "trump"}),
    "russian": frozenset({"russian", "russia", "kremlin", "moscow"}),
    "ukrainian": frozenset({"ukrainian", "ukraine", "kyiv"}),
}
# A role is qualified by a word or two ("Russian", "US", "State Department"); more ask something else.
_MOST_QUALIFIERS = 2


def role_words(role: str) -> tuple[str, ...]:
    """The words that name ``role`` ("spokesperson": "spokesman", "spokeswoman" too)."""
    return _ROLES.get(role, (role,))


_ROLE_WORD = "|".join(w for words in _ROLES.values() for w in words)
# The role, what it is of ("for Ukraine,"), and the name after it: capitalised words up to the
# first that is not ("… Dmitry Peskov, in an interview", "… Emmanuel Macron phoned Trump").
_TITLE = re.compile(
    rf"\b(?P<role>(?i:{_ROLE_WORD}))\b(?P<of>\s+(?:for|of|to)\s+[A-Z][\w’'-]+)?,?\s+"
    r"(?P<name>[A-Z][\w’'-]*\w(?:\s+[A-Z][\w’'-]*\w)*)(?![\w’'-])"
)
# Lower-case words that belong to a title ("Russian presidential aide", "special representative").
_TITLE_WORDS = frozenset("presidential special foreign former deputy senior state prime vice chief".split())


@dataclass(frozen=True)
class RolesAsked:
    """What a *which presidents* question asks: the roles, the words that qualify them, the names set aside."""

    roles: tuple[str, ...]
    qualifiers: frozenset[str]
    set_aside: tuple[str, ...]


@dataclass(frozen=True)
class Holder:
    """One mention of a person by role: the title as written, the sentence that holds it, and where."""

    name: str
    title: str
    role: str
    qualifiers: frozenset[str]
    passage: Passage
    start: int  # of the sentence, in the source file
    end: int
    sentence: str


def roles_asked(question: str) -> RolesAsked | None:
    """The roles a question asks the holders of, if that is all it asks (see the module docstring)."""
    words = content_words(question)
    asked = [w for w in words if w in _ASKED]
    if not asked or not re.search(r"\b(?:which|what|who|list|name)\b", question, re.IGNORECASE):
        return None
    set_aside: list[str] = []
    for m in _SET_ASIDE.finditer(question):
        set_aside.append(m.group(1))
    aside = {w for name in set_aside for w in content_words(name)}
    rest = frozenset(w for w in words - set(asked) - aside - _GENERIC if not w.isdigit())
    if len(rest) > _MOST_QUALIFIERS:
        return None  # "Which officials said Russia needs …" asks what was said, not who holds a role
    roles = tuple(dict.fromkeys(r for w in asked for r in _ASKED[w]))
    return RolesAsked(roles, rest, tuple(set_aside))


def _qualifiers(sentence: str, start: int) -> tuple[str, frozenset[str]]:
    """The words of the title before its role ("U.S. State Department"), and the same folded."""
    before = sentence[:start].split()
    kept: list[str] = []
    for word in reversed(before):
        if word.endswith((",", ";", ":", ".")) and not re.fullmatch(r"(?:[A-Z]\.)+", word):
            break
        if not (word[:1].isupper() or word.lower() in _TITLE_WORDS):
            break
        kept.insert(0, word)
        if len(kept) == 4:
            break
    text = " ".join(kept)
    return text, frozenset(re.findall(r"\w+", fold(text)))


def holders(documents: Iterable[Sequence[Passage]]) -> list[Holder]:
    """Every mention of a person by role in the documents' sentences, in each document's order.

    A list's lines and a document's first line are headlines, written in
    title case, where no run of capitals ends at the name ("Kremlin
    Spokesperson Says Ukraine's …"): they are left out.
    """
    found: list[Holder] = []
    for passages in documents:
        seen: set[int] = set()  # passages overlap: a sentence is read once
        for p in passages:
            for span in sentence_spans(p.text):
                start = p.start + span.start
                sentence = p.text[span.start : span.end]
                headline = (start == 0 and sentence == p.title) or sentence.startswith(("-", "•", "*"))
                if start in seen or headline or label_of(sentence):
                    continue
                seen.add(start)
                for m in _TITLE.finditer(sentence):
                    role = next(r for r, ws in _ROLES.items() if m.group("role").lower() in ws)
                    name = re.sub(r"[’']s$", "", m.group("name"))
                    shown, folded = _qualifiers(sentence, m.start())
                    title = " ".join([shown, sentence[m.start() : m.end()]]).strip()
                    found.append(Holder(name, title, role, folded, p, start, p.start + span.end, sentence))
    return found


def _qualified(holder: Holder, word: str) -> bool:
    """Whether a title carries a qualifier the question writes ("russian": "Kremlin spokesperson")."""
    wanted = _ALIASES.get(word, frozenset({word}))
    return any(q in wanted or (len(q) >= 4 and len(word) >= 4 and q[:4] == word[:4]) for q in holder.qualifiers)


def holders_asked(asked: RolesAsked, found: Sequence[Holder]) -> list[Holder]:
    """Each person who holds an asked role with every asked qualifier, once, where first so named.

    Empty when a word of the question qualifies no holder at all: the
    question then asks something this list cannot answer.
    """
    for word in asked.qualifiers:
        if not any(_qualified(h, word) for h in found):
            return []
    chosen: list[Holder] = []
    for h in found:
        if h.role not in asked.roles or not all(_qualified(h, w) for w in asked.qualifiers):
            continue
        if any(mentions(h.name, aside) for aside in asked.set_aside):
            continue
        if any(mentions(c.name, h.name.split()[-1]) for c in chosen):
            continue
        chosen.append(h)
    return chosen


# The adjective of a role, by which news names its holder's office ("presidential aide").
_OFFICE_ADJECTIVES = {"president": "presidential", "minister": "ministerial"}


def offices_of(found: Sequence[Holder], name: str) -> frozenset[str]:
    """How the documents name ``name``'s office: "russian presidential" for "Russian President Vladimir Putin".

    A "Russian presidential aide" is Putin's aide: asked "Кто из помощников
    Путина …" (which of Putin's aides), the answer's passage names Ushakov
    that way and Putin nowhere (fresh31 q770).
    """
    return frozenset(
        f"{q} {_OFFICE_ADJECTIVES[h.role]}"
        for h in found
        if h.role in _OFFICE_ADJECTIVES and mentions(h.name, name)
        for q in h.qualifiers
    )


# Words of a title that rank its holder or tell whose country, not which body: a body is
# what is left ("Russian Foreign Ministry spokesperson": "foreign ministry").
_RANKS = frozenset("special former deputy senior chief vice prime acting".split())
# How a people's adjective ends: "Russian", "Turkish", "French", "Chinese".
NATION_ENDINGS = "ian|ish|ch|ese"
_NATIONAL = re.compile(rf"^(?:\w{{1,2}}|\w+(?:{NATION_ENDINGS}))$")
# Bodies that are one: the Kremlin is the president's office.
KREMLIN = frozenset({"kremlin", "presidential"})


def _body(holder: Holder, people: set[str]) -> frozenset[str]:
    """The body in a holder's title: its qualifiers less ranks, countries and people's names."""
    return frozenset(w for w in holder.qualifiers if w not in _RANKS and w not in people and not _NATIONAL.match(w))


def bodies(found: Sequence[Holder]) -> dict[frozenset[str], frozenset[str]]:
    """Each body the documents title someone by ("foreign ministry", "kremlin"), with whom, by last name."""
    people = {w for h in found for w in content_words(h.name)}
    out: dict[frozenset[str], set[str]] = {}
    for h in found:
        if body := _body(h, people):
            out.setdefault(body, set()).add(fold(h.name.split()[-1]))
    return {b: frozenset(names) for b, names in out.items()}


def titled(found: Sequence[Holder], body: str) -> list[Holder]:
    """The mentions of people whose title names ``body`` (as :func:`unaffiliated` returns it)."""
    people = {w for h in found for w in content_words(h.name)}
    return [h for h in found if _body(h, people) == frozenset(body.split())]


def unaffiliated(question: str, answer: str, found: Sequence[Holder]) -> str | None:
    """The body a *who* question names, when the answer names only people the documents title otherwise.

    "Хто з МЗС Росії заявив …" (who at Russia's Foreign Ministry said …) was
    answered "Yuri Ushakov", a "Russian presidential aide", from a passage
    that names the Foreign Ministry's spokesperson two sentences on (fresh22
    q610).  A body counts as named when the question writes every word of
    it; the answer counts when it names someone so titled.  An answer that
    names no one the documents title is not judged here.
    """
    asked = content_words(question)
    known = bodies(found)
    surnames = {fold(h.name.split()[-1]) for h in found}
    given = {last for last in surnames if mentions(answer, last)}
    if not given or not {w for b in known for w in b} & asked:
        return None
    for body, members in known.items():
        # The Kremlin is the president's office: "Which Kremlin aide …" is answered by the
        # "Russian presidential aide" (fresh29 q729).
        kin = {m for b, ms in known.items() if b | body <= KREMLIN for m in ms}
        if body <= asked and not given & (members | kin):
            return " ".join(sorted(body))
    return None


# "Who was the Turkish foreign minister …", "which Russian envoy …", "the name of the minister …":
# a person asked for by title, with a nationality or a word before it ("foreign").
_NATIONALITY = rf"(?:u\.?s\.?|us|american|\w+(?:{NATION_ENDINGS}))"
_ASKED_TITLE = re.compile(
    r"\b(?:who\s+(?:is|was|were|are|will\s+be|would\s+be)\s+(?:the\s+)?|(?:which|what)\s+|name\s+of\s+(?:the\s+)?)"
    rf"(?:(?P<nation>{_NATIONALITY})\s+)?(?:[a-z]+\s+)?(?P<role>{_ROLE_WORD})s?\b(?!['’])",
    re.IGNORECASE,
)


def untitled(question: str, answer: str, found: Sequence[Holder]) -> str | None:
    """The title a *who* question asks for, when no one in the documents holds it and the answer names someone.

    Asked (in Ukrainian) the name of the Turkish foreign minister who was to
    moderate the talks, the model answered "Recep Tayyip Erdogan", whom the
    documents title Turkish President, and they name no minister at all
    (fresh36 q876).  The answer counts when it names someone the documents
    title, and none of those it names holds the title asked for.
    """
    m = _ASKED_TITLE.search(question)
    if m is None:
        return None
    role = next(r for r, ws in _ROLES.items() if m.group("role").lower() in ws)
    nation = fold(m.group("nation") or "").replace(".", "")
    wanted = [h for h in found if h.role == role and (not nation or _qualified(h, nation))]
    named = [h for h in found if mentions(answer, h.name.split()[-1])]
    if wanted or not named:
        return None
    return " ".join(w for w in (nation, role) if w)
