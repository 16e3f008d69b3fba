"""The "Change" buttons of Check your answers: the rows and payloads sent, pressing one, and
payloads a resident typed (forged) refused safely."""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.intake.ask import AskAnswersConfirmed
from actions.intake.every_turn import ChangeAnswer
from actions.intake.form import ValidateIntakeForm, next_question
from intake_helpers import make_tracker, texts

form = ValidateIntakeForm()


def _report(i, day, body="police"):
    return {"id": f"r{i}", "reported_date": day, "reported_precision": "exact", "incident_date": day,
            "incident_precision": "exact", "reported_to": body, "words": f"report {i}"}


REPORTS = [_report(1, "2026-10-03"), _report(2, "2026-10-21", "council")]
# Every question answered, as at "Check your answers".
DONE = {"reported_before": True, "in_england_wales": True, "applicant_type": "self",
        "problem_description": "music every night", "location": "Meadow Road, Stafford ST16 2DH",
        "area": "staffordshire", "area_name": "Staffordshire", "perpetrator": "number 12", "ongoing": True,
        "hate": False, "collecting_reports": False, "more_reports": False, "reports_confirmed": True,
        "reports": REPORTS, "other_reporters": 0, "impact_opt_in": False, "apply_decision": "apply",
        "full_name": "Sam Okafor", "contact_address": "40 Meadow Road, Stafford ST16 2DH", "phone": "07700900456",
        "email": "skip", "safe_contact": "don't ring after 5pm", "consent_share": True, "declaration": True}
LOCATION = '/change_answer{"answer":"location"}'
REPORT_2 = '/change_answer{"answer":"report","report":"2"}'


def turn(slot, text, slots=None, earlier=()):
    """One resident turn at `slot`, as Rasa sends it to the validation action; `earlier` are
    texts the resident sent before."""
    events = [{"event": "user", "text": t} for t in earlier]
    events += [{"event": "user", "text": text}, {"event": "slot", "name": slot, "value": text}]
    tracker = make_tracker({**DONE, **(slots or {}), slot: text}, text=text, intent="change_answer",
                           requested_slot=slot, events=events)
    d = CollectingDispatcher()
    out = asyncio.run(form.run(d, tracker, {"forms": {"intake_form": {"required_slots": ["intake_step"]}}}))
    return {e["name"]: e["value"] for e in out if e.get("event") == "slot"}, d


def summary_list(domain):
    d = CollectingDispatcher()
    asyncio.run(AskAnswersConfirmed().run(d, make_tracker(DONE, requested_slot="answers_confirmed"), domain))
    return d.messages[0]


def test_check_your_answers_keeps_its_text_and_carries_rows_with_change_payloads(domain):
    message = summary_list(domain)
    assert "Check your answers" in message["text"] and "07700 900456" in message["text"]
    rows = message["custom"]["data"]["summary_list"]["rows"]
    by_key = {row["key"]: row for row in rows}
    assert by_key["Where"]["change"] == {"payload": LOCATION, "hidden": "where"}
    assert by_key["Phone"]["change"]["payload"] == '/change_answer{"answer":"phone"}'
    assert by_key["Report 2"]["change"] == {"payload": REPORT_2, "hidden": "report 2"}
    # Changing who is applying changes which questions apply: no button, said in words instead.
    assert by_key["Who is applying"]["change"] is None
    assert "Their name" not in by_key  # only the rows of this resident's answers
    # The rows follow the text's lines, where the values are: "- key: value", then "N. report".
    lines = [line for line in message["text"].splitlines() if line.startswith("- ") or line[:1].isdigit()]
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows):
        assert line.startswith(f"- {row['key']}: ") or line.startswith(f"{row['key'].split()[-1]}. ")
    assert "- Where: Meadow Road, Stafford ST16 2DH (Staffordshire)" in lines
    assert "2. You told the council on 21 October 2026." in lines


def test_what_a_resident_typed_is_sent_only_as_text_never_in_the_structured_rows(domain):
    d = CollectingDispatcher()
    hostile = {**DONE, "full_name": "<b>Robert</b>", "safe_contact": "<img src=x onerror=alert(1)>\nafter 5pm"}
    asyncio.run(AskAnswersConfirmed().run(d, make_tracker(hostile, requested_slot="answers_confirmed"), domain))
    structured = json.dumps(d.messages[0]["custom"])
    for typed in ("<b>", "onerror", "Robert", "Meadow Road", "music every night", "07700"):
        assert typed not in structured, typed
    # A value typed over two lines stays on its own line, so the rows still match the lines.
    assert "- Do NOT contact: <img src=x onerror=alert(1)> after 5pm" in d.messages[0]["text"].splitlines()


def test_pressing_change_asks_that_question_again_then_comes_back_to_the_summary():
    out, d = turn("answers_confirmed", LOCATION)
    assert out["location"] is None and out["answers_confirmed"] is None
    assert 'change your answer to "Where"' in texts(d)
    assert next_question({**DONE, **out}) == "location"  # the form asks it next (utter_ask_location)
    # Once answered, Check your answers is the next question again.
    assert next_question({**DONE, **out, "location": "Oak Road, Stafford"}) == "answers_confirmed"


def test_a_button_and_a_typed_correction_clear_the_same_answer():
    pressed, _ = turn("answers_confirmed", '/change_answer{"answer":"contact_address"}')
    typed, _ = turn("answers_confirmed", "change the address")
    assert pressed["contact_address"] is None and typed["contact_address"] is None


def test_change_on_a_report_reads_the_reports_back_and_words_then_change_that_report():
    out, d = turn("answers_confirmed", REPORT_2)
    assert out["reports_confirmed"] is None and "change report 2" in texts(d)
    assert next_question({**DONE, **out}) == "reports_confirmed"
    # "it was the 12th" names no report: after report 2's button it is about report 2.
    # Each change is said back first (issue 15), and made on "yes".
    out, d = turn("reports_confirmed", "it was the 12th", {"reports_confirmed": None}, earlier=[REPORT_2])
    assert "reports" not in out and "report 2" in texts(d) and "Is that right?" in texts(d)
    out, d = turn("reports_confirmed", "yes", {"reports_confirmed": None, **out}, earlier=[REPORT_2, "it was the 12th"])
    assert out["reports"][1]["reported_date"] == "2026-10-12" and out["reports"][0] == REPORTS[0]
    # Without the button the same words are about the last report given (as before).
    out, _ = turn("reports_confirmed", "the first one was the 5th", {"reports_confirmed": None}, earlier=[REPORT_2])
    out, _ = turn("reports_confirmed", "yes", {"reports_confirmed": None, **out})
    assert out["reports"][0]["reported_date"] == "2026-10-05"


@pytest.mark.parametrize("forged, reply", [
    ('/change_answer{"answer":"report","report":"3"}', "couldn't find that report"),
    ('/change_answer{"answer":"report","report":"0"}', "couldn't find that report"),
    ('/change_answer{"answer":"report","report":2}', "couldn't find that report"),
    ('/change_answer{"answer":"report"}', "couldn't find that report"),
    ('/change_answer{"answer":"applicant_type"}', "can't change that here"),
    ('/change_answer{"answer":"victim_name"}', "can't change that here"),  # not this resident's question
    ('/change_answer{"answer":"intake_status"}', "can't change that here"),
    ('/change_answer{"answer":["phone"]}', "can't change that here"),
    ('/change_answer{"answer":', "can't change that here"),
    ("/change_answer", "can't change that here"),
])
def test_forged_change_payloads_get_a_safe_reply_and_change_nothing(forged, reply):
    out, d = turn("answers_confirmed", forged)
    assert reply in texts(d) and "What would you like to change?" in texts(d)
    assert set(out) - {"requested_slot"} == {"answers_confirmed"} and out["answers_confirmed"] is None


def test_nothing_changes_once_the_application_is_sent(domain):
    d = CollectingDispatcher()
    tracker = make_tracker({**DONE, "application_reference": "ASB-1", "intake_status": "sent"}, text=LOCATION,
                           intent="change_answer", active_form=None)
    events = asyncio.run(ChangeAnswer().run(d, tracker, domain))
    assert events == [] and "already been sent" in texts(d)


def test_an_old_summary_s_button_after_stopping_changes_nothing(domain):
    d = CollectingDispatcher()
    tracker = make_tracker({"intake_status": "stopped"}, text=LOCATION, intent="change_answer", active_form=None)
    events = asyncio.run(ChangeAnswer().run(d, tracker, domain))
    assert events == [] and "nothing to change" in texts(d)


def test_a_change_pressed_at_another_question_uses_the_same_change(domain):
    # After Change on the address, the resident presses Change on the phone in the same list.
    d = CollectingDispatcher()
    tracker = make_tracker({**DONE, "contact_address": None}, text='/change_answer{"answer":"phone"}',
                           intent="change_answer", requested_slot="contact_address")
    events = asyncio.run(ChangeAnswer().run(d, tracker, domain))
    assert SlotSet("phone", None) in events and ActiveLoop("intake_form") in events
    assert 'change your answer to "Phone"' in texts(d)
