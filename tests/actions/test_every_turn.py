"""Every-turn actions: answer, then hand back to the form; failures become a safe apology."""

from __future__ import annotations

import asyncio
import logging

from rasa_sdk.events import ActiveLoop, FollowupAction

from actions.intake.every_turn import (
    AnswerFaq, AskConfirm, ConfirmNo, ConfirmYes, DontKnow, ExplainWhy, GoBack, NotUnderstood, Opening, RequestHuman,
)
from actions.intake.safeguarding_replies import Safeguarding
from actions.intake.safety import SafeAction
from intake_helpers import make_tracker, texts


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def test_safeguarding_answers_first_and_resumes_the_form(dispatcher, domain):
    events = run(Safeguarding(), dispatcher, make_tracker(intent="emergency", requested_slot="location"), domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert ActiveLoop("intake_form") in events
    assert any(e.get("name") == "risk_flags" and "emergency" in e["value"] for e in events)
    responses = {r["text"] for r in domain["responses"]["utter_emergency"]}
    assert any("999" in t and "55" in t for t in responses)


def test_each_cue_gets_its_own_numbers(domain):
    for intent, number in [("self_harm", "116 123"), ("domestic_abuse", "0808 2000 247")]:
        from rasa_sdk.executor import CollectingDispatcher

        d = CollectingDispatcher()
        run(Safeguarding(), d, make_tracker(intent=intent), domain)
        response = d.messages[0]["response"]
        assert number in domain["responses"][response][0]["text"]


def test_why_gives_the_reason_for_the_current_question(dispatcher, domain):
    events = run(ExplainWhy(), dispatcher, make_tracker(requested_slot="location"), domain)
    assert texts(dispatcher).startswith("We ask this because where it happens decides")
    assert events == [ActiveLoop("intake_form")]


def test_dont_know_outside_the_form_is_answered_kindly(dispatcher, domain):
    events = run(DontKnow(), dispatcher, make_tracker(active_form=None), domain)
    assert events == [] and "That's OK" in texts(dispatcher)


def test_go_back_clears_the_previous_answer(dispatcher, domain):
    events_so_far = [{"event": "slot", "name": "reported_before", "value": True},
                     {"event": "slot", "name": "in_england_wales", "value": True}]
    tracker = make_tracker({"reported_before": True, "in_england_wales": True}, requested_slot="applicant_type", events=events_so_far)
    events = run(GoBack(), dispatcher, tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "in_england_wales", "value": None} in events
    assert events[-1] == ActiveLoop("intake_form")


def test_faq_answer_then_back_to_the_question(dispatcher, domain):
    selector = {"faq": {"response": {"utter_action": "utter_faq/how_long"}}}
    events = run(AnswerFaq(), dispatcher, make_tracker(intent="faq", extra={"response_selector": selector}), domain)
    assert dispatcher.messages[0]["response"] == "utter_faq/how_long"
    assert events == [ActiveLoop("intake_form")]


def test_a_first_message_that_asks_is_answered_and_then_the_intake_begins(dispatcher, domain):
    selector = {"faq": {"response": {"utter_action": "utter_faq/how_long"}}}
    events = run(AnswerFaq(), dispatcher, make_tracker(text="the lads burnt our bins at new year. want a review",
                 intent="faq", active_form=None, extra={"response_selector": selector}), domain)
    said = [m.get("response") for m in dispatcher.messages]
    assert said[:2] == ["utter_faq/how_long", "utter_opening"]
    assert events[-1] == ActiveLoop("intake_form") and any(e.get("name") == "application_id" for e in events)
    # once an application has begun, an answer outside the form does not start another
    from rasa_sdk.executor import CollectingDispatcher

    d = CollectingDispatcher()
    events = run(AnswerFaq(), d, make_tracker({"application_id": "app-1"}, intent="faq", active_form=None,
                                              extra={"response_selector": selector}), domain)
    assert [m.get("response") for m in d.messages] == ["utter_faq/how_long"] and ActiveLoop("intake_form") not in events


def test_not_understood_escalates_to_offering_a_person(dispatcher, domain):
    run(NotUnderstood(), dispatcher, make_tracker({"not_understood_count": 1.0}, intent="nlu_fallback", active_form=None), domain)
    assert dispatcher.messages[-1]["response"] == "utter_not_understood_2"
    from rasa_sdk.executor import CollectingDispatcher

    d = CollectingDispatcher()
    events = run(NotUnderstood(), d, make_tracker({"not_understood_count": 2.0}, intent="nlu_fallback", active_form=None), domain)
    assert d.messages[-1]["response"] == "utter_not_understood_3"
    assert "talk to a person" in domain["responses"]["utter_not_understood_3"][0]["text"]
    assert any(e.get("name") == "not_understood_count" and e["value"] == 0 for e in events)


def test_stop_is_confirmed_before_anything_is_deleted(dispatcher, domain):
    events = run(AskConfirm(), dispatcher, make_tracker(intent="stop"), domain)
    assert dispatcher.messages[0]["response"] == "utter_confirm_stop"
    assert ActiveLoop(None) in events
    assert not any(e.get("event") == "restart" for e in events)
    from rasa_sdk.executor import CollectingDispatcher

    d = CollectingDispatcher()
    yes = run(ConfirmYes(), d, make_tracker({"confirm_action": "stop"}, active_form=None), domain)
    assert any(e.get("event") == "restart" for e in yes)
    assert "deleted" in domain["responses"]["utter_stopped"][0]["text"]
    d2 = CollectingDispatcher()
    no = run(ConfirmNo(), d2, make_tracker({"confirm_action": "stop", "paused_form": "intake_form"}, active_form=None), domain)
    assert ActiveLoop("intake_form") in no


def test_request_human_with_nobody_signed_in_gives_101_and_carries_on(dispatcher, domain, handoff_store):
    events = run(RequestHuman(), dispatcher, make_tracker(intent="request_human"), domain)
    assert dispatcher.messages[0]["response"] == "utter_request_human_unavailable"
    assert "101" in domain["responses"]["utter_request_human_unavailable"][0]["text"]
    assert events[-1] == ActiveLoop("intake_form")
    assert handoff_store.queue() == []  # not queued: nobody could take it


def test_request_human_outside_hours_says_when_the_team_is_there(dispatcher, domain, handoff_store, monkeypatch):
    # The minute that is open is never now: two minutes from now, London time.
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    start = datetime.now(ZoneInfo("Europe/London")) + timedelta(minutes=2)
    spec = f"{start:%H:%M}-{start + timedelta(minutes=1):%H:%M}"
    monkeypatch.setenv("ASB_OPERATOR_HOURS", spec)
    handoff_store.touch_presence("alex")  # signed in, but outside hours nobody is queued
    run(RequestHuman(), dispatcher, make_tracker(intent="request_human"), domain)
    assert dispatcher.messages[0]["response"] == "utter_request_human_closed"
    assert dispatcher.messages[0]["hours"] == spec.replace("-", " to ")
    assert "{hours}" in domain["responses"]["utter_request_human_closed"][0]["text"]
    assert handoff_store.queue() == []


def test_request_human_with_an_operator_signed_in_queues_and_tells_the_place(dispatcher, domain, handoff_store):
    handoff_store.touch_presence("alex")
    handoff_store.request("someone-earlier", "asked for a person", False)
    tracker = make_tracker(intent="request_human")
    events = run(RequestHuman(), dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_request_human_queued"
    assert dispatcher.messages[0]["position"] == 2
    assert "{position}" in domain["responses"]["utter_request_human_queued"][0]["text"]
    assert [h.session_id for h in handoff_store.queue()] == ["someone-earlier", tracker.sender_id]
    assert events[-1] == ActiveLoop("intake_form")


def test_a_safeguarding_cue_queues_the_conversation_first_and_flags_the_risk(dispatcher, domain, handoff_store):
    handoff_store.touch_presence("alex")
    handoff_store.request("someone-earlier", "asked for a person", False)
    tracker = make_tracker(intent="self_harm", text="i cant take it anymore i want to end it")
    run(Safeguarding(), dispatcher, tracker, domain)
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_self_harm" and "utter_safeguarding_person_asked" in responses
    first = handoff_store.queue()[0]
    assert first.session_id == tracker.sender_id and first.risk and first.reason == "safeguarding: self harm"


def test_a_third_misunderstanding_asks_a_person_when_one_is_free(dispatcher, domain, handoff_store):
    handoff_store.touch_presence("alex")
    run(NotUnderstood(), dispatcher, make_tracker({"not_understood_count": 2.0}, intent="nlu_fallback"), domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_not_understood_person_asked",
                                                                 "utter_request_human_queued"]
    assert handoff_store.queue()[0].reason == "not understood three times"


def test_an_exception_becomes_a_safe_apology_and_logs_no_text(dispatcher, domain, caplog):
    class Broken(SafeAction):
        def name(self):
            return "action_broken"

        async def act(self, dispatcher, tracker, domain):
            dispatcher.utter_message(text="half a reply")
            raise ValueError(tracker.latest_message["text"])

    secret = "I live at 14 Zebrafinch Road"
    with caplog.at_level(logging.INFO):
        events = run(Broken(), dispatcher, make_tracker(text=secret), domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_error"]
    assert events == [ActiveLoop("intake_form")]
    assert "Zebrafinch" not in caplog.text and "type=ValueError" in caplog.text


def test_a_clear_safety_cue_in_the_residents_account_comes_first_and_their_words_are_kept(dispatcher, domain):
    text = "They've set my shed on fire right now and it's spreading to the fence"
    events = run(Safeguarding(), dispatcher, make_tracker(text=text, intent="emergency", requested_slot="impact_text"), domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert {"event": "slot", "timestamp": None, "name": "impact_text", "value": text} in events
    assert "kept what you wrote" in texts(dispatcher)
    # At any other question nothing is taken as an answer; the question is asked again.
    from rasa_sdk.executor import CollectingDispatcher

    d = CollectingDispatcher()
    events = run(Safeguarding(), d, make_tracker(text=text, intent="emergency", requested_slot="location"), domain)
    assert d.messages[0]["response"] == "utter_emergency"
    assert not any(e.get("name") == "location" for e in events)


def test_fear_told_as_the_account_is_the_answer_not_an_alarm(dispatcher, domain):
    # The model's guess alone, re-read with the open question (the pipeline cannot know it).
    text = "My husband has dementia and gets terrified when they bang on the door"
    events = run(Safeguarding(), dispatcher, make_tracker(text=text, intent="emergency", requested_slot="impact_text"), domain)
    assert not any(m.get("response", "").startswith(("utter_emergency", "utter_safety_check")) for m in dispatcher.messages)
    assert {"event": "slot", "timestamp": None, "name": "impact_text", "value": text} in events


def test_a_clear_yes_that_was_not_understood_confirms_a_stop(dispatcher, domain):
    tracker = make_tracker({"confirm_action": "stop", "paused_form": "intake_form"}, text="yes delete it",
                           intent="nlu_fallback", active_form=None)
    events = run(NotUnderstood(), dispatcher, tracker, domain)
    assert any(e.get("event") == "restart" for e in events)
    d2 = type(dispatcher)()
    events = run(NotUnderstood(), d2, make_tracker({"confirm_action": "stop", "paused_form": "intake_form"},
                                                   text="hmm what", intent="nlu_fallback", active_form=None), domain)
    assert not any(e.get("event") == "restart" for e in events)


def test_the_same_guidance_is_not_given_again_in_a_loop_at_the_account(dispatcher, domain):
    text = "They've set my shed on fire right now and it's spreading to the fence"
    tracker = make_tracker({"risk_flags": ["emergency"]}, text=text, intent="emergency", requested_slot="impact_text")
    events = run(Safeguarding(), dispatcher, tracker, domain)
    assert not any(m.get("response") == "utter_emergency" for m in dispatcher.messages)
    assert {"event": "slot", "timestamp": None, "name": "impact_text", "value": text} in events


SURE_DANGER = {"emergency": 0.95, "self_harm": 0.01, "domestic_abuse": 0.01}
UNSEEN = "a teenage girl is being held down by a group in the underpass"  # no rule knows it


def test_a_first_message_read_as_danger_by_meaning_gets_the_check_before_the_greeting(dispatcher, domain):
    # The pipeline let it through (no rule, no intent); the meaning model's scores came with it.
    tracker = make_tracker(text=UNSEEN, intent="inform", active_form=None, extra={"safety_scores": SURE_DANGER})
    events = run(Opening(), dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_safety_check"]
    assert {"event": "slot", "timestamp": None, "name": "confirm_action", "value": "safety_check"} in events
    assert events[-1] == FollowupAction("action_listen")  # the answer, not the first question
    # What they said is kept for when the intake starts after "No".
    assert any(e.get("name") == "problem_description" and e["value"] == UNSEEN for e in events)


def test_abuse_at_home_read_by_meaning_in_a_first_message_gets_the_helpline(dispatcher, domain):
    text = "my teenage son punches me when he's angry"
    scores = {"emergency": 0.05, "self_harm": 0.0, "domestic_abuse": 0.9}
    events = run(Opening(), dispatcher, make_tracker(text=text, active_form=None, extra={"safety_scores": scores}), domain)
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_domestic_abuse" and "utter_offer_start" in responses
    assert not any(e.get("name") == "problem_description" for e in events)  # not the ASB story


def test_without_scores_or_read_as_harmless_the_opening_is_as_before(dispatcher, domain):
    for scores in (None, {"emergency": 0.1, "self_harm": 0.0, "domestic_abuse": 0.0}):
        d = type(dispatcher)()
        extra = {"safety_scores": scores} if scores else {}
        run(Opening(), d, make_tracker(text=UNSEEN, active_form=None, extra=extra), domain)
        assert d.messages[0].get("response") == "utter_opening"


def test_in_the_form_the_meaning_model_is_not_heard(dispatcher, domain):
    # "he's my dad" read 0.91 as abuse by meaning: at a form question it is an answer.
    from actions.intake.safeguarding_replies import heard_by_meaning

    tracker = make_tracker(text="he's my dad", requested_slot="on_behalf_relationship",
                           extra={"safety_scores": {"emergency": 0.05, "self_harm": 0.0, "domestic_abuse": 0.91}})
    assert heard_by_meaning(tracker).intent is None
