"""Issue 15: the validators read answers the way a good call handler does (actions/language wired in)."""

from __future__ import annotations

import pytest

from actions.intake.form import ValidateIntakeForm
from intake_helpers import make_tracker, texts

form = ValidateIntakeForm()


def pending(**current):
    report = {"reported_to": "police", "reported_date": "2026-11-14", "reported_precision": "exact"}
    return {"pending_report": {"current": {**report, **current}, "queue": []}, "reports": []}


def current_after(out):
    return (out.get("pending_report") or {}).get("current") or (out.get("reports") or [{}])[-1]


# ------------------------------------------------------------------ when the incident happened
@pytest.mark.parametrize("said, day", [
    ("the same day", "2026-11-14"),
    ("same night", "2026-11-14"),
    ("the night before", "2026-11-13"),
    ("no, it was the day before", "2026-11-13"),
    ("the night before, the 13th", "2026-11-13"),
    ("two days before", "2026-11-12"),
])
def test_incident_answers_are_read_against_the_report_date(said, day, dispatcher, domain):
    out = form.validate_pending_incident_when(said, dispatcher, make_tracker(pending(), today="2026-11-22"), domain)
    assert current_after(out).get("incident_date") == day
    assert out.get("pending_incident_when") is None and "Sorry" not in texts(dispatcher)


def test_the_day_before_a_rough_report_date_is_a_range(dispatcher, domain):
    rough = pending(reported_date=None, reported_precision="approximate",
                    reported_earliest="2026-11-10", reported_latest="2026-11-16")
    rough["pending_report"]["current"].pop("reported_date")
    out = form.validate_pending_incident_when("the night before", dispatcher, make_tracker(rough, today="2026-11-22"), domain)
    got = current_after(out)
    assert (got.get("incident_earliest"), got.get("incident_latest")) == ("2026-11-09", "2026-11-15")


@pytest.mark.parametrize("said", ["not sure", "I can't remember", "skip"])
def test_not_knowing_when_it_happened_is_kept_as_unknown(said, dispatcher, domain):
    out = form.validate_pending_incident_when(said, dispatcher, make_tracker(pending()), domain)
    assert current_after(out).get("incident_precision") == "unknown" or current_after(out).get("incident_unknown")


# ------------------------------------------------------------------ references
@pytest.mark.parametrize("said, ref", [
    ("yes it was 0312", "0312"),
    ("CAD 4471", "CAD 4471"),
    ("20/11/2026-0456", "20/11/2026-0456"),
    ("SF/12345/26", "SF/12345/26"),
    ("crime number 0312", "0312"),
    ("yeah they gave me one, it's 55123 I think", "55123"),
])
def test_only_the_reference_is_kept(said, ref, dispatcher, domain):
    out = form.validate_pending_reference(said, dispatcher, make_tracker(pending()), domain)
    got = current_after(out)
    assert got.get("reference") == ref and got.get("reference_said") == said


@pytest.mark.parametrize("said", ["don't know", "not sure", "I can't remember"])
def test_no_reference_known_moves_on(said, dispatcher, domain):
    out = form.validate_pending_reference(said, dispatcher, make_tracker(pending()), domain)
    assert "reference" not in current_after(out) and not dispatcher.messages


# ------------------------------------------------------------------ safe contact
@pytest.mark.parametrize("said", ["any time", "no", "whatever's easiest", "no, any time is fine thanks", "don't mind"])
def test_no_restriction_is_no_restriction(said, dispatcher, domain):
    out = form.validate_safe_contact(said, dispatcher, make_tracker(), domain)
    assert out["safe_contact"] == "none" and "contact_restrictions" not in (out.get("risk_flags") or [])


def test_a_real_restriction_is_kept_as_said(dispatcher, domain):
    out = form.validate_safe_contact("Don't ring after 6, he checks my phone", dispatcher, make_tracker(), domain)
    assert out["safe_contact"] == "Don't ring after 6, he checks my phone"
    assert "contact_restrictions" in out["risk_flags"]


def test_not_sure_about_restrictions_is_not_a_restriction(dispatcher, domain):
    out = form.validate_safe_contact("not sure", dispatcher, make_tracker(), domain)
    assert out["safe_contact"] == "skip" and "contact_restrictions" not in (out.get("risk_flags") or [])


# ------------------------------------------------------------------ England or Wales
@pytest.mark.parametrize("said, area", [("ST16 2DH", "staffordshire"), ("Stoke", "staffordshire"), ("England", None),
                                        ("it's in Stafford", "staffordshire"), ("yes", None)])
def test_a_place_answers_england_or_wales(said, area, dispatcher, domain):
    out = form.validate_in_england_wales(said, dispatcher, make_tracker(), domain)
    assert out["in_england_wales"] is True and out.get("area") == area


@pytest.mark.parametrize("said", ["Glasgow", "it's in Belfast", "EH1 1YZ"])
def test_a_place_outside_is_the_other_route(said, dispatcher, domain):
    out = form.validate_in_england_wales(said, dispatcher, make_tracker(), domain)
    assert out["in_england_wales"] is False and out["intake_status"] == "outside"


def test_the_area_from_england_or_wales_is_kept_when_the_street_does_not_say(dispatcher, domain):
    tracker = make_tracker({"area": "staffordshire"})
    out = form.validate_location("Oak Road", dispatcher, tracker, domain)
    assert out["area"] == "staffordshire" and "couldn't tell the area" not in texts(dispatcher)


def test_an_address_that_answers_england_or_wales_is_where_too(dispatcher, domain):
    out = form.validate_in_england_wales("Flat 3, 22 Kiln Street, Longton ST3 1AA", dispatcher, make_tracker(), domain)
    assert out["in_england_wales"] is True and out["location"] == "Flat 3, 22 Kiln Street, Longton ST3 1AA"
    assert out["area"] == "staffordshire" and "Staffordshire" in texts(dispatcher)
    # A town or a country says England, not where: the location is still asked.
    assert "location" not in form.validate_in_england_wales("Stoke", dispatcher, make_tracker(), domain)
    # And a location given earlier is never replaced.
    kept = form.validate_in_england_wales("ST16 2DH", dispatcher, make_tracker({"location": "Elm Road"}), domain)
    assert "location" not in kept


def test_an_answer_that_is_not_a_place_is_not_the_location_even_when_the_area_is_known(dispatcher, domain):
    tracker = make_tracker({"area": "staffordshire"})
    out = form.validate_location("yes still happening, most weekends", dispatcher, tracker, domain)
    assert out["location"] is None and "street name and town, or a postcode" in texts(dispatcher)


# ------------------------------------------------------------------ yes/no answered in words
@pytest.mark.parametrize("slot, said, expected", [
    ("vulnerable_in_home", "my mum lives with me, she's 84 and has dementia", True),
    ("vulnerable_in_home", "nobody, just me and I'm fine", False),
    ("fear_of_retaliation", "I'm terrified they'll come after me", True),
    ("fear_of_retaliation", "not really, they don't scare me", False),
    ("ongoing", "it was going on again last night", True),
    ("ongoing", "it stopped when they moved out", False),
    ("ongoing", "not sure", "not_sure"),
])
def test_yes_no_questions_take_descriptive_answers(slot, said, expected, dispatcher, domain):
    out = getattr(form, f"validate_{slot}")(said, dispatcher, make_tracker(), domain)
    assert out[slot] == expected


# ------------------------------------------------------------------ more reports
def test_more_reports_keeps_the_reports_said_with_a_yes(dispatcher, domain):
    tracker = make_tracker({"reports": [{"id": "r1", "reported_to": "police", "reported_date": "2026-04-20"}]},
                           today="2026-06-01")
    out = form.validate_more_reports("yes, I rang the council on 3 May and the police on 9 May", dispatcher, tracker, domain)
    waiting = [out["pending_report"]["current"]] + out["pending_report"]["queue"]
    assert [(r["reported_to"], r["reported_date"]) for r in waiting] == [("council", "2026-05-03"), ("police", "2026-05-09")]
    assert out["more_reports"] is None


def test_more_reports_again_is_relative_to_the_last_report_and_its_body(dispatcher, domain):
    tracker = make_tracker({"reports": [{"id": "r1", "reported_to": "police", "reported_date": "2026-11-02"}]},
                           today="2026-11-20")
    out = form.validate_more_reports("yes, a week later I rang them again", dispatcher, tracker, domain)
    got = out["pending_report"]["current"]
    assert got["reported_to"] == "police"
    assert (got.get("reported_date") or got["reported_earliest"]) <= "2026-11-09" <= (got.get("reported_date") or got["reported_latest"])


@pytest.mark.parametrize("said, expected", [("yes", None), ("no", False), ("no, that's everything", False)])
def test_a_plain_answer_to_more_reports_is_still_yes_or_no(said, expected, dispatcher, domain):
    out = form.validate_more_reports(said, dispatcher, make_tracker({"reports": [{"id": "r1"}]}), domain)
    assert out["more_reports"] is expected and "pending_report" not in out


def test_an_incident_said_from_the_reports_point_of_view(dispatcher, domain):
    # Report made on Monday 7 December, asked on 16 December: "last week, the Tuesday" is the
    # Tuesday before the report (1 December), not 8 December, which is after it.
    out = form.validate_pending_incident_when("last week, the tuesday", dispatcher,
                                              make_tracker(pending(reported_date="2026-12-07"), today="2026-12-16"), domain)
    assert current_after(out).get("incident_date") == "2026-12-01"


# ------------------------------------------------------------------ the widget's first question
def test_what_is_happening_told_at_the_first_question_is_kept_and_the_question_asked_without_a_sorry(dispatcher, domain):
    # In the widget "have you already reported it?" comes before the resident has typed anything.
    story = "the lads from the end house race their bikes up and down the close every night until two"
    out = form.validate_reported_before(story, dispatcher, make_tracker(), domain)
    assert out["reported_before"] is None and out["problem_description"] == story
    said = texts(dispatcher)
    assert "noted what's happening" in said and "didn't understand" not in said and "yes or no" not in said


def test_a_question_or_a_few_words_at_the_first_question_is_still_not_understood(dispatcher, domain):
    out = form.validate_reported_before("is this the right place to ask about the noise from my neighbours?", dispatcher,
                                        make_tracker(), domain)
    assert out["reported_before"] is None and "problem_description" not in out
    assert "yes or no" in texts(dispatcher)
