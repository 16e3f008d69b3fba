"""Calendar vocabulary and calendar arithmetic shared by the date readers.

Everything here works in plain calendar dates (Europe/London days, rules §6): no times,
no time zones, so a date never shifts by a day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
# Month names as typed, typos included ("octobr", "septmber", "feburary", "agust").
_MONTH_TYPOS = {"januray": 1, "janurary": 1, "febuary": 2, "feburary": 2, "febury": 2, "agust": 8, "augst": 8,
                "septmber": 9, "septembr": 9, "sepember": 9, "octobr": 10, "ocotber": 10, "octber": 10, "novmber": 11,
                "novembr": 11, "novemebr": 11, "decmber": 12, "decembr": 12, "decemebr": 12,
                # as spelt in several European languages
                "oktober": 10, "okt": 10, "dezember": 12, "januar": 1, "februar": 2, "juni": 6, "juli": 7}
MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|" + "|".join(_MONTH_TYPOS) + ")")
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun|thrus|wend?s|wedns)(?:day)?"  # with typos
ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# Quantities that are not a number: the date they give is a guess with a range.
VAGUE_NUMBERS = {"a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "a couple": 2}
NUM_WORD = r"(\d{1,3}|a couple of|couple of|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def month_number(word: str) -> int:
    word = word.lower()
    return _MONTH_TYPOS.get(word) or MONTHS[word[:3]]


def weekday_number(word: str) -> int:
    start = {"thr": "thu", "wen": "wed"}.get(word.lower()[:3], word.lower()[:3])  # "thrusday", "wensday"
    return WEEKDAYS[next(d for d in WEEKDAYS if d.startswith(start))]


def number(word: str) -> Optional[int]:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word, VAGUE_NUMBERS.get(word))


def full_year(text: Optional[str]) -> Optional[int]:
    """'26' is 2026: residents never mean 1926."""
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def most_recent(month: int, day: int, today: date) -> Optional[date]:
    """The most recent `day month` on or before today, within the last year; None if none.

    Only 29 February can fail: the last one may be years ago, and a year-less "29/2" then
    means the resident mistyped, so it is asked again rather than read as 2024.
    """
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def most_recent_nth(day: int, today: date) -> Optional[date]:
    """'the 21st': the latest month (this one or earlier) whose 21st is not in the future."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= days_in(year, month) and date(year, month, day) <= today:
            return date(year, month, day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def month_span(month: int, today: date, year: Optional[int] = None) -> tuple[date, date]:
    """First and last day of `month` (the most recent past one when no year was said)."""
    if year is None:
        year = today.year if month <= today.month else today.year - 1
    return date(year, month, 1), date(year, month, days_in(year, month))


def weekday_before(weekday: int, today: date, weeks_back: int = 0) -> date:
    """The most recent `weekday` strictly before today ("on Tuesday" said on a Tuesday is last week's)."""
    delta = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=delta + 7 * weeks_back)


def previous_month(today: date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no surrounding punctuation."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,!?;:()\"'")


# Calendar words typed wrong ("Septmber", "wendsday", "bonfrie night"), put right before the
# dates are read. The standard library's difflib does the matching. Only words of five letters or
# more are compared, so "march" (the verb), "may" (the modal) and "june" are never touched, and a
# word already right, a plural ("mondays") or a real word close to a day's name ("sundae") is left alone.
_CALENDAR_WORDS = ("january", "february", "april", "august", "september", "october", "november", "december",
                   "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "bonfire", "christmas", "boxing", "halloween", "valentines", "fireworks", "yesterday")
_NOT_TYPOS = {"sundae", "sundry", "frida", "augusta", "fridge", "friday's", "boxer", "boxers", "boxed", "boxes", "bonnie",
              "christian", "christine", "christina", "mondeo", "monday's", "thursdays", "octopus", "novice", "novel",
              "member", "remember", "decent", "detect", "firework", "valentine", "christen", "saturn", "sunny",
              "wednesday's", "tuesday's", "saturday's", "sunday's", "augustine", "mayday", "number", "months"}
_WORD = re.compile(r"(?<![\w'])[A-Za-z]{5,12}(?![\w'])")


def _calendar_word(word: str) -> Optional[str]:
    import difflib

    low = word.lower()
    if low in _CALENDAR_WORDS or low in _NOT_TYPOS or low in MONTHS or low in _MONTH_TYPOS:
        return None
    if any(low == w + "s" or low + "s" == w for w in _CALENDAR_WORDS):
        return None  # "mondays", "valentine", "firework": a plural or singular, not a typo
    match = difflib.get_close_matches(low, _CALENDAR_WORDS, n=1, cutoff=0.8)
    if not match or match[0][0] != low[0]:
        return None
    return match[0].capitalize() if word[0].isupper() else match[0]


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                  "thirtieth": 30}
_ORDINAL_WORD = r"(?:(twenty|thirty)[\s-])?(" + "|".join(_ORDINAL_WORDS) + r")"
# "the twelfth of November", "November the twenty-first": only beside a month, as "the first" alone
# is seldom a date ("the first time")
# "may" and "march" are words too: "the second may be worse" is no date, so those two need "of"
# before them, or a capital after ("May the first")
_MONTH_NOT_WORD = MONTH_RE.replace("|mar(?:ch)?|", "|mar|").replace("|may|", "|")
_ORDINAL_BY_MONTH = re.compile(rf"\b{_ORDINAL_WORD}(?=\s+(?:of\s+{MONTH_RE}|{_MONTH_NOT_WORD})\b)"
                               rf"|(?P<after>\b(?:{_MONTH_NOT_WORD}|(?-i:May|March))\s+(?:the\s+)?){_ORDINAL_WORD}\b",
                               re.IGNORECASE)


def _ordinal(tens: Optional[str], word: str) -> Optional[str]:
    n = _ORDINAL_WORDS[word.lower()] + {"twenty": 20, "thirty": 30}.get((tens or "").lower(), 0)
    if n > 31:
        return None
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _spell_ordinal(m: re.Match) -> str:
    if m.group("after") is not None:
        number = _ordinal(m.group(4), m.group(5))
        return m.group("after") + number if number else m.group(0)
    number = _ordinal(m.group(1), m.group(2))
    return number or m.group(0)


def fix_calendar_typos(text: str) -> str:
    """The text with misspelt month, weekday and holiday names spelt right, and a day written in
    words beside its month in figures ('the twelfth of November' -> 'the 12th of November'); the rest unchanged."""
    if not isinstance(text, str):
        return text
    text = _WORD.sub(lambda m: _calendar_word(m.group(0)) or m.group(0), text)
    return _ORDINAL_BY_MONTH.sub(_spell_ordinal, text)
