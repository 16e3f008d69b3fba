"""The answer to "what date did they mean?": a value, how sure, and what to ask if unsure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Optional

from shared.application.in_words import format_date
from shared.words import text

STATUSES = ("ok", "ambiguous", "impossible", "not_uk", "future", "before_limit", "not_understood", "dont_know")
PRECISIONS = ("exact", "approximate", "month")


@dataclass(frozen=True)
class DateReading:
    """One date as the resident said it.

    `value` is the best guess; `earliest`/`latest` bound it (equal to `value` when exact).
    `ambiguous` readings still carry the day-first value: the assistant reads it back.
    Readings that are not usable (`impossible`, `not_uk`, `future`, `before_limit`,
    `not_understood`) carry a kind `question` to ask again; only `before_limit` keeps its value.
    """

    status: str
    value: Optional[date] = None
    earliest: Optional[date] = None
    latest: Optional[date] = None
    precision: str = "exact"
    said: str = ""
    question: str = ""

    @property
    def ok(self) -> bool:
        """Usable as it stands (an ambiguous reading is usable once read back)."""
        return self.status in ("ok", "ambiguous") and self.value is not None

    @property
    def in_words(self) -> str:
        """'Tuesday 3 March 2026', 'March 2026', or 'between 1 and 10 March 2026'."""
        if self.value is None:
            return ""
        if self.precision == "month":
            return self.value.strftime("%B %Y")
        if self.precision == "approximate" and self.earliest and self.latest and self.earliest != self.latest:
            return text("dates_between", span=format_span(self.earliest, self.latest))
        day = format_date(self.value, weekday=True)
        return day if self.precision == "exact" else text("dates_around", date=day)


def format_span(a: date, b: date) -> str:
    """'1 and 10 March 2026', 'Saturday 7 and Sunday 8 November 2026', '24 November and 3 December 2026'."""
    short = (b - a).days < 7  # weekday names help only for a few days
    def day(d: date) -> str:
        return f"{d.strftime('%A')} {d.day}" if short else str(d.day)
    if (a.year, a.month) == (b.year, b.month):
        return text("dates_span_in_a_month", first=day(a), last=day(b), month=b.strftime("%B"), year=b.year)
    if a.year == b.year:
        return text("dates_span_in_a_year", first=day(a), first_month=a.strftime("%B"), last=day(b),
                    last_month=b.strftime("%B"), year=b.year)
    return text("dates_span", first=format_date(a), last=format_date(b))


def exact(value: date, said: str) -> DateReading:
    return DateReading("ok", value, value, value, "exact", said)


def ranged(value: date, earliest: date, latest: date, said: str, precision: str = "approximate") -> DateReading:
    return DateReading("ok", value, earliest, latest, precision, said)


def ask(status: str, said: str, question: str) -> DateReading:
    return DateReading(status, said=said, question=question)


def with_said(reading: DateReading, said: str) -> DateReading:
    return replace(reading, said=said)

