"""Questions that need working out before they are asked."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from datetime import date

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.intake import reports_flow as rf
from actions.intake.application import assess_slots, resident_explanation
from actions.intake.clock import today_for
from actions.intake.safety import SafeAction
from actions.intake.summary import answers_summary, summary_list
from actions.language import format_date
from shared.application.bodies import BODY_WORDS

NOT_COUNTED_BODIES = {"private_landlord", "councillor", "mp", "residents_group", "social_media", "diary", "other"}
BODY_BUTTONS = [
    {"title": "Police", "payload": '/inform{"choice":"police"}'},
    {"title": "Council", "payload": '/inform{"choice":"council"}'},
    {"title": "Housing provider", "payload": '/inform{"choice":"housing"}'},
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
            dispatcher.utter_message(text="Tell me about another time you reported it: when, and who to.")
        else:
            dispatcher.utter_message(
                text="Now the times you reported it. Tell me about a time you reported it: when, and who to. "
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
        undated = _undated(tracker)
        if undated > 1:
            # "Logged it with police four times": one question for all of them; the dates fill them in order.
            dispatcher.utter_message(text=f"When did you make those {undated} reports{who}? You can give all the dates "
                                          "at once, or start with the first. A rough date is fine, like 'early March'.")
        else:
            dispatcher.utter_message(text=f"When did you make that report{who}? A rough date is fine, like 'early March' or 'last Tuesday'.")
        return []


def _undated(tracker: Tracker) -> int:
    """How many reports waiting, from this one on, told to the same body, still have no date."""
    pending = tracker.get_slot("pending_report") or {}
    drafts = [pending.get("current")] + list(pending.get("queue") or []) if isinstance(pending, dict) else []
    body = _current(tracker).get("reported_to")
    return sum(1 for d in drafts if isinstance(d, dict) and not rf.has_reported_date(d) and d.get("reported_to") == body)


class AskPendingIncidentWhen(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_incident_when"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text=f"About {_label(_current(tracker))}: did it happen on the day you reported it? If it was earlier, tell me the date.",
            buttons=[
                {"title": "Same day", "payload": '/inform{"choice":"same_day"}'},
                {"title": "The day before", "payload": '/inform{"choice":"day_before"}'},
                {"title": "I'm not sure", "payload": '/inform{"choice":"unknown"}'},
            ],
        )
        return []


class AskPendingDateConfirm(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_date_confirm"

    async def act(self, dispatcher, tracker, domain):
        current = _current(tracker)
        waiting = current.get("to_confirm") or []
        prefix = waiting[0] if waiting else "reported"
        value = current.get(f"{prefix}_date") or current.get(f"{prefix}_earliest")
        said = current.get(f"{prefix}_said") or ""
        if not value:
            dispatcher.utter_message(text="Just to check the date: is it right?", buttons=YES_NO)
            return []
        day = format_date(date.fromisoformat(value), weekday=True)
        what = "you reported it" if prefix == "reported" else "it happened"
        dispatcher.utter_message(text=f'Just to check: when you said "{said}" for when {what}, did you mean {day}?', buttons=YES_NO)
        return []


class AskPendingReference(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_reference"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text=f"Did you get a reference or crime number for {_label(_current(tracker))}? If you did, type it here. If not, press Skip.",
            buttons=[{"title": "Skip", "payload": '/inform{"choice":"skip"}'}],
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
            about = " as your report" + (f" on {format_date(day)}" if day else "") + f" to {BODY_WORDS.get(other.get('reported_to'), 'someone')}"
        dispatcher.utter_message(text=f"Was this about the same incident{about}?", buttons=YES_NO)
        return []


class AskReportsConfirmed(SafeAction):
    def name(self) -> Text:
        return "action_ask_reports_confirmed"

    async def act(self, dispatcher, tracker, domain):
        waiting = tracker.get_slot("pending_report")
        if isinstance(waiting, dict) and waiting.get("change_said"):
            return []  # a change was just said back with its own yes/no question: nothing more to ask
        reports = list(tracker.get_slot("reports") or [])
        dispatcher.utter_message(text=rf.readback(reports))
        flagged = [i for i, r in enumerate(reports, start=1) if r.get("reported_to") in NOT_COUNTED_BODIES]
        if flagged:
            dispatcher.utter_message(text="I've kept every report. Some were told to someone who isn't the police, the council "
                                          "or a housing provider; I'll explain how that affects things in a moment.")
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
        summary = {k: result[k] for k in ("outcome", "routes_met", "statutory_outcome", "reference_date", "missing")}
        if tracker.get_slot("assessment") != summary:
            # Explained once; asked again (after an answer not understood) it is just the question.
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
        return [SlotSet("assessment", summary)]


class AskAnswersConfirmed(SafeAction):
    def name(self) -> Text:
        return "action_ask_answers_confirmed"

    async def act(self, dispatcher, tracker, domain):
        # Text for every client; the rows with their Change buttons for the widget. Rasa's
        # socket.io channel emits a custom message's "data" as the event.
        dispatcher.utter_message(text=answers_summary(tracker.slots),
                                 json_message={"data": {"summary_list": summary_list(tracker.slots)}})
        dispatcher.utter_message(
            text="Is everything right? You can change anything by telling me, for example 'change my phone number'.",
            buttons=[{"title": "Yes, send it", "payload": '/inform{"choice":"yes"}'}],
        )
        return []


# Questions whose wording is worked out here; the rest are `utter_ask_<slot>` responses.
CUSTOM_ASKS = {
    "report_text": AskReportText,
    "pending_date_confirm": AskPendingDateConfirm,
    "pending_reported_to": AskPendingReportedTo,
    "pending_reported_date": AskPendingReportedDate,
    "pending_incident_when": AskPendingIncidentWhen,
    "pending_same_incident": AskPendingSameIncident,
    "pending_reference": AskPendingReference,
    "reports_confirmed": AskReportsConfirmed,
    "apply_decision": AskApplyDecision,
    "answers_confirmed": AskAnswersConfirmed,
}


async def ask_question(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    """Ask one question of the intake, whether it is a custom ask-action or a response."""
    custom = CUSTOM_ASKS.get(slot)
    if custom is not None:
        return await custom().act(dispatcher, tracker, domain)
    dispatcher.utter_message(response=f"utter_ask_{slot}")
    return []


async def ask_next(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any],
                   changes: Optional[Dict[Text, Any]] = None) -> List[Dict[Text, Any]]:
    """Work out the next question from what is known (after `changes`) and ask it.

    Returns the slot changes, `requested_slot`, and whatever the ask produced. When nothing is
    left to ask, `requested_slot` is set to None, which ends the form.
    """
    from actions.intake.form import next_question  # form imports this module's helpers

    changes = dict(changes or {})
    view = tracker.copy()
    view.slots.update(changes)
    slot = next_question(view.slots)
    events: List[Dict[Text, Any]] = [SlotSet(k, v) for k, v in changes.items()]
    events.append(SlotSet("requested_slot", slot))
    if slot is not None:
        view.slots["requested_slot"] = slot
        events += await ask_question(slot, dispatcher, view, domain)
    return events


class AskIntakeStep(SafeAction):
    """The form's static question. Rasa asks it when it runs without validating (after an
    interruption, go back, a change, start again); it asks the question that is really next."""

    def name(self) -> Text:
        return "action_ask_intake_step"

    async def act(self, dispatcher, tracker, domain):
        return await ask_next(dispatcher, tracker, domain)
