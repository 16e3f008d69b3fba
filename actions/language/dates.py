"""Understanding a date as a UK resident says it (rules §7).

dateparser handles much of English date language, but it reads "4/13" as 4 March 2013, has
no "weekend before last" or "Boxing Day", and invents years the resident never said. So the
forms residents actually use are read here first, each with a precision and a range, and
dateparser is only the last resort, its answers checked against what was said.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Optional

MAX_CHARS = 300  # one date is never longer; longer text goes through find_dates

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 4})
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
    "a few": 3, "few": 3,
}
# (month, day) of named days residents use; resolved to the most recent past one.
NAMED_DAYS = {
    "bonfire night": (11, 5), "guy fawkes night": (11, 5), "fireworks night": (11, 5),
    "boxing day": (12, 26), "christmas day": (12, 25), "christmas eve": (12, 24), "xmas eve": (12, 24),
    "xmas day": (12, 25), "christmas": (12, 25), "xmas": (12, 25),
    "new year's eve": (12, 31), "new years eve": (12, 31), "nye": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentines day": (2, 14),
}

MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
NUM_WORD = r"(\d+|a couple of|couple of|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


@dataclass(frozen=True)
class DateReading:
    status: str  # ok | ambiguous | impossible | not_uk | future | before_limit | not_understood
    value: Optional[date] = None
    earliest: Optional[date] = None
    latest: Optional[date] = None
    precision: str = "exact"  # exact | approximate | month
    said: str = ""
    question: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "ambiguous")

    @property
    def in_words(self) -> str:
        if self.value is None:
            return ""
        if self.precision == "month":
            return self.value.strftime("%B %Y")
        text = format_date(self.value, weekday=True)
        return text if self.precision == "exact" else f"around {text}"


def format_date(d: date, weekday: bool = False) -> str:
    text = f"{d.day} {d.strftime('%B %Y')}"
    return f"{d.strftime('%A')} {text}" if weekday else text


def london_today() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/London")).date()


def _reading(value: date, said: str, precision: str = "exact", earliest: Optional[date] = None,
             latest: Optional[date] = None, status: str = "ok") -> DateReading:
    return DateReading(status, value, earliest or value, latest or value, precision, said)


def _ask(status: str, said: str, question: str) -> DateReading:
    return DateReading(status, said=said, question=question)


def _recent(month: int, day: int, today: date) -> Optional[date]:
    """The most recent past (or today's) `day month`, or None when that day never exists."""
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 Feb: try earlier years
        if candidate <= today:
            return candidate
    return None


def _month_range(month: int, today: date, year: Optional[int] = None) -> tuple[date, date]:
    year = year or (today.year if month <= today.month else today.year - 1)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _number(word: str) -> Optional[int]:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _year(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def _day_month(day: int, month: int, year: Optional[int], said: str, today: date) -> DateReading:
    if not 1 <= month <= 12:
        return _ask("impossible", said, f"'{said}' isn't a date I recognise. Could you give the day and month, like 3 March?")
    last = calendar.monthrange(year or 2024, month)[1]  # 2024: a leap year, so 29 Feb is possible
    if not 1 <= day <= last:
        return _ask("impossible", said, f"There is no {day} {calendar.month_name[month]}. Could you check the date?")
    if year is not None:
        try:
            value = date(year, month, day)
        except ValueError:
            return _ask("impossible", said, f"There was no {day} {calendar.month_name[month]} in {year}. Could you check the date?")
    else:
        value = _recent(month, day, today)
        if value is None:
            return _ask("impossible", said, "Could you check the date?")
    return _reading(value, said)


def _numeric(m: re.Match, said: str, today: date) -> DateReading:
    a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
    if b > 12:
        if a <= 12 and b <= 31:
            return _ask("not_uk", said, f"'{said}' looks like a month-first date. In the UK we write the day first: "
                        "could you tell me the date with the month in words, like 13 April?")
        return _ask("impossible", said, f"'{said}' isn't a date I recognise. Could you give the day and month, like 3 March?")
    reading = _day_month(a, b, y, said, today)
    if reading.status == "ok" and a <= 12 and a != b:
        return DateReading("ambiguous", reading.value, reading.value, reading.value, "exact", said,
                           f"Just to check: do you mean {format_date(reading.value, weekday=True)}?")
    return reading


def _weekday_before(weekday: int, today: date, weeks_back: int = 0) -> date:
    delta = (today.weekday() - weekday) % 7 or 7  # strictly before today
    return today - timedelta(days=delta + 7 * weeks_back)


def _last_weekend(today: date, weeks_back: int) -> tuple[date, date]:
    # The most recent whole weekend before today: said on a Sunday, "last weekend" is not
    # the one still going on.
    saturday = _weekday_before(5, today)
    if today.weekday() == 6:
        saturday -= timedelta(days=7)
    saturday -= timedelta(days=7 * weeks_back)
    return saturday, saturday + timedelta(days=1)


# Each pattern is tried on the whole (lower-cased) phrase, in order.
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(?:on |at )?(?:the )?(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$"), "numeric"),
    (re.compile(rf"^(?:on |at )?(?:the )?{ORD}(?: of)? ({MONTH_RE})\.?,?(?: (\d{{4}}))?$"), "day_month"),
    (re.compile(rf"^(?:on )?({MONTH_RE})\.? (?:the )?{ORD},?(?: (\d{{4}}))?$"), "month_day"),
    (re.compile(r"^(?:on )?(today|this morning|this afternoon|this evening|tonight|earlier today)$"), "today"),
    (re.compile(r"^(yesterday|last night|yesterday (?:morning|afternoon|evening))$"), "yesterday"),
    (re.compile(r"^(tomorrow|next (?:week|month|mon|tues|wednes|thurs|fri|satur|sun)(?:day)?)$"), "future"),
    (re.compile(r"^(?:the )?day before yesterday$"), "day_before_yesterday"),
    (re.compile(rf"^(?:about |around |roughly |maybe )?{NUM_WORD} (day|week|month)s? ago$"), "ago"),
    (re.compile(r"^(?:about |around )?(?:a )?fortnight ago$"), "fortnight"),
    (re.compile(r"^(?:on )?(?:last |this past |this )?(mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?(?: (?:night|morning|evening|afternoon))?$"), "weekday"),
    (re.compile(r"^(?:on )?(mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)? before last$"), "weekday_before_last"),
    (re.compile(r"^(?:at |on )?(?:the |this past |last )?weekend$"), "last_weekend"),
    (re.compile(r"^(?:at |on )?the weekend before last$"), "weekend_before_last"),
    (re.compile(r"^(?:the )?other day$"), "other_day"),
    (re.compile(r"^last week$"), "last_week"),
    (re.compile(r"^last month$"), "last_month"),
    (re.compile(rf"^(?:in )?(early|the start of|the beginning of|mid|the middle of|middle of|late|the end of|end of)[ -]({MONTH_RE})(?: (\d{{4}}))?$"), "part_month"),
    (re.compile(rf"^(?:in |during |sometime in |some time in )?({MONTH_RE})(?: (\d{{4}}))?$"), "month"),
    (re.compile(rf"^(?:round about|roughly|around|about|maybe|approx\.?|approximately) (?:the )?{ORD}$"), "about_day"),
    (re.compile(r"^(?:on )?the (\d{1,2})(?:st|nd|rd|th)$"), "ordinal"),
    (re.compile(r"^(?:just )?before (christmas|xmas)$"), "before_christmas"),
    (re.compile(r"^(?:since |over |during |in )?the summer$"), "summer"),
]


def _named(text: str, today: date) -> Optional[date]:
    key = text.removeprefix("on ").removeprefix("at ").strip()
    if key in NAMED_DAYS:
        return _recent(*NAMED_DAYS[key], today)
    return None


def _parse_known(kind: str, m: re.Match, said: str, today: date) -> DateReading:
    if kind == "numeric":
        return _numeric(m, said, today)
    if kind == "day_month":
        return _day_month(int(m.group(1)), MONTHS[m.group(2)[:3]], _year(m.group(3)), said, today)
    if kind == "month_day":
        return _day_month(int(m.group(2)), MONTHS[m.group(1)[:3]], _year(m.group(3)), said, today)
    if kind == "today":
        return _reading(today, said)
    if kind == "yesterday":
        return _reading(today - timedelta(days=1), said)
    if kind == "future":
        return _ask("future", said, "That's in the future. When did it happen? A rough date is fine.")
    if kind == "day_before_yesterday":
        return _reading(today - timedelta(days=2), said)
    if kind in ("ago", "fortnight"):
        if kind == "fortnight":
            n, unit, vague = 2, "week", True
        else:
            n, unit = _number(m.group(1)) or 1, m.group(2)
            vague = not m.group(1).isdigit() and m.group(1) not in ("a", "an", "one") or said.startswith(("about", "around", "roughly", "maybe"))
        if unit == "day":
            value = today - timedelta(days=n)
            spread = 1 if vague else 0
        elif unit == "week":
            value = today - timedelta(weeks=n)
            spread = 3
        else:
            from dateutil.relativedelta import relativedelta

            value = today - relativedelta(months=n)
            spread = 10
        return _reading(value, said, "approximate" if spread else "exact",
                        value - timedelta(days=spread), min(today, value + timedelta(days=spread)))
    if kind == "weekday":
        return _reading(_weekday_before(WEEKDAYS[m.group(1)[:3]], today), said)
    if kind == "weekday_before_last":
        return _reading(_weekday_before(WEEKDAYS[m.group(1)[:3]], today, 1), said)
    if kind in ("last_weekend", "weekend_before_last"):
        sat, sun = _last_weekend(today, 1 if kind == "weekend_before_last" else 0)
        return _reading(sat, said, "approximate", sat, min(sun, today))
    if kind == "other_day":
        return _reading(today - timedelta(days=3), said, "approximate", today - timedelta(days=7), today - timedelta(days=1))
    if kind == "last_week":
        monday = today - timedelta(days=today.weekday() + 7)
        return _reading(monday + timedelta(days=3), said, "approximate", monday, monday + timedelta(days=6))
    if kind == "last_month":
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        start, end = _month_range(first.month, today, first.year)
        return _reading(start, said, "month", start, end)
    if kind in ("part_month", "month"):
        part = m.group(1) if kind == "part_month" else None
        month = MONTHS[(m.group(2) if part else m.group(1))[:3]]
        year = _year(m.group(3) if part else m.group(2))
        start, end = _month_range(month, today, year)
        if start > today:
            return _ask("future", said, f"{start.strftime('%B %Y')} hasn't happened yet. Which month did you mean?")
        if part in ("early", "the start of", "the beginning of"):
            lo, hi = start, start.replace(day=10)
        elif part in ("mid", "the middle of", "middle of"):
            lo, hi = start.replace(day=11), start.replace(day=20)
        elif part:
            lo, hi = start.replace(day=21), end
        else:
            lo, hi = start, end
        hi = min(hi, today)
        return _reading(lo + (hi - lo) / 2, said, "approximate" if part else "month", lo, hi)
    if kind in ("about_day", "ordinal"):
        day = int(m.group(1))
        value = None
        probe = today
        for _ in range(3):  # the most recent past month that has this day
            value = _recent(probe.month, day, today) if day <= calendar.monthrange(probe.year, probe.month)[1] else None
            if value and value <= today:
                break
            probe = probe.replace(day=1) - timedelta(days=1)
        if value is None or day > 31:
            return _ask("impossible", said, f"There's no {day}th. Could you check the date?")
        if kind == "about_day":
            return _reading(value, said, "approximate", value - timedelta(days=2), min(today, value + timedelta(days=2)))
        return _reading(value, said)
    if kind == "before_christmas":
        xmas = _recent(12, 25, today)
        return _reading(xmas - timedelta(days=10), said, "approximate", xmas.replace(day=1), xmas - timedelta(days=1))
    if kind == "summer":
        year = today.year if today.month >= 6 else today.year - 1
        lo, hi = date(year, 6, 1), min(today, date(year, 8, 31))
        return _reading(lo + (hi - lo) / 2, said, "approximate", lo, hi)
    raise AssertionError(kind)


def _with_dateparser(text: str, today: date) -> Optional[date]:
    """Last resort. Its answer is refused when it invents a year the resident didn't say."""
    try:
        import dateparser

        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "DATE_ORDER": "DMY",
                "PREFER_DATES_FROM": "past",
                "RELATIVE_BASE": datetime(today.year, today.month, today.day, 12, 0),
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # dateparser raises on some odd inputs; nothing it says is needed then
        return None
    if parsed is None:
        return None
    value = parsed.date()
    said_year = re.search(r"\b(19|20)\d{2}\b", text)
    if value.year < today.year - 1 and not said_year:
        return None
    return value


def _strip(text: str) -> str:
    text = text.lower().strip()
    text = re.sub(r"[’‘`]", "'", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,!?;:")


def parse_date(text: str, today: date, not_before: Optional[date] = None) -> DateReading:
    """Read one date from what the resident typed; never raises."""
    if not isinstance(text, str):
        return _ask("not_understood", "", "When was that? A rough date is fine.")
    said = text.strip()[:MAX_CHARS]
    phrase = _strip(said)
    if not phrase:
        return _ask("not_understood", said, "When was that? A rough date is fine, like 'early March' or 'last Tuesday'.")
    reading: Optional[DateReading] = None
    named = _named(phrase, today)
    if named:
        reading = _reading(named, said)
    else:
        for pattern, kind in _PATTERNS:
            m = pattern.match(phrase)
            if m:
                reading = _parse_known(kind, m, said, today)
                break
    if reading is None and len(phrase) <= 60 and re.search(r"\d|" + MONTH_RE + r"|day|week|ago|last|yesterday", phrase):
        value = _with_dateparser(phrase, today)
        if value:
            reading = _reading(value, said)
    if reading is None:
        return _ask("not_understood", said,
                    "Sorry, I couldn't work out that date. You could say something like '3 March', '14/02' or 'last Tuesday'.")
    if reading.value and reading.value > today:
        return _ask("future", said, f"{format_date(reading.value)} is in the future. When did it happen?")
    if not_before and reading.latest and reading.latest < not_before:
        return DateReading("before_limit", reading.value, reading.earliest, reading.latest, reading.precision, said,
                           f"That's before {format_date(not_before)}, when you said the incident happened. Could you check the date?")
    return reading


# ------------------------------------------------------------------- several in one text

_SCAN = re.compile(
    "|".join([
        r"\b\d{1,2}[/.\-]\d{1,2}(?:[/.\-](?:\d{4}|\d{2}))?\b",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {MONTH_RE}\b\.?(?:,? \d{{4}})?",
        rf"\b{MONTH_RE} (?:the )?\d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?",
        r"\b(?:round about|roughly|around|about|approximately) (?:the )?\d{1,2}(?:st|nd|rd|th)?\b",
        r"\bthe \d{1,2}(?:st|nd|rd|th)\b",
        r"\b(?:the )?day before yesterday\b",
        r"\b(?:yesterday|last night|today|this morning|tonight)\b",
        rf"\b(?:{NUM_WORD}) (?:day|week|month)s? ago\b",
        r"\b(?:a )?fortnight ago\b",
        r"\bthe weekend before last\b",
        r"\b(?:last|this past) weekend\b",
        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day before last\b",
        r"\b(?:last |on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
        r"\bthe other day\b",
        r"\blast (?:week|month)\b",
        rf"\b(?:early|mid|late|the start of|the beginning of|the middle of|the end of|end of)[ -]{MONTH_RE}\b(?: \d{{4}})?",
        r"\b(?:just )?before (?:christmas|xmas)\b",
        "|".join(r"\b" + re.escape(n) + r"\b" for n in sorted(NAMED_DAYS, key=len, reverse=True) if n not in ("christmas", "xmas")),
        rf"\b(?:in|during) {MONTH_RE}\b(?: \d{{4}})?",
        rf"\b(?:till|until|in) {MONTH_RE}\b",
    ]),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    reading: DateReading
    start: int
    end: int


def scan_dates(text: str, today: date) -> list[FoundDate]:
    """Every date mentioned in a longer message, with where it was said."""
    if not isinstance(text, str):
        return []
    text = text[:5000]
    found: list[FoundDate] = []
    context_month: Optional[date] = None
    for m in _SCAN.finditer(text):
        phrase = re.sub(r"^(?:till|until) ", "", m.group(0).strip(), flags=re.IGNORECASE)
        reading = parse_date(phrase, today)
        bare_ordinal = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", phrase.lower())
        if bare_ordinal and context_month is not None:
            # "on 3 March and again on the 21st": the 21st of the month just mentioned.
            try:
                candidate = context_month.replace(day=int(bare_ordinal.group(1)))
                if candidate <= today:
                    reading = _reading(candidate, phrase)
            except ValueError:
                pass
        if reading.status == "not_understood":
            continue
        if reading.value and reading.precision != "month":
            context_month = reading.value
        found.append(FoundDate(reading, m.start(), m.end()))
    return found


def find_dates(text: str, today: date) -> list[DateReading]:
    return [f.reading for f in scan_dates(text, today)]
