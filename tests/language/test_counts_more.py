"""Counts said in more ways: 'half a dozen times', 'on four occasions', '12, 15 times', over 'this year'."""

from datetime import date

import pytest

from actions.language import extract_reports, parse_date

TODAY = date(2026, 12, 10)


@pytest.mark.parametrize("text, count", [
    ("I've complained to the council half a dozen times", 6),
    ("rang the police on four occasions", 4),
    ("emailed Bromford 12, 15 times", 12),
])
def test_the_count(text, count):
    (c,) = extract_reports(text, TODAY)
    assert c.count == count


def test_a_count_this_year_is_over_this_year():
    (c,) = extract_reports("I rang 101 about seven times this year", TODAY)
    assert (c.count, c.reported_date.earliest, c.reported_date.latest) == (7, date(2026, 1, 1), TODAY)


@pytest.mark.parametrize("said, lo, hi", [
    ("last year", date(2025, 1, 1), date(2025, 12, 31)),
    ("sometime in 2024", date(2024, 1, 1), date(2024, 12, 31)),
])
def test_a_year(said, lo, hi):
    r = parse_date(said, TODAY)
    assert (r.earliest, r.latest) == (lo, hi)


def test_since_then_after_an_earlier_report_is_since_that_report():
    (c,) = extract_reports("and I've emailed the council three times since then", TODAY, context=date(2026, 11, 3))
    assert c.count == 3 and c.since.value == date(2026, 11, 3)
