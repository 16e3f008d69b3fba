"""Turn the reports a resident gave (JSON-like dicts) into checked, normalised values.

Every date is a range (earliest..latest) so vague dates ("early March") flow through the
same checks as exact ones; an unknown incident date is an open range ending at the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Optional

from actions.rules.periods import Span

COUNTING_BODIES = frozenset({"police", "council", "housing", "health"})
OTHER_BODIES = frozenset(
    {"private_landlord", "councillor", "mp", "residents_group", "social_media", "diary", "other"}
)
BODIES = COUNTING_BODIES | OTHER_BODIES | {"unknown"}
PRECISIONS = ("exact", "approximate", "month", "unknown")

# An unknown incident date could be any time before the report; ten years stands for "any".
_OPEN_PAST = timedelta(days=3650)


class PayloadError(ValueError):
    """The application data cannot be assessed; the message says which field and why."""


@dataclass
class Report:
    index: int
    id: str
    reported: Optional[Span]
    incident: Optional[Span]
    reported_to: str
    reference: Optional[str]
    same_incident_as: Optional[str]
    problem: str
    hate: Optional[bool]
    problems_found: list[str] = field(default_factory=list)  # dates that cannot be right

    @property
    def incident_span(self) -> Optional[Span]:
        """The incident as a range; unknown means any time up to the report."""
        if self.incident is not None:
            return self.incident
        if self.reported is None:
            return None
        return Span(self.reported.earliest - _OPEN_PAST, self.reported.latest, "unknown")


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|your|my|their)\s+")


def read_body(value: Any, where: str) -> str:
    """`reported_to` as docs/contracts.md spells it, from the words a caseworker types:
    "Police", "Private landlord", "housing association", "Social housing" (case, spaces,
    dashes and underscores do not matter). Anything else is refused with the accepted list."""
    if value in (None, ""):
        return "unknown"
    words = " ".join(re.split(r"[\s_-]+", value.strip().casefold())) if isinstance(value, str) else ""
    words = _LEADING_ARTICLE.sub("", words)
    if words.replace(" ", "_") in BODIES:
        return words.replace(" ", "_")
    from actions.language.bodies import body_named  # lazy: only for words, not codes

    body = body_named(words)
    if body is None:
        raise PayloadError(f"{where}: '{str(value)[:30]}' is not one of {', '.join(sorted(BODIES))}"
                           " (or the same in words, e.g. 'Housing provider', 'private landlord')")
    return body


def _iso(value: Any, where: str) -> Optional[date]:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PayloadError(f"{where}: expected a date like 2026-03-15, got {type(value).__name__}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PayloadError(f"{where}: '{value[:40]}' is not a date like 2026-03-15") from None


def _span(raw: dict, prefix: str, where: str, today: date) -> tuple[Optional[Span], list[str]]:
    """Read `<prefix>_date`, `_earliest`, `_latest`, `_precision` or `_said` from a report."""
    notes: list[str] = []
    exact = _iso(raw.get(f"{prefix}_date"), f"{where}.{prefix}_date")
    earliest = _iso(raw.get(f"{prefix}_earliest"), f"{where}.{prefix}_earliest")
    latest = _iso(raw.get(f"{prefix}_latest"), f"{where}.{prefix}_latest")
    precision = raw.get(f"{prefix}_precision") or ("exact" if exact and not (earliest or latest) else "approximate")
    if precision not in PRECISIONS:
        raise PayloadError(f"{where}.{prefix}_precision: use one of {', '.join(PRECISIONS)}")
    said = raw.get(f"{prefix}_said")
    if exact is None and earliest is None and latest is None and isinstance(said, str) and said.strip():
        from actions.rules.said_dates import read_said_date  # lazy: only when words are given

        span, note = read_said_date(said, today)
        if note:
            notes.append(note)
        return span, notes
    if earliest is None and latest is None:
        return (Span(exact, exact, precision) if exact else None), notes
    earliest = earliest or exact or latest
    latest = latest or exact or earliest
    if latest < earliest:
        raise PayloadError(f"{where}.{prefix}_latest is before {prefix}_earliest")
    return Span(earliest, latest, precision), notes


def read_reports(raw_reports: Any, today: date) -> list[Report]:
    if raw_reports is None:
        return []
    if not isinstance(raw_reports, list):
        raise PayloadError("reports: expected a list of reports")
    reports: list[Report] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_reports):
        where = f"reports[{i}]"
        if not isinstance(raw, dict):
            raise PayloadError(f"{where}: expected an object with the report's details")
        rid = str(raw.get("id") or f"r{i + 1}")
        if rid in seen:
            raise PayloadError(f"{where}.id: '{rid}' is used twice")
        seen.add(rid)
        body = read_body(raw.get("reported_to"), f"{where}.reported_to")
        reported, notes_r = _span(raw, "reported", where, today)
        incident, notes_i = _span(raw, "incident", where, today)
        problem = raw.get("problem")
        hate = raw.get("hate")
        same = raw.get("same_incident_as")
        report = Report(
            index=i, id=rid, reported=reported, incident=incident, reported_to=body,
            reference=str(raw["reference"])[:200] if raw.get("reference") else None,
            same_incident_as=str(same) if same not in (None, "") else None,
            problem=(problem.strip().lower() if isinstance(problem, str) and problem.strip() else "main"),
            hate=hate if isinstance(hate, bool) else None,
            problems_found=notes_i + notes_r,
        )
        reports.append(report)
    ids = {r.id for r in reports}
    for r in reports:
        if r.same_incident_as is not None and (r.same_incident_as not in ids or r.same_incident_as == r.id):
            raise PayloadError(f"reports[{r.index}].same_incident_as: no other report has id '{r.same_incident_as}'")
    return reports


def incident_groups(reports: list[Report]) -> dict[str, list[Report]]:
    """Reports that describe one incident (same_incident_as links), keyed by the first one.

    The first is the one with the earliest report date (then the lowest id), so the result
    does not depend on the order the resident told them in.
    """
    parent = {r.id: r.id for r in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in reports:
        if r.same_incident_as:
            a, b = find(r.id), find(r.same_incident_as)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[Report]] = {}
    for r in reports:
        groups.setdefault(find(r.id), []).append(r)
    keyed: dict[str, list[Report]] = {}
    for members in groups.values():
        members.sort(key=lambda r: (r.reported.earliest if r.reported else date.max, r.id))
        keyed[members[0].id] = members
    return keyed
