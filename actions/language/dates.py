"""Understanding a date as a UK resident says it (rules §7).

The forms residents use are recognised here, each with a precision and a range; the plain
ones are then resolved by dateparser (via_dateparser.py) after rewriting the UK phrasing it
misses ("last Tuesday" -> "Tuesday", "a fortnight ago" -> "2 weeks ago"). Numbers, named
days, weekends and vague stretches are read by our own small modules because dateparser
gets them wrong or knows none of them. Nothing here raises on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Callable, Optional

from actions.language import relative, via_dateparser
from actions.language.answers import is_dont_know
from actions.language.named_days import NAMED_PATTERN, NAMED_RE, read_named
from actions.language.numeric import NUMERIC_RE, day_month, read_numeric
from actions.language.reading import DateReading, ask, exact, format_date, ranged, with_said
from actions.language.vague import read_vague
from actions.language.words import (
    MONTH_RE, NUM_WORD, fix_calendar_typos, VAGUE_NUMBERS, WEEKDAY_RE, days_in, full_year, month_number, most_recent_nth, normalise,
    number, weekday_number,
)
from shared.words import text as words

MAX_PHRASE = 300  # one date answer is never longer
MAX_SCAN = 5000  # longer messages are read only this far; the scan is linear, dateparser sees short phrases only

_FILLER = re.compile(r"^(?:(?:on|at|it was|that was|was|i think|i reckon|think|sometime|some time|back|err?m?|umm?|well)\s+)+")
_HEDGE = re.compile(r"^(?:round about|round|around|about|roughly|approximately|approx\.?|maybe|possibly|probably"
                    r"|sometime around|some time around|circa|give or take)\s+(.+)$")
_TRAIL_HEDGE = re.compile(r"^(.+?)(?:-?ish| or so| or thereabouts| roughly| approx\.?| maybe| i think)$")
_BARE_DAY = re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th)$|^the (\d{1,2})$")
HEDGE_DAYS = 2  # "round about the 10th" means the 8th to the 12th


def london_today() -> date:
    """Today's calendar date in Europe/London: the only 'today' production code should use."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/London")).date()


# ------------------------------------------------------------------- one phrase

def _named_month(day: int, month: int, year: Optional[int], said: str, today: date) -> DateReading:
    reading = day_month(day, month, year, said, today)  # ours: does the date exist, and which year
    if reading.status != "ok":
        return reading
    parsed = via_dateparser.resolve(f"{day} {reading.value.strftime('%B')} {year or ''}".strip(), today, day_and_month=True)
    # dateparser's answer is kept only when it agrees with what was said (no invented year).
    return exact(parsed, said) if parsed == reading.value else reading


def _check_weekday(reading: DateReading, phrase: str) -> DateReading:
    """'Tuesday 3rd March' when 3 March was a Monday: keep the date, but read it back to confirm."""
    said_day = re.match(rf"^({WEEKDAY_RE}),? ", phrase)
    if reading.status != "ok" or not said_day or weekday_number(said_day.group(1)) == reading.value.weekday():
        return reading
    return replace(reading, status="ambiguous",
                   question=words("dates_weekday_check", date=format_date(reading.value),
                                  weekday=reading.value.strftime("%A"),
                                  date_and_weekday=format_date(reading.value, weekday=True)))


def _day_month(m: re.Match, said: str, today: date) -> DateReading:
    reading = _named_month(int(m.group(1)), month_number(m.group(2)), full_year(m.group(3)), said, today)
    return _check_weekday(reading, m.string)


def _month_day(m: re.Match, said: str, today: date) -> DateReading:
    reading = _named_month(int(m.group(2)), month_number(m.group(1)), full_year(m.group(3)), said, today)
    return _check_weekday(reading, m.string)


def _via(canonical: str) -> Callable[[re.Match, str, date], Optional[DateReading]]:
    def read(m: re.Match, said: str, today: date) -> Optional[DateReading]:
        value = via_dateparser.resolve(canonical, today)
        return exact(value, said) if value else None
    return read


def _future(m: re.Match, said: str, today: date) -> DateReading:
    return ask("future", said, words("dates_future"))


def _ago(m: re.Match, said: str, today: date) -> Optional[DateReading]:
    word, unit = m.group(1), m.group(2)
    n = number(word)
    if not n or n > 500:
        return None
    value = via_dateparser.resolve(f"{n} {unit}s ago", today)
    if value is None:
        return None
    # "3 weeks ago" is taken as said; "a couple of weeks ago" or "2 months ago" is a guess.
    spread = {"day": 1, "week": 3, "month": 10, "year": 60}[unit]
    if word in VAGUE_NUMBERS or unit in ("month", "year"):
        return ranged(value, value - timedelta(days=spread), min(today, value + timedelta(days=spread)), said)
    return exact(value, said)


def _weekday(weeks_back: int) -> Callable[[re.Match, str, date], Optional[DateReading]]:
    def read(m: re.Match, said: str, today: date) -> Optional[DateReading]:
        # dateparser has no "last Tuesday" but resolves "Tuesday" to the most recent one before today.
        name = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][weekday_number(m.group(1))]
        value = via_dateparser.resolve(name, today)
        return exact(value - timedelta(days=7 * weeks_back), said) if value else None
    return read


def _nth(m: re.Match, said: str, today: date) -> DateReading:
    day = int(m.group(1) or m.group(2))
    value = most_recent_nth(day, today) if 1 <= day <= 31 else None
    if value is None:
        return ask("impossible", said, words("dates_no_such_day", day=said.strip()))
    return exact(value, said)


_WD = rf"(?:{WEEKDAY_RE}),? "
FORMS: list[tuple[re.Pattern, Callable[[re.Match, str, date], Optional[DateReading]]]] = [
    (NUMERIC_RE, read_numeric),
    (re.compile(rf"^(?:{_WD})?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({MONTH_RE})\.?,?(?: (\d{{4}}))?$"), _day_month),
    (re.compile(rf"^(?:{_WD})?({MONTH_RE})\.? (?:the )?(\d{{1,2}})(?:st|nd|rd|th)?,?(?: (\d{{4}}))?$"), _month_day),
    (re.compile(r"^(?:today|this morning|this afternoon|this evening|tonight|earlier today|today morning)$"), _via("today")),
    (re.compile(r"^(?:yesterday(?: morning| afternoon| evening| night)?|last? ?ni(?:ght|te))$"), _via("yesterday")),
    (re.compile(r"^(?:the )?day before yesterday$"), _via("2 days ago")),
    (re.compile(rf"^(?:tomorrow.*|next (?:week|month|year|{WEEKDAY_RE})|later (?:today|this week)|in \d+ (?:days|weeks|months))$"), _future),
    (re.compile(rf"^{NUM_WORD} (day|week|month|year)s? (?:ago|back)$"), _ago),
    (re.compile(r"^(?:a |one )?fortnight ago$"), _via("2 weeks ago")),
    (re.compile(rf"^({WEEKDAY_RE}) before last$"), _weekday(1)),
    (re.compile(rf"^(?:last |this past |this last |this )?({WEEKDAY_RE})(?: just gone)?(?: night| morning| afternoon| evening)?$"), _weekday(0)),
    (_BARE_DAY, _nth),
]


def _read(phrase: str, said: str, today: date, depth: int = 0) -> Optional[DateReading]:
    """The reading of a whole phrase (already normalised), or None when it isn't one date."""
    phrase = _FILLER.sub("", phrase).strip()
    if not phrase:
        return None
    hedged = _HEDGE.match(phrase) or _TRAIL_HEDGE.match(phrase)
    if hedged and depth < 2:
        inner = _read(hedged.group(1), said, today, depth + 1)
        if inner is not None and inner.status == "ok" and inner.precision == "exact":
            v = inner.value
            return ranged(v, v - timedelta(days=HEDGE_DAYS), min(today, v + timedelta(days=HEDGE_DAYS)), said)
        if inner is not None:
            return inner
    named = NAMED_RE.match(phrase)
    if named:
        return read_named(named.group(1), said, today, last_year=bool(named.group(2)))
    for pattern, read in FORMS:
        m = pattern.match(phrase)
        if m:
            return read(m, said, today)
    vague = read_vague(phrase, said, today)
    if vague is not None:
        return vague
    return _fallback(phrase, said, today)


def _fallback(phrase: str, said: str, today: date) -> Optional[DateReading]:
    """dateparser on its own for phrasing we didn't foresee, short phrases with a month in them only."""
    if len(phrase) > 40 or not re.search(MONTH_RE, phrase):
        return None
    value = via_dateparser.resolve(phrase, today, day_and_month=True)
    if value is None:
        return None
    year_said = re.search(r"\b(?:19|20)\d{2}\b", phrase)
    if (year_said and int(year_said.group(0)) != value.year) or (not year_said and (today - value).days > 366):
        return None  # a year the resident did not say
    return exact(value, said)


def _finish(reading: DateReading, today: date, not_before: Optional[date]) -> DateReading:
    """Checks every reading gets: in the past, and not before the limit given."""
    if not reading.ok:
        return reading
    if reading.earliest and reading.earliest > today or reading.value > today:
        return ask("future", reading.said, words("dates_still_to_come", date=format_date(reading.value)))
    if not_before is not None:
        latest = reading.latest or reading.value
        if latest < not_before:
            return replace(reading, status="before_limit",
                           question=words("dates_before_limit", limit=format_date(not_before)))
        if reading.earliest and reading.earliest < not_before:
            lo = not_before  # part of the range is impossible: keep the rest
            return replace(reading, earliest=lo, value=max(reading.value, lo))
    return reading


def parse_date(text: str, today: date, not_before: Optional[date] = None,
               context: relative.Context = None) -> DateReading:
    """Read the date in a short answer ("last Tuesday", "about 3 March"); never raises.

    A longer answer with exactly one date in it ("I think it was the 3rd of March") is read
    too; one with several different dates is asked again. `context` is the date the answer may
    be relative to (a date, a DateReading or an (earliest, latest) pair): asked when the incident
    was, "yes, the same day" or "the night before, the 13th" are read against the report's date.
    "Don't know" answers get the status `dont_know`.
    """
    try:
        return _parse_date(text, today, not_before, context)
    except Exception:  # a safety net: a resident's text must never break the conversation
        return ask("not_understood", text[:MAX_PHRASE] if isinstance(text, str) else "", words("dates_not_understood"))


def _parse_date(text: str, today: date, not_before: Optional[date], context: relative.Context = None) -> DateReading:
    if not isinstance(text, str):
        return ask("not_understood", "", words("dates_not_understood"))
    said = fix_calendar_typos(text.strip()[:MAX_PHRASE])  # "last wendsday", "bonfrie night"
    reading = None
    if context is not None:  # read against the date discussed first: "the 13th" is the one before it
        found = merge_refinements(scan_dates(said, today, context), said)
        if len(found) == 1 and found[0].reading.ok:
            reading = found[0].reading
    if reading is None:
        reading = _read(normalise(said), said, today)
    if reading is None and is_dont_know(said):
        return ask("dont_know", said, words("dates_dont_know"))
    if reading is None:
        found = merge_refinements(scan_dates(said, today, context), said)
        if len(found) > 1:
            reading = _one_day_told_twice([f.reading for f in found])
        if reading is None and len(found) == 2 and _TWO_DAYS.search(said) and found[0].reading.ok:
            reading = found[0].reading  # "the Tuesday or Wednesday": widened to both below
        if len(found) == 1:
            reading = found[0].reading
        elif len(found) > 1 and reading is None:
            listed = words("dates_and").join(words("dates_quoted", said=f.reading.said) for f in found[:3])
            return ask("not_understood", said, words("dates_which_one", listed=listed))
    if reading is None:
        reading = _month_in_a_sentence(said, today)
    if reading is None:
        return ask("not_understood", said, words("dates_not_understood"))
    return _finish(_one_of_two_days(reading, said, today), today, not_before)


_TWO_DAYS = re.compile(rf"\b({WEEKDAY_RE})\s+or\s+(?:the\s+)?({WEEKDAY_RE})\b", re.IGNORECASE)
_MONTH_SAID = re.compile(rf"\b(?:was|in|during|it'?s|around|about|sometime in|some time in)\s+({MONTH_RE})\b(?![\s,]*\d)",
                         re.IGNORECASE)


def _one_of_two_days(reading: DateReading, said: str, today: date) -> DateReading:
    """'the Tuesday or Wednesday': the first day named, and the second as far as the range goes."""
    m = _TWO_DAYS.search(said)
    if not (m and reading.ok and reading.precision == "exact" and reading.value.weekday() == weekday_number(m.group(1))):
        return reading
    delta = (weekday_number(m.group(2)) - weekday_number(m.group(1))) % 7
    if not 0 < delta <= 3:
        return reading
    return ranged(reading.value, reading.value, min(today, reading.value + timedelta(days=delta)), reading.said)


def _month_in_a_sentence(said: str, today: date) -> Optional[DateReading]:
    """'It was May, I'm sure of that, but whether the beginning or the end I couldn't say': the month."""
    months = {month_number(m.group(1)) for m in _MONTH_SAID.finditer(said)}
    if len(months) != 1:
        return None
    return _read(normalise(_MONTH_SAID.search(said).group(1)), said, today)


_DAY_NAMED_BEFORE = re.compile(rf"\b({WEEKDAY_RE})(?: (?:night|morning|afternoon|evening))?,?\s*(?:the\s*)?$", re.IGNORECASE)


def _day_on_weekday(day: int, weekday: int, today: date) -> Optional[date]:
    """The latest `day` of a month, on or before today, that fell on `weekday` (within a year)."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= days_in(year, month):
            candidate = date(year, month, day)
            if candidate <= today and candidate.weekday() == weekday:
                return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


_HAPPENED_BEFORE = re.compile(r"\b(?:happened|started|began|kicked off|took place|incident|it was on|had been)\b[^.;]*$",
                             re.IGNORECASE)
_ONWARDS = re.compile(r"\b(?:again|then|later|after|afterwards|next|once more|also|another|as well|second time)\b", re.IGNORECASE)
_RESTATED = re.compile(r"^[\s,;(\-–—]*(?:or rather|i mean|well|or|so|that is|i\.e\.)?[\s,;(]*$", re.IGNORECASE)
_WEEKDAY_SAID = re.compile(rf"^(?:on |the |that )?({WEEKDAY_RE})(?: (?:night|morning|afternoon|evening))?$", re.IGNORECASE)


def _within_the_week(readings: list[DateReading]) -> list[DateReading]:
    """'last week, the Tuesday': a weekday said beside a week is that day of that week."""
    weeks = [r for r in readings if r.ok and r.earliest and r.latest and (r.latest - r.earliest).days == 6]
    if len(weeks) != 1:
        return readings
    week = weeks[0]
    out = []
    for r in readings:
        said = _WEEKDAY_SAID.match(normalise(r.said or ""))
        if r is not week and r.ok and said:
            day = week.earliest + timedelta(days=(weekday_number(said.group(1)) - week.earliest.weekday()) % 7)
            r = replace(r, value=day, earliest=day, latest=day)
        out.append(r)
    return out


def _one_day_told_twice(readings: list[DateReading]) -> Optional[DateReading]:
    """'It was the same day, I rang them straight away', 'the day before, the night before really',
    'last week, the Tuesday': several date words that all fit one day are one date, the
    narrowest of them. None when any two cannot be the same day (then the resident is asked)."""
    if not all(r.ok for r in readings):
        return None
    readings = _within_the_week(readings)
    spans = [(r.earliest or r.value, r.latest or r.value) for r in readings]
    if max(lo for lo, _ in spans) > min(hi for _, hi in spans):
        return None  # two of them cannot be the same day (on a line, all overlap when the latest start is before the earliest end)
    return min(readings, key=lambda r: ((r.latest or r.value) - (r.earliest or r.value), r.status != "ok"))


# ------------------------------------------------------------------- several in one text

_B = r"(?<![\w/.\-])"  # not inside a word, number, reference or decimal
_ORDS = r"\d{1,2}(?:st|nd|rd|th)?"
_HEDGES = r"(?:round about|round|around|about|roughly|approximately|maybe|sometime around)"
_SCAN_PARTS = [
    # "the same night", "the day before": read against the date said before it (relative.py)
    rf"(?P<rel>{relative.RELATIVE_RE.pattern})",
    # "1st, 2nd and 3rd of March": every day in the list takes the month at its end
    rf"(?P<list>{_B}(?:{_ORDS}(?:\s*,\s*|\s+)){{0,12}}{_ORDS}\s*,?\s*(?:and|&|or)\s+(?:the\s+)?{_ORDS}(?:\s+of)?\s+{MONTH_RE}\b(?:,?\s+\d{{4}})?)",
    # numbers: slashes alone, dots and dashes only with a year (so "3.30pm" and "10-15" are not dates)
    rf"{_B}\d{{1,2}}\s?/\s?\d{{1,2}}(?:/(?:\d{{4}}|\d{{2}}))?(?![\w/])",
    rf"{_B}\d{{1,2}}(?P<sep>[.\-])\d{{1,2}}(?P=sep)(?:\d{{4}}|\d{{2}})(?![\w/.])",
    rf"\b(?:{WEEKDAY_RE},?\s)?(?:{_HEDGES}\s)?(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)?(?:\sof)?\s{MONTH_RE}\b\.?(?:,?\s\d{{4}})?",
    rf"\b{MONTH_RE}\s(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)\b(?:,?\s\d{{4}})?",
    rf"\b(?:early|mid|late|the start of|the beginning of|beginning of|the middle of|middle of|the end of|end of|start of)[ -]"
    rf"(?:of\s)?{MONTH_RE}\b(?:\s\d{{4}})?",
    r"\b(?:just\s|shortly\s)?before\s(?:christmas|xmas)\b",
    r"\b(?:in\s)?between\s(?:christmas|xmas)\sand\s(?:the\s)?new\s?year(?:'?s)?\b",
    rf"\b(?:{NAMED_PATTERN})(?:\snight)?(?:\slast\syear)?\b",
    r"\b(?:the\s)?summer(?:\sholidays)?\b",
    r"\b(?:(?:early|late|the\s)\s?)?(?:spring|autumn|winter)\b|\b(?:early|late)\ssummer\b",
    # "June, I think": a month said alone, hedged ("may" is too often the verb)
    rf"\b(?!may\b){MONTH_RE}\b(?=,?\s+(?:i\s(?:think|believe|reckon)|maybe|probably|or so)\b)",
    rf"\b(?:in|during|till|until|since|snce|sinse|by|back in|from)\s{MONTH_RE}\b(?:\s\d{{4}})?",
    r"\b(?:the\s)?day before yesterday\b",
    r"\b(?:yesterday(?:\s(?:morning|afternoon|evening|night))?|last?\s?ni(?:ght|te)|today|this morning|this afternoon|this evening|tonight)\b",
    rf"\b(?:{_HEDGES}\s)?{NUM_WORD}\s(?:day|week|month|year)s?\s(?:ago|back)\b",
    r"\b(?:about\s|around\s)?(?:a\s)?fortnight ago\b",
    r"\b(?:the\s)?weekend before last\b",
    r"\b(?:the\s)?week before last\b",
    rf"\b(?:the\s)?(?:first|second|third|fourth|last)\sweek\s(?:of|in)\s{MONTH_RE}\b(?:\s\d{{4}})?",
    r"\b(?:just\s|shortly\s|straight\s|right\s)?after\s(?:christmas|xmas)\b",
    r"\b(?:last|this past|at the|over the)\sweekend\b",
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day before last\b",
    # "on Wednesday 23 September" is one date: the weekday alone is read only when no date follows it
    r"\b(?:last\s|this past\s|on\s)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?!s)\b(?!,?\s+(?:the\s+)?\d)"
    r"(?:\s(?:night|morning|afternoon|evening))?",
    r"\bthe other day\b",
    # "the beginning of last week", "late last week": a part of that week
    r"\b(?:(?:the\s)?(?:start|beginning|middle|end|back end)\sof\s|early\s|mid-?\s?|late\s)?(?:last|this) week\b",
    r"\b(?:(?:the\s)?(?:start|beginning|middle|end|back end|tail end)\sof\s|early\s|mid-?\s?|late\s)(?:last|this|the) month\b",
    r"\b(?:(?:the\s)?(?:end|back end|tail end|start|beginning)\sof\s)?(?:(?:the\s)?october\s)?(?:the\s)?half[- ]?term\b(?:\sholidays?)?",
    r"\b(?:last|this) (?:week|month)\b",
    r"\b(?:(?:earlier|sometime|some time|in|during|back in)\s)?(?:this|last) year\b(?!'s)",
    r"\b(?:in|during|back in|sometime in|some time in)\s20[0-9]{2}\b(?![/\-])",
    r"\btomorrow\b|\bnext (?:week|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    rf"\b(?:{_HEDGES}\s)?the\s\d{{1,2}}(?:st|nd|rd|th)?\b(?![/.\-]\d)(?!\s*(?:of\s)?{MONTH_RE})(?!\s*(?:time|one|report|date|call|floor|house|flat|person|people|household|incident)s?\b)",
    rf"\b(?:{_HEDGES}\s)?(?:on\s)?\d{{1,2}}(?:st|nd|rd|th)\b(?!\s*(?:of\s)?{MONTH_RE}\b)(?!\s*(?:time|one|report|date|call|floor|house|flat|person|people|household|incident)s?\b)",
]
_SCAN = re.compile("|".join(_SCAN_PARTS), re.IGNORECASE)
_LIST_DAY = re.compile(r"\d{1,2}(?=(?:st|nd|rd|th)?\b)")
_HEDGED_BEFORE = re.compile(rf"\b{_HEDGES}\s+$", re.IGNORECASE)
_SINCE_WORD = re.compile(r"^(?:ever )?(?:since|snce|sinse) ", re.IGNORECASE)
_SKIP_BEFORE = re.compile(r"\b(?:every|each|most|all|any|some|their|his|our|usual)\s+$", re.IGNORECASE)  # habits: "their Monday parties"
_SINCE_BEFORE = re.compile(r"\b(?:since|snce|sinse|ever since|from)\s+(?:about\s+|around\s+|roughly\s+)?"
                           r"(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?$", re.IGNORECASE)  # "since the end of the summer"


@dataclass(frozen=True)
class FoundDate:
    """A date found in a longer message, where it was said, and whether it opened a period ("since Christmas")."""

    reading: DateReading
    start: int
    end: int
    since: bool = False
    relative: bool = False  # "the same night": said about the date before it
    anchor: int = -1  # where the date it is relative to starts (-1: the context given)


def _in_context(day: int, hedged: bool, context: date, said: str, today: date, before: bool = False,
                onwards: bool = False) -> DateReading:
    """'on 3 March and again on the 21st': the 21st of the month just mentioned.

    `before`: the day is on or before the context date (an incident asked about against its
    report: "the 13th" said about a report on 2 December is 13 November).
    """
    if before and day > context.day:
        year, month = (context.year, context.month - 1) if context.month > 1 else (context.year - 1, 12)
        context = date(year, month, min(context.day, days_in(year, month)))
    if day > days_in(context.year, context.month):
        return ask("impossible", said, words("dates_no_such_day_in", day=said.strip(), month=context.strftime("%B")))
    value = context.replace(day=day)
    if onwards and not before and value < context:
        # "on the 22nd of December and again on the 2nd": the next 2nd after it
        year, month = (context.year, context.month + 1) if context.month < 12 else (context.year + 1, 1)
        if day <= days_in(year, month) and date(year, month, day) <= today:
            value = date(year, month, day)
    if value > today:
        # "the 18th" said in mid-November about the month just mentioned: still to come, so the
        # resident means the latest 18th that has been (rules §7: a date is never in the future).
        # Not after "again" or "then" ("3 March and again on the 21st" said on 10 March): ask.
        value = None if onwards else most_recent_nth(day, today)
        if value is None:
            return ask("future", said, words("dates_still_to_come_which", date=format_date(context.replace(day=day))))
    if hedged:
        return ranged(value, value - timedelta(days=HEDGE_DAYS), min(today, value + timedelta(days=HEDGE_DAYS)), said)
    return exact(value, said)


def scan_dates(text: str, today: date, context: relative.Context = None, after_context: bool = False) -> list[FoundDate]:
    """Every date mentioned in a message, in order, with where it was said; never raises.

    `context`: the date being discussed, for "the same day" or "the 13th" with nothing before it.
    `after_context`: the context is an earlier report, so a bare "the 16th" is read onwards from it
    (more reports told after it), not as a day before it (an incident asked about against its report).
    """
    try:
        return _scan(text, today, context, after_context)
    except Exception:  # safety net, as in parse_date
        return []


def _context_day(context: relative.Context) -> Optional[date]:
    if isinstance(context, DateReading):
        return context.value if context.ok and context.precision != "month" else None
    if isinstance(context, tuple):
        return None
    return context if isinstance(context, date) else None


def _scan(text: str, today: date, given: relative.Context = None, after_context: bool = False) -> list[FoundDate]:
    if not isinstance(text, str):
        return []
    text = text[:MAX_SCAN]
    found: list[FoundDate] = []
    context: Optional[date] = _context_day(given)  # the last day-level date said, for a bare "the 21st"
    from_given = context is not None
    for m in _SCAN.finditer(text):
        if m.group("rel"):
            anchors = [f for f in found if f.reading.ok and not f.since]
            anchor = anchors[-1] if anchors else None
            if anchor is not None and anchor.relative and _RESTATED.match(text[anchor.end:m.start()]):
                # "the day before, the night before really": the second says the first again,
                # against the same date, not the day before the day before.
                anchor = next((f for f in found if f.start == anchor.anchor), None)
            said = m.group(0).strip()
            hedged_rel = bool(_HEDGED_BEFORE.search(text[max(0, m.start() - 24):m.start()]))
            reading = relative.resolve(relative.RELATIVE_RE.fullmatch(said), anchor.reading if anchor else given, today, said,
                                       hedged_rel)
            if reading is not None:
                found.append(FoundDate(reading, m.start(), m.end(), relative=True, anchor=anchor.start if anchor else -1))
            continue
        if _SKIP_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "every Friday" is a habit, not a date
        since = bool(_SINCE_BEFORE.search(text[max(0, m.start() - 24):m.start()])) or bool(_SINCE_WORD.match(m.group(0)))
        if m.group("list"):
            month_m = re.search(rf"({MONTH_RE})\b(?:,?\s+(\d{{4}}))?\s*$", m.group(0), re.IGNORECASE)
            month, year = month_number(month_m.group(1)), full_year(month_m.group(2))
            head = m.group(0)[:month_m.start()]
            for d in _LIST_DAY.finditer(head):
                said = d.group(0)
                reading = _finish(day_month(int(said), month, year, f"{said} {month_m.group(1)}", today), today, None)
                found.append(FoundDate(reading, m.start() + d.start(), m.start() + d.end()))
            if found and found[-1].reading.ok:
                context = found[-1].reading.value
            continue
        said = m.group(0).strip()
        phrase = _SINCE_WORD.sub("", normalise(said))  # "since June" is read as June, and marked `since`
        hedged = _HEDGE.match(phrase)
        bare = _BARE_DAY.match(re.sub(r"^on ", "", hedged.group(1) if hedged else phrase))
        named_day = _DAY_NAMED_BEFORE.search(text[max(0, m.start() - 40):m.start()]) if bare and not hedged else None
        day_on_weekday = _day_on_weekday(int(bare.group(1) or bare.group(2)), weekday_number(named_day.group(1)), today) \
            if named_day else None
        if day_on_weekday is not None:
            reading = exact(day_on_weekday, said)  # "last Saturday, the 4th": the latest 4th that was a Saturday
        elif bare and context is not None:
            onwards = bool(_ONWARDS.search(text[max(0, m.start() - 30):m.start()])) or (
                # README: a bare "the Nth" after a dated report means the next such day after it
                (after_context or not from_given) and not _HAPPENED_BEFORE.search(text[max(0, m.start() - 40):m.start()]))
            reading = _in_context(int(bare.group(1) or bare.group(2)), bool(hedged), context, said, today,
                                  from_given and not onwards, onwards)
        else:
            reading = _read(phrase, said, today)
        if reading is None or reading.status == "not_understood":
            continue
        reading = _finish(with_said(reading, said), today, None)
        same_weekday = _weekday_already_said(text[max(0, m.start() - 5):m.start()] + said, reading, found)
        if same_weekday is not None:
            reading = replace(same_weekday, said=said)  # "Saturday 7th ... the Saturday": the day already said
        previous = found[-1] if found else None
        if (previous is not None and previous.reading.ok and previous.reading.precision == "exact"
                and _WEEKDAY_ONLY.match(said) and not _WEEKDAY_ONLY.match(previous.reading.said.strip())
                and _NAMING.match(text[previous.end:m.start()])):
            continue  # "the 29th, a Wednesday I think": the weekday names the date just said
        if reading.ok and reading.precision != "month":
            context, from_given = reading.value, False
        found.append(FoundDate(reading, m.start(), m.end(), since))
    return found


# "..., it was a Tuesday, the 10th", "..., that was on the 10th": the day that was just roughly given
_IT_WAS = re.compile(r"[,(\-–—]\s*(?:i think\s+|actually\s+|well\s+)?(?:it|that|this) (?:was|would have been|would be)"
                     r"(?: on)?(?: a| the)?\s*$", re.IGNORECASE)
_NEW_EVENT = re.compile(r"\b(?:and|then|again|also|but|another|second|first|after|before|until|till|later|next|every)\b",
                        re.IGNORECASE)
_BREAK = re.compile(r"\b(?:and|then|again|also|but|another|after|before|until|till|reported|rang|told|phoned|called|emailed)\b",
                    re.IGNORECASE)


def _weekday_already_said(said: str, reading: DateReading, found: list[FoundDate]) -> Optional[DateReading]:
    """'Saturday 7th ... the Saturday, I think': 'the Saturday' is the Saturday just said, when one was."""
    m = _THE_WEEKDAY.search(normalise(said))
    if not (m and reading.ok):
        return None
    for f in reversed(found):
        r = f.reading
        if (r.ok and r.precision == "exact" and r.value == r.latest and r.value.weekday() == weekday_number(m.group(1))
                and 0 <= (reading.value - r.value).days <= 7):
            return r
    return None


_THE_WEEKDAY = re.compile(rf"\b(?:the|that) ({WEEKDAY_RE})$", re.IGNORECASE)
_APPOSITION = re.compile(r"^[\s,(\-–—]*(?:i\.?e\.?|so|that'?s|that was|which was|being|on)?[\s,(]*$", re.IGNORECASE)


_WEEKDAY_ONLY = re.compile(r"^\(?(?:on |last |this past |the |a |that )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                           r"(?: (?:night|morning|afternoon|evening))?(?: just gone)?\)?$", re.IGNORECASE)
_NAMING = re.compile(r"^[\s,(\-–—]*(?:i\.?e\.?|so|that'?s|that was|which was|it was|being|on|just gone|last|gone|before|b4"
                     r"|after)?"
                     r"[\s,(]*(?:a|the|on)?\s*$", re.IGNORECASE)


# "on 3/11 at about 10pm, which was a Tuesday": a time of day between a date and its weekday
_TIME_OF_DAY = re.compile(r"\b(?:at\s+|by\s+|about\s+|around\s+|roughly\s+|gone\s+|just\s+)*(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|ish|o'?clock)"
                          r"|\d{1,2}[:.]\d{2}|midnight|midday|noon|teatime|lunchtime|tea time|lunch time)\b", re.IGNORECASE)


def _names_the_same_day(a: FoundDate, b: FoundDate, text: str) -> Optional[FoundDate]:
    """'on the 17th, that was a Tuesday', '22/10/26 (a Thursday)', 'Tuesday just gone, the 17th':
    a weekday said beside a date names the same day; the date decides (one event, one date)."""
    if not (a.reading.ok and b.reading.ok and _NAMING.match(_TIME_OF_DAY.sub(" ", text[a.end:b.start]))):
        return None
    for weekday, dated in ((a, b), (b, a)):
        if _WEEKDAY_ONLY.match(weekday.reading.said.strip()) and dated.reading.precision == "exact" \
                and not _WEEKDAY_ONLY.match(dated.reading.said.strip()):
            return FoundDate(dated.reading, a.start, b.end, a.since, relative=dated.relative, anchor=dated.anchor)
    return None


_WEEK_SAID = re.compile(r"^(?:last|this) week$|^(?:the )?week before last$", re.IGNORECASE)
_WEEKDAY_LIST = re.compile(r"^[\s,:;(\-–—]*(?:and|&|on|then|the|both|that was|i\.?e\.?|\s)*$", re.IGNORECASE)


def _days_of_a_week(found: list[FoundDate], text: str) -> list[FoundDate]:
    """'twice last week – Monday and Thursday': the weekdays are days of that week, and the
    week itself was only where they fall."""
    out: list[FoundDate] = []
    i = 0
    while i < len(found):
        f = found[i]
        r = f.reading
        days = []
        if r.ok and r.earliest and r.latest and (r.latest - r.earliest).days == 6 and _WEEK_SAID.match(normalise(r.said or "")):
            j, end = i + 1, f.end
            while (j < len(found) and _WEEKDAY_ONLY.match(found[j].reading.said.strip()) and found[j].reading.ok
                   and not found[j].relative and _WEEKDAY_LIST.match(text[end:found[j].start])):
                days.append(found[j])
                end = found[j].end
                j += 1
        if not days:
            out.append(f)
            i += 1
            continue
        for day in days:
            wd = weekday_number(re.search(WEEKDAY_RE, day.reading.said, re.IGNORECASE).group(0))
            value = r.earliest + timedelta(days=(wd - r.earliest.weekday()) % 7)
            out.append(replace(day, reading=replace(day.reading, value=value, earliest=value, latest=value)))
        i += 1 + len(days)
    return out


_OR = re.compile(r"^\s*,?\s*or\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)
_BARE_APPOSITION = re.compile(r"^\s*[,(\-–—]\s*(?:on\s+|about\s+|around\s+)?(?:the\s+)?$", re.IGNORECASE)


def _one_or_the_other(a: FoundDate, b: FoundDate, text: str) -> Optional[FoundDate]:
    """'the 12th or 13th', 'Tuesday or Wednesday': one report on one of two days (README: the
    first named is the best guess, the range holds both). A month said after the second ('the
    12th or the 13th of October') is the first's month too."""
    if not (a.reading.ok and b.reading.ok and not a.since and not b.since and not a.relative and not b.relative
            and _OR.match(text[a.end:b.start])):
        return None
    first, second = a.reading, b.reading

    def month_of(r: DateReading) -> DateReading:
        return ranged(r.value, r.value.replace(day=1), r.value.replace(day=days_in(r.value.year, r.value.month)), "", "month")

    if _BARE_NTH.match((second.said or "").strip()):
        second = nth_in_month(month_of(first), second)  # "the 12th or 13th": the first's month, however it was read
    elif second.precision == "exact" and _BARE_NTH.match((first.said or "").strip()):
        first = nth_in_month(month_of(second), first)  # "the 12th or the 13th of October"
    if (first.precision == second.precision == "exact" and second.value < first.value
            and (second.value + timedelta(days=7) - first.value).days == 1
            and _WEEKDAY_ONLY.match((a.reading.said or "").strip()) and _WEEKDAY_ONLY.match((b.reading.said or "").strip())):
        # "the Tuesday or Wednesday": two days side by side, in the same week
        later = second.value + timedelta(days=7)
        second = replace(second, value=later, earliest=later, latest=later)
    lo, hi = min(first.earliest, second.earliest), max(first.latest, second.latest)
    if (hi - lo).days > 31:
        return None  # too far apart to be one day the resident is unsure of
    said = text[a.start:b.end]
    return FoundDate(ranged(first.value, lo, hi, said, "approximate"), a.start, b.end, a.since, anchor=a.anchor)


_BARE_NTH = re.compile(r"^(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)?(?:,? or (?:on )?(?:the )?\d{1,2}(?:st|nd|rd|th)?)?$",
                       re.IGNORECASE)


def nth_in_month(month: DateReading, reading: DateReading) -> DateReading:
    """A bare 'the 14th' (or 'the 12th or 13th') said of a month just named ('in October ..., the
    14th') is that month's 14th."""
    if (not _BARE_NTH.match((reading.said or "").strip()) or not reading.ok or not month.ok or month.earliest is None
            or month.earliest.day != 1
            or (month.earliest.year, month.earliest.month) != (month.latest.year, month.latest.month)):
        return reading
    try:
        value, lo, hi = (month.earliest.replace(day=d.day) for d in (reading.value, reading.earliest, reading.latest))
    except ValueError:
        return reading
    return reading if hi > month.latest else replace(reading, value=value, earliest=lo, latest=hi)


def _nth_of_the_month(month: DateReading, found: FoundDate) -> FoundDate:
    return replace(found, reading=nth_in_month(month, found.reading))


def merge_refinements(found: list[FoundDate], text: str) -> list[FoundDate]:
    """'A couple of weeks ago, maybe round the 10th': the second narrows the first, so one date.

    'The night before, the 13th': a relative date and a plain one side by side are one date,
    and the plain one is what was meant.
    """
    found = _days_of_a_week(found, text)
    out: list[FoundDate] = []
    for f in found:
        prev = out[-1] if out else None
        either = _one_or_the_other(prev, f, text) if prev else None
        if either is not None:  # one date, then read against what came before it
            out.pop()
            f, prev = either, (out[-1] if out else None)
        if (prev and prev.reading.ok and f.reading.ok and not prev.relative and not f.relative and not prev.since
                and prev.reading.earliest < prev.reading.latest and _BARE_APPOSITION.match(text[prev.end:f.start])
                and not _BREAK.search(re.split(r"[,.;!?\n]", text[f.end:f.end + 60])[0])):
            f = _nth_of_the_month(prev.reading, f)  # "last month, on the 12th": that month's 12th
        if (prev and prev.reading.ok and f.reading.ok and not prev.relative and not f.relative and not prev.since
                and _APPOSITION.match(text[prev.end:f.start])):
            exact_one, week = (prev, f) if prev.reading.precision == "exact" else (f, prev)
            if (exact_one.reading.precision == "exact" and exact_one.reading.earliest == exact_one.reading.latest
                    and _WEEK_SAID.match(normalise(week.reading.said or ""))
                    and week.reading.earliest - timedelta(days=7) <= exact_one.reading.value <= week.reading.latest + timedelta(days=7)):
                # "Thursday 12th, week before last": the week is said loosely, the date decides
                out[-1] = FoundDate(exact_one.reading, prev.start, f.end, prev.since)
                continue
        named = _names_the_same_day(prev, f, text) if prev else None
        if named is not None:
            out[-1] = named
            continue
        if (prev and not prev.relative and not f.relative and prev.reading.ok and f.reading.ok
                and prev.reading.precision == f.reading.precision == "exact" and prev.reading.value == f.reading.value
                and (prev.reading.earliest, prev.reading.latest) == (f.reading.earliest, f.reading.latest)
                and _APPOSITION.match(text[prev.end:f.start])):
            # "the 1st, New Year's Day", "1/12 this morning": one day said twice side by side
            out[-1] = FoundDate(prev.reading if prev.reading.status == "ok" else f.reading, prev.start, f.end, prev.since)
            continue
        if (prev and prev.relative != f.relative and prev.reading.ok and f.reading.ok
                and _APPOSITION.match(text[prev.end:f.start])):
            plain, rel = (f, prev) if prev.relative else (prev, f)
            out[-1] = FoundDate(plain.reading, prev.start, f.end, prev.since, relative=True, anchor=rel.anchor)
            continue
        if (prev and prev.reading.ok and f.reading.ok and not prev.relative and not f.relative
                and not prev.reading.precision == f.reading.precision == "exact"
                and not _BREAK.search(text[prev.end:f.start]) and f.start - prev.end <= 60):
            a, b = prev.reading, f.reading
            if a.earliest <= b.latest and b.earliest <= a.latest:  # the ranges overlap: one date, told twice
                narrow = a if (a.latest - a.earliest) < (b.latest - b.earliest) else b
                out[-1] = FoundDate(narrow, prev.start, f.end, prev.since)
                continue
        if (prev and prev.reading.ok and f.reading.ok and not prev.relative and not f.relative and not prev.since
                and prev.reading.earliest < prev.reading.latest and _IT_WAS.search(text[prev.end:f.start])):
            f = _nth_of_the_month(prev.reading, f)  # "in October ..., that was the 14th": 14 October
        if (prev and prev.reading.ok and f.reading.ok and not prev.relative and not f.relative and not prev.since
                and prev.reading.earliest < prev.reading.latest and f.reading.precision == "exact"
                and prev.reading.earliest <= f.reading.value <= prev.reading.latest and f.start - prev.end <= 80
                and _IT_WAS.search(text[prev.end:f.start]) and not _NEW_EVENT.search(text[prev.end:f.start])):
            # "In March I rang the police, it was a Tuesday, the 10th": the exact day says when the
            # rough one was, so one date (the exact one), not a second report
            out[-1] = FoundDate(f.reading, prev.start, f.end, prev.since)
            continue
        out.append(f)
    return out


def find_dates(text: str, today: date) -> list[DateReading]:
    """Every date in a message ("on 3 March and again on the 21st" -> two readings)."""
    return [f.reading for f in scan_dates(fix_calendar_typos(text), today)]
