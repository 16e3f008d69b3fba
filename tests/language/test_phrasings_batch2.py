"""More phrasings: stretches of time, days that move, typed-wrong bodies, and what is not a report."""

from datetime import date

import pytest

from actions.language import extract_reports, parse_date
from actions.language.bodies import body_in


@pytest.mark.parametrize("said, today, likely, lo, hi", [
    ("shortly after Christmas", date(2027, 2, 1), date(2026, 12, 28), date(2026, 12, 26), date(2027, 1, 1)),
    ("the week before last", date(2026, 9, 16), date(2026, 9, 3), date(2026, 8, 31), date(2026, 9, 6)),
    ("the second week of August", date(2026, 9, 16), date(2026, 8, 11), date(2026, 8, 8), date(2026, 8, 14)),
])
def test_stretches(said, today, likely, lo, hi):
    r = parse_date(said, today)
    assert (r.value, r.earliest, r.latest) == (likely, lo, hi)


def test_weeks_back_is_weeks_ago():
    assert parse_date("three weeks back", date(2026, 9, 16)).value == date(2026, 8, 26)


def test_remembrance_sunday_is_the_second_sunday_of_november():
    assert parse_date("Remembrance Sunday", date(2027, 12, 1)).value == date(2027, 11, 14)


@pytest.mark.parametrize("text, body", [("I phoned the non-emergency line", "police"), ("rang the counsel", "council")])
def test_bodies(text, body):
    assert body_in(text) == body


@pytest.mark.parametrize("text", [
    "I meant to phone the council on Monday but never got round to it",
    "the housing officer wrote to them on the 9th",
])
def test_not_a_report(text):
    assert extract_reports(text, date(2026, 9, 16)) == []


def test_a_date_corrected_with_no_sorry_is_the_second():
    (c,) = extract_reports("the 8th, no sorry, the 9th I emailed the council", date(2026, 9, 16))
    assert c.reported_date.value == date(2026, 9, 9)


def test_an_exact_day_beside_a_loose_week_decides():
    (c,) = extract_reports("Tuesday 8th, last week, I rang the police", date(2026, 9, 16))
    assert c.reported_date.value == date(2026, 9, 8)
