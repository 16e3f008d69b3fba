"""The intake form's validation, with real trackers and the real engine (financial-demo style)."""

from __future__ import annotations

import asyncio

import pytest

from actions.intake.form import ValidateIntakeForm
from intake_helpers import make_tracker, texts

form = ValidateIntakeForm()


@pytest.mark.parametrize("value, expected", [("yes", True), ("Yeah", True), ("aye", True), ("no", False), ("nope", False)])
def test_yes_no_answers_are_normalised(value, expected, dispatcher, domain):
    out = form.validate_in_england_wales(value, dispatcher, make_tracker(), domain)
    assert out["in_england_wales"] is expected


def test_never_reported_explains_how_to_report_and_ends(dispatcher, domain):
    out = form.validate_reported_before("no", dispatcher, make_tracker(), domain)
    assert out["intake_status"] == "not_reported"
    assert dispatcher.messages[0]["response"] == "utter_how_to_report"


@pytest.mark.parametrize("value", ['<script>alert(1)</script>', "purple", "x" * 5000])
def test_hostile_or_unknown_choices_are_refused(value, dispatcher, domain):
    out = form.validate_applicant_type(value, dispatcher, make_tracker(), domain)
    assert out["applicant_type"] is None
    assert "Sorry, I didn't understand" in texts(dispatcher)
    assert "<script>" not in texts(dispatcher)


def test_third_failure_offers_a_way_out(dispatcher, domain):
    tracker = make_tracker({"slot_failures": {"applicant_type": 2}})
    out = form.validate_applicant_type("purple", dispatcher, tracker, domain)
    assert out["applicant_type"] is None
    assert "talk to a person" in texts(dispatcher) and "101" in texts(dispatcher)
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/request_human"


def test_optional_question_is_skipped_after_three_failures(dispatcher, domain):
    tracker = make_tracker({"slot_failures": {"others_consent": 2}})
    out = form.validate_others_consent("purple", dispatcher, tracker, domain)
    assert out["others_consent"] == "not_sure"


def test_long_text_is_capped_and_kept_as_text(dispatcher, domain):
    out = form.validate_problem_description("<b>loud</b> music " * 500, dispatcher, make_tracker(), domain)
    assert len(out["problem_description"]) == 2000
    assert out["problem_description"].startswith("<b>loud</b>")


def test_location_chooses_the_area_policy(dispatcher, domain):
    out = form.validate_location("Queen Street, Cardiff CF10 2BU", dispatcher, make_tracker(), domain)
    assert out["area"] == "cardiff" and "Cardiff" in texts(dispatcher)
    d2 = type(dispatcher)()
    out = form.validate_location("somewhere in Leeds", d2, make_tracker(), domain)
    assert out["area"] == "staffordshire" and "caseworker will check" in texts(d2)


def test_several_reports_in_one_message_are_queued(dispatcher, domain):
    tracker = make_tracker(requested_slot="report_text")
    out = form.validate_report_text("I rang 101 on 3 March and again on the 21st", dispatcher, tracker, domain)
    pending = out["pending_report"]
    assert pending["current"]["reported_date"] == "2026-03-03" and pending["current"]["reported_to"] == "police"
    assert pending["queue"][0]["reported_date"] == "2026-03-21"
    assert "2 reports" in texts(dispatcher)


def test_impossible_date_is_asked_again(dispatcher, domain):
    out = form.validate_report_text("I rang 101 on 31/02", dispatcher, make_tracker(), domain)
    assert out["report_text"] is None and "no 31 February" in texts(dispatcher)


def test_next_question_follows_the_pending_report(dispatcher, domain):
    slots = {"reported_before": True, "in_england_wales": True, "applicant_type": "self", "problem_description": "x",
             "location": "ST16", "ongoing": True, "hate": False,
             "pending_report": {"current": {"reported_date": "2026-03-03", "reported_precision": "exact"}, "queue": []}}
    required = asyncio.run(form.required_slots([], dispatcher, make_tracker(slots), domain))
    assert "pending_reported_to" in required and "report_text" not in required


def test_incident_same_day_completes_the_report(dispatcher, domain):
    current = {"reported_date": "2026-03-03", "reported_precision": "exact", "reported_to": "police", "words": "w"}
    tracker = make_tracker({"pending_report": {"current": current, "queue": []}, "reports": []})
    out = form.validate_pending_incident_when("same_day", dispatcher, tracker, domain)
    assert out["pending_report"]["current"]["incident_date"] == "2026-03-03"
    tracker = make_tracker({"pending_report": out["pending_report"], "reports": []})
    out = form.validate_pending_reference("skip", type(dispatcher)(), tracker, domain)
    assert out["pending_report"] is None
    assert out["reports"][0]["id"] == "r1" and out["reports"][0]["incident_date"] == "2026-03-03"
    assert "reference_asked" not in out["reports"][0]


def test_incident_after_the_report_is_refused(dispatcher, domain):
    current = {"reported_date": "2026-03-03", "reported_precision": "exact", "reported_to": "police"}
    tracker = make_tracker({"pending_report": {"current": current, "queue": []}})
    out = form.validate_pending_incident_when("10 March", dispatcher, tracker, domain)
    assert out["pending_incident_when"] is None and "after the day you reported it" in texts(dispatcher)


def test_read_back_accepts_a_change_in_words(dispatcher, domain):
    reports = [{"id": "r1", "reported_date": "2026-03-03", "reported_precision": "exact", "reported_to": "police"},
               {"id": "r2", "reported_date": "2026-03-20", "reported_precision": "exact", "reported_to": "council"}]
    out = form.validate_reports_confirmed("the second date is wrong, it was the 12th", dispatcher, make_tracker({"reports": reports}), domain)
    assert "reports" not in out and "12 March" in texts(dispatcher)  # said back first
    out = form.validate_reports_confirmed("yes", dispatcher, make_tracker({"reports": reports, **out}), domain)
    assert out["reports"][1]["reported_date"] == "2026-03-12"
    assert out["reports_confirmed"] is None


def test_not_applying_ends_with_next_steps(dispatcher, domain):
    out = form.validate_apply_decision("not_now", dispatcher, make_tracker(), domain)
    assert out["intake_status"] == "not_applying"
    assert dispatcher.messages[0]["response"] == "utter_not_applying"


def test_phone_or_email_is_needed(dispatcher, domain):
    bad = form.validate_phone("just my name", dispatcher, make_tracker(), domain)
    assert bad["phone"] is None
    good = form.validate_phone("ring 07700 900123", type(dispatcher)(), make_tracker(), domain)
    assert good["phone"] == "07700900123"
    both_skipped = form.validate_email("skip", type(dispatcher)(), make_tracker({"phone": "skip"}), domain)
    assert both_skipped["email"] is None and both_skipped["phone"] is None
    email_at_phone = form.validate_phone("jo@example.org", type(dispatcher)(), make_tracker(), domain)
    assert email_at_phone["phone"] == "skip" and email_at_phone["email"] == "jo@example.org"


def test_safe_contact_is_kept_in_the_residents_words(dispatcher, domain):
    words = "Please don't ring me — he goes through my phone. Email my work address instead."
    assert form.validate_safe_contact(words, dispatcher, make_tracker(), domain)["safe_contact"] == words
    assert form.validate_safe_contact("none", type(dispatcher)(), make_tracker(), domain)["safe_contact"] == "none"


@pytest.mark.parametrize("text, expected", [
    ("I've filled in the diary sheets but never actually rang anyone", False),
    ("nobody has reported it yet", False),
    ("I haven't told anyone", False),
    ("I've rung 101 three times", True),
    ("told the council in May", True),
])
def test_reported_before_is_understood_in_words(text, expected, dispatcher, domain):
    out = form.validate_reported_before(text, dispatcher, make_tracker(), domain)
    assert out["reported_before"] is expected
    assert (out.get("intake_status") == "not_reported") is (expected is False)


def test_yes_to_do_you_know_who_asks_who(dispatcher, domain):
    out = form.validate_perpetrator("yes", dispatcher, make_tracker(), domain)
    assert out["perpetrator"] is None and "Who is it?" in texts(dispatcher)
    assert form.validate_perpetrator("no idea", type(dispatcher)(), make_tracker(), domain)["perpetrator"] == "not known"


def test_reference_lead_in_words_are_dropped(dispatcher, domain):
    pending = {"current": {"id": "r1", "reported_to": "police", "reported_precision": "day",
                           "reported_earliest": "2026-11-09", "reported_latest": "2026-11-09",
                           "incident_precision": "same_day"}, "queue": []}
    out = form.validate_pending_reference("it was CAD 4471 9 Nov", dispatcher,
                                          make_tracker({"pending_report": pending, "reports": []}), domain)
    stored = (out.get("pending_report") or {}).get("current") or (out.get("reports") or [{}])[-1]
    # The reference alone (tests/corpora/reports/README.md: "CAD 0781 16/11" is CAD 0781); the words are kept beside it.
    assert stored.get("reference") == "CAD 4471"
    assert stored.get("reference_said") == "it was CAD 4471 9 Nov"


def test_phone_and_email_given_at_the_address_question_are_kept(dispatcher, domain):
    out = form.validate_contact_address("07700 900123 or jo.ellis@example.com", dispatcher, make_tracker(), domain)
    assert out["contact_address"] is None
    assert out["phone"].replace(" ", "") == "07700900123" and out["email"] == "jo.ellis@example.com"
    assert "noted your phone number and email" in texts(dispatcher)
    kept = form.validate_contact_address("14 Oak Road, Stafford ST16 2DH", type(dispatcher)(), make_tracker(), domain)
    assert kept["contact_address"] == "14 Oak Road, Stafford ST16 2DH"


@pytest.mark.parametrize("text", ["the lads who hang about by the shops",
                                  "A group of lads hang around the door every evening and smash the window."])
def test_a_location_that_is_not_a_place_is_asked_again(text, dispatcher, domain):
    out = form.validate_location(text, dispatcher, make_tracker(), domain)
    assert out["location"] is None and "street name and town, or a postcode" in texts(dispatcher)


@pytest.mark.parametrize("text", ["Tamworth", "outside the Co-op", "somewhere in Leeds", "Back lane off Victoria Street"])
def test_a_place_without_a_postcode_is_accepted(text, dispatcher, domain):
    assert form.validate_location(text, dispatcher, make_tracker(), domain)["location"] == text


def test_an_email_or_phone_number_is_not_taken_as_a_name(dispatcher, domain):
    assert form.validate_full_name("priya.shah@example.com", dispatcher, make_tracker(), domain)["full_name"] is None
    assert form.validate_full_name("07700 900123", type(dispatcher)(), make_tracker(), domain)["full_name"] is None
    assert form.validate_full_name("My name's Priya Shah", type(dispatcher)(), make_tracker(), domain)["full_name"] == "Priya Shah"


def test_a_sentence_is_not_taken_as_a_name(dispatcher, domain):
    # Kept as the name, a safety message nobody caught would go to the case system as the name.
    said = "please can someone come, the man from the top flat is kicking my door in"
    assert form.validate_full_name(said, dispatcher, make_tracker(), domain)["full_name"] is None
    name = "Jordan Ellis but everyone calls me Jo"
    assert form.validate_full_name(name, type(dispatcher)(), make_tracker(), domain)["full_name"] == name


def test_check_your_answers_shows_a_phone_number_as_people_write_it():
    from actions.intake.summary import answers_summary

    summary = answers_summary({"applicant_type": "self", "phone": "07700900456", "reports": []})
    assert "- Phone: 07700 900456" in summary


def test_a_first_answer_that_says_much_more_is_kept_and_said_back(dispatcher, domain):
    # In the widget the greeting has asked "Have you already reported this?" before the resident
    # types, so their first message answers it and tells the story and the reports as well.
    form = ValidateIntakeForm()
    text = ("the family upstairs have been playing drum and bass till 4am most nights since august "
            "and I've rung the council about it three times")
    out = form.validate_reported_before(text, dispatcher, make_tracker(), domain)
    assert out["reported_before"] is True
    assert out["problem_description"] == text
    assert out["pending_report"]["current"]["reported_to"] == "council"
    assert len(out["pending_report"]["queue"]) == 2  # three reports: one asked about now, two waiting
    assert "I've noted what's happening" in texts(dispatcher)
    # A short yes is just a yes.
    out = form.validate_reported_before("yes I have", dispatcher, make_tracker(), domain)
    assert "problem_description" not in out
