"""The send step: the application is written to the outbox and the resident gets a reference."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Text

from rasa_sdk.events import SlotSet

from actions.intake.application import application_record, area_of
from actions.intake.clock import today_for
from actions.intake.handoff import operator_actions
from actions.intake.safety import SafeAction
from actions.intake.state import ENDINGS
from actions.rules import load_policy
from shared.outbox import store

OUTBOX_TIMEOUT_S = 5.0


class SubmitApplication(SafeAction):
    def name(self) -> Text:
        return "action_submit_application"

    async def act(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        status = tracker.get_slot("intake_status")
        if status in ENDINGS:
            # The intake ended early; the reason was explained when it happened.
            dispatcher.utter_message(text="If anything changes, you can start again at any time. In an emergency, call 999.")
            return []
        if tracker.get_slot("application_reference"):
            dispatcher.utter_message(text=f"Your application has already been sent. Your reference is {tracker.get_slot('application_reference')}.")
            return []
        if not all(tracker.get_slot(s) is True for s in ("consent_share", "declaration", "answers_confirmed")):
            # Never send without the resident's agreement and their check of the answers.
            dispatcher.utter_message(text="Your application hasn't been sent. If you'd like to carry on, say 'apply'. "
                                          "You can also call 101.")
            return []
        # Recomputed now: a conversation can cross midnight or be resumed days later.
        record = application_record(tracker.slots, tracker.sender_id, today_for(tracker), tracker.get_latest_input_channel() or "unknown")
        actions_taken = await operator_actions(tracker.sender_id)
        record["arrived_by"]["operator_actions"] = actions_taken
        record["arrived_by"]["handed_over_by_operator"] = any(a.get("operator") for a in actions_taken)
        reference = await asyncio.wait_for(asyncio.to_thread(store.submit, record), OUTBOX_TIMEOUT_S)
        policy = load_policy(area_of(tracker.slots))
        t = policy.timescales
        dispatcher.utter_message(text=f"Thank you. Your application has been sent. Your reference is {reference}. "
                                      "Please keep it somewhere safe.")
        if record["assessment"]["outcome"] != "met":
            dispatcher.utter_message(text="The agencies will look at it even though it may be below the usual threshold. "
                                          "They also weigh how much harm it is causing and how long it has gone on.")
        dispatcher.utter_message(
            text=(f"What happens next: {policy.contact.get('name', 'the team')} will let you know it has arrived within "
                  f"{t.get('acknowledge_working_days', 'a few')} working days, and whether a review will be held within "
                  f"{t.get('decision_working_days', 'a few')} working days. If a review is held, the meeting is usually within "
                  f"{t.get('meeting_working_days', '28')} working days.")
        )
        dispatcher.utter_message(
            text=(f"To get in touch, call {policy.contact.get('phone', '101')} and give your reference. {policy.appeal} "
                  "Victim Support can help you whatever happens: 08 08 16 89 111.")
        )
        return [SlotSet("application_reference", reference), SlotSet("intake_status", "sent")]
