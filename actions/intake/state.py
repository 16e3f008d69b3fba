"""Where an intake stands, for every module of the action server: which form is open, the
resident's risk flags, how an application starts afresh, and which statuses end one.

It imports no other intake module, so the actions that need these (the turn-by-turn
actions, the safeguarding replies, the handoff) do not import each other for them."""

from __future__ import annotations

import uuid
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet

FORM = "intake_form"
REPORT_LOOP = {"report_text", "pending_reported_to", "pending_reported_date", "pending_incident_when",
               "pending_same_incident", "pending_reference", "pending_date_confirm", "more_reports"}


def active_form(tracker: Tracker) -> Optional[str]:
    return (tracker.active_loop or {}).get("name")


def resume(tracker: Tracker) -> List[Dict[Text, Any]]:
    form = active_form(tracker)
    return [ActiveLoop(form)] if form else []


def new_application_id() -> str:
    """Fixed when the intake starts, so a repeated send stores one application, not two."""
    return str(uuid.uuid4())


def add_flag(tracker: Tracker, flag: str) -> List[Dict[Text, Any]]:
    flags = list(tracker.get_slot("risk_flags") or [])
    return [] if flag in flags else [SlotSet("risk_flags", flags + [flag])]


def fresh_start(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The slots an application starts with: everything cleared after one that ended, an id
    if there is none, and the form starting afresh at its next question."""
    events: List[Dict[Text, Any]] = []
    if tracker.get_slot("intake_status") or tracker.get_slot("application_reference"):
        events.append(AllSlotsReset())  # a new application after one that ended
        events.append(SlotSet("application_id", new_application_id()))
    elif not tracker.get_slot("application_id"):
        events.append(SlotSet("application_id", new_application_id()))
    events.append(SlotSet("requested_slot", None))
    return events


# The statuses after which no application is sent (a right route, no consent, stopped).
ENDINGS = {"not_reported", "outside", "no_consent", "not_applying", "consent_refused", "stopped"}


def intake_in_progress(tracker) -> bool:
    status = tracker.get_slot("intake_status")
    return bool(tracker.get_slot("application_id")) and status not in ENDINGS and status != "sent"
