"""Days residents name rather than date: "Bonfire Night", "Boxing Day" (dateparser knows none).

Each resolves to the most recent past one, so "Bonfire Night" said in March is last November.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

from actions.language.reading import DateReading, exact
from actions.language.words import most_recent

NAMED_DAYS = {
    "bonfire night": (11, 5), "guy fawkes night": (11, 5), "fireworks night": (11, 5), "firework night": (11, 5),
    "boxing day": (12, 26), "christmas day": (12, 25), "xmas day": (12, 25),
    "christmas eve": (12, 24), "xmas eve": (12, 24),
    "new year's eve": (12, 31), "new years eve": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1),
    "nye": (12, 31), "nyd": (1, 1),  # as they are texted
    "halloween": (10, 31), "hallowe'en": (10, 31),
    "valentine's day": (2, 14), "valentines day": (2, 14), "valentine's": (2, 14),
}
# "Christmas" alone is a day too, but usually a season ("since Christmas"): read as 25 Dec.
SEASON_DAYS = {"christmas": (12, 25), "xmas": (12, 25), "new year": (1, 1)}

_ALL = {**NAMED_DAYS, **SEASON_DAYS}


def _easter(year: int) -> date:
    from dateutil.easter import easter

    return easter(year)


def _last_weekday(year: int, month: int, weekday: int) -> date:
    day = date(year, month, calendar.monthrange(year, month)[1])
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _first_weekday(year: int, month: int, weekday: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


# Days that move from year to year (England's bank holidays, Easter, the clocks changing).
MOVING_DAYS = {
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "easter sunday": _easter, "easter day": _easter, "easter": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "early may bank holiday": lambda y: _first_weekday(y, 5, 0), "may day bank holiday": lambda y: _first_weekday(y, 5, 0),
    "late may bank holiday": lambda y: _last_weekday(y, 5, 0), "spring bank holiday": lambda y: _last_weekday(y, 5, 0),
    "august bank holiday": lambda y: _last_weekday(y, 8, 0), "summer bank holiday": lambda y: _last_weekday(y, 8, 0),
    "bank holiday monday in august": lambda y: _last_weekday(y, 8, 0),
    "remembrance sunday": lambda y: _first_weekday(y, 11, 6) + timedelta(days=7),
    "clocks went back": lambda y: _last_weekday(y, 10, 6),
    "when the clocks went back": lambda y: _last_weekday(y, 10, 6), "the clocks went back": lambda y: _last_weekday(y, 10, 6),
    "when the clocks changed in october": lambda y: _last_weekday(y, 10, 6),
    "when the clocks went forward": lambda y: _last_weekday(y, 3, 6), "the clocks went forward": lambda y: _last_weekday(y, 3, 6),
}
NAMED_PATTERN = "|".join(re.escape(n).replace("'", "['’]?")
                         for n in sorted([*_ALL, *MOVING_DAYS], key=len, reverse=True))
NAMED_RE = re.compile(rf"^(?:on |at |over |during )?(?:the )?({NAMED_PATTERN})(?: night| morning| evening)?( last year)?$")


def read_named(name: str, said: str, today: date, last_year: bool = False) -> Optional[DateReading]:
    """The most recent past such day; with `last_year` ("Bonfire Night last year"), the one in last calendar year."""
    if said.strip() in ("Nye", "Nyd"):
        return None  # a name ("Nye Bevan House"), not New Year's Eve texted
    key = name.replace("’", "'").lower()
    if key in MOVING_DAYS:
        value = MOVING_DAYS[key](today.year - 1 if last_year else today.year)
        if value > today and not last_year:
            value = MOVING_DAYS[key](today.year - 1)
        return exact(value, said)
    if key not in _ALL:
        key = next((k for k in _ALL if k.replace("'", "") == key.replace("'", "")), "")
    if not key:
        return None
    value = date(today.year - 1, *_ALL[key]) if last_year else most_recent(*_ALL[key], today)
    return exact(value, said) if value else None
