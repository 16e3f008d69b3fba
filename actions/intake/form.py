"""The intake form: which question comes next, and checking every answer before it is kept.

In the manner of RasaHQ/financial-demo: a reusable validation base (normalising answers,
counting failed attempts and offering a way out after three), then one method per question.
Every value is validated: a resident can type `/inform{"choice": "..."}` themselves.
"""

from __future__ import annotations

import asyncio
import logging
import re
from abc import abstractmethod
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.intake import reports_flow as rf
from actions.intake.application import default_area
from actions.intake.clock import today_for
from actions.intake.questions import question
from actions.language import (
    DONT_KNOW, answer_by_content, contact_restriction, extract_email, extract_phone, extract_postcode, extract_reports,
    format_date, in_england_or_wales, is_dont_know, looks_like_hate, parse_count, parse_date, parse_yes_no, reference_in,
)
from actions.language.reading import DateReading
from actions.language import body_in, reported_in_words
from actions.rules import area_for_location, load_policy
from shared import words

logger = logging.getLogger("asb.actions")

MAX_TEXT = 2000
# "Jordan Ellis, but everyone calls me Jo" is a name; fifteen words about what is happening is not
# (kept as the name, a missed safety message went to the case system as the resident's name).
NAME_WORDS = 8
VALIDATION_TIMEOUT_S = 8.0
TERMINAL = {"not_reported", "outside", "no_consent", "not_applying", "consent_refused"}
APPLICANT_TYPES = {"self", "on_behalf", "organisation", "group_member"}
PENDING_SLOTS = ("pending_date_confirm", "pending_reported_to", "pending_reported_date", "pending_incident_when",
                 "pending_same_incident", "pending_reference")
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


def required_for(s: Dict[Text, Any]) -> List[Text]:
    """Every question this resident needs, in the order they are asked (conversation.md)."""
    if s.get("intake_status") in TERMINAL:
        return []
    applicant = s.get("applicant_type")
    required = ["reported_before", "in_england_wales", "applicant_type"]
    if applicant == "on_behalf":
        required += ["on_behalf_relationship", "victim_consent"]
    if applicant == "organisation":
        required += ["organisation_name"]
    required += ["problem_description", "location", "perpetrator", "ongoing", "hate"]
    required += reports_step(s)
    required += ["other_reporters"]
    if isinstance(s.get("other_reporters"), int) and s.get("other_reporters") > 0:
        required += ["others_consent", "others_same_household"]
    required += ["impact_opt_in"]
    if s.get("impact_opt_in") is True:
        required += ["impact_text", "vulnerable_in_home", "fear_of_retaliation"]
    required += ["apply_decision", "full_name", "contact_address", "phone", "email"]
    if has_value(s.get("phone")) and has_value(s.get("email")):
        required += ["preferred_contact"]
    required += ["safe_contact"]
    if applicant == "on_behalf":
        required += ["victim_name", "victim_contact"]
    required += ["consent_share", "declaration", "answers_confirmed"]
    return required


def has_value(value: Any) -> bool:
    return isinstance(value, str) and value not in ("none", "skip", "")


def reports_step(s: Dict[Text, Any]) -> List[Text]:
    pending = s.get("pending_report")
    reports = s.get("reports") or []
    if isinstance(pending, dict) and isinstance(pending.get("current"), dict):
        field = rf.next_field(pending["current"], reports)
        if field:
            return [field]
    if s.get("collecting_reports") is not False:
        return ["report_text"]
    return ["more_reports", "reports_confirmed"]


def next_question(s: Dict[Text, Any]) -> Optional[Text]:
    return next((slot for slot in required_for(s) if s.get(slot) is None), None)


def answered_this_turn(tracker: Tracker) -> bool:
    """True when the form runs on the resident's reply, not on its activation.

    Rasa calls the validation action with a copy of the tracker ending in ActionExecuted(form)
    and the candidate slots; the action before that is action_listen only when the resident has
    just answered (on activation it is action_opening, action_confirm_yes, ...).
    """
    actions = [e.get("name") for e in reversed(tracker.events) if e.get("event") == "action"]
    if actions and actions[0] == ((tracker.active_loop or {}).get("name") or "intake_form"):
        actions = actions[1:]
    return not actions or actions[0] == "action_listen"


_NAME_LEAD = re.compile(r"^(?:my (?:full )?name(?: is|'s)|(?:her|his|their) (?:full )?name(?: is|'s)|i'?m|i am|it'?s|its|name:?"
                        r"|this is|call me)\s+", re.I)
_NOT_NAME_WORDS = {"anonymous", "anon", "yes", "no", "not", "don't", "dont", "why", "need", "rather", "say", "skip", "person",
                   "human", "stop", "help", "thanks", "thank", "hello", "hi", "please", "sure", "ok", "okay", "the", "a", "is",
                   "it", "you", "me", "my", "police", "council", "name", "give", "want", "prefer", "bot", "real"}


def looks_like_a_name(text: str) -> bool:
    """ "Paul Greatrex", "My name is Priya Chauhan", "Mrs J. O'Neill-Hart": a name, and nothing else."""
    words = _NAME_LEAD.sub("", text.strip()).strip(" .!").split()
    if not 1 <= len(words) <= 5 or any(w.lower().strip(".,") in _NOT_NAME_WORDS for w in words):
        return False
    if not all(re.fullmatch(r"[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?,?", w) for w in words):
        return False
    return len(words) >= 2 or words[0][:1].isupper()


_PLACE_WORDS = re.compile(
    r"\b(road|rd|street|st|lane|ln|avenue|ave|close|way|drive|dr|court|crescent|place|grove|hill|park|estate|flats?|"
    r"square|terrace|gardens|walk|row|green|parade|precinct|centre|center|alley|alleyway|towpath|canal|village|town|"
    r"city|cul-de-sac|mews|rise|view|bank|wharf|market|high street|shopping|block|tower|house|bypass|ward|"
    r"school|church|station|library|pub)\b", re.I)


_HOUSE_NUMBER = re.compile(r"\b\d{1,4}[a-z]?\b")


def looks_like_a_place(text: str) -> bool:
    """A street-type word, a house number, or a place name (a capitalised word after the first)."""
    words = text.split()
    if _PLACE_WORDS.search(text) or _HOUSE_NUMBER.search(text):
        return True
    names = words if len(words) <= 3 else words[1:]  # a sentence's first word is capitalised anyway
    return len(words) <= 12 and any(
        w[:1].isupper() and re.sub(r"[-',.]", "", w).isalpha() and w.lower() not in ("i", "i'm", "i've") for w in names)


def is_a_street_address(text: str) -> bool:
    """A house number with a street-type word ("14 Mill Lane"): with a postcode, enough to be where."""
    return bool(_PLACE_WORDS.search(text) and _HOUSE_NUMBER.search(text))


AGAIN_TO_THEM = re.compile(r"\b(?:again|them|they|same (?:people|place|lot))\b", re.I)


def last_report_day(tracker: Tracker) -> Optional[date]:
    """The latest report given so far: "a week later I rang them again" is relative to it."""
    reports = [r for r in tracker.get_slot("reports") or [] if isinstance(r, dict)]
    return rf.reported_day(reports[-1]) if reports else None


def reported_reading(report: dict) -> Optional[DateReading]:
    """The report's date as a reading, for answers relative to it ("the night before")."""
    day = rf.reported_day(report)
    if day is None:
        return None
    if report.get("reported_date"):
        return DateReading("ok", day, day, day, "exact", report.get("reported_said") or "")
    latest = date.fromisoformat(report.get("reported_latest") or day.isoformat())
    middle = day + (latest - day) / 2
    return DateReading("ok", middle, day, latest, report.get("reported_precision") or "approximate",
                       report.get("reported_said") or "")


# Intents the classifier gives to answers it does not recognise; never safeguarding, stop, start again,
# a person, go back or "why": those are always what the resident meant.
MISREAD_INTENTS = {"faq", "bot_challenge", "greet", "goodbye", "thank", "report_new_incident", "change_answer",
                   "out_of_scope", "nlu_fallback"}
_A_QUESTION = re.compile(r"\?|^(?:how|what|why|when|who|whom|where|which|will|would|can|could|do|does|did|is|are|should"
                         r"|shall|may|might)\b", re.I)
_CHANGE_WORDS = re.compile(r"\b(?:change|wrong|instead|should be|mistake|not right|correct(?:ion)?|remove|take (?:it )?off)\b", re.I)


def misread_answer(slot: str, text: str, today: date) -> bool:
    """True when `text` plainly answers the question for `slot`, whatever intent it was given."""
    if _A_QUESTION.search(text) or len(text) > 300:
        return False
    q = question(slot)
    if slot in ("full_name", "victim_name"):
        return looks_like_a_name(text)
    if slot == "pending_reference":
        ref = reference_in(text, today)
        return bool(ref and re.search(r"\d", ref)) and not _CHANGE_WORDS.search(text) and len(text) <= 100
    if slot in ("pending_reported_date", "pending_incident_when"):
        return not _CHANGE_WORDS.search(text) and len(text) <= 100 and parse_date(text, today).ok
    if slot == "safe_contact":
        # "There are no restrictions" (taken for a remark about the bot) or a clear "don't ..."
        return contact_restriction(text) is None or bool(re.search(r"\b(?:don'?t|never|not|only|no)\b", text, re.I))
    if q is not None and q.kind == "yes_no" and slot not in ("reports_confirmed", "answers_confirmed"):
        return parse_yes_no(text) is not None
    return False


# "carry on", typed fast: "cary on", "carrie on", "contiune"
CARRY_ON = r"\b(?:apply|send|ca+r+[iy]e?s? on|continue|contin?u?e|contiune|go ahead|proceed)\b"
# Words that stop "send it" being a yes at the summary: "don't send it yet, the date is wrong"
NOT_YET = r"\b(?:not|don'?t|dont|no|wait|hang on|change|wrong|before|first)\b"

SKIP_WORDS = re.compile(r"^(skip|pass|skip (it|this|that)|next|no idea|don'?t know|i don'?t know|dunno|not sure|"
                        r"can'?t remember|i can'?t remember|rather not say|i'?d rather not say|prefer not to say)[.!]*$", re.I)


class IntakeValidationBase(FormValidationAction):
    """Shared behaviour for every question: "I don't know", safe failure, repeated-failure escape."""

    @abstractmethod
    def name(self) -> Text:
        """The validation action's name (`validate_<form>`)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        try:
            return await asyncio.wait_for(super().run(dispatcher, tracker, domain), VALIDATION_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - the resident gets an apology, never a silent bot
            logger.error("action=%s conversation=%s outcome=error type=%s", self.name(), tracker.sender_id, type(exc).__name__)
            dispatcher.messages.clear()
            dispatcher.utter_message(response="utter_error")
            # Keep the question where it was: the form asks it again.
            return [SlotSet("requested_slot", tracker.get_slot("requested_slot"))]

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        """Answers come from the domain's mappings, with one exception: an answer the intent
        classifier took for a side remark ("Paul Greatrex" as a greeting, "My name is ..." as a
        question about anonymity, "SBC/ASB/1950" as a change) is taken as the answer to the
        question being asked, when its words plainly answer it (`misread_answer`)."""
        if not answered_this_turn(tracker):
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        slot = next_question(tracker.slots)
        text = clean_text(tracker.latest_message.get("text"))
        if intent not in MISREAD_INTENTS or slot is None or not text or slot in tracker.slots_to_validate():
            return []
        if misread_answer(slot, text, today_for(tracker)):
            logger.info("action=%s conversation=%s answer_taken_from_intent=%s", self.name(), tracker.sender_id, intent)
            return [SlotSet(slot, text)]
        return []

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        """Check each answer given this turn; "I don't know" is understood at every question first.

        (rasa-sdk's own loop, with the "don't know" step added.)
        """
        if not answered_this_turn(tracker):
            # The form is being activated (or resumed), not answered: nothing new to check, and
            # answers carried over from earlier must not be checked (and acted on) twice.
            return []
        from actions.intake.safeguarding_replies import safety_first  # rules §9: safety before any answer

        stopped, safety_events = await safety_first(dispatcher, tracker)
        if stopped:
            return safety_events
        wanted = required_for(tracker.slots)
        candidates = {k: v for k, v in tracker.slots_to_validate().items() if k in wanted}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        results: Dict[Text, Any] = {}
        for slot, value in candidates.items():
            q = question(slot)
            if intent == "carry_on" and slot != "apply_decision":
                # "OK, carry on" (after a safeguarding message, say) is not an answer: ask again.
                results[slot] = None
                tracker.slots[slot] = None
                continue
            if q is not None and self.means_dont_know(intent, value, q):
                if not q.optional:
                    if q.kind == "date":
                        dispatcher.utter_message(text=words.text("form_dont_know_date"))
                    else:
                        dispatcher.utter_message(text=words.text("form_dont_know_needed", why=q.why))
                    results[slot] = None
                    tracker.slots[slot] = None
                    continue
                value = q.skip_value
            method = getattr(self, f"validate_{slot}", None)
            if method is None:
                results[slot] = None  # nothing is kept without a check
                continue
            output = method(value, dispatcher, tracker, domain)
            if asyncio.iscoroutine(output):
                output = await output
            results.update(output)
            tracker.slots.update(output)
        events: List[EventType] = safety_events + [SlotSet(k, v) for k, v in results.items()]
        if results and tracker.get_slot("not_understood_count"):
            events.append(SlotSet("not_understood_count", 0.0))  # understood: the ladder starts again
            tracker.slots["not_understood_count"] = 0.0
        return events

    @staticmethod
    def means_dont_know(intent: Optional[str], value: Any, q) -> bool:
        if q.kind == "yes_no":
            return False  # yes/no questions take "not sure" and "skip" themselves
        text = value.strip() if isinstance(value, str) else ""
        if intent == "dont_know" and len(text) <= 60:
            return True
        return bool(SKIP_WORDS.match(text))

    def failed(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, message: str,
               sorry: bool = True) -> Dict[Text, Any]:
        """Say why the answer can't be used; a second time give examples; a third offer a way on."""
        failures = dict(tracker.get_slot("slot_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        q = question(slot)
        said = words.text("form_not_understood", message=message) if sorry else message
        if failures[slot] >= 3:
            failures[slot] = 0
            if q and q.optional:
                dispatcher.utter_message(text=words.text("form_skip_for_now"))
                skipped = getattr(self, f"validate_{slot}")(q.skip_value, CollectingDispatcher(), tracker, {})
                return {**skipped, "slot_failures": failures}
            dispatcher.utter_message(
                text=words.text("form_offer_person", message=said),
                buttons=[{"title": words.text("form_offer_person_button"), "payload": "/request_human"}],
            )
        elif failures[slot] == 2 and q and q.examples:
            dispatcher.utter_message(text=words.text("form_with_examples", message=said, examples=q.examples))
        else:
            dispatcher.utter_message(text=said)
        return {slot: None, "slot_failures": failures}

    def accepted(self, slot: str, value: Any, tracker: Tracker, **more: Any) -> Dict[Text, Any]:
        failures = dict(tracker.get_slot("slot_failures") or {})
        failures.pop(slot, None)
        return {slot: value, "slot_failures": failures, **more}

    def yes_no_slot(self, slot: str, value: Any, dispatcher, tracker, allow_unsure: bool = False,
                    topic: Optional[str] = None) -> Dict[Text, Any]:
        """Yes or no; with a `topic`, a descriptive answer ("she's 84 and lives alone") is read by what it says."""
        v = choice_or_text(value)
        answer = yes_no(value)
        if answer is None and topic and v not in ("not_sure", "skip"):
            by_content = answer_by_content(v[:300], topic)
            answer = by_content if isinstance(by_content, bool) else None
        if answer is None and allow_unsure and (v in ("not_sure", "skip") or is_dont_know(v)
                                                or re.search(r"not sure|don'?t know|dunno|rather not|maybe|unsure"
                                                             r"|couldn'?t (?:tell you|say)|can'?t say|cannot say|no idea", v)):
            return self.accepted(slot, "not_sure", tracker)
        if answer is None:
            hint = words.text("form_yes_no_or_unsure" if allow_unsure else "form_yes_no")
            return self.failed(slot, dispatcher, tracker, hint)
        return self.accepted(slot, answer, tracker)


class ValidateIntakeForm(IntakeValidationBase):
    def name(self) -> Text:
        return "validate_intake_form"

    # ------------------------------------------------------------------ which question next
    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return required_for(tracker.slots)

    # ------------------------------------------------------------------ opening checks
    def validate_reported_before(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        answer = yes_no(value)
        if answer is None:
            answer = reported_in_words(v)
        if answer is True:
            return self.accepted("reported_before", True, tracker,
                                 **self.told_with_the_first_answer(value, dispatcher, tracker))
        if answer is False:
            dispatcher.utter_message(response="utter_how_to_report")
            return {"reported_before": False, "intake_status": "not_reported"}
        if answer is None and (v in ("not_sure", "skip") or re.search(r"not sure|don'?t know|can'?t remember|maybe", v)):
            dispatcher.utter_message(text=words.text("form_reported_unsure"))
            return self.accepted("reported_before", "not_sure", tracker)
        if answer is None and not (clean_text(value) or "").rstrip().endswith("?"):
            told = self.told_with_the_first_answer(value, dispatcher, tracker)
            if told.get("problem_description"):
                # What is happening, told before the yes or no: kept and said back, and the
                # question asked again without a "sorry" (it was not misunderstood).
                return {"reported_before": None, **told}
        return self.yes_no_slot("reported_before", value, dispatcher, tracker)

    @staticmethod
    def told_with_the_first_answer(value, dispatcher, tracker) -> Dict[Text, Any]:
        """In the widget the greeting asks the first question before the resident has typed, so
        their first message ("the family upstairs play music till 4am and I've rung the council
        three times") answers it and says much more: that is kept and said back, as an opening
        message is (actions/intake/opening_words.py)."""
        text = clean_text(value) or ""
        if len(text.split()) < 8 or tracker.get_slot("problem_description") or text.startswith("/"):
            return {}
        from actions.intake.opening_words import from_opening, said_back

        slots, taken = from_opening(text[:2000], today_for(tracker))
        if slots.pop("reported_before", None) is not None:
            taken = taken[1:]  # from_opening lists that first: already answered here, so not said back
        slots["problem_description"] = text[:2000]
        taken = [words.text("form_taken_problem")] + taken
        dispatcher.utter_message(text=said_back(taken))
        return slots

    def validate_in_england_wales(self, value, dispatcher, tracker, domain):
        # "Stoke", "ST16 2DH" or "England" answer the question too, and the place gives the area.
        text = clean_text(value) or ""
        place = in_england_or_wales((text or choice_or_text(value))[:300], area_for_location)
        if place.answer is True:
            more: Dict[Text, Any] = {}
            if place.area:
                policy = load_policy(place.area)
                more = {"area": policy.id, "area_name": policy.name}
            postcode = extract_postcode(text)
            if not tracker.get_slot("location") and (postcode or is_a_street_address(text)):
                # An address or postcode is where, too: not asked for again on the next question.
                more.update(location=text[:500], location_postcode=postcode)
                if place.area:
                    dispatcher.utter_message(text=words.text("form_area_found", area=more["area_name"]))
            return self.accepted("in_england_wales", True, tracker, **more)
        if place.answer is False:
            dispatcher.utter_message(response="utter_outside_england_wales")
            return {"in_england_wales": False, "intake_status": "outside"}
        if place.answer == DONT_KNOW:
            return self.failed("in_england_wales", dispatcher, tracker, words.text("form_which_town"), sorry=False)
        return self.failed("in_england_wales", dispatcher, tracker, words.text("form_yes_no_or_town"))

    def validate_applicant_type(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:MAX_TEXT]
        if v not in APPLICANT_TYPES:
            if re.search(r"\b(business|shop|company|organisation|organization|club|charity|school|church|community group|pub|cafe"
                         r"|for the (?:group|club|team|association|society|committee)|association|society|fc|allotments?"
                         r"|sports club|football club|residents' association|tenants' association)\b", v):
                v = "organisation"
            elif re.search(r"\b(behalf|for my|for someone|someone else|my (mum|mom|dad|mother|father|nan|gran|son|daughter|neighbour|client|constituent|tenant)|for (him|her|them))\b", v):
                v = "on_behalf"
            elif re.search(r"\b(group of|we all|all of us|residents|several of us|us neighbours|a few of us|lots of us)\b", v):
                v = "group_member"
            elif re.search(r"\b(me|myself|i am|i'm|mine|it's me|just me)\b", v):
                v = "self"
        if v not in APPLICANT_TYPES:
            return self.failed("applicant_type", dispatcher, tracker, words.text("form_who_for"))
        return self.accepted("applicant_type", v, tracker)

    def validate_on_behalf_relationship(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("on_behalf_relationship", "not given", tracker)
        text = clean_text(value)
        if not text:
            return self.failed("on_behalf_relationship", dispatcher, tracker, words.text("form_relationship"))
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
            return self.failed("organisation_name", dispatcher, tracker, words.text("form_organisation_name"))
        return self.accepted("organisation_name", text[:200], tracker)

    # ------------------------------------------------------------------ the problem
    def validate_problem_description(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text or not re.search(r"[^\W\d_]{2,}", text):
            return self.failed("problem_description", dispatcher, tracker, words.text("form_problem"))
        flags = list(tracker.get_slot("risk_flags") or [])
        if looks_like_hate(text) and "possible_hate" not in flags:
            flags.append("possible_hate")
        return self.accepted("problem_description", text, tracker, risk_flags=flags)

    def validate_location(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text or not re.search(r"[^\W_]{2,}", text):
            return self.failed("location", dispatcher, tracker, words.text("form_location"))
        own_area = area_for_location(text)
        postcode = extract_postcode(text)
        if not own_area and not postcode and not looks_like_a_place(text):
            # "The lads who hang about by the shops" is not where: ask for the place itself (also
            # when an earlier answer gave the area: this answer must still be a place).
            return self.failed("location", dispatcher, tracker, words.text("form_location_place"), sorry=False)
        area = own_area or tracker.get_slot("area")
        try:
            policy = load_policy(area or default_area())
        except (KeyError, TypeError, ValueError):  # a stale or typed area slot is not trusted
            area, policy = None, load_policy(default_area())
        dispatcher.utter_message(text=words.text("form_area_found" if area else "form_area_unknown", area=policy.name))
        return self.accepted("location", text[:500], tracker, area=policy.id, area_name=policy.name, location_postcode=postcode)

    def validate_perpetrator(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v in ("skip", "unknown", "dont_know") or SKIP_WORDS.match(v) or re.fullmatch(r"(no|nope|no idea|not sure)\.?", v):
            return self.accepted("perpetrator", "not known", tracker)
        if re.fullmatch(r"(yes|yeah|yep|i do|yes i do)\.?", v):
            # "Do you know who?" - "yes": that is not who. Ask for it, without a "sorry".
            return self.failed("perpetrator", dispatcher, tracker, words.text("form_perpetrator_who"), sorry=False)
        text = clean_text(value)
        if not text:
            return self.failed("perpetrator", dispatcher, tracker, words.text("form_perpetrator"))
        return self.accepted("perpetrator", text[:500], tracker)

    def validate_ongoing(self, value, dispatcher, tracker, domain):
        return self.yes_no_slot("ongoing", value, dispatcher, tracker, allow_unsure=True, topic="ongoing")

    def validate_hate(self, value, dispatcher, tracker, domain):
        result = self.yes_no_slot("hate", value, dispatcher, tracker, allow_unsure=True)
        if result.get("hate") is True:
            dispatcher.utter_message(response="utter_hate_noted")
        return result

    # ------------------------------------------------------------------ reports
    def validate_report_text(self, value, dispatcher, tracker, domain):
        text = clean_text(value)
        if not text:
            return self.failed("report_text", dispatcher, tracker, words.text("form_report_text"))
        today = today_for(tracker)
        candidates = extract_reports(text, today, context=last_report_day(tracker))
        for c in candidates:  # dates that can't be right are asked again, with the reason
            for reading in (c.reported_date, c.incident_date):
                if reading is not None and not reading.ok:
                    return self.failed("report_text", dispatcher, tracker, reading.question, sorry=False)
        drafts = []
        previous = (tracker.get_slot("reports") or [None])[-1]
        for c in candidates or []:
            if c.reported_to is None and isinstance(previous, dict) and AGAIN_TO_THEM.search(text):
                c.reported_to = previous.get("reported_to")  # "I rang them again": the same body
            drafts.extend(rf.drafts_for(c, text))
        if not drafts:
            drafts = [{"words": text[:1000], "problem": "main"}]
        room = rf.MAX_REPORTS - len(tracker.get_slot("reports") or [])
        drafts = drafts[:max(room, 1)]
        if len(drafts) > 1:
            dispatcher.utter_message(text=words.text("form_several_reports", count=len(drafts)))
        before = list(tracker.get_slot("reports") or [])
        reports, pending = rf.settle(drafts, before)
        stored = {"reports": reports} if len(reports) != len(before) else {}  # told whole: kept at once
        return self.accepted("report_text", text, tracker, collecting_reports=False, pending_report=pending,
                             more_reports=None, **stored)

    def _advance(self, current: dict, tracker: Tracker, extra: Dict[Text, Any]) -> Dict[Text, Any]:
        """Store the current report when complete, then move on to the next one waiting."""
        pending = dict(tracker.get_slot("pending_report") or {})
        reports = list(tracker.get_slot("reports") or [])
        queue = list(pending.get("queue") or [])
        if rf.next_field(current, reports) is None:
            reports = rf.finish(current, reports)
            current = queue.pop(0) if queue else None
        events = {**extra, "reports": reports,
                  "pending_report": {"current": current, "queue": queue} if current else None}
        for slot in PENDING_SLOTS:
            events.setdefault(slot, None)
        failures = dict(tracker.get_slot("slot_failures") or {})
        for slot in PENDING_SLOTS:
            failures.pop(slot, None)
        events["slot_failures"] = failures
        return events

    def _current(self, tracker: Tracker) -> dict:
        pending = tracker.get_slot("pending_report") or {}
        return dict(pending.get("current") or {}) if isinstance(pending, dict) else {}

    def validate_pending_date_confirm(self, value, dispatcher, tracker, domain):
        answer = yes_no(value)
        current = self._current(tracker)
        waiting = list(current.get("to_confirm") or [])
        if not waiting:
            return self._advance(current, tracker, {})
        if answer is None:
            return self.failed("pending_date_confirm", dispatcher, tracker, words.text("form_yes_no"))
        prefix = waiting[0]
        if answer:
            current["to_confirm"] = waiting[1:]
        else:
            rf.clear_date(current, prefix)
            dispatcher.utter_message(text=words.text("form_date_in_words"))
        return self._advance(current, tracker, {})

    def validate_pending_reported_to(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:MAX_TEXT]
        body = v if v in BODY_CHOICES else body_in(v)
        if v in ("someone else", "other") or (body is None and re.search(r"\b(other|someone else)\b", v)):
            body = "other"
        if body is None:
            return self.failed("pending_reported_to", dispatcher, tracker, words.text("form_reported_to"))
        current = self._current(tracker)
        current["reported_to"] = body
        return self._advance(current, tracker, {})

    def validate_pending_reported_date(self, value, dispatcher, tracker, domain):
        today = today_for(tracker)
        several = self._several_dates(value, dispatcher, tracker)
        if several is not None:
            return several
        reading = parse_date(choice_or_text(value)[:200], today)
        if not reading.ok:
            return self.failed("pending_reported_date", dispatcher, tracker, reading.question, sorry=False)
        current = self._current(tracker)
        current.update(rf.reading_fields("reported", reading))
        if reading.status == "ambiguous":
            rf.mark_to_confirm(current, "reported")
        return self._advance(current, tracker, {})

    def _several_dates(self, value, dispatcher, tracker) -> Optional[Dict[Text, Any]]:
        """Several dates in one answer ("26 September, 14 October and 12 November") are several
        reports: they fill, in order, the reports still waiting for a date. None for one date."""
        text = (clean_text(value) or "")[:MAX_TEXT]
        candidates = [c for c in extract_reports(text, today_for(tracker), context=last_report_day(tracker))
                      if c.reported_date is not None]
        if len(candidates) < 2:
            return None
        for c in candidates:
            if not c.reported_date.ok:
                return self.failed("pending_reported_date", dispatcher, tracker, c.reported_date.question, sorry=False)
        pending = dict(tracker.get_slot("pending_report") or {})
        waiting = [d for d in pending.get("queue") or [] if isinstance(d, dict)]
        room = rf.MAX_REPORTS - len(tracker.get_slot("reports") or []) - 1 - len(waiting)
        current, queue, said = rf.fill_placeholders(self._current(tracker), waiting, candidates, text, max(room, 0))
        dispatcher.utter_message(text=said)
        tracker.slots["pending_report"] = {"current": current, "queue": queue}  # _advance reads the queue
        return self._advance(current, tracker, {})

    def validate_pending_incident_when(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:200]
        current = self._current(tracker)
        reported = rf.reported_day(current)
        if v in ("same_day", "same", "yes"):  # the buttons, and "yes" to "was it the same day?"
            v = words.text("form_incident_same_day")
        elif v in ("day_before", "day before"):
            v = words.text("form_incident_day_before")
        if v in ("unknown", "not_sure", "skip") or is_dont_know(v):
            current["incident_unknown"] = True
            current["incident_said"] = words.text("form_incident_not_sure")
            return self._advance(current, tracker, {})
        if v in ("earlier", "no"):
            return self.failed("pending_incident_when", dispatcher, tracker, words.text("form_incident_when"), sorry=False)
        # "the same night", "no, it was the day before", "the night before, the 13th": read
        # against the report's own date (a range when that was rough), not against today.
        reading = parse_date(v, today_for(tracker), context=reported_reading(current))
        if reported and reading.ok and reading.earliest and reading.earliest > reported:
            # "last week, the Tuesday" about a report made a while ago: said from the report's
            # point of view, since the incident came before the report.
            again = parse_date(v, reported, context=reported_reading(current))
            if again.ok and (reported - again.value).days <= 31:  # a named date ("10 March") is not moved a year
                reading = again
        if not reading.ok:
            return self.failed("pending_incident_when", dispatcher, tracker, reading.question, sorry=False)
        if reported and reading.earliest and reading.earliest > reported:
            return self.failed("pending_incident_when", dispatcher, tracker,
                               words.text("form_incident_after_report", day=format_date(reported)), sorry=False)
        current.update(rf.reading_fields("incident", reading))
        if reading.status == "ambiguous":
            rf.mark_to_confirm(current, "incident")
        return self._advance(current, tracker, {})

    def validate_pending_same_incident(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        answer = yes_no(value)
        if answer is None and v not in ("not_sure",):
            return self.failed("pending_same_incident", dispatcher, tracker, words.text("form_yes_no_or_unsure"))
        current = self._current(tracker)
        current["same_checked"] = True
        if answer:
            other = rf.close_report(current, list(tracker.get_slot("reports") or []))
            if other:
                current["same_incident_as"] = other["id"]
        elif answer is None:
            current["same_unsure"] = True
        return self._advance(current, tracker, {})

    def validate_pending_reference(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        current = self._current(tracker)
        current["reference_asked"] = True
        if v in ("skip", "none", "no") or yes_no(v) is False or SKIP_WORDS.match(v) or is_dont_know(v):
            return self._advance(current, tracker, {})
        text = clean_text(value) or ""
        reference = reference_in(text, today_for(tracker)) or ""  # "yes it was 0312" keeps 0312
        if not re.search(r"\d", reference):
            return self.failed("pending_reference", dispatcher, tracker, words.text("form_reference_numbers"))
        current["reference"] = reference
        current["reference_said"] = text[:200]
        return self._advance(current, tracker, {})

    def validate_more_reports(self, value, dispatcher, tracker, domain):
        # Reports first: "yes, I rang the council on 3 May and the police on 9 May" is two more
        # reports, not just a yes.
        text = clean_text(value) or ""
        if text and extract_reports(text[:MAX_TEXT], today_for(tracker), context=last_report_day(tracker)):
            return self.validate_report_text(value, dispatcher, tracker, domain) | {"more_reports": None}
        answer = yes_no(value)
        if answer is None and is_dont_know(choice_or_text(value)):
            answer = False  # "not sure": keep what we have; they can add one at the read-back
        if answer is None:
            return self.failed("more_reports", dispatcher, tracker, words.text("form_yes_no"))
        if answer:
            if len(tracker.get_slot("reports") or []) >= rf.MAX_REPORTS:
                dispatcher.utter_message(text=words.text("form_too_many_reports"))
                return self.accepted("more_reports", False, tracker)
            return self.accepted("more_reports", None, tracker, collecting_reports=True, report_text=None)
        return self.accepted("more_reports", False, tracker)

    def validate_reports_confirmed(self, value, dispatcher, tracker, domain):
        from actions.intake.changes import apply_change, pressed_change, report_change
        from actions.language import parse_change

        answer = yes_no(value)
        today = today_for(tracker)
        waiting = tracker.get_slot("pending_report") or {}
        waiting = waiting.get("change_said") if isinstance(waiting, dict) else None
        if waiting and answer is not None:
            # A change said back and now confirmed (yes) or not (no): only then is the list touched.
            if not answer:
                dispatcher.utter_message(text=words.text("form_nothing_changed"))
                return {"reports_confirmed": None, "pending_report": None}
            change = parse_change(waiting, today)
            reports, said = rf.apply_report_change(change, list(tracker.get_slot("reports") or []), today)
            dispatcher.utter_message(text=said)
            return {"reports_confirmed": None, "reports": reports, "pending_report": None}
        if answer is True:
            # Back at the read-back from the summary (a report changed or added there): when the
            # outcome is now different, it is explained and the resident decides again.
            return self.accepted("reports_confirmed", True, tracker, **self._decision_again(dict(tracker.slots), tracker))
        if pressed_change(choice_or_text(value)) is not None:  # a Change button of the summary shown earlier
            events, said = apply_change(choice_or_text(value), tracker)
            dispatcher.utter_message(text=said)
            return {"reports_confirmed": None, **events}
        text = (clean_text(value) or "")[:500]
        change = report_change(text, tracker)
        if change and change.target == "report" and change.action == "add":
            # "I also rang the police on 15 November": a new report, the others untouched.
            dispatcher.utter_message(text=words.text("form_add_report"))
            return self.validate_report_text(text, dispatcher, tracker, domain) | {"reports_confirmed": None}
        if change and change.target == "report":
            question_back = rf.proposed(change, list(tracker.get_slot("reports") or []), today)
            if question_back:
                dispatcher.utter_message(text=question_back, buttons=[
                    {"title": words.text("form_button_yes"), "payload": '/inform{"choice":"yes"}'},
                    {"title": words.text("form_button_no"), "payload": '/inform{"choice":"no"}'}])
                return {"reports_confirmed": None, "pending_report": {"change_said": change.said[:500]}}
            reports, said = rf.apply_report_change(change, list(tracker.get_slot("reports") or []), today)
            dispatcher.utter_message(text=said)
            return {"reports_confirmed": None, "reports": reports}
        if answer is False or not change:
            dispatcher.utter_message(text=words.text("form_what_to_change"))
        return {"reports_confirmed": None}

    # ------------------------------------------------------------------ other people, impact
    def validate_other_reporters(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:200]
        n = parse_count(v)
        if n is None and (v in ("not_sure",) or re.search(r"not sure|don'?t know|dunno", v) or is_dont_know(v)
                          or re.search(r"\b(?:possibly|maybe|might have|may have|perhaps|could have|cannot say|can'?t say"
                                       r"|couldn'?t (?:tell you|say)|not certain|certainty)\b", v)):
            return self.accepted("other_reporters", "not_sure", tracker)
        if n is None and yes_no(v) is False:
            n = 0
        if n is None:
            if yes_no(v) is True or re.search(r"\b(a few|several|some|lots|loads)\b", v):
                return self.failed("other_reporters", dispatcher, tracker, words.text("form_how_many_roughly"), sorry=False)
            return self.failed("other_reporters", dispatcher, tracker, words.text("form_how_many_others"))
        return self.accepted("other_reporters", max(0, min(n, 500)), tracker)

    def validate_others_consent(self, value, dispatcher, tracker, domain):
        return self.yes_no_slot("others_consent", value, dispatcher, tracker, allow_unsure=True)

    def validate_others_same_household(self, value, dispatcher, tracker, domain):
        return self.yes_no_slot("others_same_household", value, dispatcher, tracker, allow_unsure=True)

    def validate_impact_opt_in(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("impact_opt_in", False, tracker)
        return self.yes_no_slot("impact_opt_in", value, dispatcher, tracker)

    def validate_impact_text(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("impact_text", "not given", tracker)
        text = clean_text(value)
        if not text:
            return self.failed("impact_text", dispatcher, tracker, words.text("form_impact"))
        return self.accepted("impact_text", text, tracker)

    def _flagged(self, slot: str, flag: str, value, dispatcher, tracker, topic: str) -> Dict[Text, Any]:
        if choice_or_text(value) == "skip" or re.search(r"rather not", choice_or_text(value)):
            return self.accepted(slot, "not_said", tracker)
        result = self.yes_no_slot(slot, value, dispatcher, tracker, allow_unsure=True, topic=topic)
        if result.get(slot) is True:
            flags = list(tracker.get_slot("risk_flags") or [])
            if flag not in flags:
                result["risk_flags"] = flags + [flag]
        return result

    def validate_vulnerable_in_home(self, value, dispatcher, tracker, domain):
        return self._flagged("vulnerable_in_home", "vulnerable", value, dispatcher, tracker, "vulnerable")

    def validate_fear_of_retaliation(self, value, dispatcher, tracker, domain):
        result = self._flagged("fear_of_retaliation", "fear_of_retaliation", value, dispatcher, tracker, "fear")
        if result.get("fear_of_retaliation") is True:
            dispatcher.utter_message(text=words.text("form_fear_noted"))
        return result

    # ------------------------------------------------------------------ the decision
    def validate_apply_decision(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:200]
        if v in ("continue", "apply_anyway") or yes_no(v) is True or re.search(CARRY_ON, v) \
                and not re.search(r"\b(not|don'?t)\b", v):
            return self.accepted("apply_decision", "apply", tracker)
        if v == "not_now" or yes_no(v) is False or re.search(r"\b(not now|don'?t want|no thanks|leave it|not yet)\b", v):
            dispatcher.utter_message(response="utter_not_applying")
            return self.accepted("apply_decision", "not_now", tracker, intake_status="not_applying")
        return self.failed("apply_decision", dispatcher, tracker, words.text("form_apply_decision"))

    # ------------------------------------------------------------------ contact
    def _name(self, slot: str, value, dispatcher, tracker, ask: str) -> Dict[Text, Any]:
        text = clean_text(value)
        if text:
            text = re.sub(r"^(my name is|my name's|i'm|i am|it's|its|her name is|his name is|their name is)\s+", "", text, flags=re.I).strip()
        if not text or not re.search(r"[^\W\d_]{2,}", text) or len(text) > 200 or "@" in text \
                or re.search(r"\d{4}", text) \
                or len(text.split()) > NAME_WORDS:  # an email, a phone number or a sentence is not a name
            return self.failed(slot, dispatcher, tracker, ask)
        return self.accepted(slot, text, tracker)

    def validate_full_name(self, value, dispatcher, tracker, domain):
        return self._name("full_name", value, dispatcher, tracker, words.text("form_full_name"))

    def validate_victim_name(self, value, dispatcher, tracker, domain):
        return self._name("victim_name", value, dispatcher, tracker, words.text("form_victim_name"))

    def validate_contact_address(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("contact_address", "skip", tracker)
        text = clean_text(value)
        phone, email = extract_phone(text or ""), extract_email(text or "")
        if (phone or email) and not extract_postcode(text or ""):
            # A phone number or email given a question early is kept, and the address asked again.
            said = "form_noted_phone_and_email" if phone and email else "form_noted_phone" if phone else "form_noted_email"
            dispatcher.utter_message(text=words.text("form_contact_noted", what=words.text(said)))
            found = {k: v for k, v in (("phone", phone), ("email", email)) if v}
            return {"contact_address": None, **found}
        if not text or len(text) < 4 or not re.search(r"[^\W\d_]{2,}", text):
            return self.failed("contact_address", dispatcher, tracker, words.text("form_address"))
        return self.accepted("contact_address", text[:500], tracker)

    def validate_phone(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v == "skip" or yes_no(v) is False:
            return self.accepted("phone", "skip", tracker)
        text = clean_text(value) or ""
        phone = extract_phone(text)
        email = extract_email(text)
        if not phone:
            if email:  # an email given here is kept for the next question
                return self.accepted("phone", "skip", tracker, email=email)
            return self.failed("phone", dispatcher, tracker, words.text("form_phone"))
        more = {"email": email} if email else {}
        return self.accepted("phone", phone, tracker, **more)

    def validate_email(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        has_phone = has_value(tracker.get_slot("phone"))
        if v == "skip" or yes_no(v) is False:
            if not has_phone:
                dispatcher.utter_message(text=words.text("form_reach_you"))
                return {"email": None, "phone": None}
            return self.accepted("email", "skip", tracker)
        text = clean_text(value) or ""
        email = extract_email(text)
        if not email:
            phone = extract_phone(text)
            if phone and not has_phone:
                return self.accepted("email", "skip", tracker, phone=phone)
            return self.failed("email", dispatcher, tracker, words.text("form_email_or_skip" if has_phone else "form_email"))
        return self.accepted("email", email, tracker)

    def validate_preferred_contact(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:200]
        for choice, pattern in (("phone", r"phone|ring|call|text|mobile"), ("email", r"e-?mail"), ("either", r"either|both|any|skip|don'?t mind")):
            if v == choice or re.search(pattern, v):
                return self.accepted("preferred_contact", choice, tracker)
        return self.failed("preferred_contact", dispatcher, tracker, words.text("form_preferred_contact"))

    def validate_safe_contact(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)[:500]
        text = clean_text(value)
        restriction = contact_restriction(text or "")
        if v == "none" or (text and restriction is None):  # "any time", "no", "whatever's easiest"
            return self.accepted("safe_contact", "none", tracker)
        if v == "skip" or restriction == DONT_KNOW:
            return self.accepted("safe_contact", "skip", tracker)
        if not text:
            return self.failed("safe_contact", dispatcher, tracker, words.text("form_safe_contact"))
        dispatcher.utter_message(text=words.text("form_safe_contact_noted"))
        flags = list(tracker.get_slot("risk_flags") or [])
        return self.accepted("safe_contact", text[:500], tracker,
                             risk_flags=flags if "contact_restrictions" in flags else flags + ["contact_restrictions"])

    def validate_victim_contact(self, value, dispatcher, tracker, domain):
        if choice_or_text(value) == "skip":
            return self.accepted("victim_contact", "not given", tracker)
        text = clean_text(value)
        if not text:
            return self.failed("victim_contact", dispatcher, tracker, words.text("form_victim_contact"))
        return self.accepted("victim_contact", text[:500], tracker)

    # ------------------------------------------------------------------ consent, check, send
    def validate_consent_share(self, value, dispatcher, tracker, domain):
        v = choice_or_text(value)
        if v == "end":
            dispatcher.utter_message(response="utter_consent_end")
            return self.accepted("consent_share", False, tracker, intake_status="consent_refused")
        result = self.yes_no_slot("consent_share", value, dispatcher, tracker)
        if result.get("consent_share") is False:
            failures = dict(result.get("slot_failures") or {})
            declined = failures.get("consent_declined", 0) + 1
            if declined >= 2:
                dispatcher.utter_message(response="utter_consent_end")
                result["intake_status"] = "consent_refused"
            else:
                dispatcher.utter_message(response="utter_consent_needed")
                failures["consent_declined"] = declined
                result["consent_share"] = None  # asked once more, with the choice to end here
                result["slot_failures"] = failures
        return result

    def validate_declaration(self, value, dispatcher, tracker, domain):
        answer = yes_no(value)
        if answer is False:
            return self.failed("declaration", dispatcher, tracker, words.text("form_declaration"), sorry=False)
        return self.yes_no_slot("declaration", value, dispatcher, tracker)

    def validate_answers_confirmed(self, value, dispatcher, tracker, domain):
        from actions.intake.changes import apply_change, pressed_change, report_change

        v = choice_or_text(value)
        answer = yes_no(value)
        if answer is True or v == "send" or (re.search(r"\b(?:send|submit)\b", v) and not re.search(NOT_YET, v)):
            return self.accepted("answers_confirmed", True, tracker)  # "send it", "ye send it"
        text = (clean_text(value) or "")[:500]
        change = report_change(text, tracker) if pressed_change(v) is None else None
        if change is not None and change.target == "report" and change.action == "add":
            # "o wait i also rang the council on 15 november": a new report at the summary, the
            # others untouched; then the reports are read back and the outcome worked out again.
            dispatcher.utter_message(text=words.text("form_add_report"))
            added = self.validate_report_text(text, dispatcher, tracker, domain)
            return {**added, "reports_confirmed": None, "answers_confirmed": None}
        events, said = apply_change(text or v[:500], tracker)  # as typed: a reference keeps its capitals
        dispatcher.utter_message(text=said)
        return {**events, **self._reassessed(events, tracker), "answers_confirmed": None}

    @staticmethod
    def _reassessed(events: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """A change to the reports at the summary can change the outcome the resident was told:
        then the decision is asked again, with the new outcome explained (action_ask_apply_decision)."""

        if "reports" not in events:
            return {}  # reports gone through again are checked when the read-back is confirmed
        return ValidateIntakeForm._decision_again({**tracker.slots, **events}, tracker)

    @staticmethod
    def _decision_again(slots: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """{"apply_decision": None} when the resident already decided on an outcome that the
        reports now give differently; {} otherwise."""
        from actions.intake.application import assess_slots

        told = tracker.get_slot("assessment")
        if slots.get("apply_decision") is None or not isinstance(told, dict):
            return {}
        now = assess_slots(slots, today_for(tracker))
        if told.get("outcome") == now["outcome"] and told.get("routes_met") == now["routes_met"]:
            return {}
        return {"apply_decision": None}
