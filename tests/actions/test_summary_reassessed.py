"""Issue 15: a change to the reports at "Check your answers" that changes the outcome is said
again and the resident decides again; a report added there is a new report, not a change."""

from __future__ import annotations

from actions.intake.application import assess_slots
from actions.intake.form import ValidateIntakeForm
from intake_helpers import make_tracker, texts

from datetime import date

form = ValidateIntakeForm()
THREE = [
    {"id": "r1", "reported_date": "2026-09-03", "reported_precision": "exact", "reported_to": "police",
     "incident_date": "2026-09-03", "incident_precision": "exact"},
    {"id": "r2", "reported_date": "2026-10-10", "reported_precision": "exact", "reported_to": "police",
     "incident_date": "2026-10-10", "incident_precision": "exact"},
    {"id": "r3", "reported_date": "2026-11-10", "reported_precision": "exact", "reported_to": "police",
     "incident_date": "2026-11-10", "incident_precision": "exact"},
]
AT_SUMMARY = {"reports": THREE, "area": "staffordshire", "apply_decision": "apply", "reports_confirmed": True,
              "full_name": "Jo Bloggs", "phone": "07700900123"}


def told(slots):
    result = assess_slots(slots, date(2026, 11, 22))
    return {k: result[k] for k in ("outcome", "routes_met", "statutory_outcome", "reference_date", "missing")}


def test_the_fixture_is_met():
    assert told(AT_SUMMARY)["outcome"] == "met"


def test_removing_a_report_that_changes_the_outcome_asks_the_decision_again(dispatcher, domain):
    slots = {**AT_SUMMARY, "assessment": told(AT_SUMMARY)}
    out = form.validate_answers_confirmed("remove the third report", dispatcher, make_tracker(slots), domain)
    assert len(out["reports"]) == 2
    assert "apply_decision" in out and out["apply_decision"] is None


def test_a_change_that_keeps_the_outcome_does_not_ask_again(dispatcher, domain):
    slots = {**AT_SUMMARY, "assessment": told(AT_SUMMARY)}
    out = form.validate_answers_confirmed("the second date is wrong, it was 12 October", dispatcher, make_tracker(slots),
                                          domain)
    assert out["reports"][1]["reported_date"] == "2026-10-12"
    assert "apply_decision" not in out


def test_also_rang_at_the_summary_adds_a_report(dispatcher, domain):
    slots = {**AT_SUMMARY, "assessment": told(AT_SUMMARY)}
    out = form.validate_answers_confirmed("o wait i also rang the council on 15 november", dispatcher, make_tracker(slots),
                                          domain)
    new = out["pending_report"]["current"]
    assert (new["reported_to"], new["reported_date"]) == ("council", "2026-11-15")
    assert out["reports_confirmed"] is None
    assert "What should it be instead" not in texts(dispatcher)


def test_a_read_back_confirmed_from_the_summary_asks_the_decision_again_only_if_the_outcome_changed(dispatcher, domain):
    two = {**AT_SUMMARY, "reports": THREE[:2], "reports_confirmed": None, "assessment": told(AT_SUMMARY)}
    out = form.validate_reports_confirmed("yes", dispatcher, make_tracker(two), domain)
    assert out["reports_confirmed"] is True and out["apply_decision"] is None  # met -> not met: asked again
    same = {**AT_SUMMARY, "reports_confirmed": None, "assessment": told(AT_SUMMARY)}
    out = form.validate_reports_confirmed("yes", type(dispatcher)(), make_tracker(same), domain)
    assert out["reports_confirmed"] is True and "apply_decision" not in out


def test_a_muddled_reference_is_changed_on_the_report_that_has_it_as_typed(dispatcher, domain):
    reports = [dict(r) for r in THREE]
    reports[1]["reference"] = "SF/12354/26"
    slots = {**AT_SUMMARY, "reports": reports, "assessment": told(AT_SUMMARY)}
    out = form.validate_answers_confirmed("Oh wait, I've found the letter, the police reference is SF/12345/26, not 12354",
                                          dispatcher, make_tracker(slots), domain)
    assert [r.get("reference") for r in out["reports"]] == [None, "SF/12345/26", None]


def test_a_corrected_date_that_names_its_month_keeps_that_month(dispatcher, domain):
    slots = {**AT_SUMMARY, "assessment": told(AT_SUMMARY)}
    out = form.validate_answers_confirmed("The second date is wrong, it was the 11th of September", dispatcher,
                                          make_tracker(slots), domain)
    assert out["reports"][1]["reported_date"] == "2026-09-11"
    out = form.validate_answers_confirmed("The second date is wrong, it was the 11th", type(dispatcher)(),
                                          make_tracker(slots), domain)
    assert out["reports"][1]["reported_date"] == "2026-10-11"  # a bare day keeps the month being corrected
