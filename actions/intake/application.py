"""Build what the threshold engine and the case system need from the conversation's slots."""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timezone
from typing import Any, Optional

from actions.rules import assess_payload, explain, load_policy

DEFAULT_AREA = "staffordshire"

REPORT_FIELDS = (
    "id", "incident_date", "incident_precision", "incident_earliest", "incident_latest", "incident_said",
    "reported_date", "reported_precision", "reported_earliest", "reported_latest", "reported_said",
    "reported_to", "reference", "same_incident_as", "problem", "words",
)


def default_area() -> str:
    return os.environ.get("ASB_DEFAULT_AREA") or DEFAULT_AREA


def area_of(slots: dict) -> str:
    area = slots.get("area")
    try:
        load_policy(area)
        return area
    except (KeyError, TypeError):
        return default_area()


def _yes(value: Any) -> Optional[bool]:
    return value if isinstance(value, bool) else None


def assessment_payload(slots: dict, today: date) -> dict:
    reports = [
        {k: r.get(k) for k in REPORT_FIELDS if r.get(k) is not None}
        for r in (slots.get("reports") or []) if isinstance(r, dict)
    ]
    for r in reports:  # words are kept for the case system, the engine does not need them
        r.pop("words", None)
        r.pop("incident_said", None)
        r.pop("reported_said", None)
    others = slots.get("other_reporters")
    return {
        "application_date": today.isoformat(),
        "reports": reports,
        "other_reporters": others if isinstance(others, int) else 0,
        "other_reporters_consent": _yes(slots.get("others_consent")),
        "other_reporters_same_household_unsure": False,
        "hate": slots.get("hate") is True,
        "vulnerable": slots.get("vulnerable_in_home") is True,
        "ongoing": _yes(slots.get("ongoing")),
        "risk_flags": [f for f in (slots.get("risk_flags") or []) if isinstance(f, str)],
    }


def assess_slots(slots: dict, today: date) -> dict:
    return assess_payload(assessment_payload(slots, today), area_of(slots), today)


def resident_explanation(result: dict, reports: list[dict]) -> list[str]:
    """The assessment in the resident's terms: outcome first, then each report briefly."""
    lines = explain(result)
    return lines[:1] + lines[1:len(reports) + 1]


def application_record(slots: dict, sender_id: str, today: date, channel: str) -> dict:
    """Everything a caseworker needs, with the resident's own words beside parsed values."""
    result = assess_slots(slots, today)
    policy = load_policy(area_of(slots))
    applicant_type = slots.get("applicant_type") or "self"
    contact = slots.get("contact") if isinstance(slots.get("contact"), dict) else {}
    by_id = {r["id"]: r for r in result["reports"]}
    reports = []
    for r in slots.get("reports") or []:
        assessed = by_id.get(r.get("id"), {})
        reports.append({
            **{k: r.get(k) for k in REPORT_FIELDS},
            "counted": assessed.get("counted", False),
            "status": assessed.get("status"),
            "reasons": assessed.get("reasons", []),
        })
    return {
        "schema_version": 1,
        "application_id": str(uuid.uuid4()),
        "conversation_id": sender_id,
        "submitted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "application_date": today.isoformat(),
        "policy": {"id": policy.id, "version": policy.version, "name": policy.name},
        "applicant": {
            "type": applicant_type,
            "relationship": slots.get("on_behalf_relationship"),
            "victim_consent": slots.get("victim_consent") if applicant_type == "on_behalf" else None,
            "name": slots.get("full_name"),
            "organisation": slots.get("organisation_name"),
        },
        "victim": {
            "kind": "business_or_group" if applicant_type == "organisation" else "person",
            "name": slots.get("victim_name") if applicant_type == "on_behalf" else (slots.get("organisation_name") or slots.get("full_name")),
            "contact": {
                "phone": contact.get("phone"),
                "email": contact.get("email"),
                "address": contact.get("address"),
                "words": contact.get("words"),
                "preferred": contact.get("preferred"),
            },
            "safe_contact": slots.get("safe_contact"),
        },
        "location": {"words": slots.get("location"), "area": policy.id},
        "problem": {"words": slots.get("problem_description"), "perpetrator": None},
        "hate": slots.get("hate") is True,
        "ongoing": slots.get("ongoing") if isinstance(slots.get("ongoing"), bool) else None,
        "reports": reports,
        "other_reporters": {
            "count": slots.get("other_reporters") if isinstance(slots.get("other_reporters"), int) else None,
            "consent_to_be_named": _yes(slots.get("others_consent")),
        },
        "impact": {
            "words": slots.get("impact_text") if slots.get("impact_opt_in") is True else None,
            "vulnerable_in_home": _yes(slots.get("vulnerable_in_home")),
        },
        "risk_flags": list(slots.get("risk_flags") or []),
        "assessment": {k: result[k] for k in ("outcome", "routes_met", "statutory_outcome", "reference_date", "flags", "missing", "summary")}
        | {"counted_reports": [r["id"] for r in result["reports"] if r["counted"]]},
        "consents": {"share_with_agencies": slots.get("consent_share") is True, "declaration_true": slots.get("declaration") is True},
        "provisional": result["outcome"] != "met",
        "arrived_by": {"channel": channel, "operator_actions": []},
    }
