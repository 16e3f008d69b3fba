"""Issue 15: an answer the intent classifier took for a side remark is still the answer.

"Paul Greatrex" read as a greeting, "My name is ..." as a question about anonymity,
"SBC/ASB/1950" as a change request, "There are no restrictions" as a question about the bot:
the form takes the words as the answer to the question being asked when they plainly answer
it; a real question, a stop or anything about safety is never taken as an answer.
"""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.intake.form import ValidateIntakeForm, looks_like_a_name, next_question
from intake_helpers import make_tracker

form = ValidateIntakeForm()

BEFORE_NAME = {"reported_before": True, "in_england_wales": True, "applicant_type": "self",
               "problem_description": "music every night", "location": "ST16 2DH", "area": "staffordshire",
               "perpetrator": "number 12", "ongoing": True, "hate": False, "collecting_reports": False,
               "reports": [{"id": "r1", "reported_to": "police", "reported_date": "2026-11-01"}],
               "more_reports": False, "reports_confirmed": True, "other_reporters": 0, "impact_opt_in": False,
               "apply_decision": "apply"}
AT_REFERENCE = {**{k: BEFORE_NAME[k] for k in list(BEFORE_NAME)[:9]}, "collecting_reports": False, "reports": [],
                "pending_report": {"current": {"reported_to": "police", "reported_date": "2026-11-01",
                                               "incident_date": "2026-11-01", "same_checked": True}, "queue": []}}


def turn(slots, text, intent):
    """A message Rasa's mappings did not fill (its intent is a control intent): only the text and intent arrive."""
    tracker = make_tracker(slots, text=text, intent=intent, events=[{"event": "user", "text": text}])
    d = CollectingDispatcher()
    out = asyncio.run(form.run(d, tracker, {"forms": {"intake_form": {"required_slots": ["intake_step"]}}}))
    return {e["name"]: e["value"] for e in out if e.get("event") == "slot"}


def test_the_helpers_point_at_the_questions():
    assert next_question(BEFORE_NAME) == "full_name"
    assert next_question(AT_REFERENCE) == "pending_reference"


@pytest.mark.parametrize("text, intent", [("Paul Greatrex", "greet"), ("My name is Priya Chauhan", "faq"),
                                          ("Stuart Fairbanks", "thank")])
def test_a_full_name_is_the_name(text, intent):
    out = turn(BEFORE_NAME, text, intent)
    assert out.get("full_name") in ("Paul Greatrex", "Priya Chauhan", "Stuart Fairbanks")


@pytest.mark.parametrize("text, intent", [("Is this anonymous?", "faq"), ("hello", "greet"),
                                          ("Paul Greatrex", "domestic_abuse"), ("Paul Greatrex", "stop"),
                                          ("Paul Greatrex", "request_human")])
def test_questions_and_safety_are_never_taken_as_a_name(text, intent):
    assert "full_name" not in turn(BEFORE_NAME, text, intent)


@pytest.mark.parametrize("text, ref", [("SBC/ASB/1950", "SBC/ASB/1950"), ("The reference is CCDC/ASB/0871", "CCDC/ASB/0871")])
def test_a_reference_read_as_a_change_is_the_reference(text, ref):
    out = turn(AT_REFERENCE, text, "change_answer")
    (report,) = out["reports"]  # the report being asked about is finished with it, nothing else changed
    assert report["reference"] == ref


def test_no_restrictions_read_as_a_remark_about_the_bot():
    slots = {**BEFORE_NAME, "full_name": "Jo Bloggs", "contact_address": "skip", "phone": "07700900123", "email": "skip"}
    assert next_question(slots) == "safe_contact"
    assert turn(slots, "There are no restrictions. I am generally at home.", "bot_challenge")["safe_contact"] == "none"


@pytest.mark.parametrize("text, name", [("Paul Greatrex", True), ("Mrs J. O'Neill-Hart", True), ("Dean", True),
                                        ("I'd rather not say", False), ("anonymous please", False), ("ok", False),
                                        ("priya@example.com", False)])
def test_looks_like_a_name(text, name):
    assert looks_like_a_name(text) is name


# ---------------------------------------------------------------- reports told whole, different problems
FORM_START = {k: BEFORE_NAME[k] for k in list(BEFORE_NAME)[:9]}


def test_a_report_told_whole_in_one_answer_is_kept(dispatcher, domain):
    # Date, body, incident and reference all in one answer: nothing to ask, so it is stored at once
    # (on main it stayed waiting and the next report told replaced it).
    slots = {**FORM_START, "reports": []}
    text = "First, 5 September in the night they write on my door. I call police next morning, 6 September. " \
           "They give number CR 60315/26."
    out = form.validate_report_text(text, dispatcher, make_tracker(slots, today="2026-11-20"), domain)
    (report,) = out["reports"]
    assert (report["reported_to"], report["reported_date"], report["reference"]) == ("police", "2026-09-06", "CR 60315/26")
    assert out["pending_report"] is None


def test_reports_that_each_name_a_different_thing_are_different_problems(dispatcher, domain):
    text = ("I reported the fly-tipping to the council on 5 October, the party to the police on 17 October "
            "and the bus stop lads to the police on 30 October.")
    out = form.validate_report_text(text, dispatcher, make_tracker({**FORM_START, "reports": []}, today="2026-11-20"), domain)
    drafts = [out["pending_report"]["current"]] + out["pending_report"]["queue"]
    assert [d["problem"] for d in drafts] == ["fly-tipping", "party", "bus stop lads"]


def test_reports_about_one_thing_stay_one_problem(dispatcher, domain):
    text = "I rang the police on 3 October and the council on 5 October"
    out = form.validate_report_text(text, dispatcher, make_tracker({**FORM_START, "reports": []}, today="2026-11-20"), domain)
    drafts = [out["pending_report"]["current"]] + out["pending_report"]["queue"]
    assert {d["problem"] for d in drafts} == {"main"}


@pytest.mark.parametrize("said", ["for the group, Brook Lane Allotment Association", "for the group, Fazeley Juniors FC"])
def test_a_group_named_for_is_an_organisation(said, dispatcher, domain):
    assert form.validate_applicant_type(said, dispatcher, make_tracker(), domain)["applicant_type"] == "organisation"
