"""The intake form: which question comes next, and checking every answer before it is kept.

In the manner of RasaHQ/financial-demo: a reusable validation base (normalising answers,
counting failed attempts and offering a way out after three), then one method per question.
Every value is validated: a resident can type `/inform{"choice": "..."}` themselves.
"""

from __future__ import annotations

import logging
import re
from abc import abstractmethod
from datetime import date, timedelta
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.intake import reports_flow as rf
from actions.intake.application import default_area
from actions.intake.clock import today_for
from actions.intake.questions import question
from actions.language import (
    extract_email, extract_phone, extract_postcode, extract_reports, format_date, looks_like_hate,
    parse_change, parse_count, parse_date, parse_yes_no,
)
from actions.language.reports import body_in
from actions.rules import area_for_location, load_policy

logger = logging.getLogger("asb.actions")

MAX_TEXT = 2000
TERMINAL = {"not_reported", "outside", "no_consent", "not_applying", "consent_refused"}
APPLICANT_TYPES = {"self", "on_behalf", "organisation", "group_member"}
BODY_CHOICES = {"police", "council", "housing", "private_landlord", "other", "councillor", "mp", "health"}


def clean_text(value: Any) -> Optional[str]:
    """Plain text, trimmed and capped; None when there is nothing there."""
    if not isinstance(value, str):
        return None
    text = value.replace("\x00", "").strip()
    if text.startswith("/"):  # a payload whose entity did not fill the slot is not an answer
        return None
    return text[:MAX_TEXT] or None


def choice_or_text(value: Any) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def yes_no(value: Any) -> Optional[bool]:
    v = choice_or_text(value)
    if v in ("yes", "true"):
        return True
    if v in ("no", "false"):
        return False
    return parse_yes_no(v)


class IntakeValidationBase(FormValidationAction):
    """Shared behaviour for every question: safe failure, repeated-failure escape."""

    @abstractmethod
    def name(self) -> Text:
        """The validation action's name (`validate_<form>`)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        try:
            return await super().run(dispatcher, tracker, domain)
        except Exception as exc:  # noqa: BLE001 - the resident gets an apology, never a silent bot
            logger.error("action=%s conversation=%s outcome=error type=%s", self.name(), tracker.sender_id, type(exc).__name__)
            dispatcher.messages.clear()
            dispatcher.utter_message(response="utter_error")
            return []

    def failed(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, message: str) -> Dict[Text, Any]:
        """Say why the answer can't be used; after three tries offer a way on."""
        failures = dict(tracker.get_slot("slot_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        q = question(slot)
        if failures[slot] >= 3:
            failures[slot] = 0
            if q and q.optional:
                dispatcher.utter_message(text="Let's skip that one for now. You can change it when you check your answers.")
                return {slot: q.skip_value, "slot_failures": failures}
            dispatcher.utter_message(
                text=message + " If it would help to talk to a person, just say so, or call 101.",
                buttons=[{"title": "Talk to a person", "payload": "/request_human"}],
            )
        else:
            dispatcher.utter_message(text=message)
        return {slot: None, "slot_failures": failures}

    def accepted(self, slot: str, value: Any, tracker: Tracker, **more: Any) -> Dict[Text, Any]:
        failures = dict(tracker.get_slot("slot_failures") or {})
        failures.pop(slot, None)
        return {slot: value, "slot_failures": failures, **more}

    def yes_no_slot(self, slot: str, value: Any, dispatcher, tracker, allow_unsure: bool = False) -> Dict[Text, Any]:
        v = choice_or_text(value)
        answer = yes_no(value)
        if answer is None and allow_unsure and (v in ("not_sure", "skip") or re.search(r"not sure|don'?t know|dunno|rather not", v)):
            return self.accepted(slot, "not_sure", tracker)
        if answer is None:
            return self.failed(slot, dispatcher, tracker, "Sorry, I didn't understand. Please answer yes or no.")
        return self.accepted(slot, answer, tracker)


class ValidateIntakeForm(IntakeValidationBase):
    def name(self) -> Text:
        return "validate_intake_form"

    # ------------------------------------------------------------------ which question next
    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        s = tracker.slots
        if s.get("intake_status") in TERMINAL:
            return []
        required = ["reported_before", "in_england_wales", "applicant_type"]
        if s.get("applicant_type") == "on_behalf":
            required += ["on_behalf_relationship", "victim_consent"]
        if s.get("applicant_type") == "organisation":
            required += ["organisation_name"]
        required += ["problem_description", "location", "ongoing", "hate"]
        required += self._reports_step(s)
        required += ["other_reporters"]
        if isinstance(s.get("other_reporters"), int) and s.get("other_reporters") > 0:
            required += ["others_consent"]
        required += ["impact_opt_in"]
        if s.get("impact_opt_in") is True:
            required += ["impact_text", "vulnerable_in_home"]
        required += ["apply_decision", "full_name"]
        if s.get("applicant_type") == "on_behalf":
            required += ["victim_name"]
        required += ["contact_details", "safe_contact", "consent_share", "declaration", "answers_confirmed"]
        return required

    @staticmethod
    def _reports_step(s: dict) -> List[Text]:
        pending = s.get("pending_report")
        reports = s.get("reports") or []
        if isinstance(pending, dict) and isinstance(pending.get("current"), dict):
            field = rf.next_field(pending["current"], reports)
            if field:
                return [field]
        if s.get("collecting_reports") is not False:
            return ["report_text"]
        return ["more_reports", "reports_confirmed"]

    # ------------------------------------------------------------------ opening checks
    def validate_reported_before(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        answer = yes_no(value)
        if answer is False:
            dispatcher.utter_message(response="utter_how_to_report")
            return {"reported_before": False, "intake_status": "not_reported"}
        if answer is None and (v == "not_sure" or "not sure" in v):
            dispatcher.utter_message(text="That's fine. We'll go through the times you may have reported it, and I'll check them with you.")
            return self.accepted("reported_before", "not_sure", tracker)
        return self.yes_no_slot("reported_before", value, dispatcher, tracker)

    def validate_in_england_wales(self, value, dispatcher, tracker, domain):
        result = self.yes_no_slot("in_england_wales", value, dispatcher, tracker)
        if result.get("in_england_wales") is False:
            dispatcher.utter_message(response="utter_outside_england_wales")
            result["intake_status"] = "outside"
        return result

    def validate_applicant_type(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v not in APPLICANT_TYPES:
            if re.search(r"\b(business|shop|company|organisation|organization|club|charity|school|church|community group)\b", v):
                v = "organisation"
            elif re.search(r"\b(behalf|for my|for someone|someone else|my (mum|mom|dad|mother|father|nan|gran|son|daughter|neighbour|client|constituent))\b", v):
                v = "on_behalf"
            elif re.search(r"\b(group of|we all|all of us|residents|several of us|us neighbours)\b", v):
                v = "group_member"
            elif re.search(r"\b(me|myself|i am|i'm|mine|it's me)\b", v):
                v = "self"
        if v not in APPLICANT_TYPES:
            return self.failed("applicant_type", dispatcher, tracker, "Sorry, I didn't catch that. Please choose one of the options.")
        return self.accepted("applicant_type", v, tracker)

    def validate_on_behalf_relationship(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text:
            return self.failed("on_behalf_relationship", dispatcher, tracker, "Please tell me how you know them, in a few words.")
        return self.accepted("on_behalf_relationship", text[:200], tracker)

    def validate_victim_consent(self, value, dispatcher, tracker, domain):
        result = self.yes_no_slot("victim_consent", value, dispatcher, tracker)
        if result.get("victim_consent") is False:
            dispatcher.utter_message(response="utter_no_consent")
            result["intake_status"] = "no_consent"
        return result

    def validate_organisation_name(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text:
            return self.failed("organisation_name", dispatcher, tracker, "Please give the name of the business or group.")
        return self.accepted("organisation_name", text[:200], tracker)

    # ------------------------------------------------------------------ the problem
    def validate_problem_description(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text or not re.search(r"[A-Za-z]{2,}", text):
            return self.failed("problem_description", dispatcher, tracker,
                               "Please describe what's happening in a few words, for example 'loud music every night from next door'.")
        flags = list(tracker.get_slot("risk_flags") or [])
        if looks_like_hate(text) and "possible_hate" not in flags:
            flags.append("possible_hate")
        return self.accepted("problem_description", text, tracker, risk_flags=flags)

    def validate_location(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text or not re.search(r"[A-Za-z0-9]{2,}", text):
            return self.failed("location", dispatcher, tracker, "Please give a street and town, or a postcode.")
        area = area_for_location(text)
        postcode = extract_postcode(text)
        policy = load_policy(area or default_area())
        if area:
            dispatcher.utter_message(text=f"Thank you. I'll use the rules for {policy.name}.")
        else:
            dispatcher.utter_message(
                text=f"Thank you. I couldn't tell the area from that, so I'll use the rules for {policy.name}. "
                     "A caseworker will check which area it is."
            )
        return self.accepted("location", text[:500], tracker, area=policy.id, area_name=policy.name,
                             words={**(tracker.get_slot("words") or {}), "postcode": postcode})

    def validate_ongoing(self, value, dispatcher, tracker, domain):
        return self.yes_no_slot("ongoing", value, dispatcher, tracker, allow_unsure=True)

    def validate_hate(self, value, dispatcher, tracker, domain):
        result = self.yes_no_slot("hate", value, dispatcher, tracker, allow_unsure=True)
        if result.get("hate") is True:
            dispatcher.utter_message(response="utter_hate_noted")
        return result

    # ------------------------------------------------------------------ reports
    def validate_report_text(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text:
            return self.failed("report_text", dispatcher, tracker,
                               "Please tell me when you reported it and who to, for example 'I rang 101 on 3 March'.")
        today = today_for(tracker)
        candidates = extract_reports(text, today)
        for c in candidates:  # dates that can't be right are asked again, with the reason
            for reading in (c.reported_date, c.incident_date):
                if reading is not None and not reading.ok:
                    return self.failed("report_text", dispatcher, tracker, reading.question)
        drafts = []
        for c in candidates or []:
            for _ in range(max(1, min(c.count, 6)) if c.reported_date is None else 1):
                drafts.append(rf.from_candidate(c, text))
        if not drafts:
            drafts = [{"words": text[:1000], "problem": "main"}]
        if len(drafts) > 1:
            dispatcher.utter_message(text=f"Thank you. That sounds like {len(drafts)} reports. Let's go through them one at a time.")
        return self.accepted("report_text", text, tracker, collecting_reports=False,
                             pending_report={"current": drafts[0], "queue": drafts[1:]}, more_reports=None)

    def _advance(self, current: dict, tracker: Tracker, dispatcher, extra: Dict[Text, Any]) -> Dict[Text, Any]:
        """Store the current report when complete, then move on to the next one waiting."""
        pending = dict(tracker.get_slot("pending_report") or {})
        reports = list(tracker.get_slot("reports") or [])
        queue = list(pending.get("queue") or [])
        if rf.next_field(current, reports) is None:
            reports = rf.finish(current, reports)
            current = queue.pop(0) if queue else None
        events = {**extra, "reports": reports,
                  "pending_report": {"current": current, "queue": queue} if current else None}
        for slot in ("pending_reported_to", "pending_reported_date", "pending_incident_when", "pending_same_incident"):
            events.setdefault(slot, None)
        return events

    def _current(self, tracker: Tracker) -> dict:
        pending = tracker.get_slot("pending_report") or {}
        return dict(pending.get("current") or {}) if isinstance(pending, dict) else {}

    def validate_pending_reported_to(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        body = v if v in BODY_CHOICES else body_in(v)
        if v in ("someone else", "other") or (body is None and re.search(r"\b(other|someone else)\b", v)):
            body = "other"
        if body is None:
            return self.failed("pending_reported_to", dispatcher, tracker, "Sorry, who did you report it to? Please choose one of the options.")
        current = self._current(tracker)
        current["reported_to"] = body
        return self._advance(current, tracker, dispatcher, {})

    def validate_pending_reported_date(self, value, dispatcher, tracker, domain):
        today = today_for(tracker)
        reading = parse_date(choice_or_text(value), today)
        if not reading.ok:
            return self.failed("pending_reported_date", dispatcher, tracker, reading.question)
        if reading.status == "ambiguous":
            dispatcher.utter_message(text=f"I've taken that as {format_date(reading.value, weekday=True)}. If that's wrong, you can change it when I read the list back.")
        current = self._current(tracker)
        current.update(rf.reading_fields("reported", reading))
        return self._advance(current, tracker, dispatcher, {})

    def validate_pending_incident_when(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        current = self._current(tracker)
        reported = rf.reported_day(current)
        if v in ("same_day", "same day", "the same day", "that day", "on the day", "same"):
            if current.get("reported_precision") == "exact" and reported:
                current["incident_date"] = reported.isoformat()
                current["incident_precision"] = "exact"
            else:
                for k in ("earliest", "latest", "date", "precision"):
                    if current.get(f"reported_{k}"):
                        current[f"incident_{k}"] = current[f"reported_{k}"]
            current["incident_said"] = "the same day"
        elif v in ("day_before", "the day before", "day before", "the night before"):
            if reported:
                current["incident_date"] = (reported - timedelta(days=1)).isoformat()
                current["incident_precision"] = "exact" if current.get("reported_precision") == "exact" else "approximate"
            current["incident_said"] = "the day before"
        elif v in ("unknown", "not_sure", "not sure", "don't know", "dont know"):
            current["incident_unknown"] = True
            current["incident_said"] = "not sure"
        else:
            today = today_for(tracker)
            reading = parse_date(v, today)
            if not reading.ok:
                return self.failed("pending_incident_when", dispatcher, tracker, reading.question)
            if reported and reading.earliest and reading.earliest > reported:
                return self.failed("pending_incident_when", dispatcher, tracker,
                                   f"That's after the day you reported it ({format_date(reported)}). When did the incident happen?")
            current.update(rf.reading_fields("incident", reading))
        return self._advance(current, tracker, dispatcher, {})

    def validate_pending_same_incident(self, value, dispatcher, tracker, domain):
        answer = yes_no(value)
        if answer is None:
            return self.failed("pending_same_incident", dispatcher, tracker, "Please answer yes or no.")
        current = self._current(tracker)
        current["same_checked"] = True
        if answer:
            other = rf.close_report(current, list(tracker.get_slot("reports") or []))
            if other:
                current["same_incident_as"] = other["id"]
        return self._advance(current, tracker, dispatcher, {})

    def validate_more_reports(self, value, dispatcher, tracker, domain):
        answer = yes_no(value)
        if answer is None:
            # A new report described straight away ("yes, on the 9th I rang them again").
            if extract_reports(choice_or_text(value), today_for(tracker)):
                return self.validate_report_text(value, dispatcher, tracker, domain) | {"more_reports": None}
            return self.failed("more_reports", dispatcher, tracker, "Please answer yes or no.")
        if answer:
            if len(tracker.get_slot("reports") or []) >= rf.MAX_REPORTS:
                dispatcher.utter_message(text="That's a lot of reports. I'll keep the ones I have; you can tell the caseworker about the rest.")
                return self.accepted("more_reports", False, tracker)
            return self.accepted("more_reports", None, tracker, collecting_reports=True, report_text=None)
        return self.accepted("more_reports", False, tracker)

    def validate_reports_confirmed(self, value, dispatcher, tracker, domain):
        answer = yes_no(value)
        if answer is True:
            return self.accepted("reports_confirmed", True, tracker)
        change = parse_change(choice_or_text(value), today_for(tracker))
        if change and change.target == "report":
            reports, said = rf.apply_report_change(change, list(tracker.get_slot("reports") or []), today_for(tracker))
            dispatcher.utter_message(text=said)
            return {"reports_confirmed": None, "reports": reports}
        if answer is False or not change:
            dispatcher.utter_message(text="What would you like to change? For example: 'the second date is wrong, it was the 12th' or 'remove the third report'.")
        return {"reports_confirmed": None}

    # ------------------------------------------------------------------ other people, impact
    def validate_other_reporters(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v in ("not_sure",) or re.search(r"not sure|don'?t know|dunno", v):
            return self.accepted("other_reporters", "not_sure", tracker)
        n = parse_count(v)
        if n is None and yes_no(v) is False:
            n = 0
        if n is None:
            if yes_no(v) is True:
                return self.failed("other_reporters", dispatcher, tracker, "How many other people have reported it? A number is fine.")
            return self.failed("other_reporters", dispatcher, tracker, "How many other people have reported it? Say 'none' if it's just you.")
        return self.accepted("other_reporters", max(0, min(n, 500)), tracker)

    def validate_others_consent(self, value, dispatcher, tracker, domain):
        return self.yes_no_slot("others_consent", value, dispatcher, tracker, allow_unsure=True)

    def validate_impact_opt_in(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("impact_opt_in", False, tracker)
        return self.yes_no_slot("impact_opt_in", value, dispatcher, tracker)

    def validate_impact_text(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text:
            return self.failed("impact_text", dispatcher, tracker, "In a few words, how is it affecting you?")
        return self.accepted("impact_text", text, tracker)

    def validate_vulnerable_in_home(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("vulnerable_in_home", "not_said", tracker)
        result = self.yes_no_slot("vulnerable_in_home", value, dispatcher, tracker, allow_unsure=True)
        if result.get("vulnerable_in_home") is True:
            flags = list(tracker.get_slot("risk_flags") or [])
            if "vulnerable" not in flags:
                result["risk_flags"] = flags + ["vulnerable"]
        return result

    # ------------------------------------------------------------------ the decision
    def validate_apply_decision(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v in ("continue", "apply_anyway") or yes_no(v) is True or re.search(r"\b(apply|send|carry on|continue|go ahead)\b", v):
            return self.accepted("apply_decision", "apply", tracker)
        if v == "not_now" or yes_no(v) is False or re.search(r"\b(not now|don'?t want|no thanks|leave it)\b", v):
            dispatcher.utter_message(response="utter_not_applying")
            return self.accepted("apply_decision", "not_now", tracker, intake_status="not_applying")
        return self.failed("apply_decision", dispatcher, tracker, "Would you like to send your application? Please choose one of the options.")

    # ------------------------------------------------------------------ contact
    def validate_full_name(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text or not re.search(r"[^\W\d_]{2,}", text) or len(text) > 200:
            return self.failed("full_name", dispatcher, tracker, "Please type your full name.")
        text = re.sub(r"^(my name is|my name's|i'm|i am|it's|its)\s+", "", text, flags=re.I)
        return self.accepted("full_name", text, tracker)

    def validate_victim_name(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text or not re.search(r"[^\W\d_]{2,}", text) or len(text) > 200:
            return self.failed("victim_name", dispatcher, tracker, "Please type their full name.")
        return self.accepted("victim_name", text, tracker)

    def validate_contact_details(self, value, dispatcher, tracker, domain):
        text = clean_text(value) or ""
        phone, email, postcode = extract_phone(text), extract_email(text), extract_postcode(text)
        if not (phone or email or postcode):
            return self.failed("contact_details", dispatcher, tracker,
                               "I couldn't find a phone number or email address there. Please type one, for example 07700 900123.")
        preferred = "email" if email and not phone else "phone" if phone and not email else None
        contact = {"phone": phone, "email": email, "address": text if postcode and not (phone or email) else None,
                   "words": text, "preferred": preferred}
        return self.accepted("contact_details", text, tracker, contact=contact)

    def validate_safe_contact(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v == "none" or re.fullmatch(r"(no|nope|none|any ?(way|time)( is)? (fine|ok|okay)|anytime( is)? (fine|ok)|no restrictions?)\.?", v):
            return self.accepted("safe_contact", "none", tracker)
        text = clean_text(value)
        if not text:
            return self.failed("safe_contact", dispatcher, tracker, "Please tell me any times or ways we must not use, or say 'any way is fine'.")
        dispatcher.utter_message(text="Thank you. I've noted that, and it will be shown clearly to everyone who handles your case.")
        return self.accepted("safe_contact", text[:500], tracker)

    def validate_consent_share(self, value, dispatcher, tracker, domain):
        result = self.yes_no_slot("consent_share", value, dispatcher, tracker)
        if result.get("consent_share") is False:
            dispatcher.utter_message(response="utter_consent_needed")
            result["intake_status"] = "consent_refused"
        return result

    def validate_declaration(self, value, dispatcher, tracker, domain):
        answer = yes_no(value)
        if answer is False:
            return self.failed("declaration", dispatcher, tracker,
                               "Please only send what you believe is true. You can change any answer on the next step, then confirm.")
        return self.yes_no_slot("declaration", value, dispatcher, tracker)

    def validate_answers_confirmed(self, value, dispatcher, tracker, domain):
        from actions.intake.changes import apply_change

        answer = yes_no(value)
        if answer is True:
            return self.accepted("answers_confirmed", True, tracker)
        events, said = apply_change(choice_or_text(value), tracker)
        dispatcher.utter_message(text=said)
        return {**events, "answers_confirmed": None}
