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
