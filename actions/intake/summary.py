"""The "Check your answers" summary (GOV.UK pattern): every answer, in plain words."""

from __future__ import annotations

from actions.intake import reports_flow as rf

APPLICANT = {"self": "You", "on_behalf": "Someone else, on their behalf", "organisation": "A business or group",
             "group_member": "One of a group of people affected"}


def _yn(value) -> str:
    return {True: "Yes", False: "No", "not_sure": "Not sure", "not_said": "Not said"}.get(value, "Not given")


def _given(value) -> str:
    return value if isinstance(value, str) and value not in ("skip", "none", "not given", "") else "Not given"


def _phone(value) -> str:
    """'07700900456' shown as people write it: '07700 900456'."""
    text = _given(value)
    return f"{text[:5]} {text[5:]}" if len(text) == 11 and text.isdigit() else text


def answer_rows(s: dict) -> list[tuple[str, str]]:
    """Every answer as (label, value): the resident's summary and the operator's case card."""
    applicant = s.get("applicant_type")
    rows = [("Who is applying", APPLICANT.get(applicant, "Not given"))]
    if applicant == "on_behalf":
        rows += [("How you know them", _given(s.get("on_behalf_relationship"))), ("They agree", _yn(s.get("victim_consent")))]
    if s.get("organisation_name"):
        rows.append(("Business or group", s["organisation_name"]))
    others = s.get("other_reporters")
    rows += [
        ("What is happening", s.get("problem_description") or "Not given"),
        ("Where", f"{s.get('location') or 'Not given'} ({s.get('area_name') or 'area to check'})"),
        ("Who is doing it", _given(s.get("perpetrator")) if s.get("perpetrator") != "not known" else "Not known"),
        ("Still going on", _yn(s.get("ongoing"))),
        ("Because of who you are", _yn(s.get("hate"))),
        ("Other people who reported it", str(others) if isinstance(others, int) else "Not sure"),
    ]
    if s.get("impact_opt_in") is True:
        rows += [("How it affects you", _given(s.get("impact_text"))),
                 ("Anyone vulnerable at home", _yn(s.get("vulnerable_in_home"))),
                 ("Worried about what they might do", _yn(s.get("fear_of_retaliation")))]
    rows += [
        ("Your name", s.get("full_name") or "Not given"),
        ("Your address", _given(s.get("contact_address"))),
        ("Phone", _phone(s.get("phone"))),
        ("Email", _given(s.get("email"))),
        ("Do NOT contact", s.get("safe_contact") if s.get("safe_contact") not in (None, "none") else "No restrictions"),
    ]
    if applicant == "on_behalf":
        rows += [("Their name", s.get("victim_name") or "Not given"), ("Their contact", _given(s.get("victim_contact")))]
    return rows


def answers_summary(s: dict) -> str:
    lines = ["Check your answers:"] + [f"- {k}: {v}" for k, v in answer_rows(s)]
    lines.append(rf.readback(list(s.get("reports") or [])))
    return "\n".join(lines)
