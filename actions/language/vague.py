"""Dates said as a stretch of time: "early March", "before Christmas", "the weekend before last".

Each gets a best guess (`value`), a range (`earliest`..`latest`) and a precision, so the
threshold engine can count it both ways and say "a person needs to check" when the range
straddles a deadline (rules §7). Ranges never run past today.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Callable, Optional

from actions.language.reading import DateReading, ask, format_date, ranged
from actions.language.words import (
    MONTH_RE, days_in, full_year, month_number, month_span, most_recent, previous_month, weekday_before,
)
from shared.words import text

_PART = (r"(early|the start of|start of|the beginning of|beginning of|mid|the middle of|middle of"
         r"|late|the end of|end of)")
_EARLY = ("early", "the start of", "start of", "the beginning of", "beginning of")
_MIDDLE = ("mid", "the middle of", "middle of")


def _span(lo: date, hi: date, today: date, said: str, precision: str = "approximate") -> DateReading:
    if lo > today:
        return ask("future", said, text("dates_not_happened_yet", date=format_date(lo)))
    hi = min(hi, today)
    return ranged(lo + (hi - lo) / 2, lo, hi, said, precision)


def _part_of_month(m: re.Match, said: str, today: date) -> DateReading:
    part, month, year = m.group(1), month_number(m.group(2)), full_year(m.group(3))
    first, last = month_span(month, today, year)
    if year is None and part not in _EARLY and first.replace(day=11 if part in _MIDDLE else 21) > today:
        first, last = month_span(month, today, first.year - 1)  # "end of March" said on 15 March: last year's
    if part in _EARLY:
        lo, hi = first, first.replace(day=10)
    elif part in _MIDDLE:
        lo, hi = first.replace(day=11), first.replace(day=20)
    else:
        lo, hi = first.replace(day=21), last
    return _span(lo, hi, today, said)


def _month(m: re.Match, said: str, today: date) -> DateReading:
    first, last = month_span(month_number(m.group(1)), today, full_year(m.group(2)))
    return _span(first, last, today, said, "month")


def _last_month(m: re.Match, said: str, today: date) -> DateReading:
    year, month = previous_month(today)
    return _span(date(year, month, 1), date(year, month, days_in(year, month)), today, said, "month")


def _this_month(m: re.Match, said: str, today: date) -> DateReading:
    return _span(today.replace(day=1), today, today, said)


def _last_week(m: re.Match, said: str, today: date) -> DateReading:
    monday = today - timedelta(days=today.weekday() + 7)
    return _span(monday, monday + timedelta(days=6), today, said)


def _part_of_week(m: re.Match, said: str, today: date) -> DateReading:
    """'the beginning of last week' Mon-Wed, 'the middle of' Tue-Thu, 'the end of' / 'late' Thu-Sun."""
    part, which = m.group(1), m.group(2)
    monday = today - timedelta(days=today.weekday() + (7 if which == "last" else 0))
    if part in _EARLY:
        lo, hi = 0, 2
    elif part in _MIDDLE or part == "mid-":
        lo, hi = 1, 3
    else:
        lo, hi = 3, 6
    return _span(monday + timedelta(days=lo), monday + timedelta(days=hi), today, said)


def _year(m: re.Match, said: str, today: date) -> DateReading:
    """'this year', 'earlier this year': 1 January to today; 'last year': all of last year; 'in 2025': that year."""
    which = m.group(1)
    year = today.year if which == "this" else today.year - 1 if which == "last" else int(which)
    return _span(date(year, 1, 1), date(year, 12, 31), today, said)  # a year still to come is asked about


def _this_week(m: re.Match, said: str, today: date) -> DateReading:
    return _span(today - timedelta(days=today.weekday()), today, today, said)


def _weekend(weeks_back: int) -> Callable[[re.Match, str, date], DateReading]:
    def read(m: re.Match, said: str, today: date) -> DateReading:
        # The most recent whole weekend: said on a Sunday, "last weekend" is not the one still going on.
        saturday = weekday_before(5, today)
        if today.weekday() == 6:
            saturday -= timedelta(days=7)
        saturday -= timedelta(days=7 * weeks_back)
        return ranged(saturday, saturday, saturday + timedelta(days=1), said)
    return read


def _other_day(m: re.Match, said: str, today: date) -> DateReading:
    return ranged(today - timedelta(days=3), today - timedelta(days=7), today - timedelta(days=1), said)


def _before_christmas(m: re.Match, said: str, today: date) -> DateReading:
    christmas = most_recent(12, 25, today) or date(today.year - 1, 12, 25)
    # "just before" is the last week; plain "before Christmas" is usually December.
    first, guess = (18, 21) if m.group(1) else (1, 15)
    return ranged(christmas.replace(day=guess), christmas.replace(day=first), christmas.replace(day=24), said)


def _after_christmas(m: re.Match, said: str, today: date) -> DateReading:
    """'just after Christmas': 26 December to 1 January, best guess the 28th."""
    christmas = most_recent(12, 25, today) or date(today.year - 1, 12, 25)
    if christmas + timedelta(days=1) > today:
        christmas = date(christmas.year - 1, 12, 25)
    reading = _span(christmas + timedelta(days=1), christmas + timedelta(days=7), today, said)
    best = christmas + timedelta(days=3)
    return replace(reading, value=best) if reading.ok and reading.earliest <= best <= reading.latest else reading


def _week_before_last(m: re.Match, said: str, today: date) -> DateReading:
    monday = today - timedelta(days=today.weekday() + 14)
    return _span(monday, monday + timedelta(days=6), today, said)


def _week_of_month(m: re.Match, said: str, today: date) -> DateReading:
    """'the first week of December' 1-7, 'the second week' 8-14, 'the last week' the last seven days."""
    which, month, year = m.group(1), month_number(m.group(2)), full_year(m.group(3))
    first, last = month_span(month, today, year)
    start = {"first": 1, "second": 8, "third": 15, "fourth": 22}.get(which)
    lo = first.replace(day=start) if start else last - timedelta(days=6)
    return _span(lo, lo + timedelta(days=6), today, said)


def _christmas_to_new_year(m: re.Match, said: str, today: date) -> DateReading:
    boxing_day = most_recent(12, 26, today) or date(today.year - 1, 12, 26)
    return _span(boxing_day, boxing_day.replace(day=31), today, said)


# The three months of each season, by the month it starts in (winter runs into the next year).
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def _season(m: re.Match, said: str, today: date) -> DateReading:
    """'in the spring', 'early summer', 'last winter': the most recent such season that has begun."""
    start_month = _SEASONS[m.group(2)]
    year = today.year if date(today.year, start_month, 1) <= today else today.year - 1
    first = date(year, start_month, 1)
    months = [(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1) for i in range(3)]
    part = m.group(1)
    if part == "early":
        months = months[:1]
    elif part == "late":
        months = months[2:]
    (y0, m0), (y1, m1) = months[0], months[-1]
    return _span(date(y0, m0, 1), date(y1, m1, days_in(y1, m1)), today, said)


def _summer(m: re.Match, said: str, today: date) -> DateReading:
    year = today.year if today >= date(today.year, 6, 1) else today.year - 1
    if "holiday" in said.lower():
        # the school summer holidays: late July to the start of September, best guess mid-August
        lo, hi = date(year, 7, 20), date(year, 9, 2)
        if lo > today:
            lo, hi = date(year - 1, 7, 20), date(year - 1, 9, 2)
        reading = _span(lo, hi, today, said)
        best = date(lo.year, 8, 10)
        return replace(reading, value=best) if reading.ok and reading.earliest <= best <= reading.latest else reading
    return _span(date(year, 6, 1), date(year, 8, 31), today, said)


def _half_term(m: re.Match, said: str, today: date) -> DateReading:
    """October half-term: the week of the last Monday in October (Saturday to Sunday round it);
    its end is the Friday (Thursday to Sunday), its start the Monday (Saturday to Tuesday)."""
    year = today.year if today >= date(today.year, 10, 24) else today.year - 1
    last = date(year, 10, 31)
    monday = last - timedelta(days=last.weekday())
    part = m.group(1)
    if part in ("end", "back end", "tail end"):
        reading = _span(monday + timedelta(days=3), monday + timedelta(days=6), today, said)
        best = monday + timedelta(days=4)
    elif part in ("start", "beginning"):
        reading = _span(monday - timedelta(days=2), monday + timedelta(days=1), today, said)
        best = monday
    else:
        return _span(monday - timedelta(days=2), monday + timedelta(days=6), today, said)
    return replace(reading, value=best) if reading.ok and reading.earliest <= best <= reading.latest else reading


def _part_of_this_or_last_month(m: re.Match, said: str, today: date) -> DateReading:
    """'the start of the month' (this month, 1-7), 'the end of last month' (21-end); 'the end of
    the month' said before the 21st is last month's."""
    part, which = m.group(1), m.group(2)

    def bounds(year: int, month: int) -> tuple[date, date]:
        first = date(year, month, 1)
        if part in _EARLY:
            return first, first.replace(day=7 if which != "last" else 10)
        if part in _MIDDLE:
            return first.replace(day=11), first.replace(day=20)
        return first.replace(day=21), first.replace(day=days_in(year, month))

    year, month = (today.year, today.month) if which != "last" else previous_month(today)
    lo, hi = bounds(year, month)
    if which == "the" and lo > today:
        lo, hi = bounds(*previous_month(today))
    reading = _span(lo, hi, today, said)
    if reading.ok and part in _EARLY and which != "last":
        reading = replace(reading, value=min(reading.latest, lo.replace(day=3)))  # README: the 3rd
    return reading


FORMS: list[tuple[re.Pattern, Callable[[re.Match, str, date], DateReading]]] = [
    (re.compile(rf"^(?:in |around |about )?{_PART}[ -](?:of )?({MONTH_RE})\.?(?: (\d{{4}}))?$"), _part_of_month),
    (re.compile(rf"^(?:in |during |sometime in |some time in |back in |till |until |by |from )?({MONTH_RE})\.?(?: (\d{{4}}))?$"), _month),
    (re.compile(r"^(?:sometime |some time |in |during )?last month$"), _last_month),
    (re.compile(r"^(?:earlier |sometime |some time )?this month$"), _this_month),
    (re.compile(r"^(?:at |in |around |about )?(early|the start of|start of|the beginning of|beginning of|mid-?|the middle of"
                r"|middle of|late|the end of|end of|the back end of|back end of) ?(last|this) week$"), _part_of_week),
    (re.compile(r"^(?:sometime |some time |during |in )?last week$"), _last_week),
    (re.compile(r"^(?:earlier |sometime )?this week$"), _this_week),
    (re.compile(r"^(?:in |during |over )?(?:the )?week before last$"), _week_before_last),
    (re.compile(rf"^(?:in |during )?(?:the )?(first|second|third|fourth|last) week (?:of|in) ({MONTH_RE})(?: (\d{{4}}))?$"), _week_of_month),
    (re.compile(r"^(?:just |shortly |straight |right )?after (?:christmas|xmas)$"), _after_christmas),
    (re.compile(r"^(?:at |in |around |about |over |during )?(?:the )?(?:(end|back end|tail end|start|beginning) of )?(?:the )?"
                r"(?:october )?half[- ]?term(?: holidays?)?(?: in october)?$"), _half_term),
    (re.compile(rf"^(?:at |in |around |about |towards )?{_PART} (this|last|the) month$"), _part_of_this_or_last_month),
    (re.compile(r"^(?:earlier |sometime |some time |in |during |back in )?(this|last) year$"), _year),
    (re.compile(r"^(?:in|during|back in|sometime in|some time in) (20[0-9]{2})$"), _year),
    (re.compile(r"^(?:at |on |over )?the weekend before last$"), _weekend(1)),
    (re.compile(r"^(?:at |on |over )?(?:the |last |this past |this last )?weekend$"), _weekend(0)),
    (re.compile(r"^(?:just )?the other day$"), _other_day),
    (re.compile(r"^(?:(just |shortly |the week )|the (?:month|weeks|days) )?before (?:christmas|xmas)$"), _before_christmas),
    (re.compile(r"^(?:since |over |during |in |around )?(?:the )?summer(?: holidays)?$"), _summer),
    (re.compile(r"^(?:in )?between (?:christmas|xmas) and (?:the )?new ?year(?:'?s)?$"), _christmas_to_new_year),
    (re.compile(r"^(?:since |over |during |in |around |back in )?(?:the )?(?:(early|late) )?(spring|summer|autumn|winter)$"),
     _season),
]


def read_vague(phrase: str, said: str, today: date) -> Optional[DateReading]:
    for pattern, read in FORMS:
        m = pattern.match(phrase)
        if m:
            return read(m, said, today)
    return None
