"""The driver's own parts, without a server: recognising questions, answering, the read-back
check and the payload checks (a driver that misreads would make the live figures meaningless)."""

from __future__ import annotations

import datetime as dt

from . import baseline, checks, profiles, read_back
from .answers import Resident
from .asked import recognise


def _profile(prefix: str) -> dict:
    return next(p for p in profiles.load_all() if p["id"].startswith(prefix))


def test_questions_are_recognised_with_the_report_they_are_about():
    asked = recognise([
        {"text": "Sorry, I didn't understand. Who did you report it to?"},
        {"text": "Who did you report the report on 3 August 2026 to?",
         "buttons": [{"title": "Police", "payload": "/p"}, {"title": "Private landlord", "payload": "/l"}]},
    ])
    assert asked.kind == "reported_to"
    assert asked.dates == [dt.date(2026, 8, 3)]
    assert "not_understood" in asked.signs
    assert [b["title"] for b in asked.buttons] == ["Police", "Private landlord"]


def test_a_change_to_confirm_is_not_taken_for_the_read_back():
    asked = recognise([{"text": "You'd like me to take off report 3. You told the police on 24 October 2026. "
                                "Is that right? Your other reports stay as they are."}])
    assert asked.kind == "confirm_change"


def test_outcome_and_reference_are_read_from_the_reply():
    assert recognise([{"text": "Your application does not meet the threshold yet."}]).outcome_shown == "not_met"
    sent = recognise([{"text": "Thank you. Your reference is ASB-3W8YPF95. Keep it safe."}])
    assert sent.kind == "sent" and sent.reference == "ASB-3W8YPF95"


def test_the_999_message_alone_is_a_safety_message_and_the_opening_is_not():
    assert recognise([{"text": "If you are in danger now, call 999. If you can't speak, press 55."}]).kind == "safety_message"
    opening = recognise([{"text": "It is not for emergencies: if you are in danger now, call 999."},
                         {"text": "Have you already reported this problem to the police?"}])
    assert opening.kind == "reported_before" and "emergency" not in opening.signs


def test_answers_come_from_the_profile_facts():
    r = Resident(_profile("01-"))
    assert r.answer("reports", [], "", None).text == "12 sept. rang 101 same night. CAD 1290"
    assert r.answer("reference", [dt.date(2026, 11, 7)], "", None).text == "CAD 3318"
    assert r.answer("incident_date", [dt.date(2026, 10, 4)], "", None).text == "day before"
    assert r.answer("safe_contact", [], "", None).text == "any time"


def test_read_back_fixes_a_wrong_date_and_an_extra_report():
    real = read_back.truth(_profile("01-")["facts"]["reports"], [])
    wrong_date = ("Here are the reports you've told me about:\n1. You told the police on 12 September 2026.\n"
                  "2. You told the police on 4 October 2026 (the incident was on 3 October 2026).\n"
                  "3. You told the police on 8 November 2026.")
    assert read_back.fix(wrong_date, real).text == "The third date is wrong, it was the 7th of November"
    extra = wrong_date.replace("8 November", "7 November") + "\n4. You told the police on 7 November 2026."
    assert read_back.fix(extra, real).text == "I didn't make the fourth one, please take it out"
    right = extra.rsplit("\n", 1)[0]
    assert read_back.fix(right, real) is None


def test_payload_checks_fail_on_a_wrong_payload():
    profile = _profile("01-")
    app = {"victim": {"kind": "person"}, "applicant": {"type": "self", "contact": {}},
           "reports": [{"id": f"r{i}", "counted": True, "reference": ref} for i, ref in
                       enumerate(["CAD 1290", None, "cad3318"])],
           "safe_contact": {"restrictions": None, "any_way_is_fine": True}, "hate": False}
    assert checks.payload_problems(profile, app) == []
    app["safe_contact"]["restrictions"] = "any time"
    app["reports"][0]["reference"] = None
    problems = checks.payload_problems(profile, app)
    assert any(p.startswith("safe_contact") for p in problems)
    assert any(p.startswith("references") for p in problems)


def test_the_ratchet_fails_on_a_profile_that_got_worse_and_on_more_misunderstanding():
    was = {"not_understood_rate": 0.05, "profiles": {"a": {"outcome_right": True, "payload_right": False},
                                                     "b": {"outcome_right": False, "payload_right": False}}}
    now = {"a": {"outcome_right": True, "payload_right": False, "outcome_problems": [], "payload_problems": []},
           "b": {"outcome_right": True, "payload_right": False, "outcome_problems": [], "payload_problems": []}}
    assert baseline.compare(was, now, {"not_understood_rate": 0.055}) == ([], ["b outcome_right"])
    now["a"].update(outcome_right=False, outcome_problems=["outcome: expected met"])
    regressions, _ = baseline.compare(was, now, {"not_understood_rate": 0.07})
    assert regressions == ["a: outcome now wrong: outcome: expected met",
                           "not understood: 7.0% of turns, baseline 5.0%"]


def test_the_safety_check_is_recognised_and_answered_from_the_profile():
    asked = recognise([{"text": "Before we go on: are you or anyone else in danger right now? If you are, call 999.",
                        "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]}])
    assert asked.kind == "safety_check"


def test_reports_the_opening_counted_are_dated_one_each_and_then_told():
    """Asked 'when did you make those N reports?' again after giving one date, the resident
    gives the next report's date; once each has been dated there is nothing more to tell."""
    me = Resident(_profile("40-"))
    given = [me.reported_date([], f"When did you make those {n} reports?").plain for n in (4, 3, 2, 1)]
    assert given == ["on 19 May", "on 21 May", "on 15 August", "on 9 November"]
    assert me.more_reports().plain == "no"


def test_a_report_dated_only_roughly_is_dated_in_the_residents_rough_words():
    """'When did you make that report to the police?' about a report made the night of an
    incident the resident can place only in a month: the month, as they say it, not a day."""
    me = Resident(_profile("43-"))
    assert me.reported_date([], "When did you make that report to the police?").text == "sometime in May"
    # and the next question names the council: the council's report, not the next police one
    assert "28" in me.reported_date([], "When did you make that report to the council?").plain


def test_a_report_added_at_check_your_answers_is_real_at_the_next_read_back():
    p = _profile("34-")
    added = [c for c in p["facts"]["corrections"] if c["at"] == "check_your_answers"]
    reports = p["facts"]["reports"]
    assert len(read_back.truth(reports, added)) == len(reports)  # not made yet: not real yet
    assert len(read_back.truth(reports, added, tuple(added))) == len(reports) + 1


def test_the_same_incident_question_is_about_the_report_being_asked_about():
    """'Was this about the same incident as your report on 19 September?' asked about the
    council report of the 20th, which the profile says was the same party."""
    me = Resident(_profile("08-"))
    me.incident_date([dt.date(2026, 9, 20)], "About the report on 20 September 2026: did it happen on the day you reported it?")
    assert me.same_incident([dt.date(2026, 9, 19)]).plain == "yes"
