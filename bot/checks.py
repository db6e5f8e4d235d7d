"""Does the answer answer what was asked?

Grounding (:func:`bot.citations.unsupported_words`) tells whether an
answer's words come from the passages.  A small model given passages that
are near the question but do not hold its answer often replies with one of
their sentences anyway: grounded, cited, and beside the point ("Russia
initiated the talks" for who led the Russian delegation, "several dozen
drones" for how many people were killed).  These checks catch the cases
whose shape can be read from the question alone:

* the answer adds nothing to the question ("Orda.kz" for which platform the
  Orda.kz article quotes);
* a *how many* question whose answer counts something else, or nothing, or
  gives a count of that thing that no passage gives;
* a *who* question (other than "who is X") whose answer names nobody new;
* a *how long* question whose answer states no length of time;
* a *when* or *what date* question whose answer states no date ("The day
  before, Zelenskyy published …");
* a question that sets someone aside ("apart from Putin, who …") whose
  answer names them;
* an answer that only points at a passage ("Passage [1]");
* a *why* or *when did X do Y* question whose passages never say that X
  did Y: a false premise ("Why did Erdoğan refuse to host the talks?") that
  the model explains anyway, or an event the articles do not report, dated
  with a date they give for another;
* an *exactly how many* question answered with an estimate ("several
  dozen", "about 30"): the documents do not hold the exact figure;
* a question for the exact words of a post or statement whose answer
  quotes nothing: a paraphrase, or the sentence after "commented on Truth
  Social:" where the article's embedded post was lost.
* a *who reported* question whose answer names a source other than the one
  the sentence stating the report credits ("Politico" for "Trump … called
  on Ukraine to immediately agree to talks, Reuters reports", whose passage
  opens "According to Politico, …").
* a question for the outcome of an event ("What was the outcome of the
  negotiations in Istanbul?", "What did Putin and Zelensky agree on?")
  whose answer states no outcome of it: articles written before the talks
  describe what led up to them, and a small model offers that instead.
* a question for what someone said *about* a topic whose answer, and the
  sentences it cites, never mention that topic ("Kellogg urged Moscow to
  commit to a ceasefire" for what Kellogg said about NATO membership), or
  whose passages never mention that someone.
* a *who led / hosted / mediated / wrote* question whose cited sentences
  state no such role: the model names whoever is nearest the event.
* an answer whose first sentence points back to something nothing names
  ("Zelensky reported this on his Telegram channel, …"): a passage's
  opening, copied without the sentence its "this" stands for.
* a question about another year than the articles' own ("in which month
  of 2022 …") whose cited sentences never name that year: the model gives
  a date of the articles' own time ("May 11").

And one read from the question alone, before the model runs: a question
about a name no document mentions (:func:`asks_about_unknown`).

Each returns a short reason, or None when the answer passes.  Only answers
in Latin script are checked: the documents are English, and an answer in
another script cannot be compared word for word.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Sequence

from bot.citations import content_words, matching_words, mentions, unknown_names, with_same_meaning
from bot.dates import MONTHS, WEEKDAYS
from bot.roles import KREMLIN, NATION_ENDINGS, Holder, bodies
from index.chunking import sentence_spans
from index.text import fold

_WORD = re.compile(r"\w+")
_MONTHS = frozenset(m.lower() for m in MONTHS) | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_QUANTITY = frozenset(
    (
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
        "thousand thousands million millions billion dozen dozens several few couple none"
    ).split()
)
# Words that name who did something without being a name: "the coalition", "officials".
_AGENTS = frozenset(
    (
        "coalition government ministry kremlin leaders leader side sides country countries state states army "
        "military parliament people officials official delegation delegates team media outlet agency allies "
        "partners europe west"
    ).split()
)
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ent", "ents", "ary", "ion", "ions")
_THING_SUFFIXES = ("ment", "ments")  # "statement", "agreement": not who did it, unlike "president"
_NAME_RUN = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
PERSON_KINDS = (
    r"leader|person|official|president|minister|spokes(?:person|man|woman)|envoy|representative|politician|"
    r"diplomat|aide|journalist|author"
)
# A word between a Cyrillic "which" and the person word, if it is no verb (past tense or infinitive).
_NOT_A_VERB = r"(?:(?!\w*(?:ли|ла|ло|ть|ти)\s)\w+\s+)?"
_WHICH_PERSON = re.compile(
    # Not "What did President Trump urge …?" (fresh56 q1264): the word between is no verb.
    rf"\b(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b)\w+\s+)?"
    rf"(?:{PERSON_KINDS})s?\b"
    # "What was the name of the Turkish leader who …", the rewrite of French "avec quel dirigeant …" (fresh28 q708).
    rf"|\b(?:what|which)\s+(?:is|was|were|are)\s+the\s+names?\s+of\s+the\s+(?:\w+\s+){{0,2}}(?:{PERSON_KINDS})s?\b"
    # The question as asked, folded (no accents: "какой" reads "какои"), in the languages of our users.
    r"|\bquel(?:le)?s?\s+(?:dirigeant|president|ministre|responsable|porte-parole|diplomate|envoye|representant|"
    r"journaliste|auteur)e?s?\b"
    r"|\bque\s+(?:lider|presidente|ministro|portavoz|funcionario|representante|enviado|diplomatico|periodista|autor)"
    r"(?:a|es|as)?\b"
    r"|\bwelche[rnms]?\s+(?:\w+\s+)?(?:politiker|prasident|minister|sprecher|berater|diplomat|journalist|autor|"
    r"staatschef|regierungschef)(?:in|en|s)?\b"
    # Not a relative clause whose verb comes between: "перемирие, к которому призвали лидеры", "припинення
    # вогню, до якого закликали лідери" (the ceasefire the leaders called for; fresh37 q896).
    rf"|\b(?:какои|какая|какого|какие)\s+{_NOT_A_VERB}(?:лидер|президент|министр|представител|помощник|чиновник|"
    r"дипломат|журналист|автор|спикер|пресс-секретар)\w*"
    rf"|\b(?:якии|яка|якого|які)\s+{_NOT_A_VERB}(?:лідер|президент|міністр|представник|помічник|посадов|дипломат|"
    r"журналіст|автор|речни|прес-секретар)\w*"
)
_IDENTITY = frozenset("is are was were s".split())
# Capitalised words that name no one: pronouns and the like, and the days of the week
# ("… lasting at least 30 days from Monday, May 12" names nobody).
_NOT_NAMES = frozenset(
    (
        "the a an he she it they this that these those we i you yes no according in on at after before during "
        "monday tuesday wednesday thursday friday saturday sunday"
    ).split()
)


REPEATS = "the answer only repeats the question"
NO_COUNT = "a count was asked for and the answer gives none"
NO_FIGURE = "a figure was asked for and the answer gives none"
WRONG_COUNT = "the answer counts something other than what was asked"
NOBODY = "a person or body was asked for and the answer names none"
NO_NAME_GIVEN = "someone's name was asked for and the answer gives none"
NO_DURATION = "a length of time was asked for and the answer gives none"
INEXACT = "an exact number was asked for and the answer gives an estimate"
UNGIVEN_COUNT = "the answer gives a count that no passage gives"
UNQUOTED = "the exact words were asked for and the answer quotes none"
MISCREDITED = "the answer names another source than the sentence that states the report credits"
REPORTED_INSTEAD = "what someone wrote or posted was asked for and the answer is an outlet's report of them"
NO_OUTCOME = "the outcome of an event was asked for and the answer states none"
ELSEWHERE = "what someone said about a topic was asked for and the answer is not that"
UNSTATED_ROLE = "who held a role was asked for and no sentence it cites states that role"
UNCREDITED = "the question credits a source and no sentence the answer cites is from it"
DANGLING = 'the answer opens by referring to something ("reported this") that neither it nor the question names'
UNSTATED_YEAR = "the question names a year and no sentence the answer cites is of that year"
NO_DATE = "a date was asked for and the answer gives none"
NO_TIME = "a time of day was asked for and the answer gives none"
NO_PLACE = "a place was asked for and the answer gives none"
SET_ASIDE = "the answer names whom the question set aside"
POINTS_ONLY = "the answer only points at a passage"
UNSTATED_PREMISE = "why or when someone did something was asked and no passage says they did it"
UNDESCRIBED = "what something was like was asked for and the answer does not name it"
UNLASTED = "how long something lasted was asked for and the answer does not name it"
UNSAID = "who said something was asked for and no sentence it cites says it"
UNCOUNTED_EVENT = "how many things something happened to was asked for and the answer counts what else happened"
HALF_ANSWERED = "two things were asked and the answer is one name"
ECHOED_YES = "the answer says yes in the question's own words and the sentence it cites does not say so"
NO_THREAT = "what was threatened was asked for and the answer states no consequence"
UNNAMED_ITEMS = "which specific ones were asked for and the answer names none"
OBJECT_AS_DOER = "who did something to a person was asked and the answer opens with that person"
HEADING_ONLY = "the answer is only a heading of the documents"
PROPOSED_PLACE = "where someone was was asked for and no passage it cites puts them at the place it gives"
OFF_TARGET_REASONS = frozenset(
    {
        NO_THREAT,
        REPEATS,
        NO_COUNT,
        NO_FIGURE,
        WRONG_COUNT,
        NOBODY,
        NO_DURATION,
        INEXACT,
        UNGIVEN_COUNT,
        UNQUOTED,
        MISCREDITED,
        NO_OUTCOME,
        ELSEWHERE,
        UNSTATED_ROLE,
        UNCREDITED,
        DANGLING,
        UNSTATED_YEAR,
        NO_DATE,
        NO_TIME,
        NO_PLACE,
        SET_ASIDE,
        POINTS_ONLY,
        UNSTATED_PREMISE,
        UNCOUNTED_EVENT,
        UNDESCRIBED,
        UNLASTED,
        UNSAID,
        PROPOSED_PLACE,
        HEADING_ONLY,
        OBJECT_AS_DOER,
        UNNAMED_ITEMS,
        NO_NAME_GIVEN,
    }
)
_DURATION = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies)|"
    r"until|till|since|indefinite(?:ly)?|permanent(?:ly)?|forever|prolonged|temporary|brief|long-term|short-term)\b"
)


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) >= 0.8 * len(letters)  # a bare number counts as Latin


def _like(word: str, words: set[str]) -> bool:
    """``word`` is in ``words``, or shares its stem with one ("Russia" ~ "Russian", "drone" ~ "drones")."""
    stem = word[:5] if len(word) > 4 else word
    return word in words or any(w.startswith(stem) or word.startswith(w[:5]) for w in words if len(w) > 3)


def unmarked(answer: str) -> str:
    """An answer without its citation markers ("[1]"), each left as a space."""
    return re.sub(r"\[\d+\]", " ", answer)


# Where the answer says it comes from, which tells nothing of what was asked: "as stated in the
# passage", "according to the article", "the document states that".
_SOURCE_TALK = re.compile(
    r"\b(?:as\s+)?(?:stated|mentioned|said|noted|described|written)\s+in\s+the\s+(?:passage|article|document|text)s?\b"
    r"|\baccording\s+to\s+the\s+(?:passage|article|document|text)s?\b"
    r"|\bthe\s+(?:passage|article|document|text)s?\s+(?:states?|says?|mentions?|notes?)(?:\s+that)?\b",
    re.IGNORECASE,
)


def adds_nothing(question: str, answer: str) -> str | None:
    """The answer only repeats the question's words (a yes or no is an answer).

    Saying where it comes from adds nothing: "The truce was meant for the ground and covered
    other stuff too, as stated in the passage" (fresh28 q710) repeats the question.
    """
    text = _SOURCE_TALK.sub(" ", unmarked(answer))
    if not _latin(text) or re.match(r"\s*(?:yes|no)\b", text, re.IGNORECASE):
        return None
    asked = content_words(question)
    asked |= {past for verb in asked & _PAST_FORMS.keys() for past in _PAST_FORMS[verb]}
    own = [w for w in content_words(text) if not _like(w, asked)]
    return None if own else REPEATS


# "Reported this on …", "welcomed these.": a demonstrative standing for a thing, after a verb.
_OBJECT_THIS = re.compile(
    r"(?<=[a-z,]\s)(?:this|these|those)\b"
    r"(?=\s+(?:on|in|for|at|to|with|by|from|as|after|before|during|over|when|while)\b|\s*[.,;:!?]|\s*$)"
)
# What a question may point back with, in the languages of our users.  A word that may also
# open a noun ("this", "bu") points back only alone: "bu teklife" (this offer, fresh51 q1174) names
# what it is, and an answer that opens "Zelensky reported this …" points elsewhere.
_POINTING = re.compile(
    r"\b(?:it|them|это|cela|ça|ceci|esto|eso|bunu|buna|das)\b"
    r"|\b(?:this|that|these|those|это\w+|этот|эта|эти\w*|этой|эту|этом|це|цього|цьому|цю|цей|ці|dies\w*|"
    r"esta|este|bu)\b(?!\s+\w{4,})",
    re.IGNORECASE,
)


def refers_back(question: str, answer: str) -> str | None:
    """An answer whose first sentence points back to something nothing before it names.

    Over passages that do not hold the answer, the model may copy the one
    that opens with a reference to the sentence before it, which the chunk
    left out: "Zelensky reported this on his Telegram channel, …" for which
    cities the drones struck.  Only the first sentence counts (a later one
    may point to an earlier), and only when the question has no *this* of
    its own ("who had waited for this so long?").
    """
    first = re.split(r"(?<=[.!?])\s+|\n", unmarked(answer).strip(), maxsplit=1)[0]
    # "Putin made the statement during a late-night meeting …", for what happened in the Kremlin
    # on May 11 (fresh43 q1012): which statement, the sentence before says, and the question does not.
    if _MADE_THE_STATEMENT.search(first) and not _SAYING.search(question):
        return DANGLING
    # Asked what was said, "According to Hurriyet, he made the statement during a phone call with …
    # Macron" tells where, not what (fresh80 q1750, fresh79 q1737, Turkish).
    if (
        _MADE_THE_STATEMENT.search(first)
        and _ASKS_WHAT_SAID.search(question)
        and len(_split_sentences(unmarked(answer).strip())) == 1
    ):
        return DANGLING
    if not _OBJECT_THIS.search(first) or _POINTING.search(question):
        return None
    return DANGLING


_ASKS_WHAT_SAID = re.compile(r"\bwhat\b[^?]*?\b(?:say|said|state|stated|tell|told)\b", re.IGNORECASE)
_MADE_THE_STATEMENT = re.compile(r"\b(?:made|gave|issued|delivered)\s+the\s+(?:statement|announcement|remarks)\b")
# A question that names what was said itself: "When did Putin express …", "during which call did Erdoğan confirm …".
_SAYING = re.compile(
    r"\b(?:statements?|announce\w*|say|says|said|saying|confirm\w*|declar\w*|propos\w*|remarks?|comment\w*|"
    r"state[ds]?|stating|told|tell|words|quot\w*|claim\w*|express\w*|post\w*|publish\w*|calls?|phone\w*|"
    r"speak|spoke|talk\w*)\b",
    re.IGNORECASE,
)


# "How many Russian drones were shot down on May 12?", "how many people died": what is counted
# is in the first few words after "how many", what happened to it within a few more.
_HOW_MANY = re.compile(r"\bhow\s+many((?:\s+[\w'’-]+){1,6})")


def _after_how_many(question: str) -> list[str]:
    """The words (folded) after a question's "how many", up to six."""
    m = _HOW_MANY.search(fold(question))
    return m.group(1).split() if m else []


def _is_count(word: str) -> bool:
    return word.isdigit() or word in _QUANTITY


def _counts_in(text: str, things: list[str]) -> set[str]:
    """The numbers of ``text`` that stand within four words before one of ``things`` (dates excluded)."""
    words = _WORD.findall(fold(text))
    found: set[str] = set()
    for i, w in enumerate(words):
        if not _is_count(w) or (i and words[i - 1] in _MONTHS):
            continue
        if any(_like(t, set(words[i + 1 : i + 6])) for t in things):
            found.add(w)
    return found


def _counted(question: str) -> list[str]:
    """The (up to two) words that name what a *how many* question counts ("russian", "drones")."""
    asked = " ".join(_after_how_many(question)[:4])
    phrase = content_words(asked)
    return [w for w in _WORD.findall(asked) if w in phrase and not _is_count(w)][:2]


def counts_asked(question: str, sentence: str) -> bool:
    """Whether ``sentence`` gives a count of what the *how many* ``question`` counts."""
    things = _counted(question)
    return bool(things and _counts_in(sentence, things))


def miscounts(question: str, answer: str, passages: list[str]) -> str | None:
    """A *how many* question whose answer does not count the thing asked about."""
    text = unmarked(answer)
    if not _after_how_many(question) or not _latin(text):
        return None
    things = _counted(question)
    words = _WORD.findall(fold(text))
    counts = [w for w, prev in zip(words, ["", *words], strict=False) if _is_count(w) and prev not in _MONTHS]
    if not counts:
        return NO_COUNT
    given = set().union(*(_counts_in(p, things) for p in passages))
    if any(_like(t, set(words)) for t in things):
        # The count must be one a passage gives for that thing: "12 dozen drones" from
        # "several dozen drones … on May 12" is made up of a date and a count.
        return UNGIVEN_COUNT if _counts_in(text, things) - given else None
    # A bare number ("12") must count the thing in some passage, not be a date or another count.
    if len(words) <= 3 and set(counts) & given:
        return None
    return WRONG_COUNT


# What can happen to things counted in the news, each with the words a sentence states it by.
# Only these: "how many days were proposed" is answered by "called for … 30 days", and a
# verb of reporting or planning has too many ways of being said.
_FATES: tuple[tuple[str, ...], ...] = (
    # "How many drones did Ukraine lose" asks how many were destroyed (fresh78 q1706's rewrite).
    ("destroy", "shot", "shoot", "downed", "intercept", "neutrali", "lose", "lost"),
    ("kill", "dead", "death", "died", "die"),
    ("injur", "wound", "hurt"),
    ("captur", "taken prisoner", "seiz"),
    ("arrest", "detain", "detention"),
    ("deport", "expel"),
    ("launch", "fire", "fired"),
    ("damag",),
    ("evacuat",),
    ("releas", "freed"),
    ("exchang", "swap"),
)


# "What was the weather like in Istanbul?": the thing described comes between the verb and "like".
_ASKS_LIKE = re.compile(
    r"\bwhat\s+(?:was|is|were|are|will\s+be)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+like\b"
)


def undescribed(question: str, answer: str, quotes: list[str]) -> str | None:
    """*What was X like*, answered without naming X in the answer or the sentences it cites.

    Asked what the weather was like in Istanbul on the day of the talks,
    a small model gives the nearest sentence about the talks ("The talks in
    Istanbul were initiated by Russia on May 11").  A description of X
    names X, or a word of it.
    """
    m = _ASKS_LIKE.search(fold(question))
    thing = content_words(m.group(1)) if m else set()
    if not thing or matching_words(thing, content_words(" ".join([unmarked(answer), *quotes]))):
        return None
    return UNDESCRIBED


# "How long did Putin's phone call with Erdoğan last?": what lasted is named before "last",
# its head word before the first preposition ("call").
_ASKS_LASTED = re.compile(
    r"\bhow\s+long\s+(?:did|does|do|will|would|was|were|is|are|has|had)\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)"
    r"\s+(?:last|lasts|lasted|take|took|go\s+on|run)\b"
)
_BEFORE_HEAD = re.compile(r"\s+(?:with|between|of|in|on|at|to|from|for|by|about)\s+.*")


def unlasted(question: str, answer: str, quotes: list[str]) -> str | None:
    """*How long did X last*, answered by a sentence that does not name X.

    Asked how long Putin's phone call with Erdoğan lasted, which the
    documents never say, the model gave the ceasefire's "at least 30 days":
    a length, so the *how long* check passed it, but of something else.
    The answer or a sentence it cites must name X's head word ("call", or
    "calls"; "called" is not a call).
    """
    m = _ASKS_LASTED.search(fold(question))
    words = _BEFORE_HEAD.sub("", m.group(1)).split() if m else []
    head = words[-1].removesuffix("'s").removesuffix("’s") if words else ""
    if not head or head in _NOT_NAMES or len(head) < 3:
        return None
    heads = with_same_meaning({head, head + "s", head.removesuffix("s")})
    # A cited sentence that says how long something lasted must say it of X: "The meeting lasted for 30 days"
    # cited "Following the meeting, … the coalition called for a complete ceasefire in Ukraine lasting at
    # least 30 days" (fresh75 q1656, made up).  X is among the eight words before "lasting".
    cited = fold(" ".join(quotes))
    lasting = [m.start() for m in re.finditer(r"\blast(?:s|ed|ing)?\b", cited)]
    if lasting:
        near = {w for at in lasting for w in _WORD.findall(cited[:at])[-8:]}
        return None if near & heads else UNLASTED
    said = set(_WORD.findall(fold(" ".join([unmarked(answer), *quotes]))))
    # By any word for it: "the cessation of fire", a rewrite of "il cessate il fuoco", is the ceasefire (fresh61 q1367).
    return None if said & heads else UNLASTED


# Or asked what follows a refusal: "And what happens if Russia refuses?" after the joint statement's demand was
# answered with Zakharova's words and the drones of May 12 (fresh82 q1800), not the sanctions that would follow.
_ASKS_THREAT = re.compile(
    r"\bthreat(?:en|ens|ened|ening|s)?\b|\bwhat\s+(?:happens|will\s+happen|would\s+happen|is\s+going\s+to\s+happen)\s+if\b"
)
# What a threat states: a consequence, or the condition it hangs on.
_CONSEQUENCE = re.compile(
    r"\b(?:if|unless|otherwise|or else|threat\w*|sanction\w*|consequences?|penalt\w*|punish\w*|"
    r"(?:will|would)\s+(?:follow|face|be)|retaliat\w*)\b"
)


def unthreatened(question: str, answer: str, quotes: list[str]) -> str | None:
    """*What did X threaten*, answered by what X demanded.

    Asked what the European coalition threatened would happen if Russia
    refused a complete ceasefire, the model copied the sentence in which the
    coalition called for the ceasefire (fresh30 q743).  The answer or a
    sentence it cites must state a consequence ("sanctions … will follow")
    or its condition ("if Russia refuses").
    """
    asked = fold(question)
    if not _ASKS_THREAT.search(asked):
        return None
    # The answer's own words count, not those it echoes from the question: "Russia faced threats of a
    # complete … ceasefire … if it did not agree" cites the call for the ceasefire (fresh22 q609).
    own = [m.group() for m in _CONSEQUENCE.finditer(fold(unmarked(answer))) if m.group() not in asked]
    return None if own or _CONSEQUENCE.search(fold(" ".join(quotes))) else NO_THREAT


# "Which specific Russian banks …?": named ones of a kind, not the kind.
_ASKS_NAMED = re.compile(r"\bwhich\s+(?:specific|exact|particular|individual)\s+(?:[\w-]+\s+)?[\w-]+s\b", re.IGNORECASE)


def unnamed_items(question: str, answer: str) -> str | None:
    """*Which specific banks …?* answered without naming one.

    Asked which specific Russian banks the tougher sanctions would hit, the
    model copied the sentence that names only the sectors, "banking and
    energy" (fresh67 q1498, unanswerable).  The answer must name something
    (a capitalised word inside a sentence) that the question does not.
    """
    text = unmarked(answer)
    if not _ASKS_NAMED.search(question) or not _latin(text):
        return None
    asked = set(_WORD.findall(fold(question)))
    for sentence in _split_sentences(text):
        for w in _WORD.findall(sentence)[1:]:
            # "Russia" is no new name after "Which specific Russian banks …?" (fresh70 q1560).
            if w[:1].isupper() and not _like(fold(w), asked) and fold(w) not in _NOT_NAMES:
                return None
    return UNNAMED_ITEMS


# "Who interviewed Peskov …?": who did a deed to the person named after it.
_WHO_DID_TO = re.compile(r"\b(?i:who)\s+(?:had\s+)?[a-z]+ed\s+(?:the\s+)?((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'-]*)")


def object_as_doer(question: str, answer: str) -> str | None:
    """*Who did X to Y*, answered by a sentence about Y.

    Asked (in Italian) who interviewed Peskov for CNN, the model copied
    "Dmitry Peskov, in an interview with CNN, responded …" (fresh68 q1507, an
    unanswerable one): Peskov was interviewed, and no one is named who did
    it.  An answer that opens with the person the deed was done to, and names
    no doer after "by", does not answer.
    """
    text = unmarked(answer).strip(" \"'“‘(")
    m = _WHO_DID_TO.search(question)
    first = _NAME_RUN.match(text)
    if m is None or first is None or re.search(r"\bby\s+[A-Z]", text):
        return None
    done_to = fold(m.group(1).split()[-1]).strip("’'.-")
    return OBJECT_AS_DOER if fold(first.group().split()[-1]).strip("’'.-") == done_to else None


# What asks about the documents' headings themselves.
_ASKS_HEADING = re.compile(r"\b(?:heading|headings|section|sections|title|titled|headline|headlines|header)\b")


def heading_only(question: str, answer: str, quotes: list[str]) -> str | None:
    """An answer that is only a short heading line of the documents, not asked about.

    Asked (in Italian, a follow-up on Erdoğan's call with Macron) which source
    the news came from, the model pointed at a passage and then gave the
    heading of the headline list, "Latest news" (fresh66 q1468).  A heading
    here is a cited line of at most four words with no colon and no closing
    stop, and a lower-case word; a labelled line ("Photo: Screenshot Kremlin
    Video") is an answer, and so may a name on its own line be.
    """
    text = fold(unmarked(answer)).strip(" .")
    asked = fold(question)
    if _ASKS_HEADING.search(asked):
        return None
    for quote in quotes:
        line = quote.strip()
        if "\n" in line or ":" in line or line.endswith((".", "!", "?", "”", '"')) or len(line.split()) > 4:
            continue
        # A line of capitalised words alone may be a name ("Rustam Muratov" under an article).
        if all(w[:1].isupper() for w in line.split()):
            continue
        if fold(line) == text and not set(_WORD.findall(fold(line))) <= set(_WORD.findall(asked)):
            return HEADING_ONLY
    return None


# "Where was Putin when he proposed the talks?": where a person was at the time of a deed.
_ASKS_WHEREABOUTS = re.compile(r"\bwhere\s+(?:was|were|is)\s+(?:\w+\s+){1,3}?(?:when|while|at\s+the\s+time)\b")
# A verb that puts its place on the thing proposed: "We propose to begin … May 15, in Istanbul".
_PROPOSING = re.compile(r"\b(?:propos|suggest|offer|invit)\w*")


def proposed_place(question: str, answer: str, quotes: list[str], around: Sequence[str] = ()) -> str | None:
    """*Where was X when X proposed …*, answered by where the proposal would happen.

    Asked where Putin was when he proposed the talks, the model answered "in
    Istanbul on May 15", from "We propose to begin without delay – next
    Thursday, May 15, in Istanbul" (fresh66 q1467); he spoke in the Kremlin.
    Each place the answer names must stand in a cited sentence, or else in
    the passages ``around`` them, somewhere other than after a verb of
    proposing (a second look moved "in Istanbul" onto a sentence of a
    passage without it).
    """
    asked = fold(question)
    if not _ASKS_WHEREABOUTS.search(asked):
        return None
    places = {fold(m.group(2)) for m in _AT_PLACE.finditer(unmarked(answer))} - _MONTHS - set(_WORD.findall(asked))
    places -= {fold(d) for d in WEEKDAYS}
    if not places:
        return None
    said = [fold(q) for q in quotes]
    held = [fold(t) for t in around]
    for place in places:
        at = [(q, m.start()) for q in said for m in re.finditer(rf"\b{re.escape(place)}\b", q)]
        at = at or [(t, m.start()) for t in held for m in re.finditer(rf"\b{re.escape(place)}\b", t)]
        if any(not (p := _PROPOSING.search(q, 0, i)) or re.search(r"[.;!?]", q[p.end() : i]) for q, i in at):
            return None
    return PROPOSED_PLACE


# "Who stated that Russia considers the root causes of the conflict a priority?": what was said
# follows the verb of saying in a *who* question.
# "Who wrote the article?" asks for its author: "wrote" and "tweeted" count only before "that".
_WHO_SAID = re.compile(
    r"\bwho\b[^?]*?\b(?:(?:said|says|stated|states|claimed|announced|declared|noted|insisted|emphasized|"
    r"warned)\s+(?:that\s+)?|(?:wrote|tweeted|posted)\s+that\s+)(?P<said>[^?]+?)(?:[?!]|\.(?:\s|$)|$)"
)


_WORK_SAYS = re.compile(r"\b(?:article|piece|report|story|text|document|post)\s+(?:that|which)\s+\w+\s+(?:that\s+)?$")


def unsaid(question: str, quotes: list[str]) -> str | None:
    """*Who said that …*, answered by a sentence that does not say it.

    Asked (in Russian) which Russian official said Russia considers the root
    causes of the conflict a priority, the model named Yuri Ushakov, citing
    his readiness for dialogue (fresh18 q510).  The sentences an answer cites
    must hold at least half of the words of what was said.
    """
    m = _WHO_SAID.search(fold(question))
    said = content_words(m.group("said")) if m else set()
    if len(said) < 3:
        return None
    # "Who is the author of the article that states that Putin said …?" (fresh58 q1302, in Russian): the
    # article says it, and its author is asked for.
    if m and _WORK_SAYS.search(m.string[m.start() : m.start("said")]):
        return None
    held = content_words(" ".join(quotes))
    # "ready" is said as "readiness" ("announced his readiness for dialogue", fresh28 q705).
    found = matching_words(said, held) | {
        w for w in said if len(w) >= 5 and w.endswith("y") and any(t.startswith(w[:-1] + "i") for t in held)
    }
    return None if 2 * len(found) >= len(said) else UNSAID


# A passive after "how many", in the same clause: what happened to the things counted.
_HOW_MANY_SUFFERED = re.compile(r"\bhow\s+many\b[^?.!;,]*?\b(?:were|was|got|been|being|be)\s+([\w'’-]+)")
# The words after the auxiliary of a *how many … did X do* question, in the same clause.
_HOW_MANY_DONE = re.compile(
    r"\bhow\s+many\b[^?.!;,]*?\b(?:did|do|does|have|has|had|will|would|could|can)\s+((?:[\w'’-]+\s*){1,6})"
)


def uncounted_event(question: str, answer: str, quotes: list[str]) -> str | None:
    """A count of things something happened to ("were shot down"), answered with things something else did.

    Asked how many drones were shot down, the passages say only how many
    entered the airspace, and a small model gives that count ("several
    dozen drones entered").  The answer or a sentence it cites must state
    what happened, in any word for the same fate.
    """
    words = _after_how_many(question)
    # Or the fate the clause ends on, however far: "how many of the Russian drones that entered
    # Ukrainian airspace on May 12 were shot down?" (fresh38 q908).
    if m := _HOW_MANY_SUFFERED.search(fold(question)):
        words = [*words, m.group(1)]
    # Or done by a subject the clause names first: "How many Russian drones did Ukrainian air defense
    # shoot down on May 12?" (fresh46 q1080, in German) was answered with those that entered.
    if m := _HOW_MANY_DONE.search(fold(question)):
        words = [*words, *m.group(1).split()]
    fate = next((f for f in _FATES if any(v.startswith(w) for v in words for w in f)), None)
    if fate is None:
        return None
    said = fold(" ".join([unmarked(answer), *quotes]))
    if any(re.search(rf"\b{re.escape(w)}", said) for w in fate):
        return None
    return UNCOUNTED_EVENT


# "What is the population of Istanbul?", "how far …", "how much did it cost": a figure, though
# not asked as *how many*.
_ASKS_FIGURE = re.compile(
    r"\bpopulation\b|\bhow\s+(?:far|tall|old|big|large)\b"
    r"|\bhow\s+much\b[^?]*\b(?:cost|spen[dt]|pa(?:y|id)|money|worth|budget|price)"
)
_FIGURE = re.compile(
    r"\d|\b(?:dozens?|hundreds?|thousands?|millions?|billions?|half|one|two|three|four|five|six|seven|eight|nine|ten)\b"
)
_MONTH_NAMES = "|".join(sorted(_MONTHS))
_DAY_OF_MONTH = re.compile(rf"\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\b")


def lacks_figure(question: str, answer: str) -> str | None:
    """A question for a figure (a population, a distance, a sum) whose answer gives no number.

    Asked the population of Istanbul, which the documents do not give, the
    model answered "The talks in Istanbul were initiated by Russia on May
    11." (fresh49 q1139).
    """
    text = unmarked(answer)
    if not _ASKS_FIGURE.search(fold(question)) or not _latin(text):
        return None
    # A date is no figure: "… initiated by Russia on May 11".
    return None if _FIGURE.search(_DAY_OF_MONTH.sub(" ", fold(text))) else NO_FIGURE


def lacks_duration(question: str, answer: str) -> str | None:
    """A *how long* question whose answer states no length of time ("covering land, air and sea")."""
    text = unmarked(answer)
    if not re.search(r"\bhow long\b", fold(question)) or not _latin(text):
        return None
    return None if _DURATION.search(fold(text)) else NO_DURATION


# A question for a date: "on what date", "which day", "what month", or a *when* that opens it
# (not "what did he say when commenting …").
_ASKS_DATE = re.compile(
    r"\b(?:what|which)\s+(?:day|date|month|year)\b|\bon what (?:day|date)\b|"
    r"(?:^|[.?!]\s*)when\s+(?:did|does|do|will|would|was|were|is|are|had|has|could|should|can)\b"
)
_WEEKDAYS = frozenset(d.lower() for d in WEEKDAYS)
_DAY_WORDS = frozenset("today yesterday tomorrow tonight".split())


def lacks_date(question: str, answer: str) -> str | None:
    """A *when* or *what date* question whose answer states no date: no figure, month, weekday or day word.

    Asked on what day Zelenskyy published the joint statement, the model
    copied the sentence that says he did so "the day before": the words
    are right there, but the date is not.
    """
    text = unmarked(answer)
    if not _ASKS_DATE.search(fold(question)) or not _latin(text):
        return None
    words = set(_WORD.findall(fold(text)))
    if any(w[0].isdigit() for w in words) or words & (_MONTHS | _WEEKDAYS | _DAY_WORDS):
        return None
    return NO_DATE


# "At what time of day …", "what time did …", "at what hour": a clock time or a part of the day.
# Not "what time frame" or "what time period": a length.
_ASKS_TIME = re.compile(
    r"\b(?:what|which)\s+(?:time|hour)\b(?!\s+(?:frame|period|span|limit|zone)s?\b)|\bwhat\s+o['’]clock\b"
)
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?::\d\d|\s*[ap]\.?m\b|\s*o['’]clock\b|\s*h\b)|\b(?:morning|afternoon|evening|night|noon|"
    r"midnight|midday|dawn|dusk|late-night|overnight)\b"
)


def lacks_time(question: str, answer: str) -> str | None:
    """A *what time of day* question whose answer gives no clock time nor part of the day.

    Asked at what time of day the talks of May 15 were to begin, which the
    documents never say, the model copied the sentences about who initiated
    the talks and when (fresh37 q890).
    """
    text = unmarked(answer)
    if not _ASKS_TIME.search(fold(question)) or not _latin(text):
        return None
    return None if _TIME_OF_DAY.search(fold(text)) else NO_TIME


# "Where did …", and "… and in what city?" (fresh23 q601, answered with the date of the announcement alone).
_ASKS_PLACE = re.compile(
    # "when and where did …", "when n where did …" (fresh30 q741) ask for a place as well.
    r"(?:^|[.?!,]\s*|\b(?:when|and|n|&)\s+)where\s+"
    # "Where and on what date did Putin make his statement?" (fresh54 q1221) too.
    r"(?:and\s+(?:when|(?:on|at|in)\s+(?:what|which)\s+(?:date|day|time))\s+)?"
    r"(?:did|does|do|will|would|was|were|is|are|had|has|should|could|can|might|must|shall)\b"
    # "In which palace or building in Istanbul …" is not answered by "in Istanbul" (fresh31 q777).
    r"|\b(?:in|at)\s+(?:what|which)\s+(?:city|town|place|country|location|venue|palace|building|hall|hotel)\b"
    # "What was the specific building (venue) where the talks took place?" (fresh53 q1215, Japanese): a
    # building, not a city or a country, whose leaders or capital a name alone may answer.  Asked first:
    # "… on May 15, and which building …?" is half answered by the date, and says so (fresh43 q1014).
    r"|(?:^|[.?!？。]\s*)(?:what|which)\s+(?:(?:was|is|were|will\s+be)\s+)?(?:the\s+)?(?:(?:specific|exact|particular)\s+)?"
    r"(?:venue|palace|building|hall|hotel)\b"
    # As asked, folded, where the rewrite lost it: "In welchem Palast oder Gebäude …" came back as "Where should
    # the conversations take place …?" (fresh57 q1287); "In welk gebouw of paleis" (fresh58 q1319).
    r"|\bwelche[mnrs]?\s+(?:palast|gebaude|saal|hotel)|\bwelk(?:e)?\s+(?:gebouw|paleis|hotel|zaal)"
    r"|\bquel(?:le)?s?\s+(?:batiment|palais|hotel|salle)|\bque\s+(?:edificio|palacio|hotel)"
    r"|\bqual(?:e)?\s+(?:edificio|palazzo|albergo|hotel|palacio)|\bjaki(?:m|ego)?\s+(?:budynk|palac|hotel)\w*"
    r"|\b(?:каком|какое|какой|якому|якій|яка|яке)\s+(?:здани|двор|отел|будівл|палац|готел)\w*"
    r"|\bhangi\s+(?:bina|saray|otel)\w*"
    # "What was the location of the meeting in Istanbul?", the rewrite of "どの会場で" (which venue; fresh61 q1371).
    r"|(?:^|[.?!？。]\s*)(?:what|which)\s+(?:was|is|were|will\s+be)\s+the\s+(?:(?:specific|exact|precise)\s+)?"
    r"(?:location|venue|site)\s+(?:of|for)\b"
)
# The same asked in Japanese, Chinese and Korean (where, venue, place, building, hotel), folded as the question is.
_ASKS_ORIGIN = re.compile(
    r"\bwhere\s+(?:did|does|do|has)\s+(?:the\s+|this\s+|that\s+)?(?:information|info|news|report|story|claim|"
    r"quote|data|it|this|that)\s+come\s+from\b"
)
_ASKS_PLACE_CJK = re.compile(
    "|".join(
        fold(w)
        for w in (
            "どこで", "どこに", "会場", "場所", "建物", "ホテル",
            # Not "在哪一天" (on which day, fresh92 q1996), nor which year, month or hour.
            "在哪(?!一?天|一?年|个?月|一?日|个?时|個?時)", "哪里", "哪儿", "什么地方", "场馆", "地点", "建筑", "酒店",
            "어디", "장소", "건물", "호텔",
        )
    )
)  # fmt: skip
# A place is named after one of these ("in the Kremlin", "on his Telegram channel");
# "from" only when asked where something came from.
_AT_PLACE = re.compile(
    r"\b((?i:in|at|on|via|through|inside|near|to|from))\s+(?:(?:the|a|an|his|her|its|their)\s+)?([A-Z][\w’'-]*)"
)


# Who made or gave something, named after "by": a source, where one was asked where it came from.
_BY_SOURCE = re.compile(r"\bby\s+(?:the\s+)?([A-Z][\w’'-]*)")


def lacks_place(question: str, answer: str) -> str | None:
    """A *where* question whose answer names no place it does not take from the question.

    Asked where Zelensky announced his decision (on his Telegram channel),
    the model copied the sentence about the decision: "… to go to the
    Istanbul talks in person on May 15, 2025, received full support from US
    President Donald Trump".  A place is a capitalised word after "in",
    "at", "on" … that the question does not hold and no month is; a short
    answer ("Kyiv [1]", "Istanbul, Turkey") may be the place alone.
    """
    text = unmarked(answer)
    # "… and where did the information come from?" asks for a source, not a place (fresh80 q1750, Turkish).
    folded = _ASKS_ORIGIN.sub(" ", fold(question))
    if not (_ASKS_PLACE.search(folded) or _ASKS_PLACE_CJK.search(folded)) or not _latin(text):
        return None
    asked = set(_WORD.findall(folded))
    new = [
        w
        for w in _WORD.findall(text)
        if w[:1].isupper() and fold(w) not in asked and fold(w) not in _MONTHS and fold(w) not in _NOT_NAMES
    ]
    if len(_WORD.findall(text)) <= 4 and new:
        return None
    for m in _AT_PLACE.finditer(text):
        word = fold(m.group(2))
        # "According to Hurriyet" gives a source, which only a question of where from asks for (fresh89 q1938,
        # Chinese: in which hotel or palace).
        sourced = fold(m.group(1)) == "from" or text[: m.start()].lower().endswith("according ")
        if word not in asked and word not in _MONTHS and (not sourced or "from" in asked):
            return None
    # Asked where the photo came from, "… was taken by Screenshot Kremlin Video" names its source
    # (fresh49 q1123, in Ukrainian).
    if "from" in asked and any(fold(w) not in asked for w in _BY_SOURCE.findall(text)):
        return None
    return NO_PLACE


_SET_ASIDE_BY = r"\b(?:apart from|aside from|besides|other than|except(?: for)?|excluding|not counting)\s+"
_SET_ASIDE = re.compile(_SET_ASIDE_BY + r"([^,;?!]+)", re.IGNORECASE)


def names_set_aside(question: str, answer: str) -> str | None:
    """A question that sets a name aside ("Apart from Putin, …") whose answer names it anyway.

    Asked for the three Russian officials besides Putin, the model listed
    "Erdoğan, Putin, Zelenskyy".  A possessive ("Putin's spokesman") and the
    answer's own "apart from Putin" do not count; nor does a yes/no question
    ("Apart from Trump, did he say anyone else backed it?"), whose answer
    rightly names both: "Trump and other world leaders".
    """
    text = unmarked(answer)
    if not _latin(text):
        return None
    rest = fold(re.sub(_SET_ASIDE_BY + r"[^,;.]+", " ", text, flags=re.IGNORECASE))
    for sentence in _split_sentences(question):
        if _YES_NO.match(re.sub(_SET_ASIDE_BY + r"[^,;?]+,?\s*", "", sentence, flags=re.IGNORECASE).lstrip()):
            continue
        if hit := _names_set_aside_in(sentence, rest):
            return hit
    return None


# A yes/no question opens with its auxiliary.
_YES_NO = re.compile(r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b", re.IGNORECASE)
_IS_THAT_SO = re.compile(
    r"\b(?:is|was)\s+(?:that|this|it)\s+(?:right|true|correct|so)\b|\b(?:right|true|correct)\s*\?", re.IGNORECASE
)


def _split_sentences(text: str) -> list[str]:
    """``text`` cut after each full stop, question or exclamation mark followed by space."""
    return re.split(r"(?<=[.?!])\s+", text)


def opens_yes(answer: str) -> bool:
    """Whether an answer opens with "yes" (as a word: not "yesterday")."""
    return _OPENS_YES.match(answer) is not None


_OPENS_YES = re.compile(r"\s*yes\b", re.IGNORECASE)


def _yes_no_read(question: str, english: str) -> str | None:
    """The yes/no question to read: its English rewrite when that asks yes or no, else as asked; or None."""
    asked = english if asks_yes_no(english) else question
    return asked if asks_yes_no(asked) else None


# The question words of languages whose yes/no questions open with no word of their own (German
# and Dutch open with the verb, the Romance languages with the subject); those that also join a
# clause ("che", "que", "was", "który") count only among the first words of one.
_WH_WORDS = {
    "de": ("wer wen wem wessen wann woher wohin warum weshalb wieso wieviel wieviele womit wozu worüber wofür "
           "welche welcher welches welchen welchem", "was wie wo"),
    "nl": ("wanneer waarom hoeveel waarover waarmee welke welk", "wie wat waar hoe"),
    "it": ("chi cosa quando dove perché perche quanto quanti quante quanta quale quali qual", "che come cos"),
    "es": ("quién quiénes qué cuándo dónde adónde cómo cuánto cuántos cuántas cuánta cuál cuáles",
           "quien quienes que cuando donde como cuanto cuantos cuantas cual cuales"),
    "fr": ("quoi où pourquoi comment combien quel quelle quels quelles lequel laquelle lesquels", "qui que qu quand"),
    "pt": ("quem quando onde porquê quê quanto quantos quantas quanta qual quais", "que como porque"),
    "pl": ("kto kogo komu kim czego kiedy gdzie dlaczego czemu ile ilu czyj czyja jakich jakim jakiej jakiego",
           "co jak który która które którego której którym jaki jaka jakie"),
    # Asked in these, a question is none of the above; their question words tell it so.
    "en": ("who whom whose whos what whats which when where why how", ""),
    "tr": ("kim kimdi kimin kime kimi kiminle kimle neyi neye neyin neler neden niye niçin nasıl nerede nereye nereden "
           "hangi hangisi kaç kaçta ne", ""),
    "cs": ("kdo koho komu kým kolik kdy kde proč jaký jaká jaké", "co jak který která které"),
    "sv": ("vem vad när varför hur vilken vilket vilka", "var"),
    "ro": ("cine când unde cum cât câte câți", "ce care"),
    "hu": ("ki kit kinek kivel mit mikor hol miért hogyan hány mennyi melyik", ""),
    "fi": ("kuka kenen kenelle mikä mitä milloin missä mistä miksi miten kuinka montako paljonko", ""),
}  # fmt: skip
_FIRST_WORDS = 4
# Which language a question is in is not known here: a word is a question word in any of them.
_WH_ANYWHERE = frozenset(w for anywhere, _ in _WH_WORDS.values() for w in anywhere.split())
_WH_FIRST = frozenset(fold(w) for _, first in _WH_WORDS.values() for w in first.split())


def asks_yes_no_as_written(question: str) -> bool:
    """A question in German, Dutch, Italian, Spanish, French, Portuguese or Polish that asks yes or no.

    None of its questions asks with a question word of those languages, or of
    a few others written in Latin letters.  The rewrite of the Italian
    "l'Italia era tra i paesi i cui leader hanno firmato …?" (was Italy among
    the countries whose leaders signed …?) came back as "Who signed …?", and
    was answered without a "no" (fresh85 q1850).
    A question in another script is none of these; one in English may seem
    one ("Apart from Trump, did he …?"), and is the caller's to tell.
    """
    asked = [s for s in re.split(r"(?<=[?？])", question.strip()) if s.rstrip().endswith(("?", "？"))]
    if not asked or not _latin(question) or _YES_NO.match(question.strip()):
        return False
    for one in asked:
        # As written: Spanish "qué" asks, "que" joins; Portuguese "o quê" asks.
        if _WH_ANYWHERE & set(re.findall(r"\w+", one.lower())):
            return False
        folded = fold(one).replace("est-ce qu", " ")
        if any(_WH_FIRST & set(re.findall(r"\w+", clause)[:_FIRST_WORDS]) for clause in re.split(r"[,:;]", folded)):
            return False
    return True


# What an English question opens with: its auxiliary, or its question word.
_OPENS_QUESTION = re.compile(
    r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|"
    r"who|whom|whose|what|which|when|where|why|how)\b",
    re.IGNORECASE,
)


def with_question_mark(question: str) -> str:
    """An English question typed without its question mark, with it: "is kellogg trumps envoy" ends "?".

    The checks know a yes/no question by its mark: "is keith kellogg trumps
    special envoy for russia" was answered with a sentence on Kellogg, and
    not told no (fresh90 q1952).  A text that ends in a stop, or runs over
    lines, is left as written; so is one whose last sentence asks nothing.
    """
    text = question.rstrip()
    if not text or text[-1] in ".?!…:;\"'”)]" or "\n" in text:
        return question
    last = _CHAT_OPENING.sub("", _CREDIT_FIRST.sub("", _split_sentences(text)[-1], count=1))
    return f"{text}?" if _OPENS_QUESTION.match(last) else question


def asks_yes_no(question: str) -> bool:
    """A question to be answered yes or no: "Did Putin …?", "I read that …. Is that right?"."""
    sentences = [_CHAT_OPENING.sub("", _CREDIT_FIRST.sub("", s, count=1)) for s in _split_sentences(question.strip())]
    return any(s.rstrip().endswith("?") and (_YES_NO.match(s) or _IS_THAT_SO.search(s)) for s in sentences)


# "According to the summary …, was a ceasefire discussed?" (fresh57 q1295): the question after its credit.
# "so did he side with putin …?" (fresh64 q1439): a chat opening before the auxiliary.
_CHAT_OPENING = re.compile(r"^\s*(?:(?:so|and|but|ok|okay|well|also|then|oh)\b[,\s]+)+", re.IGNORECASE)
_CREDIT_FIRST = re.compile(r"^\s*(?:according\s+to|per|based\s+on|in\s+the\s+view\s+of)\b[^,?]*,\s*", re.IGNORECASE)


def false_premise(question: str, answer: str, vocabulary: frozenset[str]) -> list[str]:
    """The names a yes/no question brings that no document mentions, when the answer repeats them.

    "I read that Peskov gave his interview to the BBC. Is that right?" was
    answered "Yes, … to the BBC": the answer agrees with what the question
    assumed, and the documents never name it.  The true answer is "no", and
    what the documents say in its place.
    """
    if not asks_yes_no(question):
        return []
    asked = fold(question)
    return [n for n in names_unknown(answer, vocabulary) if re.search(rf"\b{re.escape(fold(n))}\b", asked)]


# "Did Moscow accept …", "Has the Kremlin confirmed …": the verb after a simple subject of capitalised words.
# An adverb before the verb is not it: "Did Putin actually participate …?" asks about participating.
_ADVERB = r"(?:actually|really|ever|also|even|already|indeed|personally|just|finally|not|never)"
_ASKED_DEED = re.compile(
    rf"(?i:did|does|do|has|have|had)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s+)+)(?:{_ADVERB}\s+)?([a-z]+)\b"
)


def asked_deed(question: str) -> tuple[str, str] | None:
    """Who and what a yes/no question asks about, when its subject is a name.

    ("Moscow", "accept") in "Did Moscow accept …?".
    """
    for sentence in _split_sentences(question.strip()):
        if m := _ASKED_DEED.match(sentence):
            return m.group(1).strip(), m.group(2)
    return None


_VERB_ENDINGS = ("s", "es", "d", "ed", "ing", "ment", "ments")


def _verb_in(verb: str, words: set[str]) -> bool:
    """Whether ``words`` hold ``verb`` in one of its forms ("agree": "agreed", "agreement")."""
    bare = verb[:-1] if verb.endswith("e") else verb
    return bool(matching_words({verb}, words)) or any(
        (w.startswith(verb) and w[len(verb) :] in _VERB_ENDINGS) or w == f"{bare}ing" for w in words
    )


def _opens_with_deed(sentence: str, who: str, verb: str) -> bool:
    """Whether ``sentence`` opens with ``who`` (within its first four words) and then does ``verb``."""
    words = fold(sentence).split()
    at = next((i for i, w in enumerate(words[:4]) if w.startswith(_who(who))), None)
    return at is not None and _verb_in(verb, content_words(" ".join(words[at + 1 : at + 4])))


def echoed_yes(question: str, answer: str, quotes: Sequence[str]) -> str | None:
    """A yes to a yes/no question, said in the question's own words, that the cited sentences do not state.

    "So Moscow signed on to the 30-day truce from May 12 that Kyiv and the
    Europeans wanted, right?" was answered "Yes, Moscow signed on to …",
    citing the coalition's call for the truce (fresh23 q606): the model agreed
    with the question.  Over a quarter of the answer's words missing from its
    quotes ("signed", "Kyiv") means the yes is the question's, not the
    documents'.  An answer that adds words of its own is judged as any other.
    """
    text = unmarked(answer)
    yes = re.match(r"\s*yes\b[,.:;!]?\s*", text, re.IGNORECASE)
    if not asks_yes_no(question):
        return None
    if not yes:
        # "Did Zelensky reject Putin's offer …?" was answered "Zelensky rejected Putin's offer …: …
        # Zakharova said …", citing "… this demand was rejected by Moscow" (fresh80 q1748): a yes without
        # the word, opening with the one asked about doing what was asked.
        deed = asked_deed(question)
        first = _split_sentences(text.strip())[0] if text.strip() else ""
        if not deed or not _opens_with_deed(first, *deed):
            return None
        # Only a verb the quotes hold, done by someone else: "decided" may be stated as "his decision".
        who, verb = deed
        if not _verb_in(verb, content_words(" ".join(quotes))):
            return None
        return None if any(_done_by(_who(who), _stems(verb), fold(q)) for q in quotes) else ECHOED_YES
    rest = text[yes.end() :]
    # "Did Moscow accept Zelensky's demand …, and what did Zakharova say …?" was answered "Yes, Moscow
    # accepted …. Zakharova said …", citing "this demand was rejected by Moscow" (fresh28 q715): the
    # yes repeats the question's verb, which no cited sentence holds.  The rest of the answer, adding
    # words of its own, hid it from the count below.
    deed = asked_deed(question)
    said = content_words(_split_sentences(rest.strip())[0])
    # A short verb is found in its forms too: "Did Moscow agree …?" answered "Yes, Moscow agreed …",
    # citing drones entering Ukrainian airspace (fresh54 q1234, rerun).
    if deed and _verb_in(deed[1], said):
        who, verb = deed
        if not _verb_in(verb, content_words(" ".join(quotes))):
            return ECHOED_YES
        # "Did Zelensky reject Putin's proposal …?" was answered "Yes, … was rejected by Moscow",
        # citing "Zelensky insists on a 30-day ceasefire …, but this demand was rejected by Moscow"
        # (fresh39 q934): the quote has the verb, done by someone else.
        if not any(_done_by(_who(who), _stems(verb), fold(q)) for q in quotes):
            return ECHOED_YES
    words = content_words(rest)
    if not words or adds_nothing(question, rest) is None:
        return None
    missing = words - matching_words(words, content_words(" ".join(quotes)))
    return ECHOED_YES if 4 * len(missing) > len(words) else None


_MEMBERSHIP = re.compile(
    r"\b(?:among|one of|part of|a member of|includ(?:e|es|ed|ing)|on the list|in the list)\b", re.I
)


def asks_membership(question: str) -> bool:
    """A yes/no question whether someone or something is one of a group: "Was Italy among the countries …?"."""
    return asks_yes_no(question) and bool(_MEMBERSHIP.search(question))


def _names_set_aside_in(question: str, rest: str) -> str | None:
    for m in _SET_ASIDE.finditer(question):
        for run in _NAME_RUN.finditer(m.group(1)):
            last = fold(run.group().split()[-1]).strip("’'.-")
            if last and re.search(rf"\b{re.escape(last)}\b(?!\s*['’]s?\b)", rest):
                return SET_ASIDE
    return None


# "Passage [1]", "See source 2.": a pointer in place of an answer.
_POINTER = re.compile(r"(?:see\s+)?(?:the\s+)?(?:passage|source|document)s?\s*[\d,\s]*(?:and\s*\d+)?\.?", re.IGNORECASE)


def points_only(answer: str) -> str | None:
    """An answer that only points at a passage ("Passage [1]"): the model read the task as picking one."""
    return POINTS_ONLY if _POINTER.fullmatch(unmarked(answer).strip()) else None


def _someone_new(last: str, asked: set[str]) -> bool:
    """A name run ending in ``last`` (folded) names someone the question did not ("May", "The": no one)."""
    return not (_like(last, asked) or last in _MONTHS or last in _NOT_NAMES or last.isdigit())


# A *who* that opens a question or a clause, with the rest of its question.  After a full
# stop or question mark too: checks see the question as asked, then its English rewrite.
# Or asked within a request: "Could you please tell me who headed Moscow's negotiating team …?" (fresh83 q1819).
_WHO_REST = re.compile(
    r"(?:^|[,;:.?!]\s*|\b(?:tell|show)\s+(?:me|us)\s+|\b(?:know|wonder(?:ing)?|asking)\s+)(?:and\s+|but\s+|so\s+)?"
    r"who\b([^?]*)"
)


# "…, according to the Foreign Ministry spokesperson, and who is she?": a person the question
# gives by a role, then asks to be named.
_ROLE_BEFORE = re.compile(rf"\b(?:{PERSON_KINDS})s?\b")
_PERSONAL_PRONOUNS = frozenset("he she they".split())


# "What" and "who" (or "name") as Japanese, Chinese and Korean ask them.
_CJK_WHAT = re.compile(r"何|什么|甚麼|무엇|뭐")
_CJK_WHO = re.compile(r"誰|だれ|谁|누구|名前|名字|姓名|이름|どなた|哪位")


def asks_for_someone(question: str) -> bool:
    """A *who did it* or *which leader* question; not *who is X*, whose answer describes X.

    "Who is she?" after a clause that gives someone by a role only asks for the
    name: asked why Moscow rejected the demand "according to the Russian Foreign
    Ministry spokesperson, and who is she?", the model gave the reason and no
    name (fresh33 q808).  Opening a question, "who is she?" asks about someone
    the conversation named, and is answered by describing her.
    """
    # "5月12日にウクライナの領空に侵入したのは何ですか？" (what entered Ukraine's airspace on May 12?) came back
    # as "Who invaded …?", and "Russian drones" were withheld as no one (fresh72 q1591): asked as written
    # in Japanese, Chinese or Korean, what is asked is a thing.
    if _CJK_WHAT.search(question) and not _CJK_WHO.search(question):
        return False
    folded = fold(question).strip()
    who = _WHO_REST.search(folded)
    words = re.findall(r"\w+", who.group(1)) if who else []
    if who and len(words) == 2 and words[0] in _IDENTITY and words[1] in _PERSONAL_PRONOUNS:
        return bool(_ROLE_BEFORE.search(folded[: who.start()]))
    return bool(_WHICH_PERSON.search(folded) or (who and not (words and words[0] in _IDENTITY)))


# One thing of a kind whose answer is a name.  Not "which headline" or "which demand",
# whose answers are phrases, nor "which four countries": one name would cut them short.
_NAMED_KINDS = (
    r"platform|network|channel|outlet|agency|newspaper|website|site|app|city|town|capital|country|nation|"
    r"region|company|organi[sz]ation|alliance|bloc|party|hotel|palace|venue|building|hall|stadium|airport|"
    rf"university|museum|embassy|{PERSON_KINDS}"
)
# "What did President Erdoğan tell him …" asks no kind: the word after "what" is a verb.
_NOT_A_KIND = r"(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should|might|must)\b)"
_WHICH = re.compile(rf"\b(?:which|what)\s+(?:{_NOT_A_KIND}\w+\s+)?(?:{_NAMED_KINDS})\b")
# The kind itself, with one word before it: "media outlet", "foreign leader", and the
# president in "which country's president" (a possessive is not the kind asked for).
_WHICH_KIND = re.compile(rf"\b(?:which|what)\s+((?:{_NOT_A_KIND}\w+['’]?s?\s+)?(?:{_NAMED_KINDS}))\b(?!['’])")


def asks_which(question: str) -> bool:
    """A *which platform*, *which leader*, *which outlet* question: its answer is a name."""
    return bool(_WHICH.search(fold(question)))


def which_kind(question: str) -> str | None:
    """The kind of thing a *which* question asks for ("hotel", "media outlet"), if it asks for a name."""
    m = _WHICH_KIND.search(fold(question))
    return m.group(1) if m else None


def names_in(text: str, question: str) -> list[str]:
    """The names in ``text`` (runs of capitalised words) that the question does not name, in order.

    A run ends at a line break or a full stop ("Istanbul.\nTurkish President
    …" is two), loses a possessive ("Türkiye's"), and is skipped when its last
    word is one of the question's or names no one ("May", "Monday", "The");
    a leading article goes ("The Kremlin" is "Kremlin").
    """
    asked = content_words(question)
    found: list[str] = []
    for line in re.split(r"\n|(?<=[a-z])\.\s", text):
        for run in _NAME_RUN.finditer(line):
            name = re.sub(r"^(?:The|A|An)\s+|[’']s$", "", run.group().rstrip(".:,;’'"))
            last = fold(name.split()[-1]) if name else ""
            if not last or not _someone_new(last, asked):
                continue
            if name not in found:
                found.append(name)
    return found


def as_written(name: str, runs: frozenset[str]) -> str:
    """The longest of the documents' name ``runs`` that ends as ``name`` does ("Kellogg": "Keith Kellogg").

    A surname alone is ambiguous out of context (a cereal maker); the whole
    name, as the documents write it, is not.
    """
    last = fold(name.split()[-1]) if name.strip() else ""
    longer = [r for r in runs if len(r) > len(name) and fold(r.split()[-1]).strip(".’'") == last]
    return max(longer, key=lambda r: (len(r), r), default=name)


def names_unknown(answer: str, vocabulary: frozenset[str], question: str = "") -> list[str]:
    """The names in an answer that no document mentions ("Angela Merkel", "European Union").

    An answer that names what the documents never do did not come from them,
    however many of its other words did: asked what sanctions the European
    Union imposed, the model wrote "The European Union imposed tougher
    sanctions …" over a passage where sanctions "will follow if" Russia
    refuses.  The first word of each sentence is capitalised anyway and is
    skipped ("She", "Therefore"), unless ``question`` names it and no
    document does: "Merz expressed willingness to assist …", for how
    Chancellor Merz reacted, is Erdoğan's sentence with the name swapped
    (fresh43 q1007).  Years are left to the check of figures.
    """
    found: list[str] = []
    asked = {fold(n.split()[-1]) for n in unknown_names(question, vocabulary)[1]} if question else set()
    # A sentence may end inside its quotation marks: "… from the Kremlin.” Yes, a ceasefire …" (fresh34 q826).
    for sentence in re.split(r"(?:(?<=[.!?:;])|(?<=[.!?:;][\"”’']))\s+|\n+", unmarked(answer)):
        sentence = sentence.strip(" -–—*\"'‘“(")
        _, absent = unknown_names(sentence, vocabulary)
        found += [n for n in absent if not n.isdigit() and n not in found]
        first = re.match(r"[A-Z][\w’'-]*", sentence)
        if first and first.group() not in found and fold(re.sub(r"[’']s$", "", first.group())) in asked:
            found.append(first.group())
    return found


def asks_about_unknown(question: str, vocabulary: frozenset[str]) -> list[str]:
    """The names a question asks about that no document mentions ("Ankara", "Donald Tusk").

    One is enough, beside names the documents know: asked why the meeting
    moved "from Istanbul to Ankara", the model answers from what it read
    about Istanbul.  A short abbreviation ("TV", "EU") is left to the
    answer's own check: it may be a common word written in capitals.
    """
    return [n for n in names_unknown(question, vocabulary) if not (n.isupper() and len(n) <= 3)]


# "The second round of talks", "the third meeting": one of a series of events.  Documents that
# never count the events cannot say which was the second (fresh7 q287: asked when the second
# round in Istanbul was held, the model told of the first).
_ORDINAL_EVENT = re.compile(
    r"\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th)\s+"
    r"(?:round|meeting|session|summit|phase|stage|visit|call|talks|negotiations?|attack|wave)\b",
    re.IGNORECASE,
)


def unknown_ordinal(question: str, vocabulary: frozenset[str]) -> str | None:
    """The ordinal of an event the question asks about ("second round") that no document writes."""
    for m in _ORDINAL_EVENT.finditer(question):
        if fold(m.group(1)) not in vocabulary:
            return m.group(0)
    return None


# A lone capitalised adjective of a people before a common noun: "Ukrainian airspace", "Russian drones".
_PEOPLES = ("ian", "ean", "ish", "ese")
_DEMONYM = re.compile(rf"[A-Z]\w*(?:{'|'.join(_PEOPLES)})\s+[a-z]")
_NAMED_BEFORE = re.compile(r"\b([A-Z][\w’'-]*)\s+$")


# "What is his name and how old is he?" of a teenager a headline does not name (fresh45 q1060).
_ASKS_NAME = re.compile(
    r"\bwhat(?:['’]s|\s+is|\s+was)\s+(?:his|her|their|the\s+\w+['’]s)\s+(?:full\s+|first\s+|last\s+)?names?\b",
    re.IGNORECASE,
)


def asks_a_name(question: str) -> bool:
    """Whether ``question`` asks what someone is called ("What is his name?")."""
    return _ASKS_NAME.search(question) is not None


def names_a_person(question: str, answer: str, lower_case: frozenset[str], people: frozenset[str]) -> bool:
    """Whether ``answer`` gives a name the question did not: a surname of ``people``, or two capitalised
    words side by side that the documents never write in lower case (``lower_case``, folded).

    "Russian Teen Who Fled to Kazakhstan to Escape War Faces Deportation" is a headline in title
    case, not a name: each pair of its capitals is a common word or one of the question's.
    """
    asked = {fold(w) for w in re.findall(r"\w+", question)}
    words = re.findall(r"[\w’'-]+", unmarked(answer))
    for i, word in enumerate(words):
        folded = fold(word)
        if not word[:1].isupper() or folded in asked:
            continue
        if word in people:
            return True
        after = words[i + 1] if i + 1 < len(words) else ""
        pair = {folded, fold(after)}
        # "Who" in "Teen Who Fled" is a common word, though these documents may never write it in lower case.
        if after[:1].isupper() and not pair & (lower_case | asked) and content_words(" ".join(pair)) == pair:
            return True
    return False


GLUED_NAMES = "it runs two people's names together as one"


def glued_names(answer: str, surnames: frozenset[str]) -> str | None:
    """Two people's surnames side by side as one name ("Erdoğan Macron"), or None.

    The Turkish "Erdoğan Macron'la telefonda ne dedi?" (what did Erdoğan say on
    the phone with Macron?) came back as "What did Erdoğan Macron say on the
    phone?", and was answered "Erdoğan Macron spoke to Trump on the phone …",
    Macron's call with Trump given to one person of two (fresh80 q1750).
    ``surnames`` are those of the people the documents title.
    """
    words = re.findall(r"[\w’'-]+", unmarked(answer))
    for first, second in itertools.pairwise(words):
        if first in surnames and second in surnames and fold(first)[:5] != fold(second)[:5]:
            return f"{first} {second}"
    return None


WITH_ONESELF = "it has someone call, meet or talk with themselves"
# "… to Turkish President Recep Tayyip Erdoğan": whom someone dealt with, titled and named.
_DEALT_WITH = re.compile(r"\b(?:with|to)\s+(?:[A-Z][\w.’'-]*\s+){0,5}([A-Z][\w’'-]+)(?!\s+[A-Z])")


def with_oneself(answer: str, surnames: frozenset[str]) -> str | None:
    """A person said to deal with himself in one clause ("Erdoğan made a phone call to … Erdoğan"), or None.

    Asked (in Turkish) with which leader Erdoğan spoke on the phone, the model
    wrote "Erdoğan made a phone call to Turkish President Recep Tayyip Erdoğan
    during a phone call with Russian President Vladimir Putin" (fresh87
    q1893): the one asked about put where the answer should be.  ``surnames``
    are those of the people the documents title.
    """
    for sentence in re.split(r"(?<=[.!?;])\s+", unmarked(answer)):
        for m in _DEALT_WITH.finditer(sentence):
            name = re.sub(r"[’']s$", "", m.group(1))
            if name not in surnames:
                continue
            clause = re.split(r",|\band\b|\bbut\b|\bwho\b|\bwhich\b", sentence[: m.start()])[-1]
            if re.search(rf"(?<!\w){re.escape(name)}(?![\w-])", clause):
                return name
    return None


def names_nobody(question: str, answer: str) -> str | None:
    """A *who did it* (or *which leader*) question whose answer names no one the question did not.

    A name is a run of capitalised words, known by its last one ("Russian
    President Vladimir Putin" is Putin): an answer that only names the
    question's own subject names nobody new.
    """
    text = unmarked(answer)
    if not asks_for_someone(question) or not _latin(text):
        return None
    asked = content_words(question)
    for run in _NAME_RUN.finditer(text):
        if _DEMONYM.match(text, run.start()):
            # "… entered Ukrainian airspace" names a country's thing, not who did it (fresh25 q649).
            continue
        last = fold(run.group().split()[-1]).strip("’'.-")
        if _someone_new(last, asked):
            return None
    for m in _WORD.finditer(text):
        raw, w = m.group(), fold(m.group())
        if raw[:1].isupper() or _like(w, asked):
            continue
        if w in _AGENTS:
            return None
        if len(w) > 4 and w.endswith(_AGENT_SUFFIXES) and not w.endswith(_THING_SUFFIXES):
            # "Russia considers …" is a verb after its subject, not someone (fresh25 q649);
            # "Russian officials", after a people's adjective, are someone.
            before = _NAMED_BEFORE.search(text[: m.start()])
            if not (w.endswith("s") and before and not before.group(1).endswith(_PEOPLES)):
                return None
    return NOBODY


# "Exactly", "precisely", "the exact number" in the languages of our users: the
# answer is checked in English (see the module docstring), the question as asked.
_EXACT = re.compile(r"\b(?:exact(?:ly)?|precise(?:ly)?|точн\w*|ровно|genau\w*|exakt\w*)\b")
_ASKS_NUMBER = re.compile(
    r"\b(?:how many|how much|number|figure|count|сколько|скільки|кількість|количеств\w*|wie viele|anzahl)\b"
)
_VAGUE = frozenset("several dozen dozens few couple many hundreds thousands millions numerous".split())
_ROUGHLY = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|over|more than|fewer than|less than|at least|"
    r"at most|up to|some|an estimated)\s+\d"
)


def estimates(question: str, answer: str) -> str | None:
    """An exact number was asked for and the answer gives an estimate ("several dozen drones").

    The documents' own vagueness is then the honest reply: passing "several
    dozen" off as the exact figure asked for answers a different question.
    """
    folded = fold(question)
    text = unmarked(answer)
    if not (_EXACT.search(folded) and _ASKS_NUMBER.search(folded)) or not _latin(text):
        return None
    answer_words = fold(text)
    if set(_WORD.findall(answer_words)) & _VAGUE or _ROUGHLY.search(answer_words):
        return INEXACT
    return None


# The wording itself asked for: "the exact text of the post", "his exact words", "verbatim".
_EXACT_WORDS = re.compile(
    r"\b(?:exact(?:ly)?|precise)\s+(?:\w+\s+){0,2}?(?:text|words?|wording|quote|quotation|phrase|message)\b"
    r"|\b(?:verbatim|word for word|дословн\w*|дослівн\w*|wortlich\w*|wortlaut)\b"
    r"|\bточн\w*\s+(?:\w+\s+)?(?:текст\w*|слов\w*|цитат\w*|формулировк\w*|формулюванн\w*)"
    # "What exactly did Trump write?": the words themselves (fresh11 q369).
    r"|\b(?:what\s+exactly|exactly\s+what|was\s+genau|что\s+именно|що\s+саме)\s+[^?]*?"
    r"\b(?:say|said|write|wrote|written|post|posted|tweet|tweeted|gesagt|geschrieben|"
    r"сказал\w*|написал\w*|заявил\w*|сказав\w*|написав\w*|заявив\w*)(?!\w)"
)
# A quotation: in double or curly quotes, or in single quotes that open after a space
# or colon (an apostrophe, as in "Trump's", does not).
_QUOTATION = re.compile(r"[\"“«„][^\"”»“]{3,}[\"”»“]|(?:^|(?<=[\s:(]))[‘'][^‘’'\s][^‘’']{2,}[’'](?=$|[\s.,;:!?)\]])")


def unquoted(question: str, answer: str, passages: Sequence[str] = ()) -> str | None:
    """The exact words of a post or statement were asked for and the answer quotes none.

    An article that says "commented on Truth Social:" and then goes on to
    other news lost the embedded post when it was saved; the next paragraph
    read as the post is not what was asked for.  Words a passage itself
    holds in quotation marks are quoted words, written with or without the
    marks: Macron's "An unconditional ceasefire is not preceded by
    negotiations." (fresh20 q559), where the Truth Social paragraph is the
    article's own narration.
    """
    text = unmarked(answer)
    if not _EXACT_WORDS.search(fold(question)) or not _latin(text):
        return None
    return None if _QUOTATION.search(text) or _quoted_by(text, passages) else UNQUOTED


def _quoted_by(text: str, passages: Sequence[str]) -> bool:
    """Whether ``text`` (four words or more) stands in a passage right after an opening quotation mark."""
    said = " ".join(fold(text).split()).strip(" .,;:!?")
    if len(said.split()) < 4:
        return False
    for passage in passages:
        flat = " ".join(fold(passage).split())
        at = flat.find(said)
        while at >= 0:
            if re.search(r"[\"“«„‘']\s?$", flat[max(0, at - 2) : at]):
                return True
            at = flat.find(said, at + 1)
    return False


# "Which news agency …", "according to which …": a source asked for by its kind.
_ASKS_SOURCE_BY_KIND = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:outlet|agency|newspaper|publication|media)s?\b"
    r"|\baccording to (?:which|what|whom)\b",
    re.IGNORECASE,
)
# "Who reported …", too: not "What did Politico report?", whose answer is the report.
_ASKS_SOURCE = re.compile(rf"\bwho\b[^?]*\breport(?:ed|s|ing)?\b|{_ASKS_SOURCE_BY_KIND.pattern}", re.IGNORECASE)
_ASKING = frozenset("who which what whom".split())  # "Who reported …" credits no one
_SOURCE_WORDS = frozenset(
    "report reported reports reporting outlet agency news newspaper publication media according source".split()
)
_CREDITED = f"({_NAME_RUN.pattern})"
_CREDIT = re.compile(
    rf"\b[Aa]ccording to (?:the )?{_CREDITED}"
    rf"|{_CREDITED} (?:reports|reported|writes|wrote)\b"
    rf"|\b(?:reports|reported by|writes|interviewed by) {_CREDITED}"
    # The outlet someone spoke to: "Peskov, in an interview with CNN, responded …" (fresh54 q1227).
    rf"|\bin an interview with {_CREDITED}"
)


def credits(sentence: str) -> set[str]:
    """The sources a sentence credits by name: "According to Politico, …", "…, Reuters reports"."""
    return {name.rstrip(".") for m in _CREDIT.finditer(sentence) for name in m.groups() if name}


# "According to the outlet, …": a sentence that credits the source its article named just before.
SOURCE_ANAPHOR = re.compile(
    r"\b(?:according to|reported by|told|interviewed by) (the (?:outlet|newspaper|paper|publication|"
    r"(?:news )?agency|broadcaster|news site|website))\b",
    re.IGNORECASE,
)


def credited_before(passage: str, at: int) -> tuple[str, int] | None:
    """The source that "the outlet" of the sentence at offset ``at`` stands for, and where its credit begins.

    "According to the outlet, French President Emmanuel Macron phoned Trump
    …" credits Politico, named by the sentence before ("…, reports Politico,
    citing sources"; fresh29 q728).  Only when that sentence credits exactly
    one source by name; otherwise ``None``.
    """
    spans = sentence_spans(passage)
    for i, span in enumerate(spans):
        if span.start <= at < span.end:
            if i == 0 or not SOURCE_ANAPHOR.search(passage[span.start : span.end]):
                return None
            named = credits(passage[spans[i - 1].start : spans[i - 1].end])
            return (named.pop(), spans[i - 1].start) if len(named) == 1 else None
    return None


# "According to Hurriyet, …" in the languages of our users: what follows is the source credited.
CREDIT_PHRASE = (
    r"according\s+to|as\s+reported\s+by|reported\s+by|secondo|selon|d['’]apr[eè]s|seg[uú]n|laut|wed[łl]ug|zdaniem"
    r"|согласно|по\s+(?:данным|сообщению|информации|словам)|за\s+(?:даними|словами|повідомленням)|згідно\s+з[іо]?"
)
_ACCORDING_TO = re.compile(rf"\b(?:{CREDIT_PHRASE})\s+(?:the\s+)?", re.IGNORECASE)


def uncredited(question: str, cited: Iterable[str], sources: Iterable[str]) -> str | None:
    """A question that credits one of the documents' ``sources`` answered from sentences none of which names it.

    Asked, in Italian, during which call Erdoğan confirmed Turkey would host
    the talks "according to Hurriyet", the model answered from the Kremlin's
    statement on his call with Putin (fresh35 q860); the Hurriyet sentence
    names Macron.  ``cited`` holds each cited sentence with the one before it,
    which may be the one that credits the source ("…, Reuters reports. He …").
    """
    folded = fold(question)
    after = [folded[m.end() :] for m in _ACCORDING_TO.finditer(folded)]
    asked = [fold(s) for s in sources if any(re.match(rf"{re.escape(fold(s))}(?!\w)", a) for a in after)]
    if not asked:
        return None
    text = fold(" ".join(cited))
    return None if any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text) for s in asked) else UNCREDITED


# What someone wrote or posted somewhere: "What did Trump write on Truth Social?", "what did Zelensky post
# on his Telegram channel?".  Their own words are asked for, not what an outlet reports of them.
_ASKS_POSTED = re.compile(
    r"(?i:\bwhat\b[^?]*?\b(?:did|does|has|had)\s+(?P<who>[^?]+?)\s+"
    r"(?:write|wrote|written|post|posted|tweet|tweeted|publish|published|comment|commented)\b[^?]*?"
    r"\b(?:on|in)\s+(?:his\s+|her\s+|their\s+|the\s+)?)"
    # A platform by its name, or a channel, account or page of someone's.
    r"(?:[A-Z][\w.]*(?:\s+[A-Z]\w*)*|(?i:(?:\w+\s+)?(?:channel|account|page)))\b"
)


def reported_instead(question: str, quotes: Sequence[str]) -> str | None:
    """What someone wrote or posted was asked, and every sentence cited is an outlet's report of them.

    The first article says Trump "commented on Truth Social:" and gives no
    comment; asked what he wrote there, the model answered with the next
    paragraph, "Trump has also purportedly supported the ceasefire plan …,
    reports Politico" (fresh78 q1720, and in English): Politico's account,
    not his words.  A sentence that credits the person asked about ("Zelensky
    reported this on his Telegram channel") is theirs.
    """
    m = _ASKS_POSTED.search(question)
    if not m or not quotes:
        return None
    who = {fold(w) for w in _NAME_RUN.findall(m.group("who"))} | content_words(m.group("who"))
    if not who:
        return None  # "what did he post …": whose report is theirs is not known
    for quote in quotes:
        named = {fold(w) for name in credits(quote) for w in name.split()}
        if not named or named & who:
            return None
    return REPORTED_INSTEAD


def miscredits(question: str, answer: str, passages: list[str]) -> str | None:
    """A *who reported* answer that names none of the sources credited with what was reported.

    The sentence that states the report is the one sharing most of the
    question's other words (at least two).  When it credits no one by name
    ("According to the outlet, …"), there is nothing to compare.
    """
    if not _ASKS_SOURCE.search(question) or not _latin(answer):
        return None
    # "Who did Macron call on the phone after Politico reported on the Kyiv meeting?" names its source:
    # whom he called is asked, not who reported it (fresh78 q1718, a French follow-up's rewrite).
    if {n for n in credits(question) if fold(n) not in _ASKING} and not _ASKS_SOURCE_BY_KIND.search(question):
        return None
    # Of two questions asked as one, the one that asks for the source: "Which outlet reported that
    # call, and what did Trump reportedly agree to?" is not about Reuters's "… called on Ukraine to
    # immediately agree to talks" (fresh53 q1209).
    if second := second_asked(question):
        first = question[: question.find(second)]
        question = second if _ASKS_SOURCE.search(second) and not _ASKS_SOURCE.search(first) else first
    words = content_words(question) - _SOURCE_WORDS
    best: tuple[int, str] = (1, "")
    for passage in passages:
        for span in sentence_spans(passage):
            sentence = passage[span.start : span.end]
            shared = len(matching_words(words, content_words(sentence)))
            if shared > best[0]:
                best = (shared, sentence)
    named = credits(best[1])
    plain = fold(unmarked(answer))
    if not named or any(fold(name) in plain for name in named):
        return None
    return MISCREDITED


# "What was the outcome of", "what were the results of", "what came out of", "what did they
# agree on", "how did (or will) the talks end", "what will they end up agreeing"; not "apart
# from the results of X, what else …", nor what someone said or hoped might be agreed ("what
# kind of truce did Putin say it might be possible to agree on": the answer is his words,
# "a real truce"), nor what someone was called on, urged or reported to agree to ("which news
# agency reported that Trump called on Ukraine to immediately agree to talks": fresh40 q945), nor what
# someone "reportedly" agreed to on a call (fresh72 q1578: the call is no event with an outcome).
_ASKS_OUTCOME = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+){0,3}(?:outcome|results?)(?:\s+of\b|\s*\?)"
    r"|\bcame\s+(?:out\s+)?of\b"
    r"|\b(?:what|which)\b(?:(?!\b(?:say|says|said|think|thinks|thought|hope|hoped|hopes|possible|might|could|"
    r"would|want|wants|wanted|propose|proposed|proposes|reports?|reported|reportedly|allegedly|supposedly|calls?|called|"
    r"urges?|urged|asks?|asked|"
    # Nor an agreement under a condition: "What sanctions … if Russia does not agree to the ceasefire?" (fresh61 q1369).
    # Nor what was not agreed: "What happened on May 12th because the ceasefire was not agreed upon?" (fresh75
    # q1653, rewritten so once the ceasefire was hinted).
    r"demands?|demanded|insists?|insisted|if|unless|whether)\b)[^?])*(?<!\bnot\s)(?<!\bnever\s)"
    r"\b(?:agree|agreed|agreeing)\s+(?:on|upon|to)\b"
    r"|\bhow (?:did|will|would)\b[^?]*\b(?:end|conclude)\b"
    # What is still to come: "what will the talks end up agreeing" (fresh17 q487).
    r"|\b(?:what|which)\b[^?]*\bend(?:s|ed)?\s+up\s+(?:agree\w*|decid\w*|sign\w*|with)\b"
    # The passive: "What was agreed at the Istanbul talks?" (fresh14 q426).
    r"|\bwhat\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:agreed|decided|achieved|signed|concluded)\b"
    # "What did the negotiations … conclude?", the rewrite of Spanish "¿Qué se acordó …?" (fresh28 q719).
    r"|\bwhat\s+did\b[^?]*\b(?:conclude|achieve|produce|yield|result\s+in|lead\s+to|come\s+to)\b"
    # Asked as yes or no whether a deal was signed: "… and did they sign a deal?" (fresh75 q1656).
    r"|\b(?:did|do|does|has|have|had|will|would)\b[^?]*\b(?:sign|reach|strike|conclude)\s+(?:a|an|any)\s+(?:\w+\s+)?"
    r"(?:deal|agreement|accord|treaty)\b"
    # Not "because the ceasefire agreement was not reached" (fresh75 q1653): a deal that was not made is no
    # outcome asked for.
    r"|\b(?:deal|agreement|accord|treaty)\s+(?:was|were|been|get|got)\s+(?:(?!not\b|never\b)\w+\s+)?"
    r"(?:signed|reached|concluded)\b"
    r"|\b(?:was|were|has|have|had)\s+(?:a|an|any|the)\s+(?:\w+\s+)?(?:deal|agreement|accord|treaty)\s+"
    r"(?:(?!not\b|never\b)\w+\s+)?(?:been\s+)?(?:signed|reached|concluded)\b"
    # The question as asked, when the rewrite loses it: "se acordó", "geeinigt", "чем закончились", "домовилися".
    r"|\bse\s+acordo\b|\bacordaron\b|\bvereinbart\b|\bgeeinigt\b|\bconvenu\b"
    r"|\bчем\b[^?]*\bзакончил|\bчим\b[^?]*\bзакінчил|\bдоговорил|\bдомовил|\bсошлись\b"
)
# Asked as yes or no: "did the istanbul talks on may 15 actually end with a ceasefire deal being signed?"
# was answered with the talks' initiation and a rejected demand (fresh71 q1565).  The event is what
# comes before "end with"; what it was to end with is the outcome asked about, not the event.
_ENDED_WITH = re.compile(
    r"\b(?:did|do|does|will|would|has|have|had)\b(?P<event>[^?]*?)\b(?:end|ended|conclude|concluded)\s+"
    # "did the istanbul talks end up producing a prisoner exchange agreement?" (fresh79 q1729).
    r"(?:up\s+)?(?:with|in|producing|yielding|reaching)\b"
)
# What came of something: "agreed", "ended", and also "expressed his willingness" or
# "rejected" (what a phone call or a demand came to).  Not "announced" or "proposed",
# which is how a meeting still to come is written about.
_OUTCOME_WORDS = re.compile(
    r"\b(?:agreed|agreement|agreements|deal|accord|signed|concluded|ended|resulted|outcome|results?|reached|"
    r"achieved|failed|collapsed|broke down|yielded|produced|breakthrough|decided|expressed|confirmed|accepted|"
    r"rejected|refused|declined|approved|led to)\b"
)
_OUTCOME_ASKED = frozenset("outcome result results came end ended conclude concluded agree agreed upon".split())


# An outcome of another year's event: "the results of the 2022 meetings".
_DATED_OUTCOME = re.compile(r"\b(?:results?|outcomes?)\s+of\s+(?:the\s+)?((?:19|20)\d\d)\s+[\w-]+")


def states_no_outcome(question: str, answer: str) -> str | None:
    """An *outcome* question whose answer has no sentence stating an outcome of the thing asked about.

    Also read over the quotes an answer cites: an answer that repeats the
    question's "was agreed" states an outcome its passage may not ("A
    ceasefire … was agreed at the Istanbul talks" from "the proposal
    includes a ceasefire").

    Such a sentence holds an outcome word ("agreed", "ended", "results") and a
    word of the event the question names.  "The talks in Istanbul were
    initiated by Russia" names the event and no outcome; "taking into account
    the results of the 2022 meetings" names an outcome of other talks.
    """
    folded = fold(question)
    text = unmarked(answer)
    ended = _ENDED_WITH.search(folded)
    if not (ended or _ASKS_OUTCOME.search(folded)) or not _latin(text):
        return None
    event = content_words(ended.group("event") if ended else question) - _OUTCOME_ASKED
    # The event is named by its own words, not by the countries or places around it: "Erdoğan …
    # expressed his willingness to assist in … negotiations between Russia and Ukraine" is no outcome
    # of the Russian and Ukrainian delegations' meeting in Istanbul (fresh20 q545).
    named = {fold(w) for w in re.findall(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w’'-]*", question.strip())}
    event = (event - named) or event
    for sentence in re.split(r"(?<=[.!?:;])\s+", fold(text)):
        # "the results of the 2022 meetings" are another year's: no outcome of the meeting asked about
        # (fresh63 q1408: "what came out of the istanbul meeting on the 15th" was answered with them).
        sentence = _DATED_OUTCOME.sub(lambda m: m.group() if m.group(1) in folded else " ", sentence)
        if _OUTCOME_WORDS.search(sentence) and matching_words(event, content_words(sentence)):
            return None
    return NO_OUTCOME


# "What did Kellogg say about NATO membership?", "Peskov's position regarding the ceasefire";
# the speaker is whoever comes between "did" and the verb of saying.
_ASKS_ABOUT = re.compile(
    r"\b(?:(?:did|does|do|has|have|had|will|would)\s+(?P<who>[^?]+?)\s+)?"
    r"(?:say|says|said|saying|think|thinks|thought|write|writes|wrote|written|tweet(?:s|ed)?|posts?|posted|"
    r"comments?|commented|remarks?|remarked|claims?|claimed|tell(?!\s+(?:me|us)\b)|tells|told|mention(?:s|ed)?|"
    # "Secretary of State" and "State Department" are no verb (fresh52 q1194).
    r"(?-i:state[sd]?)|believes?|believed|feel|feels|felt|views?|position|stance|opinion)\b[^?]*?"
    # "The article about Putin's readiness" names a document, not a topic.
    r"(?<!article)(?<!articles)(?<!piece)(?<!story)(?<!report)\s+(?:about|regarding|concerning)\s+(?P<topic>[^?.,;]+)",
    re.IGNORECASE,
)


# "What did Zelensky call a positive sign?": the topic is what was so called.  Not "what did
# Trump call on Ukraine to do" or "call for", whose answer is the demand, nor a phone call
# ("what did the summary of Erdoğan's call with Putin leave out": fresh11 q361).
_ASKS_CALLED = re.compile(
    r"\bwhat\s+(?:did|does|do|has|have|had)\s+(?P<who>[^?]+?)(?<!['’]s)(?<!\bthe)(?<!\bphone)\s+"
    r"(?:call|calls|called|describe[sd]?\s+as|consider(?:s|ed)?)\s+(?!on\b|for\b|to\b|up\b|off\b)"
    r"(?P<topic>[^?.,;]+)",
    re.IGNORECASE,
)


# "What is Tammy Bruce's view on NATO expansion?": whose view is before "'s", the topic after "on".
_ASKS_VIEW = re.compile(
    r"(?:\b(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)['’]s\s+)?"
    r"\b(?i:views?|position|stance|opinion|take)\s+(?i:on|towards?)\s+(?P<topic>[^?.,;]+)"
)


# Words before a name that describe the person: "Ukrainian President Zelensky".
_DESCRIBING = re.compile(
    rf"\b(?:[A-Z]\w*(?:{NATION_ENDINGS})|President|Prime\s+Minister|Minister|Chancellor|Secretary|Spokes(?:person|man|woman)"
    r"|Aide|Envoy)\s+(?=[A-Z])"
)
_WHEN_SAID = re.compile(r"\s+(?i:after|before|during|following|since|until|when|while)\s+")


_DOCUMENT_WORDS = frozenset(
    "document documents article articles text texts source sources passage passages report reports story "
    "stories piece author authors".split()
)


# A speaker named by a word alone that points back at what was just named: the documents, mostly.
_EACH_OF_THEM = frozenset("each both either them one other all".split())


def _document_word(word: str) -> bool:
    """Whether ``word`` (folded) is a word for a document, or that word mistyped ("artcle")."""
    # Only the words with no English neighbour are matched loosely: "reporter" is not a mistyped "report".
    return word in _DOCUMENT_WORDS or any(
        len(word) >= 5
        and word[0] == d[0]
        and abs(len(word) - len(d)) <= 1
        and difflib.SequenceMatcher(None, word, d).ratio() >= 0.8
        for d in ("article", "piece", "story", "passage", "document")
    )


def _appositive(who: str) -> str | None:
    """The name ``who`` ends with, set off by a comma: "the aide to President Putin of Russia, Yuri Ushakov"."""
    parts = [p.strip() for p in who.split(",") if p.strip()]
    last = parts[-1].split() if len(parts) > 1 else []
    return " ".join(last) if last and all(w[:1].isupper() for w in last) else None


def named_speaker(question: str) -> str | None:
    """The name a *what did X say about* question sets off as its speaker, if it does.

    "What does the aide to President Putin of Russia, Yuri Ushakov, say about
    …" asks what Ushakov said; a sentence about Putin, or one that opens with
    Zelensky and quotes Zakharova, does not tell it (fresh36 q875).
    """
    m = _ASKS_ABOUT.search(question) or _ASKS_CALLED.search(question)
    return _appositive(m.group("who") or "") if m else None


def about_elsewhere(question: str, answer: str, quotes: list[str], around: list[str]) -> str | None:
    """What someone said *about* a topic was asked, and the answer is not that.

    Asked what a person said about something the documents never connect them
    with, a small model gives what that person said about something else
    ("Kellogg urged Moscow to commit to a ceasefire" for what Kellogg said
    about NATO membership), or what someone else said about the topic.  So
    the answer or the sentences it cites (``quotes``) must name the topic:
    each name in it ("NATO"), or else one of its words, by stem.  And the
    passages those sentences come from (``around``) must name the speaker.
    What someone *called* something is asked the same way: the topic is
    what was so called ("a positive sign"); so is a view or position *on*
    something ("Tammy Bruce's view on NATO expansion").
    """
    m = _ASKS_ABOUT.search(question) or _ASKS_CALLED.search(question) or _ASKS_VIEW.search(question)
    # "who wrote the orda artcle about putins offer": a mistyped document word names a document too (fresh31 q765).
    before = _WORD.findall(question[: m.start("topic")])[:-1] if m else []  # the words before "about"
    if before and _document_word(fold(before[-1])):
        return None
    # A date says when it was said, not what about ("a positive sign on May 11"); so does a
    # clause of time ("about an unconditional ceasefire after Putin's announcement").
    about = _WHEN_SAID.split(m.group("topic"), maxsplit=1)[0] if m else ""
    topic = {w for w in content_words(about) if w not in _MONTHS and not w.isdigit()}
    if not m or not topic:
        return None
    said = content_words(" ".join([unmarked(answer), *quotes]))
    # "Why did Kellogg oppose Zelensky's position on the ceasefire?" is answered by "Kellogg voiced
    # support for Zelenskyy's position": the position named by whose it is (fresh52 q1190), in any word for it.
    if m.re is _ASKS_VIEW and (holder := m.group("who")):
        whose = rf"\b{re.escape(_who(holder))}\w*['’]s\s+(?:views?|position|stance|opinion)\b"
        if re.search(whose, fold(" ".join([unmarked(answer), *quotes]))):
            return None
    # "Ukrainian President Zelensky" is Zelensky: a nation's adjective or a title before a name describes
    # it (fresh66 q1473, in Chinese, was refused for "Ukrainian", which the cited sentence does not write).
    described = _DESCRIBING.sub("", about)
    names = {
        fold(w)
        for w in _WORD.findall(described)
        if w[:1].isupper() and fold(w) not in _MONTHS and fold(w) not in _NOT_NAMES
    }
    if not (all(_like(n, said) for n in names) if names else matching_words(topic, said)):
        return ELSEWHERE
    who = _speaker(m)
    speaker = content_words(_appositive(who) or who)
    if speaker & _DOCUMENT_WORDS:
        return None  # "what does the second article say about …": the speaker is the documents
    if speaker and speaker <= _EACH_OF_THEM:
        return None  # "The two articles describe … What does each say about …?" (fresh52 q1195)
    if speaker and not any(_like(w, content_words(" ".join(around))) for w in speaker):
        return ELSEWHERE
    return None


# "What did he propose to consider …": the verb before "to" is what the speaker did, not who.
_VERB_TO = re.compile(r"\s+\w+\s+to$")


def _speaker(m: re.Match[str]) -> str:
    """Who a *what did X say about* question asks about, without a verb the match took for them.

    "Who is Yuri Ushakov and what did he propose to consider in the
    dialogue?" took "he propose to" for the speaker, and the right answer was
    withheld: no passage names "propose" (fresh79 q1730, Russian).
    """
    return _VERB_TO.sub("", m.group("who") or "")


def spoken_on(question: str, shown: Sequence[str]) -> tuple[int, str] | None:
    """The one sentence of the passages ``shown`` that names the speaker asked about and says the topic.

    Asked what Yuri Ushakov considers "should be taken into account in the
    dialogue", the model answered twice with Zakharova's "Russia considers …
    a priority" (fresh77 q1690; fresh68 q1516 too): it took the verb for the
    topic.  The sentence "… Yuri Ushakov announced his readiness for dialogue,
    taking into account the results of the 2022 meetings …" names him and
    writes most of the topic's words.  Returned with its passage's label
    (from 1); ``None`` when no sentence, or more than one, does.
    """
    m = _ASKS_ABOUT.search(question) or _ASKS_CALLED.search(question)
    who = _speaker(m) if m else ""
    who = _appositive(who) or who
    if not m or not who or not _NAME_RUN.fullmatch(who.strip()):
        return None
    about = _WHEN_SAID.split(m.group("topic"), maxsplit=1)[0]
    topic = {w for w in content_words(about) if w not in _MONTHS and not w.isdigit()}
    if len(topic) < 2:
        return None
    speaker = _who(who)
    found = [
        (k, sentence)
        for k, text in enumerate(shown, start=1)
        for span in sentence_spans(text)
        if speaker in fold(sentence := text[span.start : span.end].strip())
        and 2 * sum(_like(w, content_words(sentence)) for w in topic) > len(topic)
    ]
    return found[0] if len({s for _, s in found}) == 1 else None


# Roles a *who* question asks about, each with the words that state it.  "Leaders" is left
# out: "received support from … other world leaders" names a group, not who led.
_ROLES = (
    re.compile(r"\b(?:led|leads?|leading|leader|head|heads|headed|heading|chair(?:s|ed|ing|man|woman)?|chief)\b"),
    re.compile(r"\bmediat\w*"),
    re.compile(r"\bhost(?:s|ed|ing)?\b"),  # not "hostilities" or "hostages"
    re.compile(r"\borgani[sz]\w*"),
    re.compile(r"\b(?:author\w*|wrote|written|writer)\b"),
    # Asked who represented Russia at the Istanbul meeting, the model named Ushakov from his
    # "readiness for dialogue" (fresh88 q1914, Korean: who led Russia's delegation).  Not "representatives",
    # among whom the one asked about is: "Who did the State Department representatives say …?" asks who
    # of them said it (fresh91 q1965, Russian).
    re.compile(r"\b(?:represent(?:s|ed|ing)?|representative|delegat\w*)\b"),
)


_LEADER_WHO = re.compile(r"\bleaders?\s+(?=who\b|that\b)")
# "the heads of state and government" are a country's leaders by title, not people who led something.
_HEADS_OF_STATE = re.compile(r"\bheads?\s+of\s+(?:state|government)(?:\s+and\s+(?:state|government))?\b")
_ROLE_VERB = re.compile(
    r"\b(?:lead|leads|led|head|heads|headed|chair|chairs|chaired|hosts?|hosted|mediate[sd]?|"
    r"organi[sz]e[sd]?|wrote|written)\b"
)
_REPORTED = re.compile(
    r"\b(?:say|says|said|confirm(?:s|ed)?|announce[sd]?|state[sd]?|claim(?:s|ed)?|report(?:s|ed)?|"
    r"believe[sd]?|think|thought|warn(?:s|ed)?|insist(?:s|ed)?|suggest(?:s|ed)?|note[sd]?)\s+(?:that|whether)\b"
)
# A role after a preposition ("… with the host"), or after "about" ("Who did Erdoğan talk to on the phone
# about hosting negotiations?", fresh74 q1633 in Turkish): whom or what the one asked about dealt with.
# So is what that role is of ("with the leader of the delegation").
_ROLE_AS_OBJECT = re.compile(
    r"\b(?:(?:with|to|for|from|by|at)\s+(?:the|a|an|which|what)|about)\s+\w+(?:\s+of\s+(?:the\s+)?\w+)?"
)
_WHICH_HOLDER = re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}(?:{PERSON_KINDS})s?\b")


def role_unstated(question: str, quotes: list[str]) -> str | None:
    """A *who led / hosted / mediated / wrote* question whose quoted sentences state no such role.

    Asked who led a delegation the documents never describe, the model names
    the person nearest the event ("Zelensky", from "his decision to
    personally participate in negotiations"); the answer repeats the
    question's "led", so only the sentences it cites can tell.
    """
    folded = fold(question)
    # A role in what the person asked about said is not asked: "Who did Erdoğan confirm that
    # Turkey is ready to host talks with?" asks whom he told, not who hosted.
    asked = [_REPORTED.split(m.group(1), maxsplit=1)[0] for m in _WHO_REST.finditer(folded)]
    # "Which Turkish foreign minister was chosen to chair …" asks who held the role as "who chaired"
    # does; its clause's role verb counts, not a noun ("the organization of the talks").
    for m in _WHICH_HOLDER.finditer(folded):
        clause = re.split(r"[?.!;]", folded[m.end() :], maxsplit=1)[0]
        asked += _ROLE_VERB.findall(_REPORTED.split(clause, maxsplit=1)[0])
    # "Who is the leader who is ready to host the negotiations?": a leader followed by what he did
    # is whoever did it, not one who led something (fresh34 q838).
    # Nor are "the heads of state and government" whose countries were asked for (fresh44 q1024, in German).
    asked = [_HEADS_OF_STATE.sub(" ", _LEADER_WHO.sub(" ", a)) for a in asked]
    # "who did Erdoğan make a phone call to during the negotiations with the host?" asks whom he called:
    # a role named after a preposition is whom the asked one dealt with, not what they were (fresh81 q1774).
    asked = [_ROLE_AS_OBJECT.sub(" ", a) for a in asked]
    quoted = fold(" ".join(quotes))
    for role in _ROLES:
        if any(role.search(a) for a in asked) and not role.search(quoted):
            return UNSTATED_ROLE
    return None


_YEAR = re.compile(r"(?<![\w.,])(1[89]\d\d|20\d\d)(?![\w.,]\d)")
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "May 11, 2025", "11 May 2025", "May 2025": a date, not a year on its own.
_DATED = re.compile(rf"\b(?:{_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:1[89]|20)\d\d)\b")
_DATED_AFTER = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTH})\.?,?\s+((?:1[89]|20)\d\d)\b")


def _dated_years(text: str) -> set[str]:
    folded = fold(text)
    return {m.group(1) for p in (_DATED, _DATED_AFTER) for m in p.finditer(folded)}


def year_unstated(question: str, quotes: list[str], passages: list[str]) -> str | None:
    """A question about a year other than the articles' own whose cited sentences never name it.

    Asked in which month the talks of 2022 took place, the model answers
    "May 11" from a sentence about 2025.  A year the question or the
    passages write as part of a date ("on May 11, 2025") is the articles'
    own time, which their sentences leave unsaid ("on May 11"); any other
    year the question names must be in a sentence the answer cites.
    """
    dated = _dated_years(" ".join([question, *passages]))
    asked = {y for y in _YEAR.findall(question) if y not in dated}
    quoted = set(_YEAR.findall(" ".join(quotes)))
    return UNSTATED_YEAR if asked - quoted else None


# "According to each of the two articles", "in both articles", "the other article", "across
# the two articles": a question whose answer is spread over the documents, one part in each.
_EACH_ARTICLE = re.compile(
    r"\b(?:both|each|two|all)\s+(?:of\s+the\s+)?(?:articles|documents|texts)\b"
    r"|\b(?:both|each)\s+(?:of\s+the\s+)?(?:reports|sources)\b"
    r"|\beach\s+(?:article|document|report)\b|\bother\s+(?:article|document|report)\b"
    r"|\bacross\s+the\s+(?:two\s+)?(?:articles|documents)\b",
    re.IGNORECASE,
)


def asks_each_article(question: str) -> bool:
    """A question about what each of the documents says, or about all of them together."""
    return bool(_EACH_ARTICLE.search(question))


_AGREEING = (
    r"(?:agree|differ|disagree|concur|match|contradict(?:\s+each\s+other)?"
    r"|say\s+the\s+same(?:\s+thing)?|tell\s+the\s+same\s+story)"
)
_THE_DOCUMENTS = (
    r"(?:the|both|these|those|all)\s+(?:(?:two|both)\s+)?(?:articles?|sources?|reports?|documents?|texts?|outlets?)"
)
# "Was a ceasefire part of the call? Do the sources agree?": a sentence of its own that asks
# only whether the documents agree; the rest of the question is what each is asked.  "… tell the
# same story on this point?" asks the same (fresh32 q787 was answered whole, "the same story").
_AGREE_SENTENCE = re.compile(
    rf"(?:^|(?<=[?.!])\s+)(?:and\s+|but\s+)?(?:do|does|did)\s+{_THE_DOCUMENTS}\s+{_AGREEING}"
    r"(?:\s+(?:on|about)\s+(?:this|that|it)(?:\s+(?:point|matter|issue|question))?)?\s*\?",
    re.IGNORECASE,
)
# "Do the two articles agree on whether a ceasefire came up?", "Are the reports consistent about …":
# what follows the verb is the topic each document is asked about.
# "Regarding Erdoğan's phone call with Putin, do the two articles agree on …?" (fresh59 q1337): what it is
# about may come first, and is asked with the topic.
_AGREE_ON = re.compile(
    r"^\s*(?:(?P<lead>(?:regarding|concerning|about|on|as\s+for|as\s+to|when\s+it\s+comes\s+to"
    r"|with\s+(?:regard|respect)\s+to|in)\s+[^,?]+),\s*)?"
    rf"(?:(?:do|does|did)\s+{_THE_DOCUMENTS}\s+{_AGREEING}|(?:are|were)\s+{_THE_DOCUMENTS}\s+"
    r"(?:consistent|in\s+agreement|contradictory|at\s+odds))\s+(?:on|about|over|as\s+to|regarding|in\s+what\s+they\s+say\s+about)"
    r"\s+(?P<topic>.+?)\s*\?\s*$",
    re.IGNORECASE,
)


# "Do the two articles report the same Russian response to the Western call …?": the same
# question, with its topic after "the same" (fresh8 q303 was answered whole, "the same response").
_REPORT_THE_SAME = re.compile(
    rf"^\s*(?:do|does|did)\s+{_THE_DOCUMENTS}\s+(?:report|give|describe|present|tell|offer|quote)\s+the\s+same\s+"
    r"(.+?)\s*\?\s*$",
    re.IGNORECASE,
)


# "The two articles describe the ceasefire aspect of Erdoğan's contacts with Putin differently. What
# does each of them say?": a difference the user already sees, and the topic it is on.
# What follows "differently" may be the point itself: "… describe Erdoğan's conversation with Putin
# differently regarding a ceasefire" is about the ceasefire in it (fresh35 q845).
_DESCRIBED_DIFFERENTLY = re.compile(
    rf"^\s*{_THE_DOCUMENTS}\s+(?:describe|report|present|portray|cover|treat|tell|put)\s+(.+?)\s+differently\b"
    r"(?:\s+((?:regarding|concerning|about|on|as\s+to|as\s+regards|in\s+terms\s+of|when\s+it\s+comes\s+to"
    r"|with\s+(?:regard|respect)\s+to|in\s+relation\s+to)"
    r"\s+[^.?!]+))?",
    re.IGNORECASE,
)


# "Do the two articles describe the Erdogan–Putin phone call the same way when it comes to a ceasefire?"
# (fresh64 q1433, answered whole: "the same way"): the thing described, and the point it is asked on.
_DESCRIBED_ALIKE = re.compile(
    rf"^\s*(?:do|does|did)\s+{_THE_DOCUMENTS}\s+(?:describe|report|present|portray|cover|treat|tell|put)\s+(.+?)\s+"
    r"(?:(?:in\s+)?the\s+same\s+way|alike|similarly|identically)\b"
    r"(?:\s+((?:regarding|concerning|about|on|as\s+to|as\s+regards|in\s+terms\s+of|when\s+it\s+comes\s+to"
    r"|with\s+(?:regard|respect)\s+to|in\s+relation\s+to)\s+[^.?!]+))?\s*\?",
    re.IGNORECASE,
)


# Whether the documents agree, asked in the other languages of our users ("Сходятся ли две статьи
# в том, …?"); the rewrite may drop it ("Did the articles discuss …?", fresh46 q1067).
_AGREE_ELSEWHERE = re.compile(
    r"\b(?:сход[яи]тся|совпада[юе]т|согласуются|расход[яи]тся|противореч[аи]т|збігаються|узгоджуються"
    r"|розходяться|суперечать|zgadzają\s+się|są\s+zgodne|różnią\s+się|stimmen(?:\s+\S+){0,5}\s+überein"
    r"|(?:sind|waren)\s+sich(?:\s+\S+){0,4}\s+einig|unterscheiden\s+sich|concordent|s['’]accordent|(?:sont|sont-ils|sont-elles)"
    r"\s+d['’]accord|divergent|coinciden|concuerdan|están\s+de\s+acuerdo|difieren|concordano|coincidono"
    r"|sono\s+d['’]accordo|concordam|coincidem|divergem|shodují\s+se|överens|uyuşuyor|hemfikir)\b",
    re.IGNORECASE,
)
# The articles or sources, in those languages: "Сходятся ли Россия и Украина …" asks about the parties.
_DOCUMENTS_ELSEWHERE = re.compile(
    r"\b(?:стать|статт|источник|джерел|artikel|articl|artícul|articol|artyku|článk|artigo|haber|quelle|source"
    r"|fuente|font[ei]|źródł)",
    re.IGNORECASE,
)
# "Did the articles discuss the ceasefire …?": what the documents are asked about.
_DOCUMENTS_ON = re.compile(
    rf"^\s*(?:do|does|did)\s+{_THE_DOCUMENTS}\s+(?:discuss|mention|say\s+anything\s+about|report\s+on|report"
    r"|cover|talk\s+about|write\s+about|describe)\s+(.+?)\s*\?",
    re.IGNORECASE,
)


def agreement_asked_elsewhere(question: str, english: str) -> str | None:
    """What each document is to be asked, for a question in another language whether they agree; else None.

    ``english`` is the question's rewrite, read when it kept no word of
    agreeing: "Сходятся ли две статьи в том, обсуждалось ли перемирие в
    телефонном разговоре Эрдогана с Путиным?" came back as "Did the articles
    discuss the ceasefire in the phone conversation between Erdogan and
    Putin?", and each article is asked "What does the article say about the
    ceasefire in the phone conversation between Erdogan and Putin?".
    """
    if not (_AGREE_ELSEWHERE.search(question) and _DOCUMENTS_ELSEWHERE.search(question)):
        return None
    if not (first := re.match(r"[^?]*\?", english)):
        return None
    if m := _DOCUMENTS_ON.match(first.group()):
        return f"What does the article say about {m.group(1)}?"
    rest = first.group().strip()
    if _YES_NO.match(rest):
        return f"What does the article say about whether {rest[0].lower()}{rest[1:]}"
    return rest


def agreement_asked(question: str) -> str | None:
    """For a question whether the documents agree, what each document is to be asked; else None.

    "Was a ceasefire part of Erdoğan's call with Putin? Do the sources agree?"
    gives "Was a ceasefire part of Erdoğan's call with Putin?"; "Do the two
    articles agree on whether a ceasefire came up?" gives "What does the
    article say about whether a ceasefire came up?".  Asked whole, the model
    answered for one article and said both agreed (q45, fresh12 q391).
    """
    # What follows the question may say why it is asked ("One of them seems to say something else").
    first = re.match(r"[^?]*\?", question)
    # The first question alone, when it asks it: "… during the phone call? What are the differences
    # between them?" asked each article about the differences too, and no verdict came (fresh48 q1104).
    if m := (
        (first and _AGREE_ON.match(first.group()))
        or _AGREE_ON.match(question)
        or _DESCRIBED_DIFFERENTLY.match(question)
        or _DESCRIBED_ALIKE.match(question)
    ):
        if m.re is _AGREE_ON:
            topic, lead = m.group("topic"), m.group("lead")
            if lead:
                return f"{lead[:1].upper()}{lead[1:]}, what does the article say about {topic}?"
            return f"What does the article say about {topic}?"
        point = f" {m.group(2)}" if m.group(2) else ""
        return f"What does the article say about {m.group(1)}{point}?"
    if first and (m := _REPORT_THE_SAME.match(first.group())):
        # What follows asks what to tell of it ("Who speaks for Moscow in each, and what do they say?").
        rest = question[first.end() :].strip()
        return f"What does the article say about the {m.group(1)}? {rest}".strip()
    if m := _AGREE_SENTENCE.search(question):
        rest = (question[: m.start()] + " " + question[m.end() :]).strip()
        if not re.search(r"\w", rest):
            return None
        # A yes/no question asked of each article is answered "Yes" from whatever it says nearby.
        if _YES_NO.match(rest):
            return f"What does the article say about whether {rest[0].lower()}{rest[1:]}"
        return rest
    return None


# "Summarize the second article", "What is this article about?", "TL;DR of the Orda.kz piece": a
# summary of a document as a whole.  "Summarize what the article says about Kellogg" asks about a
# topic, and is answered as any question.
# The same requests in the other languages our users write in: a small model's rewrite of
# "Кратко перескажи вторую статью" was "What is the second article?", which asks for nothing.
# Spanish "resume" is also English ("resume transit"), so it counts only before an article.
_SUMMARY = re.compile(
    r"\bsummar(?:y|ies|ise|ize|ising|izing)\b|\bsum(?:s|ming)?\s+(?:it\s+)?up\b|\btl;?dr\b|\brecap\b"
    r"|\b(?:overview|gist|main points|key points)\b"
    r"|\bwhat\s+(?:is|'s|’s)\s+(?:the|this|that)\s+(?:[\w.’'-]+\s+){0,3}(?:article|document|piece|story|text)\s+about\s*\?"
    r"|\bпере(?:скаж|сказ|каж|каз)\w*|\b(?:кратк|коротк|стисл)\w+\s+(?:содержани|изложени|зміст|виклад)\w*"
    r"|\bрезюм\w*|\b(?:(?:о|об)\s+ч[её]м|про\s+що)\s+(?:\w+\s+){0,2}(?:стать|статт|текст|материал|матеріал|документ)"
    r"|\bzusammenfass\w*|\bfass\w*\s+(?:\w+\s+){0,5}zusammen\b|\bworum\s+geht\s+es\s+(?:im|in\s+\w+)\s+(?:\w+\s+)?"
    r"(?:artikel|text|bericht|dokument)|\bresumen\b|\bres[uú]m(?:eme|ame|ir)\b|\bresume\s+(?:el|la|este|esta)\b"
    r"|\bde\s+qu[ée]\s+(?:trata|va)\b|\brésum(?:e|é|er|ez)\b|\bde\s+quoi\s+parle\b"
    r"|\briassu\w+|\bdi\s+(?:che\s+)?cosa\s+parla\b",
    re.IGNORECASE,
)
_A_WORK = re.compile(
    r"\b(?:article|document|piece|story|text|report)\b|\b(?:стать|статт|текст|материал|матеріал|документ)\w*"
    r"|\b(?:artikel|bericht|dokument|art[ií]culo|texto|documento|texte|articolo|testo)\b",
    re.IGNORECASE,
)
_ON_A_TOPIC = re.compile(
    r"\b(?:says?|said|writes?|wrote|reports?)\s+(?:about|on|regarding)\b|\b(?:regarding|concerning)\b"
    r"|\b(?:сказано|говорится|говорит|пишет|пишут|сообщает|сообщается|йдеться|пише|каже|говориться)"
    r"\s+(?:\w+\s+){0,2}(?:о|об|обо|про)\b"
    r"|\b(?:sagt|schreibt|berichtet|dice|escribe|informa|dit|écrit|scrive)\b.*?\b(?:über|sobre|sur|su)\b",
    re.IGNORECASE,
)


def asks_for_summary(question: str) -> bool:
    """A request to summarise one document as a whole ("Summarize the second article")."""
    return bool(_SUMMARY.search(question) and _A_WORK.search(question) and not _ON_A_TOPIC.search(question))


# "Which two headlines in the 'Latest news' list mention Kyrgyzstan?", "Anything about NATO in the
# headline list?", "… mention the CPC. What does each of them say?", "How many headlines are in the
# list?": the items of a list themselves.  The ask is in the last sentence: "One of the headlines is
# about a new head of department. Who got the job?" asks what the item says, and is asked as any.
_A_LIST = re.compile(r"\bheadlines\b|\blist\b|\blatest news\b", re.IGNORECASE)
_ITEMS_NAMED = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’]+\s+){0,4}(?:headlines?|items?|entries|entry)\b|\banything\b"
    r"|\bwhat\s+do(?:es)?\s+(?:each|they|both|these|those)\b(?:\s+[\w'’]+){0,3}\s+say\b",
    re.IGNORECASE,
)
_ITEMS_COUNTED = re.compile(r"\bhow\s+many\s+(?:[\w'’]+\s+)?(?:headlines|items|entries)\b", re.IGNORECASE)
# "Are there any headlines about security? Which companies do they involve?": the second question
# asks about the items the first one asks for.
_ANY_ITEMS = re.compile(r"\b(?:are|is)\s+there\s+(?:any|a|an)\s+(?:headlines?|items?|entries|entry)\b", re.IGNORECASE)
_THEM = re.compile(r"\b(?:they|them|these|those|each)\b", re.IGNORECASE)
# "Is there anything about NATO? What does it say?": the second question asks what the item found says.
_ANYTHING = re.compile(r"\banything\b|\b(?:are|is)\s+there\s+(?:any|a|an)\b", re.IGNORECASE)
_IT = re.compile(r"\b(?:it|that|this)\b", re.IGNORECASE)


def asks_for_list_items(question: str) -> str:
    """What a question asks of a list's items, or "" when it asks something else.

    "one" (which headline …), "which" (which headlines, anything about …), "count" (how many).
    """
    if not _A_LIST.search(question):
        return ""
    sentences = [s for s in re.split(r"(?<=[?.!])\s+", question.strip()) if s.strip()]
    last = sentences[-1]
    if len(sentences) > 1 and _THEM.search(last) and sentences[-2].endswith("?") and _ANY_ITEMS.search(sentences[-2]):
        return "which"
    # "… is there anything about zelenskyy and nato? what does it say?" (fresh48 q1116).
    if len(sentences) > 1 and _IT.search(last) and sentences[-2].endswith("?") and _ANYTHING.search(sentences[-2]):
        return "which"
    if _ITEMS_COUNTED.search(last):
        return "count"
    if not (m := _ITEMS_NAMED.search(last)):
        return ""
    return "one" if re.search(r"(?:headline|item|entry)$", m.group(), re.IGNORECASE) else "which"


# "One of the headlines in the 'Latest news' list is about a denied concert ban. Whose concert …?":
# the item is described, then asked about.  So is "which headline in it is about a concert, and
# what does it say?" (fresh24 q630), up to the comma.
_ONE_ITEM_ABOUT = re.compile(
    r"\bone\s+of\s+the\b(?:[^.?!]|\.(?=\w))*?\b(?:headlines|items|entries)\b(?:[^.?!]|\.(?=\w))*?"
    r"\b(?:is|was)\s+(?:about|on)\s+(?P<topic>(?:[^.?!]|\.(?=\w))+)"
    r"|\bwhich\s+(?:one\s+of\s+the\s+)?(?:headlines?|items?|entry|entries)\b[^.?!,]*?"
    r"\b(?:is|was)\s+(?:about|on)\s+(?P<which>[^.?!,]+)",
    re.IGNORECASE,
)


def described_item(question: str) -> str:
    """What the one list item a question describes is about ("a denied concert ban"), or ""."""
    m = _ONE_ITEM_ABOUT.search(question)
    return (m.group("topic") or m.group("which")).strip() if m else ""


# "What's the full headline of the Orda.kz article?", "the article's title": the article's own
# headline, not one of a list of headlines printed under it ("Latest news").
_HEADLINE = re.compile(r"\b(?:headline|title)\b", re.IGNORECASE)
_HEADLINE_LIST = re.compile(r"\b(?:headlines|titles|list|latest news|news)\b", re.IGNORECASE)


def asks_for_headline(question: str) -> bool:
    """A question that asks for an article's own headline."""
    return bool(_HEADLINE.search(question)) and not _HEADLINE_LIST.search(question)


# "Why did Erdoğan refuse …", "On what date did Russia launch …": the name, then the verb.
_DID_WHAT = re.compile(
    r"\b(?:[Ww]hy|[Ww]hen|[Oo]n what (?:day|date)|[Ww]hat (?:day|date))\s+"
    r"(?:did|does|do|would|will|has|had|was|is|were|are)\s+"
    # "the United Kingdom" is a name; "the Russian child" is not (a people's adjective, then a noun).
    # "Why did Trump personally travel …?" asks about travelling (fresh45 q1053).
    rf"(?:the\s+(?![A-Z]\w*(?:{NATION_ENDINGS})\s+[a-z]))?((?:[A-Z][\w’'.-]*\s+)+)(?:{_ADVERB}\s+)?([a-z]+)"
)


_PROPOSED_PLACE = re.compile(
    r"\b(?:[Ww]hat|[Ww]hich)\s+(?:other\s+)?(?:place|city|venue|location|country|town)s?\s+"
    r"(?:did|does|do|would|will|has|had)\s+((?:[A-Z][\w’'.-]*\s+)+)(?:propose|suggest|offer)\b"
)


def premise_unstated(question: str, passages: list[str]) -> str | None:
    """A *why / when did X do Y* question none of whose passages says, in a sentence or two, that X did Y.

    Asked why Erdoğan refused to host the talks (he offered to), the model
    explained the refusal with a sentence about something else; asked on
    what date Russia launched its full-scale invasion, it gave the date of
    a drone attack.  X is known by the last word of its name, Y by its stem
    ("refus" in "refusal"); a short sentence counts with either neighbour,
    since a quote is often closed by "Putin said." on a line of its own,
    which a chunk may open with.  A name the passages never write
    ("Poutine", in a rewrite) is left to the checks of names.
    """
    # "Why is Zelensky's departure to Turkey … considered important?" asks about his trip, not about a
    # deed "departure" done by Zelensky (a rerun of fresh35 q859, whose rewrite took the hint "Zelensky").
    asked = [(name, verb) for name, verb in _DID_WHAT.findall(question) if not name.rstrip().endswith(("'s", "’s"))]
    # "What other place did Emmanuel Macron propose for hosting the talks?": he proposed none (fresh37 q898).
    asked += [(name, "propose") for name in _PROPOSED_PLACE.findall(question)]
    if not asked:
        return None
    pairs: list[str] = []
    for text in passages:
        sentences = [fold(text[s.start : s.end]) for s in sentence_spans(text)]
        pairs += sentences
        # A short sentence ("Putin said.") belongs with the one beside it, whichever side.
        pairs += [f"{a} {b}" for a, b in itertools.pairwise(sentences) if min(len(a.split()), len(b.split())) <= 4]
    seen = fold(" ".join(passages))
    for name, verb in asked:
        who, stems = _who(name), _stems(verb)
        if who in seen and not any(
            who in p and (_done_by(who, stems, p) or (verb in _POSTING and _HANDLE.search(p))) for p in pairs
        ):
            return UNSTATED_PREMISE
    return None


def _who(name: str) -> str:
    """How a sentence (folded) names someone: the first five letters of their name's last word."""
    return fold(name.split()[-1]).strip("’'.-")[:5]


def _stems(verb: str) -> str:
    """A pattern for the forms of ``verb`` that state it: its stem ("refus" for "refusal"), or another."""
    stem = verb[:5] if len(verb) > 5 else verb[:4]
    # "When did Putin say …" is stated by "Putin said": an irregular past has its own stem.
    return "|".join(re.escape(s) for s in (stem, *_STATED_BY.get(verb, ())))


# "… was rejected by Moscow": the passive names who did it, after "by".
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+$")
_AGENT_AFTER = re.compile(r"[\w’'-]*\s+by\s+(?:the\s+)?([\w’'-]+)")


def _done_by(who: str, stems: str, sentence: str) -> bool:
    """Whether ``sentence`` (folded) has the verb of ``stems`` done by someone, not to them by another.

    Asked why Zelensky rejected Putin's offer (he welcomed it), "Zelensky insists on a
    ceasefire …, but this demand was rejected by Moscow" has both the name and the
    verb, and the model explained his "rejection" with it (fresh26 q674).
    """
    for m in re.finditer(rf"\b(?:{stems})", sentence):
        by = _AGENT_AFTER.match(sentence, m.end())
        if by and _PASSIVE_BEFORE.search(sentence, 0, m.start()) and not by.group(1).startswith(who):
            continue
        return True
    return False


# Verbs of taking a side, for and against: asked whether someone did one, a sentence where
# they did one of the other side answers no.  "confirm" and "deny" are a pair too.
_SIDING_FOR = ("accept", "agree", "approv", "welcom", "support", "endors", "prais", "embrac", "favo", "confirm")
_SIDING_AGAINST = ("reject", "refus", "declin", "oppos", "critici", "condemn", "dismiss", "denounc", "deni", "deny")
# Refusing to do a thing has more opposites: "his decision to personally participate" (fresh51 q1170).
_WILLING = ("decid", "decision to", "ready", "readiness", "willing")


def _did(who: str, stems: Sequence[str] | str, sentence: str) -> bool:
    """Whether ``who`` does a verb of ``stems`` in ``sentence`` (folded): named just before it, or after its "by".

    Unlike ``_done_by``, the doer must be named: "Keith Kellogg, voiced support"
    and "this demand was rejected by Moscow" are done by them; "Trump’s special
    representative …, voiced support" is not done by Trump.
    """
    alternatives = stems if isinstance(stems, str) else "|".join(stems)
    for m in re.finditer(rf"\b(?:{alternatives})(?!ment)", sentence):
        by = _AGENT_AFTER.match(sentence, m.end())
        if by and _PASSIVE_BEFORE.search(sentence, 0, m.start()):
            if by.group(1).startswith(who):
                return True
            continue
        before = [w.strip(',.:;()“”"') for w in sentence[: m.start()].split()[-8:]]
        if any(w.startswith(who) and not re.search(r"[’']s$", w) for w in before):
            return True
    return False


def does(name: str, stems: Sequence[str], sentence: str) -> bool:
    """Whether ``name`` (known by its last word) does a verb of one of ``stems`` ("respo") in ``sentence``."""
    return _did(_who(name), [re.escape(s) for s in stems], fold(sentence))


# Verbs that make one deed of a statement: "Putin declared readiness for dialogue" is what
# "Yuri Ushakov announced his readiness for dialogue" has Ushakov do (fresh65 q1442).
SAME_DEED = (frozenset({"annou", "decla", "state", "procl"}),)


def same_deed(stem: str) -> tuple[str, ...]:
    """``stem`` and the stems of verbs that do the same deed, sorted."""
    return tuple(sorted(next((g for g in SAME_DEED if stem in g), {stem})))


def denies(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` has the subject of a yes/no question do the opposite of what it asks.

    "Did Zelensky reject Putin's proposal …?" is answered no by "Zelenskyy
    welcomed Vladimir Putin’s proposal for direct talks …" (fresh39 q934); the
    model said yes, of Moscow's rejection of another thing.  The sentence must
    also share two of the question's other words, so that it is about the same
    thing, and not do what was asked as well.  ``english`` is the question's
    English rewrite, where the deed is read first.
    """
    if not (asks_yes_no(english) or asks_yes_no(question)):
        return False
    deed = asked_deed(english) or asked_deed(question)
    if deed is None:
        return False
    who, verb = _who(deed[0]), fold(deed[1])
    side: tuple[str, ...]
    other: tuple[str, ...]
    if verb.startswith(_SIDING_FOR):
        side, other = _SIDING_FOR, _SIDING_AGAINST
    elif verb.startswith(_SIDING_AGAINST):
        side = _SIDING_AGAINST
        other = (*_SIDING_FOR, *_WILLING) if verb.startswith(("refus", "declin")) else _SIDING_FOR
    else:
        return False
    said = fold(sentence)
    # A country acts through its capital: "Did Russia accept …?" is answered by "… was rejected by Moscow"
    # (fresh63 q1416, in Portuguese).
    whos = (who, *_SAME_SIDE.get(who, ()))
    if not any(_did(w, other, said) for w in whos) or any(_did(w, side, said) for w in whos):
        return False
    rest = {w for w in content_words(f"{question} {english}") if not w.startswith((*whos, verb[:5]))}
    return len(matching_words(rest, content_words(sentence))) >= 2


# The first letters (as ``_who`` reads a name) of a country, and of the capital and office that act for it.
_SAME_SIDE: dict[str, tuple[str, ...]] = {
    "russi": ("mosco", "kreml"),
    "mosco": ("russi", "kreml"),
    "kreml": ("russi", "mosco"),
    "ukrai": ("kyiv", "kiev"),
    "kyiv": ("ukrai",),
    "kiev": ("ukrai",),
}


# "Why did Erdoğan refuse to host the talks?" takes as said that he refused (he offered to).
_WHY_DID = re.compile(r"^\s*why\s+(?:did|does|do)\s+", re.IGNORECASE)


def taken_deed(question: str) -> tuple[str, str] | None:
    """The yes/no question a *why did X do Y* question takes as answered yes, and its premise as a statement.

    ("Did Erdoğan refuse to host the talks?", "Erdoğan refused to host the
    talks") for "Why did Erdoğan refuse to host the talks?"; None for any other
    question, or one whose subject is no name.
    """
    if (why := _WHY_DID.match(question)) is None:
        return None
    asked = "Did " + question[why.end() :].strip()
    if (m := _ASKED_DEED.match(asked)) is None:
        return None
    name, verb = m.group(1).strip(), m.group(2)
    between = asked[m.end(1) : m.start(2)]
    past = verb + "d" if verb.endswith("e") else verb[:-1] + "ied" if re.search(r"[^aeiou]y$", verb) else verb + "ed"
    return asked, f"{name} {between}{past}{asked[m.end() :]}".rstrip(" ?").replace("  ", " ")


# "… in Istanbul?", "… at the Kremlin?": where a question puts what it asks about.
_ASKED_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]+)")


def placed_elsewhere(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` has the subject of a yes/no question do what it asks, in another place than asked.

    "Did Putin make his offer of direct talks while he was in Istanbul?" is
    answered no by "Putin made the statement during a late-night meeting with
    journalists in the Kremlin on May 11" (fresh44 q1025).  The place asked
    about must be missing from the sentence, and the sentence must name
    another, after "in" or "at".
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    if (deed := asked_deed(asked)) is None:
        return False
    # "in May" is a time, not a place.
    places = [fold(p) for p in _ASKED_PLACE.findall(asked) if p not in MONTHS]
    if not places:
        return False
    said = fold(sentence)
    if any(p in said for p in places) or not _did(_who(deed[0]), _stems(fold(deed[1])), said):
        return False
    return any(fold(p) not in places and p not in MONTHS for p in _ASKED_PLACE.findall(sentence))


# "Did the ceasefire stop …?", "Was there a ceasefire …?": what a yes/no question takes to exist.
_ASKED_THING = re.compile(
    r"^\s*(?:did|does|do|has|have|had|was|were|is|are|will|would|could|can)\s+"
    r"(?:there\s+)?(?:the|a|an)\s+((?:[\w-]+\s+)?[\w-]+)",
    re.IGNORECASE,
)
# How a sentence says a thing was not there.
_LACK_OF = r"\b(?:lack\s+of|absence\s+of|without|no)\s+(?:a\s+|an\s+|the\s+|any\s+)?(?:[\w-]+\s+)?"


def lacking(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` says the thing a yes/no question takes to exist was not there.

    "Did the ceasefire succeed in stopping new Russian attacks on May 12?" is
    answered no by "The lack of a ceasefire has already led to new attacks: on
    May 12, …" (fresh45 q1059); the model said yes.  The thing is the
    question's subject, right after its auxiliary; the sentence must also share
    two of the question's other words, so that it is about the same events.  A
    question that itself speaks of the lack ("Did the lack of a ceasefire …?")
    is agreed with, not denied.
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    if re.search(_LACK_OF, asked, re.IGNORECASE):
        return False
    m = _ASKED_THING.match(asked)
    if m is None:
        return False
    # "the Istanbul talks" or "the ceasefire succeed": either word may be the thing.
    things = [w.lower() for w in m.group(1).split() if len(w) >= 4]
    thing = next((w for w in things if re.search(_LACK_OF + re.escape(w) + r"\b", sentence, re.IGNORECASE)), None)
    if thing is None:
        return False
    rest = {w for w in content_words(asked) if not w.startswith(thing[:5])}
    return len(matching_words(rest, content_words(sentence))) >= 2


# "… limited to land activities?", "Did it only cover land?": what a yes/no question asks is all there is.
# Other words for the domains a ceasefire covers.
_DOMAIN = {
    "sky": "air",
    "skies": "air",
    "airspace": "air",
    "seas": "sea",
    "maritime": "sea",
    "naval": "sea",
    "ground": "land",
}
_ONLY_ASKED = re.compile(
    r"\b(?:(?:limited|restricted|confined)\s+to|(?:only|solely|exclusively|just)\s+"
    # "only meant to cover fighting on land" (fresh71 q1579); "only about ground combat", the rewrite of
    # Italian "riguardava solo i combattimenti a terra" (fresh72 q1588).
    r"(?:(?:meant|intended|supposed|designed|planned)\s+)?(?:to\s+)?"
    # "just meant for the ground fighting, right?" (fresh75 q1651).
    r"(?:cover(?:ed|s|ing)?|include[ds]?|including|appl(?:y|ied|ies)\s+to|about|for|concern(?:ed|s|ing)?|involv(?:e|ed|es|ing))"
    # "meant to cover only air attacks" (fresh50 q1149)
    r"|(?:cover(?:ed|s|ing)?|include[ds]?|appl(?:y|ied|ies)\s+to)\s+(?:only|solely|exclusively|just))"
    r"\s+(?:the\s+)?([\w-]{3,})"
    # "meant to cover only the fighting on land" (fresh60 q1348): where the fighting is, is the thing.
    r"(?:\s+(?:on|in|at|by|from)\s+(?:the\s+)?([\w-]{3,}))?",
    re.IGNORECASE,
)


def wider(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` lists more than the one thing a yes/no question asks is all there is.

    "Was the ceasefire proposed by the coalition limited to land activities?"
    is answered no by "The proposed truce is intended to be comprehensive,
    covering land, air, and sea." (fresh46 q1074, in Polish); the model said
    yes.  The thing must be one item of a list in the sentence, and the
    sentence must share another of the question's words (a ceasefire is a
    truce), so that it is about the same thing.
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    if (m := _ONLY_ASKED.search(asked)) is None:
        return False
    item = r"[\w-]+"
    # "limited to the skies" asks about the air of "covering land, air, and sea" (fresh68 q1515).
    things = {_DOMAIN.get(g.lower(), g.lower()) for g in m.groups() if g}
    for word in things:
        thing = re.escape(word)
        # "land, air, and sea", "land and sea", "air, land": the thing first, or later in the list.
        first = rf"\b{thing}\b\s*(?:,\s*{item}\s*)*,?\s+(?:and|or)\s+{item}"
        later = rf"\b{item}\s*,\s*(?:{item}\s*,\s*)*(?:and\s+|or\s+)?{thing}\b"
        if re.search(f"{first}|{later}", sentence, re.IGNORECASE):
            rest = with_same_meaning({w for w in content_words(asked) if w not in things})
            return bool(matching_words(rest, content_words(sentence)))
    return False


# "… hold off on the talks until a ceasefire was in place?": a call to wait for something.
_ASKS_WAIT = re.compile(
    r"\b(?:hold(?:ing)?\s+off|wait\w*|delay\w*|postpon\w*|put(?:ting)?\s+off|hold(?:ing)?\s+back)\b"
    r"(?P<thing>[^?]*?)\b(?:until|till|before)\b"
)
_AT_ONCE = re.compile(r"\b(?:immediately|without\s+delay|right\s+away|at\s+once|without\s+(?:any\s+)?preconditions)\b")
_URGING = ("call", "urg", "tell", "told", "ask", "demand", "insist")


def hurried(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` has the subject of a yes/no question urge at once what it asks they urged to wait for.

    "Did Trump tell Ukraine to hold off on the Istanbul talks until a
    ceasefire was in place?" is answered no by "Trump, in turn, called on
    Ukraine to immediately agree to talks" (fresh67 q1499); the model said
    yes.  The sentence must name what was to wait (the talks).
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    wait = _ASKS_WAIT.search(fold(asked))
    if wait is None or (deed := asked_deed(asked)) is None:
        return False
    said = fold(sentence)
    if not _AT_ONCE.search(said) or not _did(_who(deed[0]), _URGING, said):
        return False
    # What was to wait: "the Istanbul talks" of "hold off on the Istanbul talks until …".
    return bool(matching_words(with_same_meaning(content_words(wait.group("thing"))), content_words(sentence)))


# "… say trump was against him going …?": who was against, as the question puts it.
_AGAINST_ASKED = re.compile(
    r"\b([a-z][\w’'-]+)\s+(?:was|were|is|are|had\s+been)\s+(?:against|opposed\s+to)\b"
    r"|\b(?:was|were|is|are)\s+([a-z][\w’'-]+)\s+(?:against|opposed\s+to)\b"
)
_SUPPORT_FROM = r"\b(?:support|backing|approval|endorsement)\s+from\s+(?:[\w.’'-]+\s+){0,4}"


def stance_reversed(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` has someone a yes/no question says was against a thing support it.

    "did zelensky say trump was against him going to istanbul in person?" is
    answered no by "… his decision to personally participate in negotiations
    … in Istanbul … received full support from US President Donald Trump …"
    (fresh74 q1626); the model said "Yes", quoting it.  The sentence must share
    two of the question's other words, so that it is about the same thing.
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    m = _AGAINST_ASKED.search(fold(asked))
    if m is None:
        return False
    who, said = _who(m.group(1) or m.group(2)), fold(sentence)
    if not (_did(who, _SIDING_FOR, said) or re.search(_SUPPORT_FROM + re.escape(who), said)):
        return False
    if _did(who, _SIDING_AGAINST, said):
        return False
    rest = {w for w in content_words(asked) if not w.startswith(who)} - {"against", "opposed", "say", "said"}
    return len(matching_words(rest, content_words(sentence))) >= 2


# Whose idea something was, as a question puts it: "ukraine's idea", "the initiative of Kyiv", "proposed by Zelensky".
_ASKS_INITIATOR = re.compile(
    r"\b([\w’'-]+)['’]s\s+(?:own\s+)?(?:idea|initiative|proposal|suggestion)\b"
    r"|\b(?:idea|initiative|proposal|suggestion)\s+of\s+([\w’'-]+)"
    r"|\b(?:initiated|proposed|suggested|launched|started)\s+by\s+([\w’'-]+)"
)
_INITIATED_BY = re.compile(r"\b(?:initiated|proposed|suggested|launched)\s+by\s+(?:the\s+)?([\w’'-]+)")


def initiated_otherwise(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` has another party start what a yes/no question says was one party's idea.

    "so the istanbul talks were originally ukraine's idea, right?" is answered
    no by "The talks in Istanbul were initiated by Russia on May 11." (fresh76
    q1666; the model agreed).  The sentence must share another of the
    question's words, so that it is about the same thing.
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    folded = fold(asked)
    m = _ASKS_INITIATOR.search(folded)
    if m is None:
        return False
    who = next(g for g in m.groups() if g)
    by = _INITIATED_BY.search(fold(sentence))
    ours, theirs = _parties(who), _parties(by.group(1)) if by else set()
    if not ours or not theirs or ours & theirs:
        return False
    rest = with_same_meaning(content_words(asked) - content_words(who))
    return bool(matching_words(rest - {"idea", "originally", "initiative"}, content_words(sentence)))


# Asked whether someone took something up: "did Peskov … accept …?", "… welcome …?".
_ASKS_ACCEPTED = re.compile(
    r"\b(?:accept\w*|agree[sd]?|approv\w*|endors\w*|embrac\w*|welcom\w*|back(?:s|ed)?|support(?:s|ed)?)\b"
)
# Putting it off: "Russia needs to "think about" it, but remains "resistant" to pressure".
_PUT_OFF = re.compile(r"\bthink\W+about\b|\bresistant\b|\bneeds?\s+(?:more\s+)?time\b")


def hesitant(question: str, sentence: str, english: str = "") -> bool:
    """Whether ``sentence`` puts off what a yes/no question asks was accepted, by whom it names.

    "did peskov tell cnn that russia accepts the european ceasefire
    proposal?" is answered no by "… Peskov, in an interview with CNN,
    responded to the European and Ukrainian ceasefire initiative by stating
    that Russia needs to "think about" it, but remains "resistant" to
    pressure." (fresh72 q1586; the model's draft was "found in [1]").  The
    sentence must share two of the question's other words (who, and what),
    and name everyone the question names: "did Russia accept Zelensky's
    demand …?" asks about another thing, which Moscow rejected.  Agreeing
    *on* something is two sides agreeing, not one taking up another's offer.
    """
    if (asked := _yes_no_read(question, english)) is None:
        return False
    folded = fold(asked)
    took = _ASKS_ACCEPTED.search(folded)
    if took is None or re.match(r"\s+(?:on|upon)\b", folded[took.end() :]):
        return False
    said = fold(sentence)
    if not _PUT_OFF.search(said):
        return False
    named = {fold(w) for w in re.findall(r"(?<=\s)[A-Z][\w’'-]+", asked.strip())} - {fold(m) for m in MONTHS}
    if any(not re.search(rf"\b{re.escape(n[:5])}", said) for n in named):
        return False
    rest = with_same_meaning(content_words(asked) - {took.group()})
    return len(matching_words(rest, content_words(sentence))) >= 2


def titled_otherwise(question: str, found: Sequence[Holder]) -> Holder | None:
    """The first mention that titles the one person a yes/no question names, when it gives them another body.

    "Is Dmitry Peskov described in the articles as the spokesperson of the
    Russian Foreign Ministry?" (fresh46 q1066): the documents title him
    "Kremlin spokesperson"; the Foreign Ministry's is Zakharova.  The model
    said yes.  The body asked about ("foreign ministry") must be one the
    documents title someone by, and not his; the Kremlin and the president's
    office are one.  So is a mention that makes him an envoy for another
    party than asked (``_titled_for_another``).
    """
    if not asks_yes_no(question):
        return None
    # Whose envoy he is asked to be names no one asked about ("trumps special envoy", fresh90 q1952).
    owned = _TITLE_OWNER.sub(" ", question)
    named = {fold(h.name.split()[-1]) for h in found if mentions(owned, h.name.split()[-1])}
    if len(named) != 1:
        return None
    who = named.pop()
    if other := _titled_for_another(question, who, found):
        return other
    known = bodies(found)
    asked = [b for b in known if b <= content_words(question)]
    his = [b for b, members in known.items() if who in members]
    if not asked or not his or any(who in known[b] or any(b | h <= KREMLIN for h in his) for b in asked):
        return None
    return next((h for h in found if fold(h.name.split()[-1]) == who and h.qualifiers & set().union(*his)), None)


# Someone sent to speak for another: "Trump's special representative for Ukraine".
_ENVOY = r"(?:representative|envoy|ambassador)"
_TITLE_OWNER = re.compile(rf"\b[\w’']+\s+(?=(?:special\s+)?{_ENVOY}\b)", re.IGNORECASE)


def _titled_for_another(question: str, who: str, found: Sequence[Holder]) -> Holder | None:
    """A mention that titles ``who`` an envoy or a representative for another party than the question asks.

    "is keith kellogg trumps special envoy for russia" (fresh90 q1952): the
    documents title him "Trump's special representative for Ukraine", and the
    answer quoted him without a "no".
    """
    asked = _TITLE_FOR.search(question)
    wanted = _parties(asked.group()) if asked else set()
    if not wanted:
        return None
    for h in found:
        if fold(h.name.split()[-1]) == who:
            given = {p for m in _TITLE_FOR.finditer(h.sentence) for p in _parties(m.group())}
            if given and not given & wanted:
                return h
    return None


# The parties of the documents' events, by any word that names them: a country, its capital or
# government, or its leader.
_PARTIES: dict[str, re.Pattern[str]] = {
    "russia": re.compile(r"\b(?:russia|moscow|kremlin|putin)", re.I),
    "ukraine": re.compile(r"\b(?:ukrain|kyiv|kiev|zelensk)", re.I),
    "united states": re.compile(r"\b(?:u\.s\.|us\b|united\s+states|americ|washington|trump)", re.I),
    "turkey": re.compile(r"\b(?:turk|türk|ankara|erdo[gğ]an)", re.I),
    "france": re.compile(r"\b(?:france|french|paris|macron)", re.I),
}


def _parties(text: str) -> set[str]:
    """The parties ``text`` names, by any word for them."""
    return {name for name, pattern in _PARTIES.items() if pattern.search(text)}


_TITLE_FOR = re.compile(rf"\b{_ENVOY}\s+(?:for|to)\s+[\w’'-]+", re.IGNORECASE)


def swapped_party(question: str, answer: str, quotes: Sequence[str]) -> bool:
    """Whether a "yes" to a yes/no question puts another party where the question named one.

    "Did Trump urge Russia to agree to talks immediately, according to
    Reuters?" was answered "Yes, … Trump called on Ukraine to immediately
    agree to talks" (fresh47 q1089, asked in Polish): the answer and the
    sentences it cite name Ukraine and not Russia.
    """
    if not asks_yes_no(question) or not opens_yes(answer) or not quotes:
        return False
    # A party in someone's title is not a side taken: "Did Trump's special representative for Ukraine side
    # with Putin …?" was answered "Yes, … Kellogg, voiced support for Zelenskyy's position" (fresh64 q1439).
    asked, answered, cited = (
        _parties(_TITLE_FOR.sub(" ", text)) for text in (question, unmarked(answer), " ".join(quotes))
    )
    dropped, added = asked - answered - cited, (answered & cited) - asked
    return bool(dropped and added)


# "without any preconditions", "no ceasefire": a thing said not to be there; "is not preceded by
# negotiations", "did not attend": a deed said not to be done.
_DENIED_THING = re.compile(
    r"\b(?:without|no|not\s+any|never\s+any"
    r"|(?:is|are|was|were|be|been|do|does|did|should|must|will|would|can|could)\s+(?:not|never)"
    # "… a ceasefire does not appear to have been discussed" (fresh57 q1295).
    r"(?:\s+(?:appear|seem)\s+to)?(?:\s+(?:have\s+)?be(?:en)?)?)"
    r"\s+(?:any\s+)?[‘'\"“]?([\w-]{5,})",
    re.IGNORECASE,
)


def negated_yes(question: str, answer: str) -> bool:
    """Whether a "yes" to a yes/no question goes on to deny the thing it asks about.

    "Did Putin attach any preconditions to the ceasefire he was proposing?"
    was answered "Yes, Putin emphasized that the proposal includes a ceasefire
    'without any preconditions'." (fresh48 q1109).  The thing is a word of the
    question (of five letters or more) that the answer writes after
    "without", "no" or "not any", and the question does not; or a deed it
    says was not done: "Yes: “An unconditional ceasefire is not preceded by
    negotiations.”" to whether Macron said negotiations should precede one
    (fresh52 q1187, in English).
    """
    if not asks_yes_no(question) or not opens_yes(answer):
        return False
    asked = {w for w in content_words(question) if len(w) >= 5}
    negated_in_question = {fold(m.group(1)) for m in _DENIED_THING.finditer(question)}
    return any(
        matching_words({fold(m.group(1))}, asked) and fold(m.group(1)) not in negated_in_question
        for m in _DENIED_THING.finditer(unmarked(answer))
    )


# "Did Macron say that negotiations should precede a ceasefire?": who said it, and what.
_SAID_THAT_ASKED = re.compile(
    r"^\s*(?i:did|does|has|had)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s+)+)(?:[a-z]+ly\s+)?"
    r"(?i:say|said|state|stated|declare|declared|claim|claimed|announce|announced|insist|insisted)\s+"
    r"(?i:that\s+)?(.+?)\s*\??\s*$"
)


def said_otherwise(question: str, sentence: str, before: str = "") -> bool:
    """Whether ``sentence`` has the one a *did X say that …* question names say that the thing asked was not done.

    "Did Emmanuel Macron declare that negotiations should precede a ceasefire?"
    is answered no by "“An unconditional ceasefire is not preceded by
    negotiations.”", which the line before it gives to him ("… Macron also
    said:") (fresh52 q1187).  The deed is a word of the clause asked (five
    letters or more) that the sentence writes after "is not", "did not" and the
    like, and the clause does not; the sentence must share two more of its words.
    """
    m = _SAID_THAT_ASKED.match(question)
    if m is None:
        return False
    who, clause = _who(m.group(1)), m.group(2)
    if who not in fold(sentence) and not (before.rstrip().endswith(":") and who in fold(before)):
        return False
    asked = {w for w in content_words(clause) if len(w) >= 5}
    negated_in_clause = {fold(d.group(1)) for d in _DENIED_THING.finditer(clause)}
    denied = {
        fold(d.group(1))
        for d in _DENIED_THING.finditer(sentence)
        if matching_words({fold(d.group(1))}, asked) and fold(d.group(1)) not in negated_in_clause
    }
    if not denied:
        return False
    rest = {w for w in content_words(clause) if not matching_words({w}, denied)}
    return len(matching_words(rest, content_words(sentence))) >= 2


# What else states a verb a news question asks about (by the form after "did"), beside its
# stem: an irregular past, the noun for *fly* ("Trump's flight to Istanbul"), and for
# putting words online any verb for it.
# The irregular past of the verbs news questions ask about: "Putin made his offer …" repeats
# "Did Putin make his offer …?" (fresh44 q1025).
_PAST_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "speak": ("spoke",),
    "tell": ("told",),
    "meet": ("met",),
    "go": ("went", "gone"),
    "come": ("came",),
    "fly": ("flew", "flown"),
    "make": ("made",),
    "take": ("took",),
    "give": ("gave",),
    "hold": ("held",),
    "send": ("sent",),
    "leave": ("left",),
    "write": ("wrote", "written"),
    "begin": ("began", "begun"),
    "run": ("ran",),
    "see": ("saw",),
    "know": ("knew",),
    "think": ("thought",),
    "bring": ("brought",),
    "lead": ("led",),
    "win": ("won",),
    "seek": ("sought",),
    "buy": ("bought",),
}
_STATED_BY: dict[str, tuple[str, ...]] = {
    **_PAST_FORMS,
    # Speaking to someone is stated by a statement or a meeting with them: "Putin made the statement
    # during a late-night meeting with journalists" (fresh21 q573, asked in German).
    "speak": ("spoke", "statement", "meeting with", "interview"),
    "talk": ("talked", "spoke", "statement", "meeting with", "interview"),
    "fly": ("flew", "flown", "flight"),
    "write": ("wrote", "writt"),
    # A place put forward by any word for it (``_PROPOSED_PLACE`` asks them all as "propose").
    "propose": ("suggest", "offer"),
    # Putting words online is stated by any verb for it: "When did Zelenskyy post …" by
    # "Zelenskyy published a joint statement on his Telegram channel".
    "post": ("publish", "tweet", "wrote", "writt"),
    "tweet": ("post", "publish", "wrote", "writt"),
    "publish": ("post", "tweet"),
    # What someone wanted is stated by what they proposed or planned: "When did Putin want to start direct
    # negotiations?" by "We propose to begin without delay – next Thursday, May 15" (fresh90 q1942, German).
    "want": ("propos", "plan", "intend", "wish", "offer", "ready", "readiness", "seek"),
}

# A post quoted in an article is signed "— Volodymyr Zelenskyy (@ZelenskyyUa) May 11, 2025":
# the handle beside the name says that they posted, wrote or said it.
_POSTING = frozenset("post tweet publish write say".split())
_HANDLE = re.compile(r"\(@\w+\)")


# "Whose concert was it, and in which country?": two questions in one, each with its question word.
_TWO_ASKED = re.compile(
    # Or asked one after the other: "Who was the US State Department spokesperson? What did she say about
    # it?", the rewrite of a Korean question asked as one (fresh65 q1459, answered "Tammy Bruce").
    r"\b(?P<first>who|whom|whose|which|what|when|where|how|why)\b[^?]*?(?:(?:,\s*|\s)and\s+|(?P<apart>\?)\s*(?:and\s+)?)"
    r"(?P<rest>(?:(?:in|on|at|from|to|with|for|by)\s+)?(?P<second>who|whom|whose|which|what|when|where|how|why))\b",
    re.IGNORECASE,
)


def _two_asked(question: str) -> re.Match[str] | None:
    """Where a second question starts after a first; asked apart, it must point back at the first.

    The checks read the question followed by its rewrite: "Which CNN journalist conducted that
    interview? Who conducted the interview with Dmitry Peskov on May 10?" is one question twice
    (fresh38 q938), while "… ? What did they say about it?" asks a second thing of the first's answer.
    """
    for m in _TWO_ASKED.finditer(question):
        if not m.group("apart"):
            return m
        second = question[m.start("second") :].split("?", 1)[0]
        if m.group("first").lower() != m.group("second").lower() and _POINTS_BACK.search(second):
            return m
    return None


_POINTS_BACK = re.compile(r"\b(?:he|she|they|it|him|her|them|his|its|their)\b", re.IGNORECASE)


def points_back(question: str) -> bool:
    """Whether ``question`` names what it asks about by a pronoun ("What did she say about it?", "Which
    outlet reported this?")."""
    return _POINTS_BACK.search(question) is not None or _THIS_OR_THAT.search(question) is not None


# "this", "these", "there", or "that" closing the question: "that" before a clause is a conjunction.
_THIS_OR_THAT = re.compile(r"\b(?:this|these|those|there)\b|\bthat\s*[?.!]*$", re.IGNORECASE)


def second_asked(question: str) -> str:
    """The second of two questions asked as one ("… and what did she say …?"), from its question word; or ""."""
    m = _two_asked(question)
    if m is None:
        return ""
    end = question.find("?", m.end())
    return question[m.end() - len(m.group().split()[-1]) : end if end >= 0 else len(question)]


# "the difference between what Peskov said and what Ushakov said": one question, two clauses.
_ONE_COMPARISON = re.compile(r"\b(?:between|differ\w*|compar\w*|both|each|either|neither)\b", re.IGNORECASE)


def split_two(question: str) -> tuple[str, str] | None:
    """The two questions of one that asks two things, each to be asked on its own; or None.

    "how much did KTZ spend on new workwear, and who got appointed head of the
    domestic policy department?" is "how much did KTZ spend on new workwear?"
    and "who got appointed head of the domestic policy department?".  Each part
    must be a question of its own, of three words or more ("When and where did
    …?" shares its verb and is not split), and a comparison is one question.
    """
    m = _two_asked(question)
    if m is None or _ONE_COMPARISON.search(question):
        return None
    first = question[: m.start("rest")].rstrip()
    first = re.sub(r"(?:,?\s*\band|[,;?])+$", "", first, flags=re.IGNORECASE).strip()
    second = question[m.start("rest") :].strip()
    second = second.split("?", 1)[0].strip()
    if len(first.split()) < 3 or len(second.split()) < 3:
        return None
    # "Which outlet reported this?" asked after its first part came back from the rewrite as it was, and was
    # searched alone: Politico, for another call (fresh74 q1633).  "he" or "its" is named again; "this" is not.
    if _THIS_OR_THAT.search(second):
        return None
    return f"{first}?", f"{second[0].upper()}{second[1:]}?"


def answers_one_of_two(question: str, answer: str) -> str | None:
    """A question that asks two things answered by one bare name: it answers one of them at most.

    "… about a denied concert ban. Whose concert was it, and in which country?"
    was answered "Kyrgyzstan" (fresh19 q532); "Who is credited as the original
    author …, and what is the source of its photo?" was answered "Rustam
    Muratov" (fresh36 q862).
    """
    text = unmarked(answer).strip(" .")
    if not _two_asked(question) or not _latin(text) or len(text.split()) > 4:
        return None
    return HALF_ANSWERED if _NAME_RUN.fullmatch(text) else None


def off_target(question: str, answer: str, passages: list[str]) -> str | None:
    """The first reason the answer does not answer ``question``, or None."""
    return (
        adds_nothing(question, answer)
        or refers_back(question, answer)
        or miscounts(question, answer, passages)
        or lacks_figure(question, answer)
        or names_nobody(question, answer)
        or object_as_doer(question, answer)
        or unnamed_items(question, answer)
        or answers_one_of_two(question, answer)
        or lacks_duration(question, answer)
        or lacks_date(question, answer)
        or lacks_time(question, answer)
        or lacks_place(question, answer)
        or names_set_aside(question, answer)
        or estimates(question, answer)
        or unquoted(question, answer, passages)
        or miscredits(question, answer, passages)
        or states_no_outcome(question, answer)
    )
