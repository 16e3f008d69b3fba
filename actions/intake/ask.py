"""Questions that need working out before they are asked."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

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
from shared.application.in_words import range_words
from shared.words import text

NOT_COUNTED_BODIES = {"private_landlord", "councillor", "mp", "residents_group", "social_media", "diary", "other"}
# Buttons as (the id of their title in domain.yml's words, the choice they send).
BODY_CHOICES = [("ask_button_police", "police"), ("ask_button_council", "council"), ("ask_button_housing", "housing"),
                ("ask_button_private_landlord", "private_landlord"), ("ask_button_someone_else", "other")]
YES_NO_CHOICES = [("ask_button_yes", "yes"), ("ask_button_no", "no")]


def buttons(choices: List[Tuple[str, str]]) -> List[Dict[str, str]]:
    """Buttons whose titles are words and whose payloads send the choice."""
    return [{"title": text(title), "payload": '/inform{"choice":"%s"}' % choice} for title, choice in choices]


def _current(tracker: Tracker) -> dict:
    pending = tracker.get_slot("pending_report") or {}
    return pending.get("current") or {} if isinstance(pending, dict) else {}


def _label(report: dict) -> str:
    day = rf.reported_day(report)
    stretch = range_words(report.get("reported_earliest"), report.get("reported_latest")) if day else ""
    if stretch:
        return text("ask_report_made", when=stretch)  # told only roughly: named by the stretch, not its first day
    if day:
        return text("ask_report_on", day=format_date(day))
    # Undated, but told with the day it happened ("last friday the 8th ... reported that online"):
    # named by that day, so the resident knows which of several reports is asked about.
    happened = _incident_day(report)
    return text("ask_report_of_day", day=format_date(happened)) if happened else text("ask_this_report")


def _incident_day(report: dict) -> Optional[date]:
    try:
        return date.fromisoformat(str(report.get("incident_date") or ""))
    except ValueError:
        return None


class AskReportText(SafeAction):
    def name(self) -> Text:
        return "action_ask_report_text"

    async def act(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        if tracker.get_slot("reports"):
            dispatcher.utter_message(text=text("ask_report_text_more"))
        else:
            dispatcher.utter_message(text=text("ask_report_text_first"))
        return []


class AskPendingReportedTo(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_reported_to"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=text("ask_reported_to", report=_label(_current(tracker))), buttons=buttons(BODY_CHOICES))
        return []


class AskPendingReportedDate(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_reported_date"

    async def act(self, dispatcher, tracker, domain):
        body = _current(tracker).get("reported_to")
        known = body in BODY_WORDS
        undated = _undated(tracker)
        happened = _incident_day(_current(tracker))
        if undated > 1:
            # "Logged it with police four times": one question for all of them; the dates fill them in order.
            word_id = "ask_reported_date_many_to" if known else "ask_reported_date_many"
        elif happened:
            word_id = "ask_reported_date_of_day_to" if known else "ask_reported_date_of_day"
        else:
            word_id = "ask_reported_date_one_to" if known else "ask_reported_date_one"
        dispatcher.utter_message(text=text(word_id, count=undated, body=BODY_WORDS.get(body),
                                           day=format_date(happened) if happened else ""))
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
            text=text("ask_incident_when", report=_label(_current(tracker))),
            buttons=buttons([("ask_button_same_day", "same_day"), ("ask_button_day_before", "day_before"),
                             ("ask_button_not_sure", "unknown")]),
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
            dispatcher.utter_message(text=text("ask_date_confirm"), buttons=buttons(YES_NO_CHOICES))
            return []
        day = format_date(date.fromisoformat(value), weekday=True)
        word_id = "ask_date_confirm_reported" if prefix == "reported" else "ask_date_confirm_happened"
        dispatcher.utter_message(text=text(word_id, said=said, day=day), buttons=buttons(YES_NO_CHOICES))
        return []


class AskPendingReference(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_reference"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text=text("ask_reference", report=_label(_current(tracker))),
            buttons=buttons([("ask_button_skip", "skip")]),
        )
        return []


class AskPendingSameIncident(SafeAction):
    def name(self) -> Text:
        return "action_ask_pending_same_incident"

    async def act(self, dispatcher, tracker, domain):
        current = _current(tracker)
        other = rf.close_report(current, list(tracker.get_slot("reports") or []))
        if not other:
            said = text("ask_same_incident")
        else:
            day = rf.reported_day(other)
            body = BODY_WORDS.get(other.get("reported_to")) or text("ask_someone")
            said = (text("ask_same_incident_as_report_on", day=format_date(day), body=body) if day
                    else text("ask_same_incident_as_report", body=body))
        dispatcher.utter_message(text=said, buttons=buttons(YES_NO_CHOICES))
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
            dispatcher.utter_message(text=text("ask_reports_not_counted"))
        dispatcher.utter_message(text=text("ask_reports_confirmed"), buttons=buttons([("ask_button_thats_right", "yes")]))
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
            dispatcher.utter_message(text=text("ask_carry_on"), buttons=buttons(
                [("ask_button_carry_on", "continue"), ("ask_button_not_now", "not_now")]))
        else:
            dispatcher.utter_message(text=text("ask_still_send"), buttons=buttons(
                [("ask_button_send_application", "apply_anyway"), ("ask_button_not_now", "not_now")]))
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
            text=text("ask_answers_confirmed"), buttons=buttons([("ask_button_send_it", "yes")]),
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
