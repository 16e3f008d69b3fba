"""The send step: the application is written to the outbox and the resident gets a reference."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk.events import SlotSet

from actions.intake.application import application_record, area_of
from actions.intake.clock import today_for
from actions.intake.handoff import operator_actions
from actions.intake.safety import SafeAction
from actions.intake.state import ENDINGS
from actions.rules import load_policy
from shared import words
from shared.outbox import store
from shared.storage import blocking_within

# The outbox write (and the outbox's opening, on first use) runs in a worker thread: the action
# server answers every resident on one event loop. Given up on after this long, the resident
# gets the apology and no reference; submitting is idempotent on the application id, so a
# write that lands late is found, with its reference, when they send again.
OUTBOX_TIMEOUT_S = 5.0


class SubmitApplication(SafeAction):
    def name(self) -> Text:
        return "action_submit_application"

    async def act(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        status = tracker.get_slot("intake_status")
        if status in ENDINGS:
            # The intake ended early; the reason was explained when it happened.
            dispatcher.utter_message(text=words.text("submit_ended"))
            return []
        if tracker.get_slot("application_reference"):
            dispatcher.utter_message(text=words.text("submit_already_sent", reference=tracker.get_slot("application_reference")))
            return []
        if not all(tracker.get_slot(s) is True for s in ("consent_share", "declaration", "answers_confirmed")):
            # Never send without the resident's agreement and their check of the answers.
            dispatcher.utter_message(text=words.text("submit_not_sent"))
            return []
        # Recomputed now: a conversation can cross midnight or be resumed days later.
        record = application_record(tracker.slots, tracker.sender_id, today_for(tracker), tracker.get_latest_input_channel() or "unknown")
        actions_taken = await operator_actions(tracker.sender_id)
        record["arrived_by"]["operator_actions"] = actions_taken
        record["arrived_by"]["handed_over_by_operator"] = any(a.get("operator") for a in actions_taken)
        reference = await blocking_within(OUTBOX_TIMEOUT_S, store.submit, record)
        policy = load_policy(area_of(tracker.slots))
        t = policy.timescales
        dispatcher.utter_message(text=words.text("submit_sent", reference=reference))
        if record["assessment"]["outcome"] != "met":
            dispatcher.utter_message(text=words.text("submit_below_threshold"))
        a_few = words.text("submit_a_few")
        dispatcher.utter_message(text=words.text(
            "submit_next", team=policy.contact.get("name", words.text("submit_the_team")),
            acknowledge=t.get("acknowledge_working_days", a_few), decision=t.get("decision_working_days", a_few),
            meeting=t.get("meeting_working_days", "28")))
        dispatcher.utter_message(text=words.text(
            "submit_contact", phone=policy.contact.get("phone", "101"), appeal=policy.appeal))
        return [SlotSet("application_reference", reference), SlotSet("intake_status", "sent")]
