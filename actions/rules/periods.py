"""Calendar arithmetic for the statute's periods, on local calendar dates.

"Within one month beginning with day D": day D is day 1, so the period ends the day before
the corresponding date next month; when that date does not exist (31 Jan → 31 Feb), it ends
on the last day of that month (rules §6). The same rule gives six months from a report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


# Applications reuse a few hundred distinct dates; caching makes the engine ~2x faster.
@functools.lru_cache(maxsize=65536)
def months_period_end(start: date, months: int) -> date:
    """Last day of the period of `months` calendar months beginning with `start`."""
    shifted = start + relativedelta(months=months)  # clamps to the month's last day
    if shifted.day == start.day:
        return shifted - timedelta(days=1)
    # The corresponding date does not exist: the period ends on the month's last day.
    return shifted


def days_period_end(start: date, days: int) -> date:
    """Last day of a period of `days` days beginning with `start` (day D is day 1, as for months)."""
    return start + timedelta(days=days - 1)


def within_months(start: date, months: int, day: date) -> bool:
    return start <= day <= months_period_end(start, months)


@dataclass(frozen=True)
class Span:
    earliest: date
    latest: date
    precision: str = "exact"

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def value(self) -> date:
        return self.earliest if self.exact else self.earliest + (self.latest - self.earliest) / 2
