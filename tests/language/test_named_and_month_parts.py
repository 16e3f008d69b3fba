"""Days that move each year, school holidays and parts of this or last month."""

from datetime import date

import pytest

from actions.language import parse_date

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("said, day", [
    ("Easter Monday", date(2026, 4, 6)),
    ("good friday", date(2026, 4, 3)),
    ("the spring bank holiday", date(2026, 5, 25)),
    ("summer bank holiday", date(2026, 8, 31)),
    ("the clocks went back", date(2026, 10, 25)),
])
def test_days_that_move(said, day):
    assert parse_date(said, TODAY).value == day


def test_a_moving_day_still_to_come_is_last_years():
    assert parse_date("Easter Monday", date(2026, 3, 1)).value == date(2025, 4, 21)


@pytest.mark.parametrize("said, likely, lo, hi", [
    ("the summer holidays", date(2026, 8, 10), date(2026, 7, 20), date(2026, 9, 2)),
    ("half-term", date(2026, 10, 28), date(2026, 10, 24), date(2026, 11, 1)),
    ("the start of the month", date(2026, 11, 3), date(2026, 11, 1), date(2026, 11, 7)),
    ("towards the end of last month", date(2026, 10, 26), date(2026, 10, 21), date(2026, 10, 31)),
    ("the end of the month", date(2026, 10, 26), date(2026, 10, 21), date(2026, 10, 31)),
])
def test_stretches(said, likely, lo, hi):
    r = parse_date(said, TODAY)
    assert (r.value, r.earliest, r.latest) == (likely, lo, hi)
