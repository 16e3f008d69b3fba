"""Counting rules of §8 and outcomes of §5, on the default and variant policies."""

from datetime import date

from actions.rules import assess_payload, explain
from rules_helpers import report

APP = "2026-03-15"


def run(reports, area="staffordshire", **extra):
    return assess_payload({"application_date": APP, "reports": reports, **extra}, area)


def statuses(result):
    return [r["status"] for r in result["reports"]]


def three_good():
    return [report("a", "2026-01-11", "2026-01-10"), report("b", "2026-02-01"), report("c", "2026-03-09", "2026-03-07")]


def test_three_qualifying_reports_meet_the_statutory_threshold():
    result = run(three_good())
    assert result["outcome"] == "met" and result["routes_met"] == ["statutory"]
    assert result["statutory_outcome"] == "met"
    assert [r["counted"] for r in result["reports"]] == [True, True, True]
    assert result["policy"] == {"id": "staffordshire", "version": "2026-11-01", "name": "Staffordshire"}
    assert result["reference_date"] == APP


def test_one_incident_told_to_several_agencies_counts_once():
    reports = three_good()[:2] + [report("c", "2026-02-02", "2026-02-01", to="council", same_incident_as="b")]
    result = run(reports)
    assert result["outcome"] == "not_met"
    assert statuses(result) == ["counted", "counted", "same_incident"]
    assert result["counted"] == 2


def test_same_date_is_not_merged_without_being_told():
    reports = three_good()[:2] + [report("c", "2026-02-01", to="council")]
    assert run(reports)["outcome"] == "met"


def test_unrelated_problems_do_not_add_up():
    reports = [
        report("a", "2026-01-11", problem="fly-tipping in the alley"),
        report("b", "2026-02-01", problem="party on the next street"),
        report("c", "2026-03-09", problem="lads at the bus stop"),
    ]
    result = run(reports)
    assert result["outcome"] == "not_met"
    assert "different problems" in result["missing"]
    assert statuses(result).count("unrelated") == 2
    assert "several_problems" in result["flags"]


def test_a_late_report_is_kept_marked_and_explained():
    reports = three_good()[:2] + [report("c", "2026-03-12", "2026-02-10")]  # 10 Mar was already late
    result = run(reports)
    late = result["reports"][2]
    assert late["status"] == "late" and late["late"] is True and late["counted"] is False
    assert "more than a month after" in late["reasons"][0]
    assert result["outcome"] == "not_met"


def test_report_due_on_the_last_day_still_counts():
    reports = three_good()[:2] + [report("c", "2026-03-09", "2026-02-10")]
    assert run(reports)["outcome"] == "met"


def test_expired_reports_are_outside_six_months():
    reports = [report("old", "2025-09-14")] + three_good()[:2]
    result = run(reports)
    assert statuses(result)[0] == "expired"
    assert "six months" in result["reports"][0]["reasons"][0]
    # §6: a report on 16 Sep 2025 may be used until 15 Mar 2026; one on 15 Sep 2025 only until 14 Mar.
    assert run([report("edge", "2025-09-16")] + three_good()[:2])["outcome"] == "met"
    assert statuses(run([report("edge", "2025-09-15")] + three_good()[:2]))[0] == "expired"


def test_bodies_that_do_not_count_are_flagged_not_dropped():
    reports = three_good()[:2] + [report("c", "2026-03-01", to="private_landlord"), report("d", "2026-03-02", to="diary")]
    result = run(reports)
    assert result["outcome"] == "not_met"
    assert statuses(result)[2:] == ["not_counted_body", "not_counted_body"]
    assert "reported_to_private_landlord" in result["reports"][2]["flags"]
    assert "reports_to_bodies_that_do_not_count" in result["flags"]
    assert len(result["reports"]) == 4


def test_vague_date_whose_range_changes_the_outcome_needs_a_person():
    vague = {"id": "c", "reported_to": "police", "reported_earliest": "2026-03-01", "reported_latest": "2026-03-10",
             "reported_precision": "approximate", "incident_earliest": "2026-01-25", "incident_latest": "2026-02-05",
             "incident_precision": "approximate"}
    result = run(three_good()[:2] + [vague])
    assert result["outcome"] == "needs_review"
    assert result["reports"][2]["status"] == "uncertain"
    assert "a person needs to check" in result["summary"].lower()


def test_vague_date_that_cannot_change_the_outcome_is_settled():
    vague = {"id": "c", "reported_to": "police", "reported_earliest": "2026-03-01", "reported_latest": "2026-03-10",
             "reported_precision": "approximate"}  # incident unknown -> cannot prove the one-month rule
    clear = {"id": "c", "reported_to": "police", "reported_earliest": "2026-03-01", "reported_latest": "2026-03-05",
             "incident_earliest": "2026-02-26", "incident_latest": "2026-02-28"}
    assert run(three_good()[:2] + [clear])["outcome"] == "met"
    assert run(three_good()[:2] + [vague])["outcome"] == "needs_review"


def test_not_met_says_what_is_missing_and_never_not_eligible():
    result = run(three_good()[:2])
    assert result["outcome"] == "not_met"
    assert result["missing"] == (
        "You told us about two reports we could count since 11 January 2026. "
        "One more related report before 11 July 2026 would reach the threshold."
    )
    text = " ".join(explain(result)).lower()
    assert "still ask for a review" in text and "does not meet the threshold yet" in text
    assert "not eligible" not in text and "ineligible" not in text


def test_report_before_its_incident_is_flagged_for_checking():
    result = run([report("a", "2026-01-05", "2026-01-10")] + three_good()[1:])
    assert result["reports"][0]["status"] == "unknown_date"
    assert "before_incident" in result["reports"][0]["flags"]


def test_group_route_counts_separate_people_with_consent():
    one = [report("a", "2026-03-01")]
    met = run(one, other_reporters=4, other_reporters_consent=True)
    assert met["outcome"] == "met" and met["routes_met"] == ["group"]
    assert met["statutory_outcome"] == "not_met"
    unsure = run(one, other_reporters=4, other_reporters_consent=True, other_reporters_same_household_unsure=True)
    assert unsure["outcome"] == "needs_review" and "other_reporters_household_unsure" in unsure["flags"]
    too_few = run(one, other_reporters=3, other_reporters_consent=True)
    assert too_few["outcome"] == "not_met"


def test_cardiff_group_route_counts_reports_from_more_than_one_person_and_hate_route():
    two = three_good()[:2]
    assert run(two, area="cardiff", other_reporters=1, other_reports=3, other_reporters_consent=True)["routes_met"] == ["group"]
    assert run(two, area="cardiff", other_reporters=0)["outcome"] == "not_met"
    hate = run([report("a", "2026-03-01")], area="cardiff", hate=True)
    assert hate["outcome"] == "met" and hate["routes_met"] == ["hate"]
    assert run([report("a", "2026-03-01")], area="staffordshire", hate=True)["outcome"] == "not_met"


def test_shropshire_hate_window_is_three_months():
    recent = run([report("a", "2026-01-10")], area="shropshire", hate=True)
    old = run([report("a", "2025-12-01")], area="shropshire", hate=True)
    assert recent["routes_met"] == ["hate"] and old["outcome"] == "not_met"


def test_lincolnshire_vulnerability_override_asks_a_person_and_thirty_days_is_flagged():
    vulnerable = run([report("a", "2026-03-01")], area="lincolnshire", vulnerable=True)
    assert vulnerable["outcome"] == "needs_review" and vulnerable["routes_possible"] == ["vulnerability"]
    # 14 Feb is the last day of the calendar month from 15 Jan, but day 31 of Lincolnshire's 30
    reports = three_good()[:2] + [report("c", "2026-02-14", "2026-01-15")]
    result = run(reports, area="lincolnshire")
    assert result["outcome"] == "met", "the law is the floor"
    assert "late_under_local_rule" in result["reports"][2]["flags"]
    assert "statutory_met_local_rule_not_met" in result["flags"]


def test_horsham_seven_days_never_turns_met_into_not_met():
    reports = [report("a", "2026-01-20", "2026-01-10"), report("b", "2026-02-01"), report("c", "2026-03-09")]
    result = run(reports, area="horsham")
    assert result["outcome"] == "met" and result["statutory_outcome"] == "met"
    assert "late_under_local_rule" in result["reports"][0]["flags"]
    assert any("7 days" in reason for reason in result["reports"][0]["reasons"])


def test_richmond_same_day_reports_count_once_for_the_local_rule_only():
    reports = [report("a", "2026-02-01"), report("b", "2026-02-01", to="council"), report("c", "2026-03-01")]
    result = run(reports, area="richmond")
    assert result["outcome"] == "met", "the statute does not require different dates"
    assert "statutory_met_local_rule_not_met" in result["flags"]


def test_staffordshire_extra_conditions_are_flags_only():
    reports = [report("a", "2025-11-01"), report("b", "2025-12-01"), report("c", "2026-01-05")]
    result = run(reports, ongoing=False)
    assert result["outcome"] == "met"
    assert {"latest_report_older_than_one_month", "problem_not_ongoing"} <= set(result["flags"])


def test_unknown_body_makes_a_deciding_report_uncertain():
    result = run(three_good()[:2] + [report("c", "2026-03-01", to="unknown")])
    assert result["outcome"] == "needs_review"
    assert "reported_to_unknown" in result["reports"][2]["flags"]
