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
    rf"|on the day(?! before| after)|the {_PART} it happened|straight away|straightaway|right away|there and then)"
    rf"|(?P<before>(?:the )?(?:day|night|nite|evening) {_BEFORE}(?! yesterday| last)|the previous (?:day|night|evening)|the night prior)"
    rf"|(?P<after>(?:the )?(?:next|following) (?:day|morning|night|evening)|the (?:day|morning|night) after(?! tomorrow))"
    rf"|(?P<counted>{_COUNT} (?P<unit>day|week)s? (?P<dir>before|earlier|prior|after|later)))\b",
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


def offsets(m: re.Match, hedged: bool = False) -> tuple[int, int, int]:
    """(fewest, likeliest, most) days after the anchor the phrase means (negative: before).

    "a week later" is taken as said; "about a week later" is a few days either side."""
    if m.group("same"):
        return 0, 0, 0
    if m.group("before"):
        return -1, -1, -1
    if m.group("after"):
        return 1, 1, 1
    word = m.group("n").lower()
    sign = -1 if m.group("dir").lower() in ("before", "earlier", "prior") else 1
    unit = 7 if m.group("unit").lower() == "week" else 1
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
    first, likely, last = offsets(m, hedged)
    earliest, best, latest = lo + timedelta(days=first), value + timedelta(days=likely), hi + timedelta(days=last)
    if earliest > today:
        return None
    latest, best = min(latest, today), min(best, today)
    if earliest == latest and precision == "exact":
        return exact(best, said)
    return ranged(best, earliest, latest, said, "month" if precision == "month" and first == last else "approximate")
