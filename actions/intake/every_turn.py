"""Behaviours that work on every turn, inside the intake or outside it (conversation.md).

Inside the form, a control intent (ask_why, stop, faq, emergency, ...) is not an answer: the
slot mappings' `not_intent` lists make the form reject the turn, and a generic rule
`intent X -> action_X` runs one of these actions. Each answers, then returns
`ActiveLoop(form)`, which clears the form's "rejected" state, so RulePolicy predicts the form
again. The form then runs without validating (its last action was not action_listen) and
asks its only static slot, `intake_step`, whose ask-action (actions/intake/ask.py) asks the
question that is really next. One rule per intent, not one per form question.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.intake.changes import apply_change
from actions.language import parse_yes_no
from actions.intake.questions import ORDER, question
from actions.intake.handoff import ask_for_person
from actions.intake.safety import SafeAction
from actions.intake.state import FORM, REPORT_LOOP, active_form, add_flag, fresh_start, new_application_id, resume
from shared import words
from shared.settings import operator_hours

class Opening(SafeAction):
    def name(self) -> Text:
        return "action_opening"

    async def act(self, dispatcher, tracker, domain):
        from actions.intake.safeguarding_replies import answer_before_the_intake, heard_by_meaning

        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = (tracker.latest_message.get("text") or "").replace("\x00", "").strip()
        verdict = heard_by_meaning(tracker)
        if verdict.intent:
            # Safety first, before the greeting and the first question: "No" to the check starts
            # the intake (action_safety_check_answer) with what they said kept; the guidance
            # offers to start it.
            events = await answer_before_the_intake(dispatcher, tracker, verdict)
            if verdict.certainty == "check":
                events = self.noted(tracker, intent, text)[0] + events
            return events
        return self.begin(dispatcher, tracker, intent, text)

    def begin(self, dispatcher: CollectingDispatcher, tracker: Tracker, intent: Optional[str],
              text: str) -> List[Dict[Text, Any]]:
        """The greeting, what the first message already said, and a fresh application."""
        dispatcher.utter_message(response="utter_opening")
        events, taken = self.noted(tracker, intent, text)
        events = fresh_start(tracker) + events
        if taken:
            from actions.intake.opening_words import said_back

            dispatcher.utter_message(text=said_back(taken))
        from shared.safeguarding import assess

        if assess(text).answer == "hate":  # rules §9: flagged, with True Vision and 101
            dispatcher.utter_message(response="utter_hate_noted")
            events += add_flag(tracker, "possible_hate")
        return events

    @staticmethod
    def noted(tracker: Tracker, intent: Optional[str], text: str) -> Tuple[List[Dict[Text, Any]], List[str]]:
        """What a first message already says, as slots, and the lines that say it back."""
        events: List[Dict[Text, Any]] = []
        taken: List[str] = []
        if intent == "inform" and len(text) > 20 and not text.startswith("/") and not tracker.get_slot("problem_description"):
            # The first message already says what is happening: keep it, in their words.
            events.append(SlotSet("problem_description", text[:2000]))
        if len(text) > 20 and not text.startswith("/"):
            # ...and whether and how often it was reported: filled, said back, not asked again.
            from actions.intake.clock import today_for
            from actions.intake.opening_words import from_opening

            slots, taken = from_opening(text[:2000], today_for(tracker))
            events += [SlotSet(k, v) for k, v in slots.items()]
            if any(e.get("name") == "problem_description" for e in events):
                taken.insert(0, words.text("turn_noted_story"))
        return events, taken


def tell_queue_place(dispatcher: CollectingDispatcher, availability: str, position: Optional[int]) -> None:
    if availability == "open":
        dispatcher.utter_message(response="utter_request_human_queued", position=position or 1)
    elif availability == "closed":
        hours = operator_hours().replace(" ", ", ").replace("-", words.text("turn_hours_to"))
        dispatcher.utter_message(response="utter_request_human_closed", hours=hours)
    else:
        dispatcher.utter_message(response="utter_request_human_unavailable")


class RequestHuman(SafeAction):
    def name(self) -> Text:
        return "action_request_human"

    async def act(self, dispatcher, tracker, domain):
        # Queued if an operator is signed in within operator hours; otherwise told so, with
        # 101 and the other routes, and the assistant carries on (shared/handoff/store.py).
        risk = bool(tracker.get_slot("risk_flags"))
        availability, position = await ask_for_person(tracker.sender_id, words.text("turn_reason_asked_for_person"), risk)
        tell_queue_place(dispatcher, availability, position)
        return add_flag(tracker, "asked_for_person") + [SlotSet("not_understood_count", 0.0)] + resume(tracker)


class ExplainWhy(SafeAction):
    def name(self) -> Text:
        return "action_explain_why"

    async def act(self, dispatcher, tracker, domain):
        q = question(tracker.get_slot("requested_slot")) if active_form(tracker) else None
        if q:
            dispatcher.utter_message(text=words.text("turn_why", why=q.why))
        else:
            dispatcher.utter_message(text=words.text("turn_why_general"))
        return resume(tracker)


class DontKnow(SafeAction):
    """Outside the form. Inside it, "I don't know" reaches the form's validation, which skips
    optional questions, asks for a best guess for dates and explains required ones."""

    def name(self) -> Text:
        return "action_dont_know"

    async def act(self, dispatcher, tracker, domain):
        slot = tracker.get_slot("requested_slot") if active_form(tracker) else None
        q = question(slot)
        if q is None:
            dispatcher.utter_message(text=words.text("turn_dont_know_outside"))
            return resume(tracker)
        if q.kind == "date":
            dispatcher.utter_message(text=words.text("turn_dont_know_date"))
        elif q.optional:
            dispatcher.utter_message(text=words.text("turn_dont_know_optional"))
        else:
            dispatcher.utter_message(text=words.text("turn_dont_know_required", why=q.why))
        return resume(tracker)


class GoBack(SafeAction):
    def name(self) -> Text:
        return "action_go_back"

    async def act(self, dispatcher, tracker, domain):
        if not active_form(tracker):
            dispatcher.utter_message(text=words.text("turn_back_nothing"))
            return []
        current = tracker.get_slot("requested_slot")
        # The most recent answer given before the current question.
        from actions.intake.form import required_for

        asked = set(required_for(tracker.slots)) | REPORT_LOOP
        previous = None
        for event in reversed(tracker.events):
            name = event.get("name")
            if event.get("event") == "slot" and name in ORDER and name in asked and name != current \
                    and tracker.get_slot(name) is not None:
                previous = name
                break
        if previous is None:
            dispatcher.utter_message(text=words.text("turn_back_first"))
            return resume(tracker)
        events: List[Dict[Text, Any]] = [SlotSet(previous, None)]
        if previous in REPORT_LOOP or current in REPORT_LOOP:
            reports = list(tracker.get_slot("reports") or [])
            if tracker.get_slot("pending_report"):
                events += [SlotSet("pending_report", None)]
            elif reports:
                events += [SlotSet("reports", reports[:-1])]
            events += [SlotSet("collecting_reports", True), SlotSet("report_text", None), SlotSet("more_reports", None)]
            dispatcher.utter_message(text=words.text("turn_back_report"))
        else:
            dispatcher.utter_message(text=words.text("turn_back"))
        return events + resume(tracker)


class ChangeAnswer(SafeAction):
    def name(self) -> Text:
        return "action_change_answer"

    async def act(self, dispatcher, tracker, domain):
        slots, said = apply_change(tracker.latest_message.get("text") or "", tracker)
        dispatcher.utter_message(text=said)
        return [SlotSet(k, v) for k, v in slots.items()] + resume(tracker)


class AnswerFaq(SafeAction):
    def name(self) -> Text:
        return "action_answer_faq"

    async def act(self, dispatcher, tracker, domain):
        selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
        utter = ((selector.get("response") or {}).get("utter_action")) or ""
        if utter.startswith("utter_faq/") and utter in (domain.get("responses") or {}):
            dispatcher.utter_message(response=utter)
        else:
            dispatcher.utter_message(text=words.text("turn_faq_none"))
        if active_form(tracker):
            dispatcher.utter_message(text=words.text("turn_faq_back"))
        elif not tracker.get_slot("application_id"):
            # A first message that asks ("kids set fire to the bins. want review") is answered,
            # then the intake begins: an answer alone left the resident with no next step.
            text = (tracker.latest_message.get("text") or "").replace("\x00", "").strip()
            return Opening().begin(dispatcher, tracker, "faq", text) + [ActiveLoop(FORM)]
        return resume(tracker)


class RightRoute(SafeAction):
    def name(self) -> Text:
        return "action_right_route"

    async def act(self, dispatcher, tracker, domain):
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        dispatcher.utter_message(response="utter_complain_about_staff" if intent == "complain_about_staff" else "utter_report_new_incident")
        if active_form(tracker):
            dispatcher.utter_message(text=words.text("turn_right_route_back"))
        return resume(tracker)


class SmallTalk(SafeAction):
    def name(self) -> Text:
        return "action_small_talk"

    async def act(self, dispatcher, tracker, domain):
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        response = {"bot_challenge": "utter_bot_challenge", "thank": "utter_thank", "goodbye": "utter_goodbye",
                    "greet": "utter_carry_on"}.get(intent, "utter_out_of_scope")
        dispatcher.utter_message(response=response)
        return resume(tracker)


class NotUnderstood(SafeAction):
    def name(self) -> Text:
        return "action_not_understood"

    async def act(self, dispatcher, tracker, domain):
        if tracker.get_slot("confirm_action") == "safety_check":
            from actions.intake.safeguarding_replies import SafetyCheckAnswer

            return await SafetyCheckAnswer().act(dispatcher, tracker, domain)
        if tracker.get_slot("confirm_action"):
            # Asked "do you want to stop?": a clear yes ("yes delete it") is a yes; anything else
            # keeps everything, the safe way round.
            if parse_yes_no(tracker.latest_message.get("text") or "") is True:
                return await ConfirmYes().act(dispatcher, tracker, domain)
            return await ConfirmNo().act(dispatcher, tracker, domain)
        if not active_form(tracker) and tracker.get_slot("risk_flags") and not tracker.get_slot("intake_status") \
                and not tracker.get_slot("application_id"):
            # After a safety reply before the intake began, what comes next ("ok, can we carry
            # on") is the way back: the intake starts, as a first message would.
            dispatcher.utter_message(response="utter_opening")
            return fresh_start(tracker) + [ActiveLoop(FORM)]
        count = int(tracker.get_slot("not_understood_count") or 0) + 1
        if count >= 3:
            availability, position = await ask_for_person(tracker.sender_id, words.text("turn_reason_not_understood"),
                                                          bool(tracker.get_slot("risk_flags")))
            if availability == "open":
                dispatcher.utter_message(response="utter_not_understood_person_asked")
                tell_queue_place(dispatcher, availability, position)
            else:
                dispatcher.utter_message(response="utter_not_understood_3")
            count = 0
        else:
            dispatcher.utter_message(response=f"utter_not_understood_{count}")
        return [SlotSet("not_understood_count", float(count))] + resume(tracker)


class AskConfirm(SafeAction):
    """Stop and start again discard answers, so they are confirmed first."""

    def name(self) -> Text:
        return "action_ask_confirm"

    async def act(self, dispatcher, tracker, domain):
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        what = "stop" if intent == "stop" else "start_again"
        dispatcher.utter_message(response="utter_confirm_stop" if what == "stop" else "utter_confirm_start_again")
        form = active_form(tracker)
        # The form is paused while the resident answers, so "yes"/"no" aren't taken as answers.
        return [SlotSet("confirm_action", what), SlotSet("paused_form", form)] + ([ActiveLoop(None)] if form else [])


class ConfirmYes(SafeAction):
    def name(self) -> Text:
        return "action_confirm_yes"

    async def act(self, dispatcher, tracker, domain):
        what = tracker.get_slot("confirm_action")
        if what == "stop":
            dispatcher.utter_message(response="utter_stopped")
            # The reset also clears confirm_action, which the rule that chose this action was
            # conditioned on; without an explicit listen no rule matches and the core fallback
            # fires over and over (seen talking to the trained bot).
            return [Restarted(), SlotSet("intake_status", "stopped"), FollowupAction("action_listen")]
        dispatcher.utter_message(text=words.text("turn_started_again"))
        # Restarted (not only a slot reset): Rasa forgets every earlier event and the tracker
        # store deletes them (bot/privacy/erasing_store.py). It asks for a session start next;
        # the followup goes straight back to the form instead.
        return [Restarted(), SlotSet("application_id", new_application_id()), ActiveLoop(FORM), FollowupAction(FORM)]


class ConfirmNo(SafeAction):
    def name(self) -> Text:
        return "action_confirm_no"

    async def act(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_carry_on")
        form = tracker.get_slot("paused_form")
        return [SlotSet("confirm_action", None), SlotSet("paused_form", None)] + ([ActiveLoop(form)] if form else [])
