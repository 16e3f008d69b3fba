"""Checking the reports read back against what really happened, as the resident would.

"Is that right?" is answered from the facts: a report listed that the resident never made (a
sentence taken for two reports, a report told twice) is taken out, a missing one is told again,
a wrong incident date is corrected. One fix per turn, in the assistant's own example wording
("the second date is wrong, it was the 12th").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .answers import Answer, plain_report, _reported_date
from .asked import dates_in
from .profiles import as_date

LINE = re.compile(r"^\s*(\d+)\. (.*)$", re.M)
ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
MAX_FIXES = 4  # then the resident lets it go (the payload check still sees the difference)


def truth(reports: list[dict], corrections: list[dict], made: tuple = ()) -> list[dict]:
    """The reports as they really were: the profile's read-back corrections applied, and any
    correction already made elsewhere (a report added at "check your answers" is real too)."""
    real = [dict(r) for r in reports]
    removed = set()
    for corr in corrections:
        if corr["at"] != "read_back" and corr not in made:
            continue
        effect = corr["effect"]
        if "add" in effect:
            real.append(dict(effect["add"]))
        elif effect.get("remove"):
            removed.add(effect["report"])
        elif "report" in effect:
            real[effect["report"]][effect["field"]] = effect["new"]
    return [r for i, r in enumerate(real) if i not in removed]


def listed(text: str) -> list[tuple[int, list[dt.date]]]:
    """The read-back's numbered lines: (number, [reported date, incident date if shown])."""
    part = re.split(r"here are the reports you.ve told me about", text, maxsplit=1, flags=re.I)[-1]
    return [(int(n), dates_in(line)) for n, line in LINE.findall(part)]


def fix(text: str, real: list[dict]) -> Optional[Answer]:
    lines = listed(text)
    if not lines:
        return None
    matched: dict[int, int] = {}  # real report index -> listed number
    extras = []
    for number, dates in lines:
        if not dates:
            continue  # a vague date the driver cannot place: trust it
        hit = next((i for i, r in enumerate(real) if i not in matched and _reported_date(r) == dates[0]), None)
        if hit is None:
            extras.append(number)
        else:
            matched[hit] = number
    missing = [r for i, r in enumerate(real) if i not in matched and _reported_date(r)]
    if any(not d for _, d in lines):
        missing = []  # an unplaced line may be the missing one
    if extras and missing:  # a wrong date rather than a wrong report
        d = _reported_date(missing[0])
        return Answer(f"The {_ordinal(extras[0])} date is wrong, it was the {d.day}{_suffix(d.day)} of {d:%B}", side=True)
    if extras:
        return Answer(f"I didn't make the {_ordinal(extras[-1])} one, please take it out", side=True)
    if missing:
        return Answer("I also " + plain_report(missing[0])[2:], side=True)  # "I also reported it to ..."
    for i, number in matched.items():
        dates = dict(lines)[number]
        shown = dates[1] if len(dates) > 1 else dates[0]
        incident = as_date(real[i].get("incident"))
        if incident and shown != incident:
            return Answer(f"The {_ordinal(number)} one is wrong, it happened on {incident.day} {incident:%B}", side=True)
    return None


def _suffix(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _ordinal(n: int) -> str:
    return ORDINAL[n - 1] if 0 < n <= len(ORDINAL) else f"number {n}"
