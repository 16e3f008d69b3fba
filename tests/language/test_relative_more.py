"""More ways of saying a date relative to another ('a fortnight later', 'the weekend after', 'within the hour')."""

from datetime import date

import pytest

from actions.language import parse_date

TODAY = date(2026, 11, 30)
WEDNESDAY = date(2026, 11, 4)


@pytest.mark.parametrize("said, likely, lo, hi", [
    ("a fortnight later", date(2026, 11, 18), date(2026, 11, 18), date(2026, 11, 18)),
    ("the weekend after", date(2026, 11, 7), date(2026, 11, 6), date(2026, 11, 8)),
    ("later that week", date(2026, 11, 6), date(2026, 11, 5), date(2026, 11, 8)),
    ("the following week", date(2026, 11, 11), date(2026, 11, 8), date(2026, 11, 14)),
    ("within the hour", WEDNESDAY, WEDNESDAY, WEDNESDAY),
    ("a couple of hours later", WEDNESDAY, WEDNESDAY, WEDNESDAY),
])
def test_relative_to_the_date_in_question(said, likely, lo, hi):
    r = parse_date(said, TODAY, context=WEDNESDAY)
    assert (r.value, r.earliest, r.latest) == (likely, lo, hi)


def test_the_weekend_after_a_saturday_is_the_next_one():
    r = parse_date("the weekend after", TODAY, context=date(2026, 11, 7))
    assert (r.earliest, r.latest) == (date(2026, 11, 13), date(2026, 11, 15))


def test_a_month_later_is_about_the_same_date_next_month():
    r = parse_date("about a month later", TODAY, context=date(2026, 9, 10))
    assert r.value == date(2026, 10, 10) and r.earliest <= date(2026, 10, 3) and r.latest >= date(2026, 10, 17)


def test_a_body_then_a_relative_day_is_that_reports_date():
    from actions.language import extract_reports

    (c,) = extract_reports("the housing officer, two days later", TODAY, context=date(2026, 11, 2))
    assert (c.reported_to, c.reported_date.value) == ("housing", date(2026, 11, 4))
