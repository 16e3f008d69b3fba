"""Issue 15 item 3: the opening message fills what it says, says it back, and the form asks only the rest."""

from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.intake.every_turn import Opening
from actions.intake.opening_words import from_opening
from datetime import date
from actions.intake.form import next_question
from intake_helpers import make_tracker, texts

OPENING = "I want a case review, my neighbours play loud music every night and I've rung 101 three times"


def open_with(text, intent="inform"):
    d = CollectingDispatcher()
    events = asyncio.run(Opening().run(d, make_tracker(text=text, intent=intent, active_form=None), {}))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, d


def test_the_opening_fills_the_problem_the_reported_before_and_the_reports():
    slots, d = open_with(OPENING)
    assert slots["problem_description"] == OPENING and slots["reported_before"] is True
    waiting = [slots["pending_report"]["current"]] + slots["pending_report"]["queue"]
    assert len(waiting) == 3 and {r["reported_to"] for r in waiting} == {"police"}
    said = texts(d)
    assert "reported it before" in said and "3 reports to the police" in said
    # The form does not ask again what the opening said: not "have you reported it?", and the
    # reports are asked about one by one later, never "tell me about your reports" again.
    assert next_question(slots) == "in_england_wales"
    assert "report_text" != next_question({**slots, "in_england_wales": True, "applicant_type": "self",
                                           "location": "x", "perpetrator": "x", "ongoing": True, "hate": False})


def test_a_short_greeting_fills_nothing():
    slots, d = open_with("hello")
    assert "reported_before" not in slots and "pending_report" not in slots and "I've noted" not in texts(d)


def test_reports_told_in_the_present_tense_count_from_the_first_message():
    # "I tell police three times" (English as a second language): reported, three reports to the police.
    slots, taken = from_opening("Somebody write bad words on my door. I tell police three times. I need help please.",
                                date(2026, 11, 20))
    assert slots.get("reported_before") is True
    assert len([slots["pending_report"]["current"]] + slots["pending_report"]["queue"]) == 3


def test_a_report_still_to_make_is_not_a_report():
    slots, _ = from_opening("They smashed my window. I will tell the police tomorrow.", date(2026, 11, 20))
    assert "reported_before" not in slots


def _waiting(slots):
    pending = slots.get("pending_report") or {}
    return [pending["current"]] + pending["queue"] if pending else []


def test_a_count_over_a_stretch_is_that_many_reports_dated_by_a_short_stretch_only():
    today = date(2026, 11, 22)
    # "this year" decides nothing about the six-month window: four reports, each date asked
    slots, taken = from_opening("my staff have logged it with police four times this year", today)
    waiting = _waiting(slots)
    assert len(waiting) == 4 and not any(r.get("reported_earliest") or r.get("reported_date") for r in waiting)
    assert "4 reports to the police" in " ".join(taken)
    # "twice in September": two reports, each with September as its rough date
    waiting = _waiting(from_opening("I've rung 101 twice in September about it", today)[0])
    assert [(r["reported_earliest"], r["reported_latest"]) for r in waiting] == [("2026-09-01", "2026-09-30")] * 2


def test_a_report_told_only_roughly_is_named_by_its_stretch_not_its_first_day():
    """'A week or two before Christmas' is 1-24 December: asking about 'the report on 1 December'
    would name a day the resident never gave."""
    from actions.intake.ask import _label
    from shared.application.in_words import describe

    rough = {"reported_earliest": "2026-12-01", "reported_latest": "2026-12-24",
             "reported_precision": "approximate", "reported_to": "police"}
    assert _label(rough) == "the report made between 1 and 24 December 2026"
    assert "between 1 and 24 December 2026" in describe(rough, 1) and "1 December 2026" not in describe(rough, 1).replace("1 and 24", "")
    assert _label({"reported_date": "2026-12-05", "reported_precision": "exact"}) == "the report on 5 December 2026"
