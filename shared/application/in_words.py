"""An application in plain words: the answers and the reports as the resident's "Check your
answers" summary (actions/intake/summary.py) and the operator's case card (bot/console/card.py)
both show them, so the two never disagree."""

from __future__ import annotations

from datetime import date
from typing import Optional

from shared.application.bodies import BODY_WORDS

APPLICANT = {"self": "You", "on_behalf": "Someone else, on their behalf", "organisation": "A business or group",
             "group_member": "One of a group of people affected"}


def format_date(d: date, weekday: bool = False) -> str:
    """'3 March 2026', or 'Tuesday 3 March 2026' (no leading zero, the UK way)."""
    text = f"{d.day} {d.strftime('%B')} {d.year}"
    return f"{d.strftime('%A')} {text}" if weekday else text


def reported_day(report: dict) -> Optional[date]:
    value = report.get("reported_date") or report.get("reported_earliest")
    return date.fromisoformat(value) if value else None


def date_words(report: dict) -> str:
    """The report's date as it is read back: '3 October 2026', 'around 3 October 2026', 'October 2026'."""
    day = reported_day(report)
    if day is None:
        return ""
    if report.get("reported_precision") == "month":
        return day.strftime("%B %Y")
    if report.get("reported_precision") == "approximate":
        return f"around {format_date(day)}"
    return format_date(day)


def describe(report: dict, number: int) -> str:
    words = date_words(report)
    when = "on a date not given"
    if words:
        when = f"in {words}" if report.get("reported_precision") == "month" else (
            words if words.startswith("around") else f"on {words}")
    body = BODY_WORDS.get(report.get("reported_to") or "unknown", "someone")
    text = f"{number}. You told {body} {when}"
    if report.get("incident_date") and report.get("incident_date") != report.get("reported_date"):
        text += f" (the incident was on {format_date(date.fromisoformat(report['incident_date']))})"
    if report.get("reference"):
        text += f", reference {report['reference']}"
    if report.get("same_incident_as"):
        text += f" - the same incident as report {report['same_incident_as'][1:]}"
    return text + "."


def readback(reports: list[dict]) -> str:
    if not reports:
        return "You haven't told me about any reports yet."
    lines = [describe(r, i) for i, r in enumerate(reports, start=1)]
    return "Here are the reports you've told me about:\n" + "\n".join(lines)


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
