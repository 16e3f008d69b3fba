"""Plain-English words for the assessment: short sentences, no legal terms, never "not eligible".

Residents read these on a phone, often upset: say what counted and why, what did not and
why, and always that they can still ask for a review.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Optional

from actions.rules.periods import months_period_end
from shared.application.bodies import BODY_WORDS

if TYPE_CHECKING:
    from actions.rules.policy import Policy
    from actions.rules.reports import Report

NUMBER_WORDS = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _when(span) -> str:
    if span is None:
        return "on a date we don't know"
    if span.exact:
        return f"on {day(span.earliest)}"
    if span.precision == "month":
        return f"in {span.earliest.strftime('%B %Y')}"
    return f"around {day(span.value)}"


def counted_reason(report: "Report", application: date) -> str:
    words = f"You reported it to {BODY_WORDS[report.reported_to]} {_when(report.reported)}"
    if report.incident and report.incident.precision != "unknown":
        words += f", within a month of the incident {_when(report.incident)}"
    return words + ", and it was in the six months before you applied. It counts."


def not_counted_reason(report: "Report", entry: dict, application: date, policy: "Policy") -> str:
    status = entry["status"]
    body = BODY_WORDS.get(report.reported_to, "someone")
    if status == "same_incident":
        return "This is about the same incident as another report, so it is counted once with that one."
    if status == "unrelated":
        return (
            f"This is about a different problem ({report.problem}). Reports about different problems "
            "do not add up, so it is looked at separately."
        )
    if status == "not_counted_body":
        return (
            f"This was told to {body}. Only reports to the police, the council or a social housing "
            "provider count towards the threshold, but it stays in your application as background."
        )
    if status == "late":
        return (
            f"It was reported {_when(report.reported)}, more than a month after the incident "
            f"{_when(report.incident)}. It does not count towards the threshold, but it stays in your "
            "application and the agencies can still look at it."
        )
    if status == "expired":
        end = months_period_end(report.reported.latest, 6) if report.reported else None
        until = f" (it counted until {day(end)})" if end else ""
        return (
            f"It was reported {_when(report.reported)}, more than six months before you applied{until}. "
            "It stays in your application as background."
        )
    if status == "uncertain":
        return (
            "We can't be sure of the dates for this one, so whether it counts depends on the exact day. "
            "A person will check it with the agency's records."
        )
    if "before_incident" in entry.get("flags", []):
        return "The report date is before the incident date, so one of the dates needs checking."
    if "after_application" in entry.get("flags", []):
        return "The report date is after the date of the application, so it needs checking."
    return "We don't know when this was reported, so we could not count it. A person can check it."


def missing_text(counted: int, needed: int, earliest: Optional[date], several_problems: bool) -> str:
    more = needed - counted
    noun = "report" if more == 1 else "reports"
    if counted <= 0 or earliest is None:
        text = (
            f"We could not count any reports yet. {NUMBER_WORDS.get(needed, needed).capitalize()} related "
            "reports to the police, the council or your housing provider within six months would reach the threshold."
        )
    else:
        before = months_period_end(earliest, 6) + timedelta(days=1)
        text = (
            f"You told us about {NUMBER_WORDS.get(counted, counted)} report{'s' if counted != 1 else ''} "
            f"we could count since {day(earliest)}. {NUMBER_WORDS.get(more, more).capitalize()} more related "
            f"{noun} before {day(before)} would reach the threshold."
        )
    if several_problems:
        text += " Your reports are about different problems, so they were looked at separately."
    return text


_ROUTE_WORDS = {
    "statutory": "you reported the problem three times in six months",
    "local_count": "you made enough reports under your area's rules",
    "group": "enough people have reported the same problem",
    "hate": "the problem is being treated as hate-related",
    "vulnerability": "someone vulnerable is affected",
}

CAN_STILL_APPLY = (
    "You can still ask for a review. The agencies also look at how much harm the problem is "
    "causing, how long it has gone on and whether anyone is vulnerable."
)


def summary_text(result: dict) -> str:
    outcome = result["outcome"]
    if outcome == "met":
        why = " and ".join(_ROUTE_WORDS[r] for r in result["routes_met"])
        return f"Your application meets the threshold for an ASB Case Review, because {why}."
    if outcome == "needs_review":
        return (
            "A person needs to check your application, because the answer depends on details we "
            "can't be sure of (such as exact dates). " + CAN_STILL_APPLY
        )
    return f"Your application does not meet the threshold yet. {result['missing']} {CAN_STILL_APPLY}"


def explain(result: dict) -> list[str]:
    """Paragraphs for the resident: the outcome, each report, and local information."""
    lines = [result["summary"]]
    for i, entry in enumerate(result["reports"], start=1):
        mark = "Counted" if entry["counted"] else "Not counted"
        lines.append(f"Report {i}: {mark}. " + " ".join(entry["reasons"]))
    lines.extend(result.get("caveats") or [])
    return lines
