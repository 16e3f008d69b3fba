"""The outbox record (what the intake stored) turned into the contract's body, schema_version 1.

Deterministic: the same outbox row always gives the same bytes, so a re-send after a crash
is byte-for-byte the same request body and the receiver's idempotency answers it. Unknown
or odd values are normalised (a vocabulary word that is not in the contract becomes
`other`/`null`) rather than lost: the resident's own words travel beside every parsed value.
Nothing here is ever truncated; an over-long answer is rejected by the receiver and stays
visible to staff.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from shared.application.victims import normalise_kind

SCHEMA_VERSION = 1
BODIES = ("police", "council", "housing", "health", "private_landlord", "councillor", "mp", "residents_group",
          "social_media", "diary", "other", "unknown")
PRECISIONS = ("exact", "approximate", "month", "unknown")
STATUSES = ("counted", "same_incident", "late", "expired", "not_counted_body", "unrelated", "unknown_date")
OUTCOMES = ("met", "not_met", "needs_review")
APPLICANT_TYPES = ("self", "on_behalf", "organisation")


def _d(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _s(value: Any) -> Optional[str]:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return value if isinstance(value, str) and value != "" else None


def _b(value: Any) -> Optional[bool]:
    return value if isinstance(value, bool) else None


def _i(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _answer(value: Any) -> Optional[str]:
    """yes/no/not_sure style answers: booleans become yes/no, strings are kept."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _s(value)


def _words(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _one_of(value: Any, allowed: tuple[str, ...], fallback: Optional[str]) -> Optional[str]:
    return value if value in allowed else fallback


def _date(value: Any) -> Optional[str]:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def _contact(c: dict) -> dict:
    return {k: _s(c.get(k)) for k in ("address", "phone", "email", "words", "preferred")}


def _report(r: dict, i: int) -> dict:
    out: dict[str, Any] = {"id": _s(r.get("id")) or f"r{i + 1}"}
    for side in ("incident", "reported"):
        out[f"{side}_date"] = _date(r.get(f"{side}_date"))
        out[f"{side}_precision"] = _one_of(r.get(f"{side}_precision"), PRECISIONS, None)
        out[f"{side}_earliest"] = _date(r.get(f"{side}_earliest"))
        out[f"{side}_latest"] = _date(r.get(f"{side}_latest"))
        out[f"{side}_said"] = _s(r.get(f"{side}_said"))
    out["reported_to"] = _one_of(r.get("reported_to"), BODIES, "other" if r.get("reported_to") else "unknown")
    out["reference"] = _s(r.get("reference"))
    out["reference_said"] = _s(r.get("reference_said"))
    out["same_incident_as"] = _s(r.get("same_incident_as"))
    out["problem"] = _s(r.get("problem"))
    out["words"] = _s(r.get("words"))
    out["counted"] = r.get("counted") is True
    out["status"] = _one_of(r.get("status"), STATUSES, None)
    out["reasons"] = _words(r.get("reasons"))
    out["late"] = r.get("late") is True
    out["flags"] = _words(r.get("flags"))
    return out


def wire_body(payload: dict, reference: str) -> dict:
    """The contract body for one outbox row (`payload` as stored, `reference` given to the resident)."""
    p = _d(payload)
    applicant, victim, safe = _d(p.get("applicant")), _d(p.get("victim")), p.get("safe_contact")
    arrived, policy, location = _d(p.get("arrived_by")), _d(p.get("policy")), _d(p.get("location"))
    others, impact, assessment = _d(p.get("other_reporters")), _d(p.get("impact")), _d(p.get("assessment"))
    if not isinstance(safe, dict):  # an older record kept it on the victim, as words
        safe = {"restrictions": _s(safe if safe is not None else victim.get("safe_contact"))}
    victim_contact = _d(victim.get("contact"))
    if victim.get("contact_words"):
        victim_contact = {**victim_contact, "words": victim.get("contact_words")}
    operator_actions = [
        {"at": _s(a.get("at")), "action": _s(a.get("action")) or "unknown", "operator": _s(a.get("operator"))}
        for a in arrived.get("operator_actions") or [] if isinstance(a, dict)
    ][-500:]  # the contract's maxItems
    hate = p.get("hate")
    outcome = assessment.get("outcome")
    return {
        "schema_version": SCHEMA_VERSION,
        "application_id": _s(p.get("application_id")),
        "reference": reference,
        "submitted_at": _s(p.get("submitted_at")),
        "application_date": _date(p.get("application_date")) or _date(p.get("submitted_at")),
        "channel": {
            "name": _s(arrived.get("channel")) or "unknown",
            # Queued but never taken is not "handed over"; older records only had the list.
            "handed_over_by_operator": arrived.get("handed_over_by_operator") is True
            if "handed_over_by_operator" in arrived else bool(operator_actions),
            "operator_actions": operator_actions,
        },
        "policy": {"id": _s(policy.get("id")), "version": _s(policy.get("version")), "name": _s(policy.get("name"))},
        "applicant": {
            "type": _one_of(applicant.get("type"), APPLICANT_TYPES, "self"),
            "name": _s(applicant.get("name")),
            "organisation": _s(applicant.get("organisation")),
            "relationship_to_victim": _s(applicant.get("relationship_to_victim") or applicant.get("relationship")),
            "victim_consent": _b(applicant.get("victim_consent")),
            "contact": _contact(_d(applicant.get("contact"))),
        },
        "victim": {
            # individual | business | community_group; an outbox row written before that split still reads
            "kind": normalise_kind(_s(victim.get("kind")), _s(applicant.get("organisation"))),
            "same_as_applicant": victim.get("same_as_applicant", applicant.get("type") != "on_behalf") is True,
            "name": _s(victim.get("name")),
            "contact": _contact(victim_contact) if victim_contact else None,
        },
        "safe_contact": {"restrictions": _s(safe.get("restrictions")), "any_way_is_fine": safe.get("any_way_is_fine") is True},
        "location": {
            "words": _s(location.get("words")), "postcode": _s(location.get("postcode")),
            "area": _s(location.get("area")) or _s(policy.get("id")) or "unknown", "area_name": _s(location.get("area_name")),
        },
        "problem": {"words": _s(_d(p.get("problem")).get("words")),
                    "perpetrator_words": _s(_d(p.get("problem")).get("perpetrator_words") or _d(p.get("problem")).get("perpetrator"))},
        "hate": hate if isinstance(hate, bool) else None,
        "ongoing": _b(p.get("ongoing")),
        "reports": [_report(r, i) for i, r in enumerate(p.get("reports") or []) if isinstance(r, dict)],
        "other_reporters": {
            "count": _i(others.get("count")),
            "unsure": others.get("unsure") is True,
            "consent_to_be_named": _b(others.get("consent_to_be_named")),
            "same_household": _answer(others.get("same_household")),
        },
        "impact": {
            "opted_in": impact.get("opted_in", impact.get("words") is not None) is True,
            "words": _s(impact.get("words")),
            "vulnerable_in_home": _answer(impact.get("vulnerable_in_home")),
            "fear_of_retaliation": _answer(impact.get("fear_of_retaliation")),
        },
        "risk_flags": _words(p.get("risk_flags")),
        "assessment": {
            "outcome": _one_of(outcome, OUTCOMES, "needs_review"),
            "statutory_outcome": _one_of(assessment.get("statutory_outcome"), OUTCOMES, None),
            "routes_met": _words(assessment.get("routes_met")),
            "counted": _i(assessment.get("counted")),
            "needed": _i(assessment.get("needed")),
            "counted_reports": _words(assessment.get("counted_reports")),
            "reference_date": _date(assessment.get("reference_date")),
            "flags": _words(assessment.get("flags")),
            "caveats": _words(assessment.get("caveats")),
            "missing": _s(assessment.get("missing")),
            "summary": _s(assessment.get("summary")),
            "provisional": p.get("provisional", outcome != "met") is True,
        },
        "consents": {
            "share_with_agencies": _d(p.get("consents")).get("share_with_agencies") is True,
            "declaration_true": _d(p.get("consents")).get("declaration_true") is True,
        },
        "resident_chose": _s(p.get("resident_chose")),
    }


def encode(body: dict) -> bytes:
    """Canonical bytes: the same body always encodes the same way."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
