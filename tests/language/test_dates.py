"""Each date form in rules §7, against fixed days (a Sunday in November, March, early January)."""

from datetime import date as d

import pytest
from hypothesis import given, settings, strategies as st

from actions.language import find_dates, parse_date

SUN = d(2026, 11, 22)  # Sunday
MAR = d(2026, 3, 15)  # Sunday
JAN = d(2026, 1, 5)  # Monday


@pytest.mark.parametrize(
    "said, today, value, precision",
    [
        ("15/2", SUN, d(2026, 2, 15), "exact"),
        ("15/2", JAN, d(2025, 2, 15), "exact"),  # no year: the most recent past one
        ("14/02/2026", SUN, d(2026, 2, 14), "exact"),
        ("3 March", SUN, d(2026, 3, 3), "exact"),
        ("3rd of March", JAN, d(2025, 3, 3), "exact"),
        ("March 3rd", SUN, d(2026, 3, 3), "exact"),
        ("the 21st", SUN, d(2026, 11, 21), "exact"),
        ("yesterday", JAN, d(2026, 1, 4), "exact"),
        ("last night", SUN, d(2026, 11, 21), "exact"),
        ("last Tuesday", SUN, d(2026, 11, 17), "exact"),
        ("on Friday", SUN, d(2026, 11, 20), "exact"),
        ("Bonfire Night", SUN, d(2026, 11, 5), "exact"),
        ("Bonfire night", d(2026, 3, 1), d(2025, 11, 5), "exact"),
        ("Boxing Day", JAN, d(2025, 12, 26), "exact"),
        ("Christmas Eve", SUN, d(2025, 12, 24), "exact"),
        ("New Year's Eve", JAN, d(2025, 12, 31), "exact"),
        ("a fortnight ago", SUN, d(2026, 11, 8), "approximate"),
        ("3 weeks ago", SUN, d(2026, 11, 1), "approximate"),
        ("three weeks ago", SUN, d(2026, 11, 1), "approximate"),
        ("early March", SUN, d(2026, 3, 5), "approximate"),
        ("in March", SUN, d(2026, 3, 16), "month"),
    ],
)
def test_forms_residents_use(said, today, value, precision):
    reading = parse_date(said, today)
    assert reading.status == "ok", reading.question
    assert reading.value == value
    assert reading.precision == precision


def test_weekend_phrases_are_ranges():
    r = parse_date("the weekend before last", SUN)
    assert (r.earliest, r.latest, r.precision) == (d(2026, 11, 7), d(2026, 11, 8), "approximate")
    r = parse_date("last weekend", SUN)
    assert (r.earliest, r.latest) == (d(2026, 11, 14), d(2026, 11, 15))
    r = parse_date("last weekend", d(2026, 11, 25))  # a Wednesday
    assert (r.earliest, r.latest) == (d(2026, 11, 21), d(2026, 11, 22))


def test_vague_dates_carry_a_range():
    r = parse_date("round about the 10th", SUN)
    assert r.precision == "approximate" and r.earliest == d(2026, 11, 8) and r.latest == d(2026, 11, 12)
    r = parse_date("before Christmas", MAR)
    assert (r.earliest, r.latest) == (d(2025, 12, 1), d(2025, 12, 24))
    r = parse_date("a couple of weeks ago", SUN)
    assert r.precision == "approximate" and r.earliest < r.value < r.latest


def test_ambiguous_numbers_are_read_back_in_words():
    r = parse_date("03/04", SUN)
    assert r.status == "ambiguous" and r.value == d(2026, 4, 3)
    assert "Friday 3 April 2026" in r.question
    assert parse_date("05/05", SUN).status == "ok"  # same either way round


@pytest.mark.parametrize(
    "said, status",
    [("31/02", "impossible"), ("30/2/2026", "impossible"), ("4/13", "not_uk"), ("tomorrow", "future"),
     ("25/12/2026", "future"), ("hello there", "not_understood"), ("", "not_understood"), ("🙂🙂", "not_understood")],
)
def test_dates_that_must_be_asked_again(said, status):
    r = parse_date(said, SUN)
    assert r.status == status
    assert r.value is None and r.question


def test_4_13_is_never_read_as_2013():
    assert parse_date("Reported to police on 4/13", SUN).value is None


def test_before_the_incident_is_asked_again():
    r = parse_date("2 March", SUN, not_before=d(2026, 3, 5))
    assert r.status == "before_limit" and "5 March 2026" in r.question


def test_several_dates_in_one_sentence_share_the_month():
    found = find_dates("told the council on 3 March and again on the 21st", SUN)
    assert [r.value for r in found] == [d(2026, 3, 3), d(2026, 3, 21)]
    found = find_dates("1st, 2nd and 3rd of March", SUN)
    assert d(2026, 3, 3) in [r.value for r in found]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_parsing_never_raises_and_never_returns_a_future_date(text):
    r = parse_date(text, SUN)
    assert r.status in {"ok", "ambiguous", "impossible", "not_uk", "future", "before_limit", "not_understood"}
    assert r.value is None or r.value <= SUN
    for found in find_dates(text, SUN):
        assert found.value is None or found.value <= SUN


def test_huge_input_is_handled_quickly():
    import time

    started = time.monotonic()
    assert parse_date("3 March " * 2000, SUN).status == "not_understood"
    find_dates("on 3 March and " * 1000, SUN)
    assert time.monotonic() - started < 5
