"""The send step writes the whole application to the outbox and quotes the policy's timescales."""

from __future__ import annotations

import asyncio

from actions.intake.submit import SubmitApplication
from shared.outbox import store
from intake_helpers import make_tracker, texts

SLOTS = {
    "reported_before": True, "in_england_wales": True, "applicant_type": "self",
    "problem_description": "Music till 3am most weekends", "location": "ST16 2DH", "area": "staffordshire",
    "ongoing": True, "hate": False, "other_reporters": 0, "impact_opt_in": False, "apply_decision": "apply",
    "full_name": "Jo Bloggs", "contact_address": "14 Oak Road, Stafford", "phone": "07700900123", "email": "skip",
    "application_id": "11111111-2222-3333-4444-555555555555",
    "safe_contact": "Please don't ring me — he goes through my phone.", "consent_share": True, "declaration": True,
    "answers_confirmed": True,
    "reports": [
        {"id": "r1", "reported_date": "2026-10-03", "incident_date": "2026-10-03", "reported_to": "council", "words": "told the council on 03/10"},
        {"id": "r2", "reported_date": "2026-10-21", "incident_date": "2026-10-21", "reported_to": "council", "words": "and again on the 21st"},
        {"id": "r3", "reported_date": "2026-11-17", "incident_date": "2026-11-16", "reported_to": "police", "words": "police last Tuesday"},
    ],
}


def test_submit_gives_a_reference_and_keeps_everything(dispatcher, domain):
    events = asyncio.run(SubmitApplication().run(dispatcher, make_tracker(SLOTS, active_form=None), domain))
    reference = next(e["value"] for e in events if e.get("name") == "application_reference")
    said = texts(dispatcher)
    assert f"Your reference is {reference}" in said
    assert "5 working days" in said and "10 working days" in said  # Staffordshire's timescales
    assert "08 08 16 89 111" in said
    stored = store.get(reference)["payload"]
    assert stored["assessment"]["outcome"] == "met"
    assert stored["safe_contact"]["restrictions"] == SLOTS["safe_contact"]  # kept verbatim
    assert stored["applicant"]["contact"]["phone"] == "07700900123"
    assert stored["problem"]["words"] == SLOTS["problem_description"]
    assert stored["application_id"] == SLOTS["application_id"]
    assert [r["words"] for r in stored["reports"]] == [r["words"] for r in SLOTS["reports"]]
    assert all(r["counted"] for r in stored["reports"])
    assert stored["policy"]["id"] == "staffordshire" and stored["application_date"] == "2026-11-22"


def test_an_intake_that_ended_early_sends_nothing(dispatcher, domain):
    events = asyncio.run(SubmitApplication().run(dispatcher, make_tracker({"intake_status": "not_reported"}, active_form=None), domain))
    assert events == [] and "Your reference" not in texts(dispatcher)


def test_sending_twice_gives_the_same_reference(domain):
    from rasa_sdk.executor import CollectingDispatcher

    refs = []
    for _ in range(2):
        events = asyncio.run(SubmitApplication().run(CollectingDispatcher(), make_tracker(SLOTS, active_form=None), domain))
        refs.append(next(e["value"] for e in events if e.get("name") == "application_reference"))
    assert refs[0] == refs[1]
    assert store.counts() == {"pending": 1}


def test_not_met_application_sent_anyway_is_marked_provisional(dispatcher, domain):
    slots = dict(SLOTS, reports=SLOTS["reports"][:1], application_id="a-not-met")
    events = asyncio.run(SubmitApplication().run(dispatcher, make_tracker(slots, active_form=None), domain))
    reference = next(e["value"] for e in events if e.get("name") == "application_reference")
    stored = store.get(reference)["payload"]
    assert stored["assessment"]["outcome"] == "not_met" and stored["provisional"] is True
    assert stored["reports"][0]["words"] == "told the council on 03/10"
