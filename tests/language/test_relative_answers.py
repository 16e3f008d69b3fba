"""Issue 15: relative answers inside a sentence, read against the date being discussed."""

from datetime import date as d

import pytest

from actions.language import parse_date

TODAY = d(2026, 12, 2)
REPORTED = d(2026, 11, 14)


@pytest.mark.parametrize("text, expected", [
    ("yes, the same day", REPORTED),
    ("the same day", REPORTED),
    ("that night", REPORTED),
    ("same night yeah", REPORTED),
    ("it happened the night before", d(2026, 11, 13)),
    ("no, it was the day before", d(2026, 11, 13)),
    ("the night before, the 13th", d(2026, 11, 13)),
    ("the 13th", d(2026, 11, 13)),
    ("two days before", d(2026, 11, 12)),
])
def test_relative_answers_in_context(text, expected):
    reading = parse_date(text, TODAY, context=REPORTED)
    assert reading.ok, reading
    assert reading.value == expected


def test_a_couple_of_days_before_is_a_range_around_two_days():
    reading = parse_date("a couple of days before", TODAY, context=REPORTED)
    assert reading.ok and reading.precision == "approximate"
    assert reading.earliest <= d(2026, 11, 12) <= reading.latest < REPORTED


def test_relative_to_a_rough_date_keeps_the_range():
    reading = parse_date("the same day", TODAY, context=(d(2026, 10, 1), d(2026, 10, 10)))
    assert (reading.earliest, reading.latest) == (d(2026, 10, 1), d(2026, 10, 10))


def test_without_context_a_relative_answer_is_not_guessed():
    assert not parse_date("the same day", TODAY).ok


def test_day_before_yesterday_is_still_read_from_today():
    assert parse_date("the day before yesterday", TODAY, context=REPORTED).value == d(2026, 11, 30)


@pytest.mark.parametrize("text", ["don't know", "not sure", "skip", "no idea", "can't remember"])
def test_dont_know_is_its_own_status(text):
    reading = parse_date(text, TODAY)
    assert reading.status == "dont_know" and not reading.ok
