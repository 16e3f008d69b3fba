"""Every worked example in rules §6."""

from datetime import date as d

import pytest

from actions.rules.periods import months_period_end


@pytest.mark.parametrize(
    "behaviour, due",
    [
        (d(2026, 3, 15), d(2026, 4, 14)),
        (d(2026, 2, 10), d(2026, 3, 9)),
        (d(2026, 1, 29), d(2026, 2, 28)),
        (d(2026, 1, 30), d(2026, 2, 28)),
        (d(2026, 1, 31), d(2026, 2, 28)),
        (d(2028, 1, 30), d(2028, 2, 29)),
        (d(2026, 1, 1), d(2026, 1, 31)),
        (d(2026, 2, 28), d(2026, 3, 27)),
        (d(2025, 12, 31), d(2026, 1, 30)),
    ],
)
def test_report_due_within_one_month_of_the_behaviour(behaviour, due):
    assert months_period_end(behaviour, 1) == due


def test_ten_march_is_late_for_ten_february():
    assert d(2026, 3, 10) > months_period_end(d(2026, 2, 10), 1)


@pytest.mark.parametrize(
    "report, apply_by",
    [
        (d(2025, 9, 15), d(2026, 3, 14)),
        (d(2025, 9, 16), d(2026, 3, 15)),
        (d(2025, 8, 31), d(2026, 2, 28)),
        (d(2028, 2, 29), d(2028, 8, 28)),
    ],
)
def test_apply_within_six_months_of_the_report(report, apply_by):
    assert months_period_end(report, 6) == apply_by


def test_days_periods_count_the_first_day_as_day_one():
    from actions.rules.periods import days_period_end

    assert days_period_end(d(2026, 1, 15), 30) == d(2026, 2, 13)
    assert days_period_end(d(2026, 3, 2), 7) == d(2026, 3, 8)
