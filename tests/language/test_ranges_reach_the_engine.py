"""Issue 15: a rough date reaches the threshold engine as a range, and counts when the whole range does."""

from datetime import date as d

from actions.intake.reports_flow import from_candidate, finish
from actions.language import extract_reports
from actions.rules import assess_payload

TODAY = d(2026, 12, 2)


def assess(*texts, today=TODAY):
    reports = []
    for text in texts:
        for c in extract_reports(text, today):
            report = from_candidate(c, text)
            if "incident_precision" not in report:
                report["incident_unknown"] = True
            reports = finish(report, reports)
    return reports, assess_payload({"application_date": today.isoformat(), "reports": reports}, "staffordshire", today=today)


def test_rough_dates_wholly_inside_the_window_are_counted():
    reports, result = assess("I rang 101 last week, it happened that night",
                             "rang the council about three weeks ago, it happened the same night",
                             "it started early November and I reported it to the police the same day")
    assert [r.get("reported_precision") for r in reports] == ["approximate", "approximate", "approximate"]
    assert "reported_earliest" in reports[0] and "reported_latest" in reports[0]
    assert result["outcome"] == "met", result


def test_a_rough_date_straddling_the_six_months_needs_review():
    _, result = assess("I rang 101 last week, it happened that night",
                       "rang the council about three weeks ago, it happened the same night",
                       "it happened early June and I reported it to the police the same day")  # 1-10 June: some days in the six months, some not
    assert result["outcome"] == "needs_review", result


def test_one_event_said_twice_is_one_report_to_the_engine():
    reports, _ = assess("I rang 101 on Wednesday 23 September")
    assert len(reports) == 1 and reports[0]["reported_date"] == "2026-09-23"
