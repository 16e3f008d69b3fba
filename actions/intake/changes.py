"""Changing an answer in words, at "check your answers" or any time ("change my phone number")."""

from __future__ import annotations

from typing import Any, Dict, Tuple

from rasa_sdk import Tracker

from actions.intake import reports_flow as rf
from actions.intake.clock import today_for
from actions.intake.questions import QUESTIONS
from actions.language import extract_email, extract_phone, parse_change

import re

ASK_AGAIN = "What would you like to change? For example: 'change my phone number', or 'the second date is wrong, it was the 12th'."
# What parse_change recognises, and the question each points at.
CHANGEABLE = {"phone": "phone", "email": "email", "contact_address": "contact_address",
              "full_name": "full_name", "safe_contact": "safe_contact", "location": "location",
              "problem_description": "problem_description"}
# Other answers a resident may name in words; the question is asked again.
KEYWORDS = [
    ("perpetrator", r"who (?:is|'s) (?:doing|responsible)|who did it|perpetrator|who it is"),
    ("ongoing", r"still (?:going on|happening)|ongoing"),
    ("hate", r"because of who|hate"),
    ("other_reporters", r"other people|neighbours? (?:who )?reported|how many (?:other )?people"),
    ("impact_text", r"affect|impact"),
    ("preferred_contact", r"prefer"),
    ("victim_name", r"(?:their|her|his) name"),
    ("victim_contact", r"(?:their|her|his) (?:number|phone|email|contact)"),
    ("reports_confirmed", r"\breports?\b|dates?"),
]


def apply_change(text: str, tracker: Tracker) -> Tuple[Dict[str, Any], str]:
    """Slot changes for the change and what to tell the resident."""
    today = today_for(tracker)
    change = parse_change(text, today)
    if change is None:
        low = (text or "").lower()[:500]
        for slot, pattern in KEYWORDS:
            if re.search(pattern, low):
                if slot == "reports_confirmed":
                    return {"reports_confirmed": None}, "OK, here are your reports again."
                return {slot: None}, "OK, let's change that."
        return {}, ASK_AGAIN
    if change.target == "report":
        reports, said = rf.apply_report_change(change, list(tracker.get_slot("reports") or []), today)
        return {"reports": reports}, said
    slot = CHANGEABLE.get(change.target)
    if slot is None:
        return {}, ASK_AGAIN
    if slot == "phone" and change.value and extract_phone(change.value):
        return {"phone": extract_phone(change.value)}, "Thank you, I've changed your phone number."
    if slot == "email" and change.value and extract_email(change.value):
        return {"email": extract_email(change.value)}, "Thank you, I've changed your email address."
    # Otherwise ask the question again: the form asks the first empty question next.
    return {slot: None}, "OK, let's change that."


def is_changeable(slot: str) -> bool:
    return slot in QUESTIONS
