"""'The 5th or 6th', 'Monday or Tuesday': one report on one of two days, the first named as the best guess."""

from datetime import date

import pytest

from actions.language import extract_reports

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("text, likely, lo, hi", [
    ("phoned the council on the 5th or 6th", date(2026, 11, 5), date(2026, 11, 5), date(2026, 11, 6)),
    ("phoned the council on Monday or Tuesday", date(2026, 11, 16), date(2026, 11, 16), date(2026, 11, 17)),
    ("phoned the council on the 8th or the 9th of August", date(2026, 8, 8), date(2026, 8, 8), date(2026, 8, 9)),
    ("phoned the council in July, on the 21st or 22nd", date(2026, 7, 21), date(2026, 7, 21), date(2026, 7, 22)),
])
def test_one_of_two_days_is_one_report(text, likely, lo, hi):
    (c,) = extract_reports(text, TODAY)
    r = c.reported_date
    assert (c.reported_to, r.value, r.earliest, r.latest) == ("council", likely, lo, hi)


def test_a_month_then_the_day_is_that_months_day():
    (c,) = extract_reports("I emailed the council in August, on the 4th", TODAY)
    assert c.reported_date.value == date(2026, 8, 4)


def test_a_month_then_a_day_with_its_own_report_stays_two():
    cands = extract_reports("rang 101 in August, on the 4th I rang the council", TODAY)
    assert [c.reported_to for c in cands] == ["police", "council"]
