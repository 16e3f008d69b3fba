"""An application in plain words: the answers and the reports as the resident's "Check your
answers" summary (actions/intake/summary.py) and the operator's case card (bot/console/card.py)
both show them, so the two never disagree."""

from __future__ import annotations

from datetime import date
from typing import Optional

from shared.application.bodies import BODY_WORDS
from shared.words import text

APPLICANTS = ("self", "on_behalf", "organisation", "group_member")


def applicant_words(applicant: Optional[str]) -> str:
    """Who is applying, as the summary says it ("Someone else, on their behalf")."""
    return text(f"applicant_{applicant}") if applicant in APPLICANTS else text("answer_not_given")


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
        stretch = range_words(report.get("reported_earliest"), report.get("reported_latest"))
        return stretch or text("report_date_around", date=format_date(day))
    return format_date(day)


def range_words(earliest: Optional[str], latest: Optional[str]) -> str:
    """'between 7 and 24 December 2026' for a stretch of days (its first day alone would say
    a date the resident never gave); '' when there is no stretch."""
    try:
        first, last = date.fromisoformat(str(earliest)), date.fromisoformat(str(latest))
    except ValueError:
        return ""
    if first >= last:
        return ""
    if (first.year, first.month) == (last.year, last.month):
        start = str(first.day)
    elif first.year == last.year:
        start = f"{first.day} {first.strftime('%B')}"
    else:
        start = format_date(first)
    return text("report_date_between", first=start, last=format_date(last))


def describe(report: dict, number: int) -> str:
    words = date_words(report)
    precision = report.get("reported_precision")
    if not words:
        when = text("report_when_not_given")
    elif precision == "month":
        when = text("report_when_month", date=words)
    else:
        when = words if precision == "approximate" else text("report_when_day", date=words)
    incident = reference = same = ""
    if report.get("incident_date") and report.get("incident_date") != report.get("reported_date"):
        incident = text("report_incident_on", date=format_date(date.fromisoformat(report["incident_date"])))
    if report.get("reference"):
        reference = text("report_reference", reference=report["reference"])
    if report.get("same_incident_as"):
        same = text("report_same_incident", number=report["same_incident_as"][1:])
    body = BODY_WORDS.get(report.get("reported_to") or "unknown") or text("body_someone")
    return text("report_line", number=number, body=body, when=when, incident=incident,
                reference=reference, same=same)


def readback(reports: list[dict]) -> str:
    if not reports:
        return text("readback_no_reports")
    return text("readback", lines="\n".join(describe(r, i) for i, r in enumerate(reports, start=1)))


_YES_NO = {True: "answer_yes", False: "answer_no", "not_sure": "answer_not_sure", "not_said": "answer_not_said"}


def _yn(value) -> str:
    return text(_YES_NO.get(value, "answer_not_given"))


def _given(value) -> str:
    return value if isinstance(value, str) and value not in ("skip", "none", "not given", "") else text("answer_not_given")


def _phone(value) -> str:
    """'07700900456' shown as people write it: '07700 900456'."""
    text = _given(value)
    return f"{text[:5]} {text[5:]}" if len(text) == 11 and text.isdigit() else text


def answer_items(s: dict) -> list[tuple[Optional[str], str, str]]:
    """Every answer as (question it answers, label, value). The question is None where
    changing it would change which other questions apply ("who is applying"): that is said in
    words, or by starting again."""
    applicant = s.get("applicant_type")
    not_given = text("answer_not_given")
    rows: list[tuple[Optional[str], str, str]] = [(None, text("label_applicant"), applicant_words(applicant))]
    if applicant == "on_behalf":
        rows += [("on_behalf_relationship", text("label_relationship"), _given(s.get("on_behalf_relationship"))),
                 ("victim_consent", text("label_consent"), _yn(s.get("victim_consent")))]
    if s.get("organisation_name"):
        rows.append(("organisation_name", text("label_organisation"), s["organisation_name"]))
    others = s.get("other_reporters")
    where = text("answer_where", place=s.get("location") or not_given,
                 area=s.get("area_name") or text("answer_area_to_check"))
    perpetrator = _given(s.get("perpetrator")) if s.get("perpetrator") != "not known" else text("answer_not_known")
    rows += [
        ("problem_description", text("label_problem"), s.get("problem_description") or not_given),
        ("location", text("label_where"), where),
        ("perpetrator", text("label_perpetrator"), perpetrator),
        ("ongoing", text("label_ongoing"), _yn(s.get("ongoing"))),
        ("hate", text("label_hate"), _yn(s.get("hate"))),
        ("other_reporters", text("label_other_reporters"),
         str(others) if isinstance(others, int) else text("answer_not_sure")),
    ]
    if s.get("impact_opt_in") is True:
        rows += [("impact_text", text("label_impact"), _given(s.get("impact_text"))),
                 ("vulnerable_in_home", text("label_vulnerable"), _yn(s.get("vulnerable_in_home"))),
                 ("fear_of_retaliation", text("label_retaliation"), _yn(s.get("fear_of_retaliation")))]
    safe = s.get("safe_contact")
    rows += [
        ("full_name", text("label_name"), s.get("full_name") or not_given),
        ("contact_address", text("label_address"), _given(s.get("contact_address"))),
        ("phone", text("label_phone"), _phone(s.get("phone"))),
        ("email", text("label_email"), _given(s.get("email"))),
        ("safe_contact", text("label_safe_contact"), safe if safe not in (None, "none") else text("answer_no_restrictions")),
    ]
    if applicant == "on_behalf":
        rows += [("victim_name", text("label_victim_name"), s.get("victim_name") or not_given),
                 ("victim_contact", text("label_victim_contact"), _given(s.get("victim_contact")))]
    return rows


def answer_rows(s: dict) -> list[tuple[str, str]]:
    """Every answer as (label, value): the resident's summary and the operator's case card."""
    return [(label, value) for _, label, value in answer_items(s)]


def changeable_answers(s: dict) -> dict[str, str]:
    """The answers a Change button may name for these answers, with their labels."""
    return {slot: label for slot, label, _ in answer_items(s) if slot is not None}
