"""When operators work: ``ASB_OPERATOR_HOURS`` (default ``08:00-20:00``) in ``ASB_TIMEZONE``.

Several ranges may be given (``08:00-12:00 13:00-20:00``); ``00:00-24:00`` means always.
Days are not distinguished: a force with weekend gaps sets the hours a deployment runs.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional
from zoneinfo import ZoneInfo

from shared.settings import DEFAULT_OPERATOR_HOURS, operator_hours, timezone_name

DEFAULT_HOURS = DEFAULT_OPERATOR_HOURS


def _minutes(text: str) -> int:
    hours, minutes = text.strip().split(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= 24 * 60:
        raise ValueError(text)
    return value


def parse_hours(spec: str) -> list[tuple[int, int]]:
    ranges = []
    for part in spec.split():
        start, end = part.split("-")
        ranges.append((_minutes(start), _minutes(end)))
    return ranges


def operator_hours_open(now: Optional[datetime] = None, spec: Optional[str] = None, zone: Optional[str] = None) -> bool:
    now = now or datetime.now(timezone.utc)
    local = now.astimezone(ZoneInfo(zone or timezone_name()))
    minute = local.hour * 60 + local.minute
    try:
        ranges = parse_hours(spec or operator_hours())
    except ValueError:
        ranges = parse_hours(DEFAULT_HOURS)  # a typo in the setting must not open a 24-hour queue
    return any(start <= minute < end for start, end in ranges)
