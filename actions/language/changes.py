"""Changes asked for in words at "check your answers": "the second date is wrong, it was the 12th"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from actions.language.answers import extract_email, extract_phone
from actions.language.dates import scan_dates
from actions.language.reports import body_in

ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4,
    "5th": 4, "sixth": 5, "6th": 5, "seventh": 6, "7th": 6, "eighth": 7, "8th": 7, "ninth": 8, "9th": 8,
    "tenth": 9, "10th": 9, "last": -1,
}
_ORD = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b(?: (?:one|report|date|time))?", re.I)
_FIELDS = [
    ("phone", r"phone|mobile|number to ring|telephone"),
    ("email", r"e-?mail"),
    ("contact_address", r"\baddress\b|where i live"),
    ("full_name", r"\bmy name\b|\bname\b"),
    ("safe_contact", r"don't (?:ring|call|text|email)|do not (?:ring|call|text|email)|safe contact|contact me"),
    ("location", r"where (?:it|this) (?:is|happens)|location|street|postcode"),
    ("problem_description", r"what(?:'s| is) happening|description|the problem"),
]


@dataclass
class ChangeRequest:
    target: str  # "report" or a slot-like field name
    field: Optional[str] = None  # for reports: reported_date, incident_date, reported_to, reference
    index: Optional[int] = None  # 0-based report index, -1 for the last
    action: str = "update"  # update | remove
    value: Any = None  # a DateReading, a body, or a string; None means "ask for it"


def parse_change(text: str, today: date) -> Optional[ChangeRequest]:
    """What the resident wants to change, or None when it isn't a change we can read."""
    if not isinstance(text, str) or not text.strip():
        return None
    t = text.strip()[:500]
    low = t.lower()
    ordinal = _ORD.search(low)
    index = ORDINALS[ordinal.group(1).lower()] if ordinal else None
    if index is not None or re.search(r"\breport\b", low):
        if re.search(r"\b(remove|delete|take out|get rid of|drop)\b", low):
            return ChangeRequest("report", index=index, action="remove")
        body = body_in(re.sub(r".*\b(?:was|to)\b", "", low, count=1)) if re.search(r"\b(was|to)\b", low) else None
        if body and re.search(r"\bnot\b|\bto the\b|\bwas\b", low):
            return ChangeRequest("report", field="reported_to", index=index, value=body)
        # The date after the ordinal ("the 2nd date ... the 12th") is the new value.
        found = [f for f in scan_dates(t, today) if not (ordinal and f.start <= ordinal.start() < f.end)]
        if ordinal:
            found = [f for f in found if f.start >= ordinal.end()] or found
        field = "incident_date" if re.search(r"happened|incident", low) else "reported_date"
        if found:
            return ChangeRequest("report", field=field, index=index, value=found[-1].reading)
        if index is not None and re.search(r"\bdate|when|day\b", low):
            return ChangeRequest("report", field=field, index=index)
        if index is not None and re.search(r"\bref", low):
            return ChangeRequest("report", field="reference", index=index)
        if index is not None:
            return ChangeRequest("report", index=index)
    for name, pattern in _FIELDS:
        if re.search(pattern, low):
            value: Any = None
            if name == "phone":
                value = extract_phone(t)
            elif name == "email":
                value = extract_email(t)
            else:
                m = re.search(r"\b(?:is|to|should be|it's|its)\s+(.{2,300})$", t, re.I)
                value = m.group(1).strip() if m else None
            return ChangeRequest(name, value=value)
    return None
