"""Changing an answer in words, at "check your answers" or any time ("change my phone number"),
or with a "Change" button beside the answer (`/change_answer{"answer":"location"}`).
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Optional, Tuple

from rasa_sdk import Tracker

from actions.intake import reports_flow as rf
from actions.intake.clock import today_for
from actions.intake.questions import QUESTIONS
from actions.intake.summary import CHANGE_INTENT, REPORT, changeable_answers
from actions.language import extract_email, extract_phone, parse_change
from shared import words

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


_PRESSED = re.compile(r"^\s*/" + CHANGE_INTENT + r"(\{.*)?\s*$", re.DOTALL | re.IGNORECASE)


def pressed_change(text: str) -> Optional[dict]:
    """The entities of a Change button's payload ({} when they can't be read), or None when
    the text is not a Change payload. A resident can type one, so nothing here is trusted."""
    match = _PRESSED.match(text or "")
    if not match:
        return None
    try:
        entities = json.loads(match.group(1) or "{}")
    except ValueError:
        return {}
    return entities if isinstance(entities, dict) else {}


def changing_report(tracker: Tracker) -> Optional[int]:
    """The report (0-based) whose Change button the resident pressed just before this message,
    so "it was the 12th" means that report; None otherwise."""
    said = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    pressed = pressed_change(said[-2]) if len(said) >= 2 else None
    number = str((pressed or {}).get("report") or "")
    return int(number) - 1 if (pressed or {}).get("answer") == REPORT and number.isdigit() else None


def report_change(text: str, tracker: Tracker):
    """A change to a report in words; after a report's Change button, words that don't say
    which report ("it was the 12th") are about that one."""
    today = today_for(tracker)
    change = parse_change(text, today)
    pressed = changing_report(tracker)
    if pressed is not None and (change is None or change.target == REPORT and change.index is None):
        change = parse_change(f"report {pressed + 1}: {text}", today) or change
    return change


def _apply_pressed(entities: dict, tracker: Tracker) -> Tuple[Dict[str, Any], str]:
    """A Change button: the answer's question (or the reports) asked again, then back to the summary."""
    if tracker.get_slot("application_reference"):
        return {}, words.text("change_already_sent")
    if not (tracker.active_loop or {}).get("name"):  # an old summary's button, after stopping
        return {}, words.text("change_nothing_now")
    answer, number = entities.get("answer"), entities.get("report")
    if answer == REPORT:
        count = len(tracker.get_slot("reports") or [])
        if not (isinstance(number, str) and number.isdigit() and 1 <= int(number) <= count):
            return {}, words.text("change_report_not_found", ask_again=words.text("change_ask_again"))
        return {"reports_confirmed": None}, words.text("change_report", number=int(number))
    label = changeable_answers(tracker.slots).get(answer) if isinstance(answer, str) else None
    if label is None:
        return {}, words.text("change_cannot", ask_again=words.text("change_ask_again"))
    return {answer: None}, words.text("change_answer_to", label=label)


def apply_change(text: str, tracker: Tracker) -> Tuple[Dict[str, Any], str]:
    """Slot changes for the change and what to tell the resident."""
    pressed = pressed_change(text)
    if pressed is not None:
        return _apply_pressed(pressed, tracker)
    today = today_for(tracker)
    change = parse_change(text, today)
    if change is None:
        low = (text or "").lower()[:500]
        for slot, pattern in KEYWORDS:
            if re.search(pattern, low):
                if slot == "reports_confirmed":
                    return {"reports_confirmed": None}, words.text("change_reports_again")
                return {slot: None}, words.text("change_that")
        return {}, words.text("change_ask_again")
    if change.target == "report":
        reports, said = rf.apply_report_change(change, list(tracker.get_slot("reports") or []), today)
        return {"reports": reports}, said
    slot = CHANGEABLE.get(change.target)
    if slot is None:
        return {}, words.text("change_ask_again")
    if slot == "phone" and change.value and extract_phone(change.value):
        return {"phone": extract_phone(change.value)}, words.text("change_phone_done")
    if slot == "email" and change.value and extract_email(change.value):
        return {"email": extract_email(change.value)}, words.text("change_email_done")
    # Otherwise ask the question again: the form asks the first empty question next.
    return {slot: None}, words.text("change_that")


def is_changeable(slot: str) -> bool:
    return slot in QUESTIONS
