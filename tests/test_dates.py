"""Dates as the documents write them, and the days between two of them (bot/dates.py)."""

from __future__ import annotations

import pytest

from bot.dates import (
    asks_days_between,
    asks_weekday,
    bare_weekdays,
    dated_weekdays,
    dated_year,
    dates_in,
    days_between,
    weekday,
)


def test_dates_are_found_in_each_written_form_once_in_order() -> None:
    text = "On May 15, 2025 in Istanbul. The May 10 talks in Kyiv; from 12 May. Again May 15. On March 3rd."
    assert dates_in(text) == ["May 15", "May 10", "May 12", "March 3"]


def test_a_number_that_is_no_day_of_a_month_is_no_date() -> None:
    assert dates_in("May 45 people and 2025 drones") == []


@pytest.mark.parametrize(
    ("first", "second", "text", "days"),
    [
        ("May 11", "May 15", "", 4),
        ("May 15", "May 10", "", 5),  # in either order
        # The year written beside a date counts, else the year most written, else a common year.
        ("February 28", "March 1", "", 1),
        ("February 28", "March 1", "In 2024 and again in 2024.", 2),
        ("February 28", "March 1", "on March 1, 2024 it began, 2023 aside", 2),
        ("February 30", "March 1", "", None),
    ],
)
def test_days_between_two_dates(first: str, second: str, text: str, days: int | None) -> None:
    assert days_between(first, second, text) == days


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How many days were there between Putin's announcement and the talks?", True),
        ("How many days before the Istanbul talks was the ceasefire supposed to begin?", True),
        ("how many days after the meeting in Kyiv did Putin speak?", True),
        ("How many days was the ceasefire supposed to last?", False),
        ("How many drones entered Ukrainian airspace?", False),
        ("What happened between May 11 and May 15?", False),
    ],
)
def test_a_question_that_counts_days_between_events(question: str, asks: bool) -> None:
    assert asks_days_between(question) is asks


def test_a_weekday_needs_a_year_the_documents_write_beside_a_date() -> None:
    text = "On May 10, the leaders met. — Zelenskyy, May 11, 2025. Production to rise by 2026."
    assert dated_year("May 10", text) == 2025  # beside another date; "by 2026" dates nothing
    assert weekday("May 10", text) == ("Saturday", 2025)
    assert weekday("May 12", "Monday, May 12, 2025") == ("Monday", 2025)
    assert weekday("May 10", "On May 10, the leaders met in 2026.") is None  # no year beside any date
    assert weekday("February 30", "February 1, 2025") is None


def test_a_weekday_is_dated_only_where_the_text_dates_it_once_as_the_calendar_agrees() -> None:
    text = "Talks next Thursday, May 15, in Istanbul, from Monday 12 May. Published May 11, 2025."
    assert dated_weekdays(text) == {"Thursday": "May 15", "Monday": "May 12"}
    assert dated_weekdays("Thursday, May 15 and Thursday, May 22, 2025.") == {}  # two weeks: no date
    assert dated_weekdays("Friday, May 15, 2025.") == {}  # the calendar says Thursday
    assert dated_weekdays("Thursday, May 15.") == {}  # no year: the calendar cannot agree
    assert dated_weekdays("Thursday, May 15.", years="May 11, 2025") == {"Thursday": "May 15"}


def test_a_bare_weekday_has_no_date_after_it() -> None:
    named = bare_weekdays("Talks on Thursday in Istanbul; on Monday, May 12; Friday (May 16); Sunday 18 May")
    assert [m.group() for m in named] == ["Thursday"]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("On what day of the week did Putin make his proposal?", True),
        ("What weekday was May 12?", True),
        ("An welchem Wochentag haben sich die Staats- und Regierungschefs getroffen?", True),
        ("На какой день недели приходилось 12 мая?", True),
        ("¿Qué día de la semana fue?", True),
        ("What day did Putin propose for the talks?", False),  # a date, not a weekday
        ("How many days passed between the meeting and the attack?", False),
    ],
)
def test_a_question_that_asks_for_a_day_of_the_week(question: str, asks: bool) -> None:
    assert asks_weekday(question) is asks
