"""Changing an answer in words, at "check your answers" or any time ("change my phone number")."""

from __future__ import annotations

from typing import Any, Dict, Tuple

from rasa_sdk import Tracker

from actions.intake import reports_flow as rf
from actions.intake.clock import today_for
from actions.intake.questions import QUESTIONS
from actions.language import extract_email, extract_phone, parse_change

ASK_AGAIN = "What would you like to change? For example: 'change my phone number', or 'the second date is wrong, it was the 12th'."
# Slots that a change in words may point at, and how the question is re-asked.
CHANGEABLE = {"phone": "contact_details", "email": "contact_details", "contact_address": "contact_details",
              "full_name": "full_name", "safe_contact": "safe_contact", "location": "location",
              "problem_description": "problem_description"}


def apply_change(text: str, tracker: Tracker) -> Tuple[Dict[str, Any], str]:
    """Slot events for the change and what to tell the resident."""
    today = today_for(tracker)
    change = parse_change(text, today)
    if change is None:
        return {}, ASK_AGAIN
    if change.target == "report":
        reports, said = rf.apply_report_change(change, list(tracker.get_slot("reports") or []), today)
        return {"reports": reports}, said
    slot = CHANGEABLE.get(change.target)
    if slot is None:
        return {}, ASK_AGAIN
    if slot == "contact_details" and change.value:
        contact = dict(tracker.get_slot("contact") or {})
        if change.target == "phone" and extract_phone(change.value):
            contact["phone"] = change.value
        elif change.target == "email" and extract_email(change.value):
            contact["email"] = change.value
        else:
            return {"contact_details": None}, "OK, let's change that."
        return {"contact": contact}, "Thank you, I've changed that."
    # Otherwise ask the question again: the form asks the first empty question next.
    return {slot: None}, "OK, let's change that."


def is_changeable(slot: str) -> bool:
    return slot in QUESTIONS
