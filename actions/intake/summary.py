"""The "Check your answers" summary (GOV.UK pattern): every answer, in plain words.

It goes out as text (REST clients, the conversation history, screen readers), one line per
answer and per report, and with it a structured summary list (`custom`): the rows' labels and
the payloads of their "Change" buttons, in the order of those lines. The chat widget shows
them as a GOV.UK summary list, taking each value from its line of the text. The values stay
out of `custom`: what a resident typed is only ever sent as plain message text.
"""

from __future__ import annotations

import json
from typing import Optional

from actions.intake import reports_flow as rf

APPLICANT = {"self": "You", "on_behalf": "Someone else, on their behalf", "organisation": "A business or group",
             "group_member": "One of a group of people affected"}
TITLE = "Check your answers"
CHANGE_INTENT = "change_answer"
REPORT = "report"  # the change payload's "answer" for a report; "report" then says which ("2")


def _yn(value) -> str:
    return {True: "Yes", False: "No", "not_sure": "Not sure", "not_said": "Not said"}.get(value, "Not given")


def _given(value) -> str:
    return value if isinstance(value, str) and value not in ("skip", "none", "not given", "") else "Not given"


def _phone(value) -> str:
    """'07700900456' shown as people write it: '07700 900456'."""
    text = _given(value)
    return f"{text[:5]} {text[5:]}" if len(text) == 11 and text.isdigit() else text


def answer_items(s: dict) -> list[tuple[Optional[str], str, str]]:
    """Every answer as (question it answers, label, value). The question is None where
    changing it would change which other questions apply ("who is applying"): that is said in
    words, or by starting again."""
    applicant = s.get("applicant_type")
    rows: list[tuple[Optional[str], str, str]] = [(None, "Who is applying", APPLICANT.get(applicant, "Not given"))]
    if applicant == "on_behalf":
        rows += [("on_behalf_relationship", "How you know them", _given(s.get("on_behalf_relationship"))),
                 ("victim_consent", "They agree", _yn(s.get("victim_consent")))]
    if s.get("organisation_name"):
        rows.append(("organisation_name", "Business or group", s["organisation_name"]))
    others = s.get("other_reporters")
    rows += [
        ("problem_description", "What is happening", s.get("problem_description") or "Not given"),
        ("location", "Where", f"{s.get('location') or 'Not given'} ({s.get('area_name') or 'area to check'})"),
        ("perpetrator", "Who is doing it", _given(s.get("perpetrator")) if s.get("perpetrator") != "not known" else "Not known"),
        ("ongoing", "Still going on", _yn(s.get("ongoing"))),
        ("hate", "Because of who you are", _yn(s.get("hate"))),
        ("other_reporters", "Other people who reported it", str(others) if isinstance(others, int) else "Not sure"),
    ]
    if s.get("impact_opt_in") is True:
        rows += [("impact_text", "How it affects you", _given(s.get("impact_text"))),
                 ("vulnerable_in_home", "Anyone vulnerable at home", _yn(s.get("vulnerable_in_home"))),
                 ("fear_of_retaliation", "Worried about what they might do", _yn(s.get("fear_of_retaliation")))]
    rows += [
        ("full_name", "Your name", s.get("full_name") or "Not given"),
        ("contact_address", "Your address", _given(s.get("contact_address"))),
        ("phone", "Phone", _phone(s.get("phone"))),
        ("email", "Email", _given(s.get("email"))),
        ("safe_contact", "Do NOT contact", s.get("safe_contact") if s.get("safe_contact") not in (None, "none") else "No restrictions"),
    ]
    if applicant == "on_behalf":
        rows += [("victim_name", "Their name", s.get("victim_name") or "Not given"),
                 ("victim_contact", "Their contact", _given(s.get("victim_contact")))]
    return rows


def answer_rows(s: dict) -> list[tuple[str, str]]:
    """Every answer as (label, value): the resident's summary and the operator's case card."""
    return [(label, value) for _, label, value in answer_items(s)]


def changeable_answers(s: dict) -> dict[str, str]:
    """The answers a Change button may name for these answers, with their labels."""
    return {slot: label for slot, label, _ in answer_items(s) if slot is not None}


def _one_line(value: str) -> str:
    """A value typed over several lines kept to its own line of the summary."""
    return " ".join(str(value).split())


def answers_summary(s: dict) -> str:
    lines = [f"{TITLE}:"] + [f"- {k}: {_one_line(v)}" for k, v in answer_rows(s)]
    lines.append(rf.readback(list(s.get("reports") or [])))
    return "\n".join(lines)


def change_payload(answer: str, report: Optional[int] = None) -> str:
    """What a Change button sends: `/change_answer{"answer":"location"}`; a report's number is a
    string, as the channel sanitiser lets only short string values through."""
    entities = {"answer": answer} if report is None else {"answer": REPORT, "report": str(report)}
    return f"/{CHANGE_INTENT}{json.dumps(entities, separators=(',', ':'))}"


def summary_list(s: dict) -> dict:
    """The rows (key, change) of the summary, in the order of the text's lines: "- key: value"
    for each answer, then "N. ..." for each report. `change.hidden` finishes the button's
    words for screen readers: "Change<hidden> where</hidden>"."""
    rows = [{"key": label, "change": {"payload": change_payload(slot), "hidden": label.lower()} if slot else None}
            for slot, label, _ in answer_items(s)]
    for number, _ in enumerate(s.get("reports") or [], start=1):
        rows.append({"key": f"Report {number}",
                     "change": {"payload": change_payload(REPORT, number), "hidden": f"report {number}"}})
    return {"title": TITLE, "rows": rows}
