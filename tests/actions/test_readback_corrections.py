"""Issue 15 item 4: read-back corrections in the resident's words, each said back before it is made,
never touching another report."""

from __future__ import annotations

import pytest

from actions.intake.form import ValidateIntakeForm
from intake_helpers import make_tracker, texts

form = ValidateIntakeForm()
REPORTS = [
    {"id": "r1", "reported_date": "2026-11-03", "reported_precision": "exact", "reported_to": "police"},
    {"id": "r2", "reported_date": "2026-11-10", "reported_precision": "exact", "reported_to": "council", "reference": "0111"},
]


def say(text, slots, dispatcher, domain):
    return form.validate_reports_confirmed(text, dispatcher, make_tracker({"reports": REPORTS, **slots}), domain)


@pytest.mark.parametrize("said", ["I didn't make report 1, please take it off", "take the first one off"])
def test_removing_a_report_in_words_is_said_back_then_made(said, dispatcher, domain):
    out = say(said, {}, dispatcher, domain)
    assert "reports" not in out and "take off report 1" in texts(dispatcher)
    out = say("yes", out, dispatcher, domain)
    assert [r["reported_to"] for r in out["reports"]] == ["council"]
    assert out["reports"][0]["reference"] == "0111" and out["reports"][0]["id"] == "r1"


def test_saying_no_to_the_read_back_change_changes_nothing(dispatcher, domain):
    out = say("remove report 2", {}, dispatcher, domain)
    out = say("no", out, dispatcher, domain)
    assert "reports" not in out and out["pending_report"] is None and "haven't changed anything" in texts(dispatcher)


def test_also_rang_adds_a_report_and_never_overwrites_one(dispatcher, domain):
    out = say("I also rang the police on 15 November", {}, dispatcher, domain)
    assert "reports" not in out  # reports 1 and 2 untouched
    new = out["pending_report"]["current"]
    assert (new["reported_to"], new["reported_date"]) == ("police", "2026-11-15")
    assert "new report" in texts(dispatcher)


def test_changing_a_reference_is_said_back_then_made(dispatcher, domain):
    out = say("the reference for report 2 is CAD 4471", {}, dispatcher, domain)
    assert "CAD 4471" in texts(dispatcher) and "reports" not in out
    out = say("yes", out, dispatcher, domain)
    assert out["reports"][1]["reference"] == "CAD 4471" and out["reports"][0] == REPORTS[0]
