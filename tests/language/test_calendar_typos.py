"""Month, weekday and holiday names typed wrong are still read; ordinary words are not dates."""

from datetime import date

import pytest

from actions.language import extract_reports, parse_date
from actions.language.words import fix_calendar_typos

TODAY = date(2026, 11, 20)  # a Friday


@pytest.mark.parametrize("said, expected", [
    ("last thrusday", date(2026, 11, 19)),
    ("wensday just gone", date(2026, 11, 18)),
    ("the 2nd of Octobre", date(2026, 10, 2)),
    ("bonfrie night", date(2026, 11, 5)),
    ("boxin day", date(2025, 12, 26)),
    ("14 Agust", date(2026, 8, 14)),
])
def test_misspelt_calendar_words_are_read(said, expected):
    assert parse_date(said, TODAY).value == expected


def test_a_misspelt_weekday_dates_a_report():
    (c,) = extract_reports("phoned the council last Saterday about the noise", TODAY)
    assert (c.reported_to, c.reported_date.value) == ("council", date(2026, 11, 14))


@pytest.mark.parametrize("text", [
    "they march up and down the road shouting",
    "I may ring the council about it",
    "he had a sundae and a Mondeo",
    "they park on the pavement most mondays",
    "she's a boxer and her friend is called Frida",
])
def test_ordinary_words_are_left_alone(text):
    assert fix_calendar_typos(text) == text


def test_modal_and_verb_are_not_months():
    (c,) = extract_reports("I may ring the council, they march past every night", TODAY)
    assert c.reported_to == "council" and c.reported_date is None


def test_yesterday_typed_wrong():
    assert parse_date("yestarday", TODAY).value == date(2026, 11, 19)


@pytest.mark.parametrize("said, expected", [
    ("the twelfth of November", date(2026, 11, 12)),
    ("October the twenty-second", date(2026, 10, 22)),
    ("the first of May", date(2026, 5, 1)),
])
def test_a_day_in_words_beside_its_month(said, expected):
    assert parse_date(said, TODAY).value == expected


@pytest.mark.parametrize("text", ["the second may be worse", "the first time they came", "the third march this year"])
def test_an_ordinal_word_away_from_a_month_is_left_alone(text):
    assert fix_calendar_typos(text) == text
