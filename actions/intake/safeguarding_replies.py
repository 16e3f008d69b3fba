"""What the resident hears when a message carries a safeguarding cue (rules §9), on any turn.

The decision is shared/safeguarding.assess (also run in the NLU pipeline, which routes the
turn here with a safety intent). Clear danger, self-harm or abuse: the guidance at once, a
risk flag, a person asked for, and a way back to where the resident was. Uncertain: a short
check ("Are you or anyone else in danger right now?", Yes / No, with the 999 line); the form
is paused meanwhile so the reply is not taken as an answer. Yes: the full guidance. No (or
anything that is not a yes): carry on where the resident was. A safety message is never
stored as the answer to the open question.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.intake.answer_like import PERSON_QUESTIONS, could_be_the_answer
from actions.intake.clock import today_for
from actions.intake.handoff import ask_for_person
from actions.intake.safety import SafeAction
from actions.intake.state import FORM, active_form, add_flag, fresh_start, resume
from actions.language import parse_yes_no
from shared import words
from shared.safeguarding import NOTHING, SAFETY_INTENTS, Verdict, assess
from shared.safeguarding.assess import STORY_QUESTIONS

RESPONSES = {
    "emergency": "utter_emergency",
    "self_harm": "utter_self_harm",
    "self_harm_other": "utter_self_harm_other",
    "domestic_abuse": "utter_domestic_abuse",
}


def verdict_for(tracker: Tracker) -> Verdict:
    """The verdict for the latest message, read with the question that is open (the NLU
    pipeline, which routed the turn here, cannot know it). Without the words (a payload), the
    pipeline's verdict; a safety intent with neither is trusted as clear."""
    latest = tracker.latest_message or {}
    intent = (latest.get("intent") or {}).get("name")
    text = latest.get("text") or ""
    given = latest.get("safeguarding")
    if text and not text.startswith("/"):
        model = model_guess(latest)
        slot = tracker.get_slot("requested_slot") if active_form(tracker) else None
        return assess(text, model[0], model[1], slot, heard_scores(tracker, slot))
    if isinstance(given, dict) and given.get("answer") in (*RESPONSES, "hate", "none"):
        return Verdict(given["answer"], given.get("certainty") or "clear", str(given.get("cue") or ""),
                       tuple(given.get("also") or ()))
    if intent in SAFETY_INTENTS:
        return Verdict(intent, "clear", f"intent:{intent}")
    return Verdict("none", "none")


def heard_scores(tracker: Tracker, slot: Optional[str]) -> Optional[Dict[Text, Any]]:
    """The meaning model's scores, when they may be heard: with no question open, or for words
    the open question could not take as its answer (assess validates them)."""
    latest = tracker.latest_message or {}
    if slot and could_be_the_answer(slot, latest.get("text") or "", today_for(tracker)):
        return None
    scores = latest.get("safety_scores")
    if slot in PERSON_QUESTIONS and isinstance(scores, dict):
        # Asked about a person, someone close named is the answer ("my ex-husband, he lives at ..."):
        # abuse by meaning gave the helpline to 5 of 861 harmless answers (form_answers.yml).
        scores = {k: v for k, v in scores.items() if k != "domestic_abuse"}
    return scores


def checked_here(tracker: Tracker, slot: Optional[str]) -> bool:
    """The check was asked at this question, and no other question has been asked since: asked
    again, the resident would be asked the same thing in a loop, so their words are an answer."""
    events = list(tracker.events)
    last_said = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    asking, checked_at = None, None
    for event in events[:last_said]:  # this turn's own words are not an earlier answer
        name, value = event.get("name"), event.get("value")
        if event.get("event") != "slot" or value is None:
            continue
        if name == "requested_slot":
            asking = value
            checked_at = checked_at if value == checked_at else None
        elif name == "confirm_action" and value == "safety_check":
            checked_at = asking
    return slot is not None and checked_at == slot


def model_guess(latest: Dict[Text, Any]) -> tuple:
    """The trained model's strongest safety intent and its confidence, from the ranking."""
    for item in latest.get("intent_ranking") or []:
        if item.get("name") in SAFETY_INTENTS:
            return item["name"], float(item.get("confidence") or 0.0)
    return None, 0.0


def kept_story(tracker: Tracker) -> Dict[Text, Any]:
    """The resident's own account, when the question asked was for it (not a button press)."""
    slot = tracker.get_slot("requested_slot")
    text = (tracker.latest_message.get("text") or "").replace("\x00", "").strip()
    if not active_form(tracker) or slot not in STORY_QUESTIONS or not text or text.startswith("/") or len(text) < 15:
        return {}
    return {slot: text[:2000]}


def ask_safety_check(dispatcher: CollectingDispatcher, kind: str, form: Optional[str]) -> List[Dict[Text, Any]]:
    """"Are you or anyone else in danger right now?", paused like "do you want to stop?": the
    Yes / No is not an answer to any question (action_safety_check_answer reads it)."""
    dispatcher.utter_message(response="utter_safety_check")
    return [SlotSet("confirm_action", "safety_check"), SlotSet("paused_form", form), SlotSet("safety_check_kind", kind)]


def heard_by_meaning(tracker: Tracker) -> Verdict:
    """A message with no question open that the pipeline (rules and intent model) let through
    as harmless, but that the meaning model, heard beside them, reads as danger, self-harm or
    abuse at home. The pipeline cannot know whether a question is open, so this is read here."""
    latest = tracker.latest_message or {}
    text = latest.get("text") or ""
    scores = latest.get("safety_scores")
    if not text or text.startswith("/") or not scores or active_form(tracker):
        return NOTHING
    model = model_guess(latest)
    if assess(text, model[0], model[1]).intent is not None:
        return NOTHING  # the pipeline's own reading, handled by action_safeguarding
    verdict = assess(text, model[0], model[1], None, scores)  # assess validates the scores
    return verdict if verdict.intent is not None else NOTHING


async def answer_before_the_intake(dispatcher: CollectingDispatcher, tracker: Tracker,
                                   verdict: Verdict) -> List[Dict[Text, Any]]:
    """What action_safeguarding says outside the form, for a first message heard by meaning:
    the check, or the guidance; then the resident's answer, not the first question."""
    if verdict.certainty == "check":
        return ask_safety_check(dispatcher, verdict.answer, None) + [FollowupAction("action_listen")]
    flags = await give_guidance(dispatcher, tracker, verdict.answer, verdict.also)
    dispatcher.utter_message(response="utter_offer_start")
    return flags + [FollowupAction("action_listen")]


async def give_guidance(dispatcher: CollectingDispatcher, tracker: Tracker, answer: str,
                        also: tuple = ()) -> List[Dict[Text, Any]]:
    """The guidance for one kind of risk (999 first for danger now), flagged, a person asked."""
    dispatcher.utter_message(response=RESPONSES.get(answer, "utter_emergency"))
    for extra in also:
        if extra in RESPONSES and extra != answer:
            dispatcher.utter_message(response=RESPONSES[extra])
    cue = "self_harm" if answer == "self_harm_other" else answer
    flags = add_flag(tracker, cue)
    # A person is asked to join, risk-flagged, when one can; the safety message above
    # already gives 999 and the helplines when nobody can.
    availability, _ = await ask_for_person(tracker.sender_id, words.text("safety_reason", cue=cue.replace("_", " ")), True)
    if availability == "open":
        dispatcher.utter_message(response="utter_safeguarding_person_asked")
    return flags


class Safeguarding(SafeAction):
    def name(self) -> Text:
        return "action_safeguarding"

    async def act(self, dispatcher, tracker, domain):
        verdict = verdict_for(tracker)
        kept = kept_story(tracker)
        if verdict.certainty == "check" and verdict.cue.startswith("model:") and kept:
            # Asked for their account or its impact, fear and threats are the answer ("my husband
            # has dementia and is terrified when they bang"): the model's guess alone is no check.
            return [SlotSet(slot, value) for slot, value in kept.items()] + resume(tracker)
        if verdict.certainty != "clear" and tracker.get_slot("confirm_action") == "safety_check":
            # The check is waiting for its Yes / No and this is the answer ("No, I'm inside, I'm not
            # in danger, I don't want to ring 999 again"): it is read as one, not asked again.
            return await SafetyCheckAnswer().act(dispatcher, tracker, domain)
        if verdict.certainty == "check" and active_form(tracker) and checked_here(tracker, tracker.get_slot("requested_slot")):
            # Asked once at this question and answered No: not asked again (no loop).
            return [SlotSet(slot, value) for slot, value in kept.items()] + resume(tracker)
        if verdict.certainty == "check":
            form = active_form(tracker)
            # Their account is kept (it is the story, not a safety message): after No, the next question.
            return [SlotSet(slot, value) for slot, value in kept.items()] + \
                ask_safety_check(dispatcher, verdict.answer, form) + ([ActiveLoop(None)] if form else [])
        if verdict.intent is None:
            # Read again with the open question, it is not a cue: an account is kept as the answer,
            # any other question is asked again.
            return [SlotSet(slot, value) for slot, value in kept.items()] + resume(tracker)
        cue = "self_harm" if verdict.answer == "self_harm_other" else verdict.answer
        if kept and cue in (tracker.get_slot("risk_flags") or []):
            # The same guidance was given already and the resident is telling their account: it
            # is kept and the form goes on, rather than the same safety text in a loop.
            dispatcher.utter_message(text=words.text("safety_story_kept_again"))
            return [SlotSet(slot, value) for slot, value in kept.items()] + resume(tracker)
        flags = await give_guidance(dispatcher, tracker, verdict.answer, verdict.also)
        # Abuse by a partner or relative is not the ASB story: asked again, they can tell that.
        kept = {} if verdict.answer == "domestic_abuse" else kept
        if kept:
            # Asked what is happening or how it affects them, people describe fear and threats:
            # the safety message comes first, and their words are kept so they needn't repeat them.
            dispatcher.utter_message(text=words.text("safety_story_kept"))
            return flags + [SlotSet(slot, value) for slot, value in kept.items()] + resume(tracker)
        if active_form(tracker):
            dispatcher.utter_message(response="utter_offer_continue")
        else:
            dispatcher.utter_message(response="utter_offer_start")
        return flags + resume(tracker)


class SafetyCheckAnswer(SafeAction):
    """The answer to "Are you or anyone else in danger right now?"."""

    def name(self) -> Text:
        return "action_safety_check_answer"

    async def act(self, dispatcher, tracker, domain):
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        kind: Optional[str] = tracker.get_slot("safety_check_kind") or "emergency"
        form = tracker.get_slot("paused_form")
        events: List[Dict[Text, Any]] = [SlotSet("confirm_action", None), SlotSet("paused_form", None),
                                         SlotSet("safety_check_kind", None)]
        if intent == "affirm" or parse_yes_no(text) is True:
            events += await give_guidance(dispatcher, tracker, "emergency")
            if kind in RESPONSES and kind != "emergency":
                dispatcher.utter_message(response=RESPONSES[kind])
            dispatcher.utter_message(response="utter_offer_continue" if form else "utter_offer_start")
            # Without a form to go back to, wait for the resident (no rule follows this turn).
            return events + ([ActiveLoop(form)] if form else [FollowupAction("action_listen")])
        if form:
            dispatcher.utter_message(text=words.text("safety_carry_on"))
            return events + [ActiveLoop(form)]
        # Asked before the intake began: "No" starts it, as a first message would.
        dispatcher.utter_message(response="utter_opening")
        return events + fresh_start(tracker) + [ActiveLoop(FORM)]


async def safety_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> Tuple[bool, List[Dict[Text, Any]]]:
    """The form's hook, before any answer is checked: a safety message is never an answer.

    The NLU pipeline sends clear cues and checks to action_safeguarding; this reads the message
    again with the open question and, for words that cannot be its answer, the meaning model.
    Clear: the guidance, and the question stays open (the form asks it again). Uncertain: the
    check, the form paused; No asks the same question again (once per question: no loop). Hate:
    flagged and True Vision given once; the answer is still checked. Returns (stop checking
    answers?, events to add).
    """
    latest = tracker.latest_message or {}
    text = latest.get("text") or ""
    if not text or text.startswith("/"):
        return False, []
    model = model_guess(latest)
    slot = tracker.get_slot("requested_slot")
    verdict = assess(text, model[0], model[1], slot, heard_scores(tracker, slot))
    if verdict.answer == "hate":
        flags = list(tracker.get_slot("risk_flags") or [])
        if "possible_hate" in flags:
            return False, []
        dispatcher.utter_message(response="utter_hate_noted")
        tracker.slots["risk_flags"] = flags + ["possible_hate"]
        return False, [SlotSet("risk_flags", flags + ["possible_hate"])]
    if verdict.intent is None:
        return False, []
    unsaid = [SlotSet(slot, None)] if slot else []  # the words were taken from the message already
    if verdict.certainty == "check":
        if slot in STORY_QUESTIONS or checked_here(tracker, slot):
            return False, []  # their account is the answer; asked once here already: no loop
        # Paused (the form must not ask its question under the check); No resumes it at this
        # question, which the form asks again since nothing was stored.
        return True, unsaid + ask_safety_check(dispatcher, verdict.answer, active_form(tracker) or FORM) + \
            [ActiveLoop(None), FollowupAction("action_listen")]
    cue = "self_harm" if verdict.answer == "self_harm_other" else verdict.answer
    if slot in STORY_QUESTIONS and cue in (tracker.get_slot("risk_flags") or []):
        # The same guidance was given already and they are telling their account again: it is
        # the answer, not the same safety text in a loop (residents gave up at the impact question).
        dispatcher.utter_message(text=words.text("safety_story_kept_again"))
        return False, []
    events = await give_guidance(dispatcher, tracker, verdict.answer, verdict.also)
    dispatcher.utter_message(response="utter_offer_continue")
    return True, events + unsaid
