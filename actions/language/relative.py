"""Dates said relative to another date: "the same night", "the day before", "a couple of days later".

Residents describe one event with several date words ("about ten weeks ago, rang 101 the same
night"); the relative one is read against the date said just before it in the message, or
against the date being discussed (the `context` the intake passes: the report's date when it
asks when the incident happened). A relative phrase with nothing to be relative to is no date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional, Union

from actions.language.reading import DateReading, exact, ranged
from actions.language.words import NUMBER_WORDS

Context = Union[date, DateReading, tuple, None]

_PART = r"(?:day|night|nite|evening|morning|afternoon|time)"
_BEFORE = r"(?:before|b4|bfore|befor)"  # text-speak: "the nite b4"
_COUNT = r"(?P<n>\d{1,2}|a couple of|couple of|a few|few|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
RELATIVE_RE = re.compile(
    rf"\b(?:(?P<same>(?:the |that )?(?:very )?same {_PART}|that (?:very )?(?:day|night|evening|morning|afternoon)(?! before| after)"
    rf"|on the day(?! before| after)|the {_PART} it happened|straight away|straightaway|right away|there and then"
    # "within the hour", "a few hours later", "later that night": still the same day
    rf"|within (?:the|an|the next|a few|a couple of) (?:hour|hours|minutes)|(?:an|one|a few|a couple of|two|three|\d) hours? (?:later|after)"
    rf"|(?:a few |ten |\d+ )?minutes (?:later|after)|later (?:that|the same) (?:day|night|evening|afternoon))"
    rf"|(?P<before>(?:the )?(?:day|night|nite|evening) {_BEFORE}(?! yesterday| last)|the previous (?:day|night|evening)|the night prior)"
    rf"|(?P<after>(?:the )?(?:next|following) (?:day|morning|night|evening)|the (?:day|morning|night) after(?! tomorrow))"
    rf"|(?P<counted>{_COUNT} (?P<unit>day|week|month)s? (?P<dir>before|earlier|prior|after|later))"
    rf"|(?P<fortnight>(?:a )?fortnight (?P<fdir>before|earlier|prior|after|later))"
    # "the week after", "the following weekend", "later that week": read against the anchor's week
    rf"|(?P<weekafter>the (?:week after|following week|next week)(?! (?:that|it))|a week or so (?:after|later))"
    rf"|(?P<weekendafter>the (?:following|next) weekend|the weekend after)"
    rf"|(?P<laterweek>later (?:that|the same|in the) week))\b",
    re.IGNORECASE,
)
_VAGUE = {"a couple of": (1, 2, 3), "couple of": (1, 2, 3), "a few": (2, 3, 5), "few": (2, 3, 5)}


def _span(context: Context) -> Optional[tuple[date, date, date, str]]:
    """(earliest, value, latest, precision) of what a relative phrase is relative to."""
    if isinstance(context, DateReading):
        if not context.ok:
            return None
        lo, hi = context.earliest or context.value, context.latest or context.value
        return lo, context.value, hi, context.precision
    if isinstance(context, tuple) and len(context) == 2 and all(isinstance(x, date) for x in context):
        lo, hi = context
        return lo, lo + (hi - lo) / 2, hi, "exact" if lo == hi else "approximate"
    if isinstance(context, date):
        return context, context, context, "exact"
    return None


def _week_offsets(m: re.Match, anchor: date) -> Optional[tuple[int, int, int]]:
    """The phrases that depend on the anchor's day of the week, or None."""
    to_sunday = 6 - anchor.weekday()
    if m.group("weekafter"):
        return 4, 7, 10  # as "about a week after" (README of the corpus)
    if m.group("weekendafter"):
        friday = to_sunday + 5 if to_sunday <= 2 else to_sunday - 2  # from a Friday to a Sunday: the next one
        return friday, friday + 1, friday + 2
    if m.group("laterweek"):
        return (1, min(2, to_sunday), to_sunday) if to_sunday >= 1 else None
    return None


def offsets(m: re.Match, hedged: bool = False) -> tuple[int, int, int]:
    """(fewest, likeliest, most) days after the anchor the phrase means (negative: before).

    "a week later" is taken as said; "about a week later" is a few days either side."""
    if m.group("same"):
        return 0, 0, 0
    if m.group("fortnight"):
        sign = -1 if m.group("fdir").lower() in ("before", "earlier", "prior") else 1
        spread = 3 if hedged else 0
        return (sign * (14 + spread), sign * 14, sign * (14 - spread)) if sign < 0 else (14 - spread, 14, 14 + spread)
    if m.group("before"):
        return -1, -1, -1
    if m.group("after"):
        return 1, 1, 1
    word = m.group("n").lower()
    sign = -1 if m.group("dir").lower() in ("before", "earlier", "prior") else 1
    unit = {"week": 7, "month": 30}.get(m.group("unit").lower(), 1)
    if unit == 30 and word not in _VAGUE:
        n = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
        lo, mid, hi = 30 * n - 7, 30 * n, 30 * n + 7  # "a month later": about the same date, give or take a week
        return (-hi, -mid, -lo) if sign < 0 else (lo, mid, hi)
    if word in _VAGUE:
        lo, mid, hi = (x * unit for x in _VAGUE[word])
    else:
        n = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
        spread = (1 if unit == 1 else 3) if hedged else 0
        lo, mid, hi = n * unit - spread, n * unit, n * unit + spread
    return (sign * hi, sign * mid, sign * lo) if sign < 0 else (lo, mid, hi)


def resolve(m: re.Match, context: Context, today: date, said: str, hedged: bool = False) -> Optional[DateReading]:
    """The date a relative phrase means, given what it is relative to; None without an anchor."""
    anchor = _span(context)
    if anchor is None:
        return None
    lo, value, hi, precision = anchor
    if m.group("weekafter") or m.group("weekendafter") or m.group("laterweek"):
        week = _week_offsets(m, value)
        if week is None:
            return None
        first, likely, last = week
        lo = hi = value  # read from the anchor's best day
    else:
        first, likely, last = offsets(m, hedged)
    earliest, best, latest = lo + timedelta(days=first), value + timedelta(days=likely), hi + timedelta(days=last)
    if earliest > today:
        return None
    latest, best = min(latest, today), min(best, today)
    if earliest == latest and precision == "exact":
        return exact(best, said)
    return ranged(best, earliest, latest, said, "month" if precision == "month" and first == last else "approximate")
