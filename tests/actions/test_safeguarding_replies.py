"""The safety check, its Yes / No, and the form's hook: a safety message is never an answer."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.intake.safeguarding_replies import Safeguarding, SafetyCheckAnswer, safety_first
from intake_helpers import make_tracker, texts

CHECK = {"safeguarding": {"answer": "emergency", "certainty": "check", "cue": "danger_words[5]", "also": []}}


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def test_an_uncertain_cue_asks_the_check_and_pauses_the_form(dispatcher, domain):
    tracker = make_tracker(text="there's a fight by the garages", intent="emergency", requested_slot="location", extra=CHECK)
    events = run(Safeguarding(), dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_safety_check"]
    check = domain["responses"]["utter_safety_check"][0]
    assert "in danger right now?" in check["text"] and "999" in check["text"]
    assert [b["title"] for b in check["buttons"]] == ["Yes", "No"]
    assert SlotSet("confirm_action", "safety_check") in events and SlotSet("paused_form", "intake_form") in events
    assert ActiveLoop(None) in events and not any(e.get("name") == "location" for e in events)


def test_yes_to_the_check_gives_the_full_999_guidance_first(dispatcher, domain):
    tracker = make_tracker({"confirm_action": "safety_check", "paused_form": "intake_form",
                            "safety_check_kind": "emergency"}, text="yes", intent="affirm", active_form=None)
    events = run(SafetyCheckAnswer(), dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert SlotSet("confirm_action", None) in events and events[-1] == ActiveLoop("intake_form")


def test_no_to_the_check_carries_on_where_the_resident_was(dispatcher, domain):
    tracker = make_tracker({"confirm_action": "safety_check", "paused_form": "intake_form"}, text="no",
                           intent="deny", active_form=None)
    events = run(SafetyCheckAnswer(), dispatcher, tracker, domain)
    assert "999" not in texts(dispatcher) and "carry on" in texts(dispatcher)
    assert events[-1] == ActiveLoop("intake_form")


def test_no_before_the_intake_began_starts_it(dispatcher, domain):
    tracker = make_tracker({"confirm_action": "safety_check"}, text="no", intent="deny", active_form=None)
    events = run(SafetyCheckAnswer(), dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_opening" and events[-1] == ActiveLoop("intake_form")


def test_domestic_abuse_says_why_a_review_is_not_the_route_and_asb_can_go_on(domain):
    text = domain["responses"]["utter_domestic_abuse"][0]["text"]
    assert "0808 2000 247" in text and "isn't the way" in text and "neighbours" in text


def test_the_form_hook_keeps_a_safety_message_out_of_the_answer(dispatcher):
    tracker = make_tracker({"location": "there's a man at my door with a knife right now"},
                           text="there's a man at my door with a knife right now", requested_slot="location")
    stopped, events = asyncio.run(safety_first(dispatcher, tracker))
    assert stopped and SlotSet("location", None) in events
    assert dispatcher.messages[0]["response"] == "utter_emergency"


def test_the_same_guidance_is_not_given_again_for_an_account_at_a_story_question(dispatcher):
    words_ = "my partner hits me when he's drunk and the neighbours' parties make it worse"
    first = make_tracker(text=words_, requested_slot="impact_text")
    stopped, _ = asyncio.run(safety_first(dispatcher, first))
    assert stopped and dispatcher.messages[0]["response"] == "utter_domestic_abuse"
    from rasa_sdk.executor import CollectingDispatcher

    again = CollectingDispatcher()
    told = make_tracker({"risk_flags": ["domestic_abuse"]}, text=words_, requested_slot="impact_text")
    assert asyncio.run(safety_first(again, told)) == (False, [])  # the account is the answer now
    assert [m.get("response") for m in again.messages] == [None] and "kept what you wrote" in again.messages[0]["text"]


def test_the_form_hook_lets_an_ordinary_answer_through(dispatcher):
    tracker = make_tracker(text="Meadow Road, Stafford ST16 2DH", requested_slot="location")
    assert asyncio.run(safety_first(dispatcher, tracker)) == (False, []) and not dispatcher.messages


def test_a_model_guess_alone_at_the_impact_question_is_the_answer_not_a_check(dispatcher, domain):
    text = "My husband has dementia and gets terrified when they bang on the door"
    extra = {"safeguarding": {"answer": "emergency", "certainty": "check", "cue": "model:emergency", "also": []}}
    events = run(Safeguarding(), dispatcher, make_tracker(text=text, intent="emergency", requested_slot="impact_text",
                                                          extra=extra), domain)
    assert not dispatcher.messages and SlotSet("impact_text", text) in events and events[-1] == ActiveLoop("intake_form")


# Mid-form, by meaning (issue 14): heard for words that cannot be the answer, asked as a check.
LOST_CHILD = "my little boy has wandered off and I can't find him anywhere"
READS_AS_DANGER = {"safety_scores": {"emergency": 0.93, "self_harm": 0.02, "domestic_abuse": 0.03},
                   "intent_ranking": [{"name": "inform", "confidence": 0.7}]}


def test_words_that_are_no_answer_and_read_as_danger_ask_the_check_and_are_not_kept(dispatcher):
    tracker = make_tracker({"location": LOST_CHILD}, text=LOST_CHILD, requested_slot="location", extra=READS_AS_DANGER)
    stopped, events = asyncio.run(safety_first(dispatcher, tracker))
    assert stopped and [m.get("response") for m in dispatcher.messages] == ["utter_safety_check"]
    assert SlotSet("location", None) in events and SlotSet("confirm_action", "safety_check") in events
    # Paused, so the form does not ask its question under the check; the next words are the Yes / No.
    assert SlotSet("paused_form", "intake_form") in events and ActiveLoop(None) in events
    assert FollowupAction("action_listen") in events


def test_the_same_check_is_not_asked_twice_in_a_row_at_one_question(dispatcher):
    asked_before = [{"event": "slot", "name": "requested_slot", "value": "location"},
                    {"event": "slot", "name": "confirm_action", "value": "safety_check"},
                    {"event": "slot", "name": "confirm_action", "value": None},
                    {"event": "slot", "name": "requested_slot", "value": "location"},
                    {"event": "user", "text": LOST_CHILD},
                    {"event": "slot", "name": "location", "value": LOST_CHILD}]
    tracker = make_tracker({"location": LOST_CHILD}, text=LOST_CHILD, requested_slot="location",
                           extra=READS_AS_DANGER, events=asked_before)
    assert asyncio.run(safety_first(dispatcher, tracker)) == (False, []) and not dispatcher.messages
    # At another question since, it may be asked again.
    moved_on = asked_before[:3] + [{"event": "slot", "name": "location", "value": "Mill Lane"},
                                   {"event": "slot", "name": "requested_slot", "value": "full_name"},
                                   {"event": "user", "text": LOST_CHILD}]
    tracker = make_tracker({"full_name": LOST_CHILD}, text=LOST_CHILD, requested_slot="full_name",
                           extra=READS_AS_DANGER, events=moved_on)
    assert asyncio.run(safety_first(dispatcher, tracker))[0]


@pytest.mark.parametrize("slot, answer, scores", [
    ("on_behalf_relationship", "she's my nan", {"emergency": 0.02, "self_harm": 0.02, "domestic_abuse": 0.92}),
    ("victim_consent", "yes he knows and is happy for me to", {"emergency": 0.0, "self_harm": 0.88, "domestic_abuse": 0.1}),
    ("location", "the garages behind Elm Court", {"emergency": 0.95, "self_harm": 0.0, "domestic_abuse": 0.0}),
    ("full_name", "Dana Okafor", {"emergency": 0.9, "self_harm": 0.0, "domestic_abuse": 0.0}),
])
def test_an_answer_the_meaning_model_reads_near_danger_is_still_the_answer(dispatcher, slot, answer, scores):
    extra = {"safety_scores": scores, "intent_ranking": [{"name": "domestic_abuse", "confidence": 0.9}]}
    tracker = make_tracker({slot: answer}, text=answer, requested_slot=slot, extra=extra)
    assert asyncio.run(safety_first(dispatcher, tracker)) == (False, []) and not dispatcher.messages


def test_asked_about_a_person_someone_close_named_is_the_answer_not_abuse(dispatcher):
    said = "my ex-husband, he lives at the end of our street with his new wife"
    extra = {"safety_scores": {"emergency": 0.02, "self_harm": 0.01, "domestic_abuse": 0.9},
             "intent_ranking": [{"name": "domestic_abuse", "confidence": 0.9}]}
    tracker = make_tracker({"perpetrator": said}, text=said, requested_slot="perpetrator", extra=extra)
    assert asyncio.run(safety_first(dispatcher, tracker)) == (False, []) and not dispatcher.messages


def test_an_uncertain_cue_in_the_answer_to_the_check_is_that_answer_not_the_check_again(dispatcher, domain):
    said = "no, they're out on the landing shouting but I've locked the door, I'm ok"
    tracker = make_tracker({"confirm_action": "safety_check", "paused_form": "intake_form"}, text=said,
                           intent="emergency", active_form=None, extra=CHECK)
    events = run(Safeguarding(), dispatcher, tracker, domain)
    assert "utter_safety_check" not in [m.get("response") for m in dispatcher.messages]
    assert SlotSet("confirm_action", None) in events and events[-1] == ActiveLoop("intake_form")
