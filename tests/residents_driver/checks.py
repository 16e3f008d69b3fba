"""Did the right outcome and payload reach the case system? `expect` against the application.

`expect.payload` names facts in the abstract (tests/corpora/residents/README.md); here they are
mapped onto schema_version 1 (docs/case-system.openapi.yaml). Each check returns a sentence
when it fails, so the report says what was wrong, not just that something was.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .driver import Run

VICTIM_KIND = {"individual": {"person"}, "business": {"business", "business_or_group"},
               "community_group": {"group", "business_or_group"}}
# The schema has no group_member applicant: one of a group applies for themself (self).
APPLICANT_TYPE = {"self": {"self"}, "on_behalf": {"on_behalf"}, "business": {"organisation"},
                  "community_group": {"organisation"}, "group_member": {"self"}}
PRECISION = {"approximate": {"approximate"}, "month_only": {"month"}}


def _norm(text: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _ref(text: Any) -> str:
    """A reference without the word naming its kind ("incident 0652 of 18 September")."""
    return _norm(re.sub(r"^\s*(incident|crime number|crime no\.?|ref(erence)?( number)?)\b", "", str(text or ""), flags=re.I))


def _has(haystack: Any, needle: Any) -> bool:
    return bool(_norm(needle)) and _norm(needle) in _norm(haystack)


def outcome_problems(profile: dict, run: Run, app: Optional[dict]) -> list[str]:
    exp = profile["expect"]
    problems = []
    want = exp["outcome"]
    if run.observed_outcome != want:
        problems.append(f"outcome: expected {want}, the conversation showed {run.observed_outcome} (ended: {run.end})")
    if want == "right_route" and run.end != exp.get("right_route_reason"):
        problems.append(f"right route: expected {exp.get('right_route_reason')}, ended {run.end}")
    if exp.get("initial_outcome") and (not run.outcomes_shown or run.outcomes_shown[0] != exp["initial_outcome"]):
        problems.append(f"first assessment: expected {exp['initial_outcome']}, showed {run.outcomes_shown[:1]}")
    shown = " ".join(text for who, text in run.transcript if who == "assistant")
    safety = {"check_or_999": ["999"], "domestic_abuse": ["0808 2000 247"]}.get(exp.get("safety"), [])
    for number in safety + list(exp.get("must_show") or []):
        if number not in shown:
            problems.append(f"safety: the assistant never showed {number}")
    if exp["sends_application"]:
        if app is None:
            problems.append("no application reached the case system")
        else:
            got = app["assessment"]["outcome"]
            if got != want:
                problems.append(f"outcome sent: expected {want}, the case system got {got}")
            routes = exp.get("route")
            if routes:
                routes = set(routes if isinstance(routes, list) else [routes])
                if not routes <= set(app["assessment"].get("routes_met") or []):
                    problems.append(f"route: expected {sorted(routes)}, got {app['assessment'].get('routes_met')}")
    elif app is not None or run.reference:
        problems.append("an application was sent, but none should be")
    return problems


def payload_problems(profile: dict, app: Optional[dict]) -> list[str]:
    expected = profile["expect"].get("payload")
    if expected is None:
        return ["an application was sent, but none should be"] if app is not None else []
    if app is None:
        return ["no application reached the case system"]
    problems = []
    for key, want in expected.items():
        check = CHECKS.get(key)
        if check is None:
            continue  # keys that qualify another (safe_contact_must_mention) are read by it
        problem = check(app, want, expected)
        if problem:
            problems.append(f"{key}: {problem}")
    return problems


def _reports(app: dict) -> list[dict]:
    return app.get("reports") or []


def _eq(label: str, got: Any, want: Any) -> Optional[str]:
    return None if got == want else f"expected {want!r}, got {got!r}"


def _victim_type(app, want, _):
    got = (app.get("victim") or {}).get("kind")
    return None if got in VICTIM_KIND.get(want, set()) | {want} else f"expected {want}, got {got}"


def _applicant_type(app, want, _):
    got = app["applicant"]["type"]
    return None if got in APPLICANT_TYPE.get(want, {want}) else f"expected {want}, got {got}"


def _counted(app, want, _):
    got = sum(1 for r in _reports(app) if r.get("counted"))
    return _eq("counted", got, want)


def _references(app, want, _):
    sent = [r.get("reference") for r in _reports(app) if r.get("reference")]
    missing = [w for w in want if not any(_ref(w) and _ref(w) in _ref(s) for s in sent)]
    return f"missing {missing} (sent {sent})" if missing else None


def _references_absent(app, want, _):
    sent = [r.get("reference") for r in _reports(app) if r.get("reference")]
    there = [w for w in want if any(_ref(w) == _ref(s) for s in sent)]
    return f"should not be sent: {there}" if there else None


def _safe_contact(app, want, expected):
    sc = app.get("safe_contact") or {}
    restriction = sc.get("restrictions")
    if want is None:
        return None if not restriction else f"expected no restriction, got {restriction!r}"
    if not restriction:
        return "expected a restriction, got none"
    # By meaning, loosely: every word of the keyword is there ("marked car" in "no marked police car").
    words = set(re.findall(r"[a-z0-9]+", restriction.lower()))
    missing = [k for k in expected.get("safe_contact_must_mention") or []
               if not _has(restriction, k) and not set(re.findall(r"[a-z0-9]+", k.lower())) <= words]
    return f"restriction does not mention {missing}: {restriction!r}" if missing else None


def _flag(name):
    def check(app, want, _):
        return _eq(name, app.get(name), want)
    return check


def _vulnerable(app, want, _):
    impact = app.get("impact") or {}
    got = impact.get("vulnerable_in_home") == "yes" or "vulnerable" in (app.get("risk_flags") or [])
    return _eq("vulnerable", got, want)


def _relationship(app, want, _):
    got = app["applicant"].get("relationship_to_victim")
    return None if _has(got, want) else f"expected {want!r}, got {got!r}"


def _victim_name(app, want, _):
    got = (app.get("victim") or {}).get("name")
    return None if _has(got, want) else f"expected {want!r}, got {got!r}"


def _victim_consents(app, want, _):
    return _eq("victim_consents", app["applicant"].get("victim_consent"), want)


def _organisation_name(app, want, _):
    got = [app["applicant"].get("organisation"), (app.get("victim") or {}).get("name")]
    return None if any(_has(g, want) for g in got) else f"expected {want!r}, got {got!r}"


def _contact_person(app, want, _):
    got = app["applicant"].get("name")
    return None if _has(got, want) else f"expected {want!r}, got {got!r}"


def _other_reporters(app, want, _):
    return _eq("other_reporters", (app.get("other_reporters") or {}).get("count"), want)


def _other_reporters_consent(app, want, _):
    return _eq("consent", (app.get("other_reporters") or {}).get("consent_to_be_named"), want)


def _same_incident_links(app, want, _):
    reports = _reports(app)
    wrong = []
    for i, j in want:
        if i >= len(reports) or j >= len(reports) or reports[i].get("same_incident_as") != reports[j].get("id"):
            wrong.append([i, j])
    return f"links not sent: {wrong}" if wrong else None


def _indices(flag):
    def check(app, want, _):
        got = [i for i, r in enumerate(_reports(app)) if r.get(flag)]
        return _eq(flag, sorted(got), sorted(want))
    return check


def _dates(field_name):
    def check(app, want, _):
        got = [r.get(field_name) for r in _reports(app)]
        return _eq(field_name, got, [str(w) for w in want])
    return check


def _bodies(app, want, _):
    return _eq("bodies", [r.get("reported_to") for r in _reports(app)], list(want))


def _contact_phone(app, want, _):
    got = (app["applicant"].get("contact") or {}).get("phone")
    return None if _norm(got) == _norm(want) else f"expected {want!r}, got {got!r}"


def _precision(field_name):
    def check(app, want, _):
        reports = _reports(app)
        wrong = {}
        for index, kind in want.items():
            i = int(index)
            got = reports[i].get(field_name) if i < len(reports) else None
            if got not in PRECISION.get(kind, {kind}):
                wrong[i] = got
        return f"expected {want}, got {wrong}" if wrong else None
    return check


def _uncertain(app, want, _):
    reports = _reports(app)
    sure = [i for i in want if i >= len(reports)
            or (reports[i].get("incident_precision") == "exact" and reports[i].get("status") != "unknown_date")]
    return f"reports {sure} were sent as certain" if sure else None


CHECKS = {
    "victim_type": _victim_type, "applicant_type": _applicant_type,
    "reports": lambda app, want, _: _eq("reports", len(_reports(app)), want),
    "counted": _counted, "uncertain": _uncertain,
    "references": _references, "references_absent": _references_absent,
    "safe_contact": _safe_contact, "hate": _flag("hate"), "ongoing": _flag("ongoing"), "vulnerable": _vulnerable,
    "relationship": _relationship, "victim_name": _victim_name, "victim_consents": _victim_consents,
    "organisation_name": _organisation_name, "contact_person": _contact_person,
    "other_reporters": _other_reporters, "other_reporters_consent": _other_reporters_consent,
    "same_incident_links": _same_incident_links, "late_reports": _indices("late"),
    "counted_reports": _indices("counted"), "report_dates": _dates("reported_date"),
    "incident_dates": _dates("incident_date"), "report_bodies": _bodies, "contact_phone": _contact_phone,
    "incident_precision": _precision("incident_precision"), "report_precision": _precision("reported_precision"),
}
