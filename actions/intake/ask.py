"""Questions that need working out before they are asked."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.intake import reports_flow as rf
from actions.intake.application import assess_slots, resident_explanation
from actions.intake.clock import today_for
from actions.intake.safety import SafeAction
from actions.intake.summary import answers_summary
from actions.language import format_date
from actions.rules.reports import BODY_WORDS

BODY_BUTTONS = [
    {"title": "Police", "payload": '/inform{"choice":"police"}'},
    {"title": "Council", "payload": '/inform{"choice":"council"}'},
    {"title": "Housing association or council housing", "payload": '/inform{"choice":"housing"}'},
    {"title": "Private landlord", "payload": '/inform{"choice":"private_landlord"}'},
    {"title": "Someone else", "payload": '/inform{"choice":"other"}'},
]
YES_NO = [{"title": "Yes", "payload": '/inform{"choice":"yes"}'}, {"title": "No", "payload": '/inform{"choice":"no"}'}]


def _current(tracker: Tracker) -> dict:
    pending = tracker.get_slot("pending_report") or {}
    return pending.get("current") or {} if isinstance(pending, dict) else {}


def _label(report: dict) -> str:
    day = rf.reported_day(report)
    return f"the report on {format_date(day)}" if day else "this report"


class AskReportText(SafeAction):
    def name(self) -> Text:
        return "action_ask_report_text"

    async def act(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        if tracker.get_slot("reports"):
            dispatcher.utter_message(text="Tell me about the next time you reported it: when, and who to.")
        else:
            dispatcher.utter_message(
                text="Now the times you reported it. Tell me about one report: when it was and who you told. "
                     "For example: 'I rang 101 on 3 March' or 'I told the council last Tuesday'. "
                     "You can give several at once."
            )
        return []


class AskPendingReportedTo(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_reported_to"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=f"Who did you report {_label(_current(tracker))} to?", buttons=BODY_BUTTONS)
        return []


class AskPendingReportedDate(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_reported_date"

    async def act(self, dispatcher, tracker, domain):
        body = _current(tracker).get("reported_to")
        who = f" to {BODY_WORDS[body]}" if body in BODY_WORDS else ""
        dispatcher.utter_message(text=f"When did you make that report{who}? A rough date is fine, like 'early March' or 'last Tuesday'.")
        return []


class AskPendingIncidentWhen(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_incident_when"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text=f"Did the incident happen on the day of {_label(_current(tracker))}, or earlier? If earlier, tell me the date.",
            buttons=[
                {"title": "The same day", "payload": '/inform{"choice":"same_day"}'},
                {"title": "The day before", "payload": '/inform{"choice":"day_before"}'},
                {"title": "I'm not sure", "payload": '/inform{"choice":"unknown"}'},
            ],
        )
        return []


class AskPendingSameIncident(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_same_incident"

    async def act(self, dispatcher, tracker, domain):
        current = _current(tracker)
        other = rf.close_report(current, list(tracker.get_slot("reports") or []))
        about = ""
        if other:
            day = rf.reported_day(other)
            about = f" as your report to {BODY_WORDS.get(other.get('reported_to'), 'someone')}" + (f" on {format_date(day)}" if day else "")
        dispatcher.utter_message(text=f"Was this about the same incident{about}?", buttons=YES_NO)
        return []


class AskReportsConfirmed(SafeAction):
    def name(self) -> Text:
        return "action_ask_reports_confirmed"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=rf.readback(list(tracker.get_slot("reports") or [])))
        dispatcher.utter_message(
            text="Is that right? If anything is wrong, tell me, for example 'the second date is wrong, it was the 12th'.",
            buttons=[{"title": "Yes, that's right", "payload": '/inform{"choice":"yes"}'}],
        )
        return []


class AskApplyDecision(SafeAction):
    def name(self) -> Text:
        return "action_ask_apply_decision"

    async def act(self, dispatcher, tracker, domain):
        from rasa_sdk.events import SlotSet

        result = assess_slots(tracker.slots, today_for(tracker))
        for line in resident_explanation(result, tracker.get_slot("reports") or []):
            dispatcher.utter_message(text=line)
        if result["outcome"] == "met":
            buttons = [{"title": "Carry on", "payload": '/inform{"choice":"continue"}'},
                       {"title": "Not now", "payload": '/inform{"choice":"not_now"}'}]
            dispatcher.utter_message(text="Shall we carry on? I'll need your contact details next.", buttons=buttons)
        else:
            buttons = [{"title": "Yes, send my application", "payload": '/inform{"choice":"apply_anyway"}'},
                       {"title": "Not now", "payload": '/inform{"choice":"not_now"}'}]
            dispatcher.utter_message(text="Would you still like to send your application?", buttons=buttons)
        return [SlotSet("assessment", {k: result[k] for k in ("outcome", "routes_met", "statutory_outcome", "reference_date", "missing")})]


class AskAnswersConfirmed(SafeAction):
    def name(self) -> Text:
        return "action_ask_answers_confirmed"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=answers_summary(tracker.slots))
        dispatcher.utter_message(
            text="Is everything right? You can change anything by telling me, for example 'change my phone number'.",
            buttons=[{"title": "Yes, send it", "payload": '/inform{"choice":"yes"}'}],
        )
        return []
