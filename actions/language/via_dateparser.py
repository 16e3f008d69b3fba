"""The dateparser call, with the settings that suit UK residents, and checks on its answer.

dateparser resolves plain forms well ("3 March", "Tuesday", "3 weeks ago", "yesterday")
but, in the locked 1.2.0: returns nothing for "last Tuesday" and "a fortnight ago", puts
"the 21st" in the future, turns "26" into 1926 and "4/13" into 2013. So our layer only
hands it phrases already rewritten to the plain forms (dates.py), short ones, and checks
what comes back: never after today, never a year the resident didn't say.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

MAX_LEN = 60  # dateparser's time grows with input; a date phrase is never longer


def resolve(phrase: str, today: date, day_and_month: bool = False) -> Optional[date]:
    """dateparser's reading of a plain date phrase relative to `today`, or None."""
    if not phrase or len(phrase) > MAX_LEN:
        return None
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime(today.year, today.month, today.day, 12, 0),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if day_and_month:
        settings["REQUIRE_PARTS"] = ["day", "month"]  # never let it fill in a missing day
    try:
        import dateparser

        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # odd input can raise inside dateparser; then it has nothing to say
        return None
    if parsed is None:
        return None
    value = parsed.date()
    return value if value <= today else None
