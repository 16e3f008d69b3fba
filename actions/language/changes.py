"""Changes asked for in words at "check your answers": "the second date is wrong, it was the 12th".

The result says what to change and, when the resident gave it, the new value; a change
without a value ("my email is wrong") has `value=None` so the assistant asks for it.
`target` is "report" for a report, else the intake's answer key (phone, email,
contact_address, full_name, safe_contact, location, problem_description); `field` names the
field in plain terms (reported_date, incident_date, reported_to, reference; phone, email,
address, name, safe_contact, location, problem_description).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from actions.language.bodies import UNSURE_LANDLORD, UNSURE_TEAM, find_bodies
from actions.language.contact import extract_email, extract_phone
from actions.language.dates import scan_dates
from actions.language.references import scan_references

MAX_TEXT = 500
ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4, "5th": 4,
    "sixth": 5, "6th": 5, "seventh": 6, "7th": 6, "eighth": 7, "8th": 7, "ninth": 8, "9th": 8, "tenth": 9, "10th": 9,
}
_ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)
_VALUE_BEFORE = re.compile(r"\b(?:was|is|be|on|to|it's|till|until)\s+(?:the\s+)?$", re.IGNORECASE)
_ITEM_AFTER = re.compile(r"^\s+(?:one|report|date|call|time|entry|thing)\b", re.IGNORECASE)
_LAST = re.compile(r"\b(?:the )?(?:last|latest|final|most recent) (?:one|report|date|call|time|entry|thing)\b|\bthe last$",
                   re.IGNORECASE)
_NUMBERED = re.compile(r"\b(?:report|number|no\.?|#)\s*(\d{1,2})\b", re.IGNORECASE)
_REPORT_WORDS = re.compile(r"\b(?:reports?|dates?|incident|happened|reference|ref|crime number|log number|rang|told|reported)\b",
                           re.IGNORECASE)
_REMOVE = re.compile(r"\b(?:remove|delete|take (?:it )?out|take off|take (?:it|that|this|that one|this one|(?:the )?\w+ one) off"
                     r"|get rid of|drop|scrap|cross out|didn'?t happen|shouldn'?t be (?:there|on)"
                     r"|(?:i )?didn'?t (?:make|do|report|ring about|send) (?:that|this|it|report)|wasn'?t me|never made)\b",
                     re.IGNORECASE)
# "I also rang the police on 15 November": a report to add, never a change to one already there.
_ADD = re.compile(r"\b(?:also|as well|another|too|add|forgot|forgotten|missed|one more|again)\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:rang|rung|phoned|called|told|reported|emailed|e-mailed|contacted|complained|logged|went to)\b",
                        re.IGNORECASE)
_NOT_A_VALUE = re.compile(r"^(?:wrong|incorrect|not right|out of date|old|a mistake|mistaken|changed|different|missing"
                          r"|spelt wrong|spelled wrong|misspelt)\b", re.IGNORECASE)
_VALUE = re.compile(r"\b(?:is|to|should be|should say|it's|its|it is|now)\s*:?\s+(.{2,300})$|:\s*(.{2,300})$", re.IGNORECASE)

# (target, field, pattern) for answers other than reports; email before address ("email address").
_FIELDS = [
    ("email", "email", r"e-?mail"),
    ("phone", "phone", r"phone|mobile|telephone|landline|number"),
    ("safe_contact", "safe_contact", r"don'?t (?:ring|call|text|email|write)|do not (?:ring|call|text|email|write)"
                                     r"|safe (?:to|contact|time)|best time|contact me"),
    ("contact_address", "address", r"\baddress\b|where i live|my house number"),
    ("full_name", "name", r"\bname\b|call me"),
    ("location", "location", r"where (?:it|this) (?:is|happens|happened)|location|postcode|the street|which street"),
    ("problem_description", "problem_description", r"what(?:'s| is) happening|description|the problem|what happened"),
]


@dataclass
class ChangeRequest:
    target: str  # "report", or the intake's answer key
    field: Optional[str] = None  # what to change (see module docstring); None: ask which part
    index: Optional[int] = None  # which report, 0-based; -1 the last; None: not said
    action: str = "update"  # update | remove | add (a new report, in `said`)
    value: Any = None  # DateReading, body, reference or text; None: ask for the new value
    said: str = ""  # the resident's words


def _report_index(text: str) -> tuple[Optional[int], int]:
    """(0-based index, where the mention ends) of the report meant, or (None, 0)."""
    for m in _ORDINAL.finditer(text):
        if _ITEM_AFTER.match(text[m.end():]) or not _VALUE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            return ORDINALS[m.group(1).lower()], m.end()
    m = _NUMBERED.search(text)
    if m and 1 <= int(m.group(1)) <= 30:
        return int(m.group(1)) - 1, m.end()
    m = _LAST.search(text)
    if m:
        return -1, m.end()
    return None, 0


def _free_value(text: str) -> Optional[str]:
    m = _VALUE.search(text)
    value = (m.group(1) or m.group(2)).strip(" .!") if m else ""
    return None if not value or _NOT_A_VALUE.match(value) else value


def parse_change(text: str, today: date) -> Optional[ChangeRequest]:
    """What the resident wants to change, or None when it isn't a change we can read; never raises."""
    try:
        return _parse(text, today)
    except Exception:  # a safety net: the assistant then asks what to change
        return None


def _parse(text: str, today: date) -> Optional[ChangeRequest]:
    if not isinstance(text, str) or not text.strip():
        return None
    said = text.strip()[:MAX_TEXT]
    low = said.lower().replace("’", "'")
    index, index_end = _report_index(low)
    if index is not None or _REPORT_WORDS.search(low):
        change = _report_change(said, low, index, index_end, today)
        if change is not None:
            return change
    for target, name, pattern in _FIELDS:
        if re.search(pattern, low):
            if name == "phone":
                value = extract_phone(said)
            elif name == "email":
                value = extract_email(said)
            else:
                value = _free_value(said)
            return ChangeRequest(target, field=name, value=value, said=said)
    return None


def _report_change(said: str, low: str, index: Optional[int], index_end: int, today: date) -> Optional[ChangeRequest]:
    def change(**kw: Any) -> ChangeRequest:
        return ChangeRequest("report", index=index, said=said, **kw)

    if _REMOVE.search(low):
        return change(action="remove")
    if index is None and _ADD.search(low) and _REPORTING.search(low):
        return ChangeRequest("report", action="add", said=said)
    negated = {m.start() for m in re.finditer(r"\bnot (?:to )?(?:the |my )?", low)}
    bodies = [b for b in find_bodies(low) if b[0] not in (UNSURE_LANDLORD, UNSURE_TEAM) and not any(
        n <= b[1] <= n + 12 for n in negated)]  # "to the council not the police": the police is what was wrong
    if bodies and re.search(r"\b(?:to|was|were|told|rang|phoned|called|emailed|it's|actually)\b", low):
        return change(field="reported_to", value=bodies[0][0])
    refs = scan_references(said, today)
    if re.search(r"\b(?:ref|reference|crime number|log number)\b", low):
        return change(field="reference", value=refs[0].text if refs else _free_value(said))
    field = "incident_date" if re.search(r"\b(?:happened|incident|it started)\b", low) else "reported_date"
    found = [f for f in scan_dates(said, today) if f.start >= index_end or index is None]
    if found:
        return change(field=field, value=found[-1].reading)
    if re.search(r"\b(?:date|when|day)\b", low):
        return change(field=field)
    if index is not None:
        return change()
    return None
