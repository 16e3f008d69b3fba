"""Rules §8: follow-up calls about the same incident are the same complaint: ask, never merge on date alone."""

from __future__ import annotations

from actions.intake import reports_flow as rf

EARLIER = [
    {"id": "r1", "reported_to": "police", "reported_date": "2026-08-01", "incident_date": "2026-08-01"},
    {"id": "r2", "reported_to": "police", "reported_date": "2026-08-01", "incident_date": "2026-08-01"},
    {"id": "r3", "reported_to": "police", "reported_date": "2026-08-20", "incident_date": "2026-08-20"},
]


def test_a_later_call_to_the_same_body_about_an_earlier_days_incident_is_asked_about():
    chase = {"reported_to": "police", "reported_date": "2026-08-04", "incident_date": "2026-08-01"}
    assert rf.close_report(chase, EARLIER)["id"] == "r1"  # the first report of that day is the one followed up
    assert rf.next_field(chase, EARLIER) == "pending_same_incident"


def test_a_report_made_the_day_it_happened_to_the_same_body_is_not_asked_about():
    fresh = {"reported_to": "police", "reported_date": "2026-08-02", "incident_date": "2026-08-02"}
    assert rf.close_report(fresh, EARLIER) is None
    late = {"reported_to": "police", "reported_date": "2026-08-25", "incident_date": "2026-08-24"}
    assert rf.close_report(late, EARLIER) is None  # made a day late, but no earlier report of that day


def test_the_same_incident_as_a_report_that_was_itself_the_same_is_the_first_one():
    reports = rf.finish({"reported_to": "police", "reported_date": "2026-12-31"}, [])
    reports = rf.finish({"reported_to": "council", "reported_date": "2027-01-02", "same_incident_as": "r1"}, reports)
    reports = rf.finish({"reported_to": "housing", "reported_date": "2027-01-02", "same_as_previous": True}, reports)
    assert [r.get("same_incident_as") for r in reports] == [None, "r1", "r1"]
