"""Dates written in numbers, read the UK way: day first (rules §7).

dateparser reads "4/13" as 4 March 2013 and fills in years nobody said, so numbers are
read here: "03/04" is 3 April (read back in words, as it could be 4 March), "4/13" is
month-first and asked again, "31/02" does not exist.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from actions.language.reading import DateReading, ask, exact, format_date
from actions.language.words import full_year, most_recent
from shared.words import text

# 3/4, 03/04, 15/2, 14/02/2026, 3.4.26, 3-4-2026
NUMERIC = r"(\d{1,2})\s?([/.\-])\s?(\d{1,2})(?:\2(\d{4}|\d{2}))?"
NUMERIC_RE = re.compile(rf"^(?:on |at )?(?:the )?{NUMERIC}$")


def _no_such_date(said: str) -> DateReading:
    return ask("impossible", said, text("dates_not_a_date", said=said))


def day_month(day: int, month: int, year: Optional[int], said: str, today: date) -> DateReading:
    """A day and month the resident gave, with or without a year, checked to exist."""
    if not 1 <= month <= 12:
        return _no_such_date(said)
    name = calendar.month_name[month]
    if not 1 <= day <= calendar.monthrange(year or 2024, month)[1]:  # 2024 has a 29 February
        return ask("impossible", said, text("dates_no_such_date", day=day, month=name))
    if year is not None:
        try:
            return exact(date(year, month, day), said)
        except ValueError:
            return ask("impossible", said, text("dates_no_such_date_in", day=day, month=name, year=year))
    value = most_recent(month, day, today)
    if value is None:
        return ask("impossible", said, text("dates_not_in_the_last_year", day=day, month=name))
    return exact(value, said)


def read_numeric(m: re.Match, said: str, today: date) -> DateReading:
    first, second, year = int(m.group(1)), int(m.group(3)), full_year(m.group(4))
    if second > 12:
        if 1 <= first <= 12 and second <= 31:
            return ask("not_uk", said, text("dates_month_first", said=said))
        return _no_such_date(said)
    reading = day_month(first, second, year, said, today)
    if reading.status == "ok" and first <= 12 and first != second:
        # Both readings exist: keep the day-first one and read it back in words to confirm.
        return DateReading("ambiguous", reading.value, reading.value, reading.value, "exact", said,
                           text("dates_read_back", date=format_date(reading.value, weekday=True)))
    return reading
