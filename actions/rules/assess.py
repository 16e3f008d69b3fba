"""The assessment: is the ASB Case Review threshold met, under the law and the area's policy?

The law is the floor (rules §4): the outcome is *met* when the statutory test holds or any
more generous local route holds; stricter local conditions only raise flags. Uncertain facts
(vague dates, an unknown body, people who may share a household) are counted both ways: when
the two answers differ, the outcome is *needs_review* ("a person needs to check").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from actions.rules.explain import (
    counted_reason,
    missing_text,
    not_counted_reason,
    summary_text,
)
from actions.rules.periods import months_period_end
from actions.rules.policy import STATUTORY_MAX_REPORTS, Policy, load_policy
from actions.rules.qualify import STATUTORY, Check, Rules, check_report, local_rules
from actions.rules.reports import (
    COUNTING_BODIES,
    PayloadError,
    Report,
    incident_groups,
    read_reports,
)
from shared.words import text

MET, NEEDS_REVIEW, NOT_MET = "met", "needs_review", "not_met"
_RANK = {MET: 2, NEEDS_REVIEW: 1, NOT_MET: 0}


@dataclass
class Tally:
    """Reports that count for certain, and that might count, under one set of rules."""

    definite: list[Report] = field(default_factory=list)
    possible: list[Report] = field(default_factory=list)
    checks: dict[str, Check] = field(default_factory=dict)


@dataclass
class ProblemResult:
    problem: str
    reports: list[Report]  # one per incident (the first report of each)
    statutory: Tally
    local: Tally
    routes: dict[str, str]  # route -> met | needs_review
    outcome: str = NOT_MET

    @property
    def key(self) -> tuple:
        return (_RANK[self.outcome], len(self.statutory.definite), len(self.statutory.possible), self.problem)


def _tally(reports: list[Report], application: date, rules: Rules, distinct_dates: bool = False) -> Tally:
    tally = Tally()
    first_incident = min((r.incident.earliest for r in reports if r.incident), default=None)
    for r in reports:
        if r.reported_to not in COUNTING_BODIES and r.reported_to != "unknown":
            continue
        check = check_report(r, application, rules, first_incident)
        tally.checks[r.id] = check
        if check.definite and r.reported_to != "unknown":
            tally.definite.append(r)
        if check.possible:
            tally.possible.append(r)
    if distinct_dates:
        # Several complaints on one day count once: keep one report per (earliest) date.
        tally.definite = list({r.reported.earliest: r for r in sorted(tally.definite, key=lambda r: r.id, reverse=True)}.values())
        tally.possible = list({r.reported.earliest if r.reported else r.id: r for r in sorted(tally.possible, key=lambda r: r.id, reverse=True)}.values())
    return tally


def _level(definite: int, possible: int, needed: int) -> Optional[str]:
    if definite >= needed:
        return MET
    if possible >= needed:
        return NEEDS_REVIEW
    return None


def _differs_from_statute(policy: Policy) -> bool:
    return (
        policy.reports_needed < STATUTORY_MAX_REPORTS
        or policy.window_measured_from != "application"
        or not policy.is_statutory_deadline
        or policy.distinct_dates
    )


def _group_route(policy: Policy, payload: dict, statutory: Tally, application: date) -> Optional[str]:
    route = policy.group_route
    others = payload.get("other_reporters") or 0
    if route is None or others <= 0:
        return None
    in_window = [
        r for r in statutory.possible
        if r.reported and application <= months_period_end(r.reported.latest, route.window_months)
    ]
    applicant_def = 1 if any(r in statutory.definite for r in in_window) else 0
    applicant_pos = 1 if in_window else 0
    consent = payload.get("other_reporters_consent")
    unsure = bool(payload.get("other_reporters_same_household_unsure"))
    certain_others = others if consent is True and not unsure else 0
    possible_others = others if consent is not False else 0
    if route.kind == "separate_people":
        return _level(certain_others + applicant_def, possible_others + applicant_pos, route.count)
    # "N reports from more than one person": others' reports (at least one each) plus the applicant's.
    other_reports = max(payload.get("other_reports") or 0, others)
    own_def = sum(1 for r in in_window if r in statutory.definite)
    return _level(
        own_def + (other_reports if certain_others else 0),
        len(in_window) + (other_reports if possible_others else 0),
        route.count,
    )


def _hate_route(policy: Policy, payload: dict, reports: list[Report], application: date) -> Optional[str]:
    route = policy.hate_route
    if route is None:
        return None
    rules = Rules(STATUTORY.deadline_end, STATUTORY.deadline_words, route.window_months)
    hate_reports = [r for r in reports if (r.hate if r.hate is not None else payload.get("hate") is True)]
    tally = _tally(hate_reports, application, rules)
    return _level(len(tally.definite), len(tally.possible), route.incidents)


def _assess_problem(problem: str, reports: list[Report], policy: Policy, payload: dict, application: date) -> ProblemResult:
    statutory = _tally(reports, application, STATUTORY)
    local = _tally(reports, application, local_rules(policy), policy.distinct_dates)
    routes: dict[str, str] = {}
    level = _level(len(statutory.definite), len(statutory.possible), STATUTORY_MAX_REPORTS)
    if level:
        routes["statutory"] = level
    if _differs_from_statute(policy):
        level = _level(len(local.definite), len(local.possible), policy.reports_needed)
        if level:
            routes["local_count"] = level
    for name, level in (
        ("group", _group_route(policy, payload, statutory, application)),
        ("hate", _hate_route(policy, payload, reports, application)),
    ):
        if level:
            routes[name] = level
    # A manager *may* order a review for a vulnerable victim: that is a person's decision,
    # so on its own it means "a person needs to check", never a promise.
    if policy.vulnerability_override and payload.get("vulnerable") is True:
        routes["vulnerability"] = NEEDS_REVIEW
    result = ProblemResult(problem, reports, statutory, local, routes)
    result.outcome = max(routes.values(), key=_RANK.get, default=NOT_MET)
    return result


def _today() -> date:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/London")).date()


def _validate_counts(payload: dict) -> None:
    for key in ("other_reporters", "other_reports"):
        value = payload.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10000):
            raise PayloadError(f"{key}: expected a whole number from 0 upwards")
    for key in ("hate", "vulnerable", "ongoing", "other_reporters_consent", "other_reporters_same_household_unsure"):
        value = payload.get(key)
        if value is not None and not isinstance(value, bool):
            raise PayloadError(f"{key}: expected true, false or null")


def assess(payload: dict, policy: Policy, today: Optional[date] = None) -> dict:
    """Assess one application (the JSON described in docs/contracts.md)."""
    if not isinstance(payload, dict):
        raise PayloadError("the application must be a JSON object")
    _validate_counts(payload)
    today = today or _today()
    try:
        application = date.fromisoformat(str(payload["application_date"])) if payload.get("application_date") else today
    except ValueError:
        raise PayloadError("application_date: expected a date like 2026-03-15") from None
    reports = read_reports(payload.get("reports"), application)

    chains = incident_groups(reports)
    firsts = [members[0] for members in chains.values()]
    by_problem: dict[str, list[Report]] = {}
    for r in firsts:
        by_problem.setdefault(r.problem, []).append(r)
    if not by_problem:
        by_problem["main"] = []
    results = [_assess_problem(p, rs, policy, payload, application) for p, rs in sorted(by_problem.items())]
    best = max(results, key=lambda r: r.key)

    out_reports = _report_entries(reports, chains, best, policy, application)
    flags = _flags(best, payload, policy, application, reports, len(results) > 1)
    statutory_outcome = best.routes.get("statutory", NOT_MET)
    needed = min(policy.reports_needed, STATUTORY_MAX_REPORTS)
    counted = len(best.local.definite) if policy.reports_needed < STATUTORY_MAX_REPORTS else len(best.statutory.definite)
    result: dict[str, Any] = {
        "outcome": best.outcome,
        "routes_met": sorted(k for k, v in best.routes.items() if v == MET),
        "routes_possible": sorted(k for k, v in best.routes.items() if v == NEEDS_REVIEW),
        "statutory_outcome": statutory_outcome,
        "reference_date": application.isoformat(),
        "policy": {"id": policy.id, "version": policy.version, "name": policy.name},
        "problem_assessed": best.problem,
        "problems": len(results),
        "reports": out_reports,
        "counted": counted,
        "needed": needed,
        "missing": None,
        "flags": flags,
        "caveats": list(policy.caveats),
    }
    if best.outcome != MET:
        earliest = min((r.reported.earliest for r in best.statutory.definite), default=None)
        result["missing"] = missing_text(counted, needed, earliest, len(results) > 1)
    result["summary"] = summary_text(result)
    return result


def _report_entries(reports, chains, best: ProblemResult, policy: Policy, application: date) -> list[dict]:
    first_of = {m.id: key for key, members in chains.items() for m in members}
    best_ids = {r.id for r in best.reports}
    local = local_rules(policy)
    entries = []
    for r in reports:  # input order
        entry: dict[str, Any] = {"id": r.id, "counted": False, "status": "", "reasons": [], "late": False, "flags": []}
        head = first_of[r.id]
        if head != r.id:
            entry.update(status="same_incident", same_as=head)
        elif r.id not in best_ids:
            entry.update(status="unrelated", problem=r.problem)
        elif r.reported_to not in COUNTING_BODIES and r.reported_to != "unknown":
            entry.update(status="not_counted_body")
            entry["flags"].append(f"reported_to_{r.reported_to}")
        else:
            check = best.statutory.checks.get(r.id)
            if r in best.statutory.definite or (policy.reports_needed < STATUTORY_MAX_REPORTS and r in best.local.definite):
                entry.update(status="counted", counted=True)
            elif check and check.possible:
                entry.update(status="uncertain")
            elif check and check.failure == "no_date":
                entry.update(status="unknown_date")
            elif check and check.failure in ("before_incident", "after_application"):
                entry.update(status="unknown_date")
                entry["flags"].append(check.failure)
            elif check:
                entry.update(status=check.failure, late=check.failure == "late")
            # Stricter local deadline: flagged for the caseworker, never used to refuse.
            if entry["counted"] and not policy.is_statutory_deadline and r.reported and r.incident:
                local_check = check_report(r, application, Rules(local.deadline_end, local.deadline_words, 6))
                if not local_check.definite:
                    entry["flags"].append("late_under_local_rule")
            if r.reported_to == "unknown":
                entry["flags"].append("reported_to_unknown")
        if r.problems_found:
            entry["flags"].append("date_not_understood")
        entry["reasons"] = (
            [counted_reason(r, application)] if entry["counted"]
            else [not_counted_reason(r, entry, application, policy)]
        )
        if "late_under_local_rule" in entry["flags"]:
            entry["reasons"].append(text("rules_late_under_local_rule", policy=policy.name, deadline=local.deadline_words()))
        entries.append(entry)
    return entries


def _flags(best: ProblemResult, payload: dict, policy: Policy, application: date, reports, several: bool) -> list[str]:
    flags: list[str] = []
    counted = best.statutory.definite
    if policy.latest_report_within_month_of_application and counted:
        latest = max(r.reported.latest for r in counted)
        if application > months_period_end(latest, 1):
            flags.append("latest_report_older_than_one_month")
    if policy.requires_ongoing and payload.get("ongoing") is False:
        flags.append("problem_not_ongoing")
    if payload.get("other_reporters_same_household_unsure"):
        flags.append("other_reporters_household_unsure")
    if (payload.get("other_reporters") or 0) > 0 and payload.get("other_reporters_consent") is False:
        flags.append("other_reporters_no_consent")
    if several:
        flags.append("several_problems")
    if any(r.reported_to not in COUNTING_BODIES for r in reports):
        flags.append("reports_to_bodies_that_do_not_count")
    if payload.get("hate") is True:
        flags.append("hate")
    if payload.get("vulnerable") is True:
        flags.append("vulnerable")
    for flag in payload.get("risk_flags") or []:
        if isinstance(flag, str) and flag.isidentifier():
            flags.append(f"risk_{flag}")
    if best.routes.get("statutory") == MET and _differs_from_statute(policy):
        level = _level(len(best.local.definite), len(best.local.possible), policy.reports_needed)
        if level != MET:
            flags.append("statutory_met_local_rule_not_met")
    return flags


def assess_payload(payload: dict, area: str, today: Optional[date] = None) -> dict:
    """The engine's entry point for the actions and the command line."""
    return assess(payload, load_policy(area), today)
