"""Dates given in one answer fill the reports the opening message counted, in order (issue 15).

"Logged it with police four times" leaves four reports waiting for a date; "Police on 26
September, 14 October, 30 October and 12 November" then answers all four, not "which date?".
"""

from __future__ import annotations

import asyncio

from actions.intake.ask import AskPendingReportedDate
from actions.intake.form import ValidateIntakeForm
from intake_helpers import make_tracker, texts

form = ValidateIntakeForm()
FOUR_DATES = "Police on 26 September, 14 October, 30 October and 12 November, we've got crime numbers for two of them"


def waiting(n: int, body: str | None = "police") -> dict:
    draft = {"words": "logged it with police four times", "problem": "main"}
    if body:
        draft["reported_to"] = body
    return {"pending_report": {"current": dict(draft), "queue": [dict(draft) for _ in range(n - 1)]}, "reports": []}


def dates(out) -> list:
    pending = out["pending_report"]
    return [d.get("reported_date") for d in [pending["current"]] + pending["queue"]]


def test_four_dates_fill_four_reports_in_order(dispatcher, domain):
    out = form.validate_pending_reported_date(FOUR_DATES, dispatcher, make_tracker(waiting(4), today="2026-11-22"), domain)
    assert dates(out) == ["2026-09-26", "2026-10-14", "2026-10-30", "2026-11-12"]
    assert out["reports"] == []  # one report per event: nothing added twice
    said = texts(dispatcher)
    assert "That's 4 reports: 26 September 2026, 14 October 2026, 30 October 2026 and 12 November 2026" in said
    assert "Which date" not in said and "Sorry" not in said


def test_more_dates_than_reports_adds_the_rest(dispatcher, domain):
    out = form.validate_pending_reported_date("3 October, 21 October and 9 November", dispatcher,
                                              make_tracker(waiting(2), today="2026-11-22"), domain)
    assert dates(out) == ["2026-10-03", "2026-10-21", "2026-11-09"]
    assert out["pending_report"]["queue"][-1]["reported_to"] == "police"  # the body the question was about
    assert "added 1 new report" in texts(dispatcher)


def test_fewer_dates_than_reports_fills_those_and_asks_about_the_rest(dispatcher, domain):
    out = form.validate_pending_reported_date("26 September and 14 October", dispatcher,
                                              make_tracker(waiting(4), today="2026-11-22"), domain)
    assert dates(out) == ["2026-09-26", "2026-10-14", None, None]
    assert "I'll ask about the other 2 reports" in texts(dispatcher)


def test_each_date_keeps_the_body_said_with_it(dispatcher, domain):
    out = form.validate_pending_reported_date("she rang the police on 20 October and told the council on 11 November",
                                              dispatcher, make_tracker(waiting(2, body=None), today="2026-11-22"), domain)
    pending = out["pending_report"]
    assert [pending["current"]["reported_to"], pending["queue"][0]["reported_to"]] == ["police", "council"]


def test_one_date_is_still_one_answer(dispatcher, domain):
    out = form.validate_pending_reported_date("Wednesday 23 September", dispatcher,
                                              make_tracker(waiting(2), today="2026-11-22"), domain)
    assert dates(out) == ["2026-09-23", None]
    assert "That's" not in texts(dispatcher)


def test_an_impossible_date_among_several_is_asked_again(dispatcher, domain):
    out = form.validate_pending_reported_date("3 October and 31 November", dispatcher,
                                              make_tracker(waiting(2), today="2026-11-22"), domain)
    assert out["pending_reported_date"] is None and "pending_report" not in out


def ask_date(slots, dispatcher, domain) -> str:
    asyncio.run(AskPendingReportedDate().run(dispatcher, make_tracker(slots), domain))
    return texts(dispatcher)


def test_several_reports_without_dates_are_asked_about_together(dispatcher, domain):
    said = ask_date(waiting(4), dispatcher, domain)
    assert "When did you make those 4 reports to the police?" in said and "all the dates at once" in said


def test_one_report_without_a_date_is_asked_about_alone(dispatcher, domain):
    assert "When did you make that report to the police?" in ask_date(waiting(1), dispatcher, domain)


def test_an_undated_report_told_with_the_day_it_happened_is_named_by_that_day(dispatcher, domain):
    # "... last friday the 8th they kicked my door in, reported that online": among several
    # reports, "When did you make that report?" left the resident answering for another one.
    slots = {"pending_report": {"current": {"incident_date": "2027-01-08"}, "queue": []}}
    said = ask_date(slots, dispatcher, domain)
    assert "When did you report what happened on" in said and "8 January 2027" in said
