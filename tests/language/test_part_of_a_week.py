"""'The start of last week', 'late last week': a part of that Monday-to-Sunday week."""

from datetime import date

import pytest

from actions.language import extract_reports, parse_date

THURSDAY = date(2026, 10, 22)


@pytest.mark.parametrize("said, lo, hi", [
    ("the start of last week", date(2026, 10, 12), date(2026, 10, 14)),
    ("middle of last week", date(2026, 10, 13), date(2026, 10, 15)),
    ("late last week", date(2026, 10, 15), date(2026, 10, 18)),
    ("early this week", date(2026, 10, 19), date(2026, 10, 21)),
])
def test_a_part_of_a_week(said, lo, hi):
    r = parse_date(said, THURSDAY)
    assert (r.earliest, r.latest) == (lo, hi) and lo <= r.value <= hi


def test_a_part_of_a_week_dates_a_report():
    (c,) = extract_reports("rang the housing office towards the end of last week", THURSDAY)
    assert c.reported_to == "housing" and c.reported_date.earliest == date(2026, 10, 15)


def test_a_part_of_this_week_still_to_come_is_capped_at_today():
    r = parse_date("the end of this week", THURSDAY)
    assert r.status == "ok" and r.latest == THURSDAY
