"""Read a date given in the resident's words ("last Tuesday") for the assessment.

The language layer (actions.language) does the understanding; this only maps its reading
onto the engine's date range, so the engine and the assistant read words the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from actions.language import parse_date
from actions.rules.periods import Span


def read_said_date(said: str, today: date) -> tuple[Optional[Span], Optional[str]]:
    reading = parse_date(said, today)
    if reading.status in ("ok", "ambiguous") and reading.value is not None:
        earliest = reading.earliest or reading.value
        latest = reading.latest or reading.value
        precision = reading.precision if reading.precision in ("exact", "approximate", "month") else "approximate"
        return Span(earliest, latest, precision), None
    return None, f"the date '{said[:60]}' could not be understood ({reading.status})"
