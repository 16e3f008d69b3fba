"""The intake's moving parts: computed questions, "I don't know", the not-understood ladder,
ambiguous dates, the assessment step and the ask-action used after interruptions."""

from __future__ import annotations

import asyncio
import logging

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.intake.ask import AskApplyDecision, AskIntakeStep, AskPendingDateConfirm
from actions.intake.every_turn import ExplainWhy, GoBack
from actions.intake.safeguarding_replies import Safeguarding
from actions.intake.form import ValidateIntakeForm, next_question, required_for
from intake_helpers import make_tracker, texts

form = ValidateIntakeForm()

START = {"reported_before": True, "in_england_wales": True, "applicant_type": "self",
         "problem_description": "music every night", "location": "ST16 2DH", "area": "staffordshire",
         "perpetrator": "number 12", "ongoing": True, "hate": False}


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def form_turn(slot, text, slots=None, intent="inform", entities=None):
    """One resident turn as Rasa sends it to the validation action: the extracted slot is the
    latest event after the user message."""
    events = [{"event": "user", "text": text}, {"event": "slot", "name": slot, "value": text}]
    tracker = make_tracker({**(slots or {}), slot: text}, text=text, intent=intent, requested_slot=slot,
                           events=events, entities=entities)
    d = CollectingDispatcher()
    out = asyncio.run(form.run(d, tracker, {"forms": {"intake_form": {"required_slots": ["intake_step"]}}}))
    return slot_events(out), d


# ---------------------------------------------------------------- which question comes next
def test_questions_follow_the_applicant():
    assert "on_behalf_relationship" not in required_for({"applicant_type": "self"})
    on_behalf = required_for({"applicant_type": "on_behalf"})
    assert on_behalf.index("victim_consent") < on_behalf.index("problem_description")
    assert "victim_contact" in on_behalf
    assert "organisation_name" in required_for({"applicant_type": "organisation"})
    assert next_question(START) == "report_text"


def test_a_never_reported_problem_ends_the_form():
    assert required_for({"intake_status": "not_reported"}) == []


def test_after_an_interruption_the_computed_question_is_asked_not_the_domain_order(domain):
    # Rasa's form would ask the first empty slot in the domain's static list; the only one is
    # intake_step, whose ask-action works out the real next question.
    slots = {k: v for k, v in START.items() if k not in ("location", "perpetrator", "ongoing", "hate")}
    d = CollectingDispatcher()
    events = run(AskIntakeStep(), d, make_tracker(slots, requested_slot="location"), domain)
    assert SlotSet("requested_slot", "location") in events
    assert d.messages[0]["response"] == "utter_ask_location"


def test_when_nothing_is_left_the_form_ends(domain):
    d = CollectingDispatcher()
    events = run(AskIntakeStep(), d, make_tracker({"intake_status": "not_applying"}), domain)
    assert events[-1] == SlotSet("requested_slot", None)


# ---------------------------------------------------------------- "I don't know", skipping
def test_dont_know_skips_an_optional_question():
    out, d = form_turn("perpetrator", "I don't know", START, intent="dont_know")
    assert out["perpetrator"] == "not known"


def test_dont_know_for_a_report_date_asks_for_a_best_guess():
    pending = {"current": {"reported_to": "police", "words": "w"}, "queue": []}
    out, d = form_turn("pending_reported_date", "can't remember", {**START, "pending_report": pending}, intent="dont_know")
    assert out["pending_reported_date"] is None and "best guess" in texts(d)


def test_dont_know_for_a_required_question_explains_why():
    out, d = form_turn("problem_description", "no idea", {"applicant_type": "self"}, intent="dont_know")
    assert out["problem_description"] is None and "I need an answer" in texts(d)


# ---------------------------------------------------------------- the not-understood ladder
def test_not_understood_twice_gives_examples_and_three_times_offers_a_person():
    out, d = form_turn("ongoing", "purple", START)
    assert "Sorry, I didn't understand" in texts(d) and "You could say" not in texts(d)
    out, d = form_turn("ongoing", "purple", {**START, "slot_failures": {"ongoing": 1}})
    assert "You could say" in texts(d)
    out, d = form_turn("in_england_wales", "purple", {**START, "slot_failures": {"in_england_wales": 2}})
    assert "talk to a person" in texts(d)


@pytest.mark.parametrize("payload", ['/inform{"choice":"<script>"}', '/inform{"x":"y"}'])
def test_typed_payloads_are_not_answers(payload):
    out, d = form_turn("problem_description", payload, {"applicant_type": "self"})
    assert out["problem_description"] is None
    out, d = form_turn("applicant_type", "<script>", {})
    assert out["applicant_type"] is None and "<script>" not in texts(d)


def test_an_understood_answer_resets_the_fallback_count():
    out, d = form_turn("ongoing", "yes", {**START, "not_understood_count": 2.0})
    assert out["ongoing"] is True and out["not_understood_count"] == 0


# ---------------------------------------------------------------- reports
def test_a_report_with_no_body_asks_who_it_was_told_to():
    out, d = form_turn("report_text", "I reported it on 3 March", START)
    assert out["pending_report"]["current"]["reported_date"] == "2026-03-03"
    assert next_question({**START, **out}) == "pending_reported_to"


def test_an_ambiguous_date_is_read_back_in_words_and_confirmed(domain):
    pending = {"current": {"reported_to": "police", "words": "w"}, "queue": []}
    out, d = form_turn("pending_reported_date", "03/04", {**START, "pending_report": pending})
    slots = {**START, **out}
    assert next_question(slots) == "pending_date_confirm"
    d = CollectingDispatcher()
    run(AskPendingDateConfirm(), d, make_tracker(slots), domain)
    assert "3 April 2026" in texts(d) and '"03/04"' in texts(d)
    no, d = form_turn("pending_date_confirm", "no", slots)
    assert next_question({**slots, **no}) == "pending_reported_date"
    assert "month as a word" in texts(d)
    yes, _ = form_turn("pending_date_confirm", "yes", slots)
    assert next_question({**slots, **yes}) == "pending_incident_when"


def test_reports_close_together_ask_if_it_was_the_same_incident():
    reports = [{"id": "r1", "reported_date": "2026-03-03", "reported_precision": "exact", "reported_to": "police"}]
    current = {"reported_date": "2026-03-04", "reported_precision": "exact", "reported_to": "council",
               "incident_date": "2026-03-03", "incident_precision": "exact", "words": "w"}
    slots = {**START, "reports": reports, "pending_report": {"current": current, "queue": []}}
    assert next_question(slots) == "pending_same_incident"
    out, _ = form_turn("pending_same_incident", "yes", slots)
    assert out["pending_report"]["current"]["same_incident_as"] == "r1"


# ---------------------------------------------------------------- the assessment step
def _report(i, day, body="police"):
    return {"id": f"r{i}", "reported_date": day, "reported_precision": "exact", "incident_date": day,
            "incident_precision": "exact", "reported_to": body, "words": f"report {i}"}


@pytest.mark.parametrize("reports, phrases", [
    ([_report(1, "2026-10-01"), _report(2, "2026-10-20"), _report(3, "2026-11-15")], ["meets the threshold"]),
    ([_report(1, "2026-10-01")], ["does not meet the threshold yet", "still ask for a review"]),
    ([_report(1, "2026-10-01"), _report(2, "2026-10-20"),
      {"id": "r3", "reported_precision": "month", "reported_earliest": "2026-05-01", "reported_latest": "2026-05-31",
       "incident_precision": "unknown", "reported_to": "police", "words": "sometime in May"}],
     ["a person needs to check"]),
])
def test_the_assessment_is_told_in_plain_words(reports, phrases, domain):
    d = CollectingDispatcher()
    events = run(AskApplyDecision(), d, make_tracker({**START, "reports": reports}), domain)
    said = texts(d).lower()
    for phrase in phrases:
        assert phrase in said
    assert "not eligible" not in said
    assert "Report 1:" in texts(d)
    assert any(e.get("name") == "assessment" for e in events)
    assert d.messages[-1]["buttons"]


def test_choosing_not_to_apply_gives_next_steps_and_ends(domain):
    out, d = form_turn("apply_decision", "not now", START)
    assert out["intake_status"] == "not_applying"
    text = domain["responses"]["utter_not_applying"][0]["text"]
    assert "08 08 16 89 111" in text and "keep reporting" in text
    assert required_for({**START, **out}) == []


# ---------------------------------------------------------------- consent
def test_consent_refused_is_explained_then_asked_once_more():
    out, d = form_turn("consent_share", "no", START)
    assert out["consent_share"] is None and d.messages[0]["response"] == "utter_consent_needed"
    out2, d2 = form_turn("consent_share", "no", {**START, **out})
    assert out2["intake_status"] == "consent_refused"


# ---------------------------------------------------------------- every turn inside the form
def test_why_and_safeguarding_hand_back_to_the_form(domain):
    d = CollectingDispatcher()
    events = run(ExplainWhy(), d, make_tracker(START, requested_slot="report_text", intent="ask_why"), domain)
    assert texts(d).startswith("We ask this because") and events[-1] == ActiveLoop("intake_form")
    d = CollectingDispatcher()
    events = run(Safeguarding(), d, make_tracker(START, requested_slot="report_text", intent="domestic_abuse"), domain)
    assert d.messages[0]["response"] == "utter_domestic_abuse" and ActiveLoop("intake_form") in events
    assert "0808 801 0327" in domain["responses"]["utter_domestic_abuse"][0]["text"]


def test_go_back_returns_to_the_previous_question_the_resident_saw(domain):
    slots = {**START}
    events = [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    d = CollectingDispatcher()
    out = run(GoBack(), d, make_tracker(slots, requested_slot="report_text", events=events), domain)
    assert SlotSet("hate", None) in out and out[-1] == ActiveLoop("intake_form")


# ---------------------------------------------------------------- failures are safe
def test_a_failing_validation_apologises_and_logs_no_resident_text(caplog, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("14 Zebrafinch Road")

    monkeypatch.setattr(ValidateIntakeForm, "validate_location", boom)
    with caplog.at_level(logging.INFO):
        out, d = form_turn("location", "14 Zebrafinch Road", START)
    assert d.messages[0]["response"] == "utter_error"
    assert "Zebrafinch" not in caplog.text and "type=RuntimeError" in caplog.text


def test_activation_checks_nothing_twice():
    """On activation Rasa's tracker copy ends with the form's action after action_opening:
    answers carried over are not checked (and acted on) again."""
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": "hello"},
              {"event": "action", "name": "action_opening"}, {"event": "action", "name": "intake_form"},
              {"event": "slot", "name": "location", "value": "ST16 2DH"}]
    tracker = make_tracker({**START}, events=events)
    d = CollectingDispatcher()
    out = asyncio.run(form.run(d, tracker, {"forms": {"intake_form": {"required_slots": ["intake_step"]}}}))
    assert d.messages == [] and "location" not in slot_events(out)


def test_a_reply_is_checked_when_rasa_inserts_the_form_action():
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": "ST16 2DH"},
              {"event": "slot", "name": "location", "value": "ST16 2DH"}, {"event": "action", "name": "intake_form"},
              {"event": "slot", "name": "location", "value": "ST16 2DH"}]  # candidates come after the form's action
    slots = {k: v for k, v in START.items() if k not in ("location", "area")}
    tracker = make_tracker({**slots, "location": "ST16 2DH"}, events=events, requested_slot="location")
    d = CollectingDispatcher()
    out = slot_events(asyncio.run(form.run(d, tracker, {"forms": {"intake_form": {"required_slots": ["intake_step"]}}})))
    assert out["area"] == "staffordshire" and "Staffordshire" in texts(d)


def test_changing_a_same_day_report_moves_its_incident_too():
    reports = [_report(1, "2026-10-03"), {**_report(2, "2026-10-20", "council"), "incident_said": "the same day"}]
    out, d = form_turn("answers_confirmed", "the second date is wrong, it was the 12th", {**START, "reports": reports})
    assert out["reports"][1]["reported_date"] == "2026-10-12" and out["reports"][1]["incident_date"] == "2026-10-12"


# ---------------------------------------------------------------- found by the scripted dialogues
def test_the_assessment_is_explained_once_then_only_the_question_is_asked_again(domain):
    reports = [_report(1, "2026-10-01"), _report(2, "2026-10-20"), _report(3, "2026-11-15")]
    first = CollectingDispatcher()
    events = run(AskApplyDecision(), first, make_tracker({**START, "reports": reports}), domain)
    summary = slot_events(events)["assessment"]
    again = CollectingDispatcher()
    run(AskApplyDecision(), again, make_tracker({**START, "reports": reports, "assessment": summary}), domain)
    assert "Report 1:" in texts(first) and "Report 1:" not in texts(again)
    assert len(again.messages) == 1 and again.messages[0]["buttons"]
    # If the answers changed since, the new assessment is explained again.
    changed = CollectingDispatcher()
    run(AskApplyDecision(), changed, make_tracker({**START, "reports": reports[:1], "assessment": summary}), domain)
    assert "does not meet the threshold yet" in texts(changed).lower()


def test_carry_on_is_not_taken_as_the_answer_to_a_question():
    out, d = form_turn("perpetrator", "ok carry on", START | {"perpetrator": None}, intent="carry_on")
    assert out["perpetrator"] is None and not d.messages  # the form simply asks again


def test_carry_on_answers_shall_we_carry_on():
    out, _ = form_turn("apply_decision", "carry on", START, intent="carry_on")
    assert out["apply_decision"] == "apply"
