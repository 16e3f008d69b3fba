"""Plain-English words for the assessment: short sentences, no legal terms, never "not eligible".

Residents read these on a phone, often upset: say what counted and why, what did not and
why, and always that they can still ask for a review. The sentences are domain.yml's
`rules_` words; this module only chooses which one and fills it in.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Optional, Union

from actions.rules.periods import months_period_end
from shared.application.bodies import BODY_WORDS
from shared.words import text

if TYPE_CHECKING:
    from actions.rules.policy import Policy
    from actions.rules.reports import Report

_IN_WORDS = range(6)  # counts said in words ("no", "one" ... "five"); larger ones as digits


def number_word(n: int) -> Union[str, int]:
    """'no', 'one' ... 'five' (the `rules_number_<n>` words); other counts as they are."""
    return text(f"rules_number_{n}") if n in _IN_WORDS else n


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _when(span) -> str:
    if span is None:
        return text("rules_when_unknown")
    if span.exact:
        return text("rules_when_day", date=day(span.earliest))
    if span.precision == "month":
        return text("rules_when_month", date=span.earliest.strftime("%B %Y"))
    return text("rules_when_around", date=day(span.value))


def counted_reason(report: "Report", application: date) -> str:
    body, when = BODY_WORDS[report.reported_to], _when(report.reported)
    if report.incident and report.incident.precision != "unknown":
        return text("rules_counted_in_time", body=body, when=when, incident=_when(report.incident))
    return text("rules_counted", body=body, when=when)


def not_counted_reason(report: "Report", entry: dict, application: date, policy: "Policy") -> str:
    status = entry["status"]
    body = BODY_WORDS[report.reported_to] if report.reported_to in BODY_WORDS else text("body_someone")
    if status == "same_incident":
        return text("rules_same_incident")
    if status == "unrelated":
        return text("rules_unrelated", problem=report.problem)
    if status == "not_counted_body":
        return text("rules_body_does_not_count", body=body)
    if status == "late":
        return text("rules_late", when=_when(report.reported), incident=_when(report.incident))
    if status == "expired":
        end = months_period_end(report.reported.latest, 6) if report.reported else None
        if end:
            return text("rules_expired_until", when=_when(report.reported), until=day(end))
        return text("rules_expired", when=_when(report.reported))
    if status == "uncertain":
        return text("rules_uncertain")
    if "before_incident" in entry.get("flags", []):
        return text("rules_before_incident")
    if "after_application" in entry.get("flags", []):
        return text("rules_after_application")
    return text("rules_no_date")


def missing_text(counted: int, needed: int, earliest: Optional[date], several_problems: bool) -> str:
    more = needed - counted
    if counted <= 0 or earliest is None:
        missing = text("rules_missing_none", needed=number_word(needed).capitalize())
    else:
        before = months_period_end(earliest, 6) + timedelta(days=1)
        missing = text(
            "rules_missing_some",
            counted=number_word(counted),
            counted_noun=text("rules_report_one" if counted == 1 else "rules_report_many"),
            since=day(earliest),
            more=number_word(more).capitalize(),
            more_noun=text("rules_report_one" if more == 1 else "rules_report_many"),
            before=day(before),
        )
    if several_problems:
        return text("rules_missing_several_problems", missing=missing)
    return missing


def summary_text(result: dict) -> str:
    outcome = result["outcome"]
    if outcome == "met":
        why = text("rules_route_and").join(text(f"rules_route_{r}") for r in result["routes_met"])
        return text("rules_met", why=why)
    if outcome == "needs_review":
        return text("rules_needs_review", can_still_apply=text("rules_can_still_apply"))
    return text("rules_not_met", missing=result["missing"], can_still_apply=text("rules_can_still_apply"))


def explain(result: dict) -> list[str]:
    """Paragraphs for the resident: the outcome, each report, and local information."""
    lines = [result["summary"]]
    for i, entry in enumerate(result["reports"], start=1):
        word_id = "rules_report_counted" if entry["counted"] else "rules_report_not_counted"
        lines.append(text(word_id, number=i, reasons=" ".join(entry["reasons"])))
    lines.extend(result.get("caveats") or [])
    return lines
