"""Calendar dates as the documents write them, the days between two of them, and the weekday of one.

The packaged 1.5B model does not count: asked how many days lay between
Putin's announcement (May 11) and the date he proposed (May 15), it answered
"13 days", "14 days" or "30 days". It does find the dates when asked for
them, so the model picks the two dates and the count is done here.  Nor
does it know the calendar: asked on which weekday the coalition met (May
10, 2025, a Saturday), it gave a weekday some passage wrote beside another
date, or none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_M = "|".join(MONTHS)
# "May 15", "May 15, 2025", "15 May", "15 May 2025".
_DATE = re.compile(
    rf"\b(?:({_M})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?|(\d{{1,2}})\s+({_M})(?:,?\s+(\d{{4}}))?)\b"
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# Without a year written anywhere, a common year: February has 28 days.
_COMMON_YEAR = 2001

# "How many days were there between …", "how many days before the talks …": a count of days
# between two dated events.  Not "how many days did the ceasefire last" (a stated length).
_DAYS_BETWEEN = re.compile(
    r"\bhow many days\b.*\b(?:between|before|after|later|earlier|passed|elapsed|separated?|until|since)\b",
    re.IGNORECASE | re.DOTALL,
)


def asks_days_between(question: str) -> bool:
    """A question that asks for the number of days between two events."""
    return bool(_DAYS_BETWEEN.search(question))


def _written(text: str) -> Iterator[tuple[str, str | None]]:
    """Each date written in ``text`` as "May 15", with the year written beside it, if any."""
    for m in _DATE.finditer(text):
        month, day, year = m.group(1, 2, 3) if m.group(1) else m.group(5, 4, 6)
        if 1 <= int(day) <= 31:
            yield f"{month} {int(day)}", year


def dates_in(text: str) -> list[str]:
    """The calendar dates written in ``text``, each once, as "May 15", in order of first mention."""
    return list(dict.fromkeys(day for day, _ in _written(text)))


def year_of(day: str, text: str) -> int:
    """The year ``text`` gives ``day`` ("May 15"): written beside it, else the year most written, else a common one."""
    beside = [year for written, year in _written(text) if written == day and year]
    if beside:
        return int(Counter(beside).most_common(1)[0][0])
    years = Counter(_YEAR.findall(text))
    return int(years.most_common(1)[0][0]) if years else _COMMON_YEAR


def as_date(day: str, text: str) -> date | None:
    """``day`` ("May 15") as a date in the year ``text`` gives it; None for an impossible one (February 30)."""
    month, n = day.split()
    try:
        return date(year_of(day, text), MONTHS.index(month) + 1, int(n))
    except ValueError:
        return None


def dated_year(day: str, text: str) -> int | None:
    """The year of ``day`` ("May 10"): written beside it, else the year most written beside any date; else None.

    Stricter than :func:`year_of`: a weekday is wrong in any other year, and a
    year written alone ("by 2026") is as often about something else.
    """
    beside = [year for written, year in _written(text) if written == day and year]
    dated = beside or [year for _, year in _written(text) if year]
    return int(Counter(dated).most_common(1)[0][0]) if dated else None


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday(day: str, text: str) -> tuple[str, int] | None:
    """The day of the week of ``day`` ("May 10") and its year, as ``text`` dates it; None without a year."""
    year = dated_year(day, text)
    if year is None:
        return None
    month, n = day.split()
    try:
        return WEEKDAYS[date(year, MONTHS.index(month) + 1, int(n)).weekday()], year
    except ValueError:
        return None


_WEEKDAY = "|".join(WEEKDAYS)
# "Thursday, May 15", "Monday 12 May": a weekday the text dates itself.
_WEEKDAY_DATED = re.compile(rf"\b({_WEEKDAY}),?\s+(?:({_M})\s+(\d{{1,2}})|(\d{{1,2}})\s+({_M}))\b")
# A weekday with no date after it: "on Thursday in Istanbul", not "Thursday, May 15" nor "Thursday (May 15)".
_WEEKDAY_BARE = re.compile(rf"\b({_WEEKDAY})\b(?![,\s(]*(?:{_M}|\d))")


def dated_weekdays(text: str, years: str = "") -> dict[str, str]:
    """Each weekday ``text`` writes beside a date ("Thursday, May 15"), and that date.

    The year comes from ``years`` (the whole article) when given, else from
    ``text``.  A weekday written beside two dates (two weeks), or beside a
    date the calendar gives another weekday, is left out: it dates nothing.
    """
    found: dict[str, set[str]] = {}
    for m in _WEEKDAY_DATED.finditer(text):
        name = m.group(1)
        month, n = m.group(2, 3) if m.group(2) else m.group(5, 4)
        day = f"{month} {int(n)}"
        named = weekday(day, years or text)
        found.setdefault(name, set()).add(day if named is not None and named[0] == name else "")
    return {name: days.pop() for name, days in found.items() if len(days) == 1 and "" not in days}


def bare_weekdays(text: str) -> list[re.Match[str]]:
    """The weekdays ``text`` names without a date after them ("on Thursday in Istanbul")."""
    return list(_WEEKDAY_BARE.finditer(text))


# "On what day of the week …", "Wochentag", "день недели": the weekday of one dated event.
_WEEKDAY_ASKED = re.compile(
    r"\bday\s+of\s+the\s+week\b|\bweekday\b|\bwochentag\w*|\bдень\s+(?:недели|тижня)\b"
    r"|\bd[ií]a\s+de\s+la\s+semana\b|\bjour\s+de\s+la\s+semaine\b|\bgiorno\s+della\s+settimana\b"
    r"|\bdzie[nń]\s+tygodnia\b",
    re.IGNORECASE,
)


def asks_weekday(question: str) -> bool:
    """A question that asks on which day of the week something happened."""
    return bool(_WEEKDAY_ASKED.search(question))


def days_between(first: str, second: str, text: str) -> int | None:
    """Whole days from one date to the other, in the years ``text`` gives them; None when one is impossible."""
    a, b = as_date(first, text), as_date(second, text)
    if a is None or b is None:
        return None
    return abs((b - a).days)
