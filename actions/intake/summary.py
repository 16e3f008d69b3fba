"""The "Check your answers" summary (GOV.UK pattern): every answer, in plain words."""

from __future__ import annotations

from actions.intake import reports_flow as rf

APPLICANT = {"self": "You", "on_behalf": "Someone else, on their behalf", "organisation": "A business or group",
             "group_member": "One of a group of people affected"}


def _yn(value) -> str:
    return {True: "Yes", False: "No", "not_sure": "Not sure", "not_said": "Not said"}.get(value, "Not given")


def answers_summary(s: dict) -> str:
    contact = s.get("contact") or {}
    rows = [
        ("Who is applying", APPLICANT.get(s.get("applicant_type"), "Not given")),
    ]
    if s.get("applicant_type") == "on_behalf":
        rows += [("Your relationship", s.get("on_behalf_relationship") or "Not given"), ("Their name", s.get("victim_name") or "Not given")]
    if s.get("organisation_name"):
        rows.append(("Business or group", s["organisation_name"]))
    rows += [
        ("What is happening", s.get("problem_description") or "Not given"),
        ("Where", f"{s.get('location') or 'Not given'} ({s.get('area_name') or 'area to check'})"),
        ("Still going on", _yn(s.get("ongoing"))),
        ("Because of who you are", _yn(s.get("hate"))),
        ("Other people who reported it", str(s.get("other_reporters")) if s.get("other_reporters") not in (None, "not_sure") else "Not sure"),
        ("How it affects you", s.get("impact_text") or "Not given"),
        ("Your name", s.get("full_name") or "Not given"),
        ("Phone", contact.get("phone") or "Not given"),
        ("Email", contact.get("email") or "Not given"),
        ("Do not contact", s.get("safe_contact") if s.get("safe_contact") not in (None, "none") else "No restrictions"),
    ]
    lines = ["Check your answers:"] + [f"- {k}: {v}" for k, v in rows]
    lines.append(rf.readback(list(s.get("reports") or [])))
    return "\n".join(lines)
