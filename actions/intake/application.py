"""Build what the threshold engine and the case system need from the conversation's slots."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any, Optional

from shared.application.victims import victim_kind
from actions.rules import assess_payload, explain, load_policy
from shared.settings import default_area as settings_default_area

REPORT_FIELDS = (
    "id", "incident_date", "incident_precision", "incident_earliest", "incident_latest", "incident_said",
    "reported_date", "reported_precision", "reported_earliest", "reported_latest", "reported_said",
    "reported_to", "reference", "same_incident_as", "problem", "words",
)


def default_area() -> str:
    return settings_default_area()


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
        "other_reporters_same_household_unsure": slots.get("others_same_household") in ("not_sure", True),
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


def _text(value: Any) -> Optional[str]:
    """An answer as stored: None when skipped or not asked."""
    return value if isinstance(value, str) and value not in ("skip", "none", "not given", "") else None


def _flag(value: Any) -> Optional[bool]:
    return value if isinstance(value, bool) else None


def application_record(slots: dict, sender_id: str, today: date, channel: str) -> dict:
    """Everything a caseworker needs, with the resident's own words beside parsed values."""
    result = assess_slots(slots, today)
    policy = load_policy(area_of(slots))
    applicant_type = slots.get("applicant_type") or "self"
    on_behalf = applicant_type == "on_behalf"
    by_id = {r["id"]: r for r in result["reports"]}
    reports = []
    for r in slots.get("reports") or []:
        if not isinstance(r, dict):
            continue
        assessed = by_id.get(r.get("id"), {})
        reports.append({
            **{k: r.get(k) for k in REPORT_FIELDS},
            "reference_said": r.get("reference_said"),
            "counted": assessed.get("counted", False),
            "status": assessed.get("status"),
            "reasons": assessed.get("reasons", []),
            "late": assessed.get("late", False),
            "flags": assessed.get("flags", []),
        })
    applicant_contact = {
        "address": _text(slots.get("contact_address")),
        "phone": _text(slots.get("phone")),
        "email": _text(slots.get("email")),
        "preferred": slots.get("preferred_contact") or ("phone" if _text(slots.get("phone")) else "email"),
    }
    others = slots.get("other_reporters")
    return {
        "schema_version": 1,
        # Fixed when the intake started: sending twice stores one application (shared/outbox).
        "application_id": slots.get("application_id") or str(uuid.uuid5(uuid.NAMESPACE_URL, f"asb:{sender_id}")),
        "conversation_id": sender_id,
        "submitted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "application_date": today.isoformat(),
        "policy": {"id": policy.id, "version": policy.version, "name": policy.name},
        "applicant": {
            "type": applicant_type,
            "name": slots.get("full_name"),
            "organisation": slots.get("organisation_name") if applicant_type == "organisation" else None,
            "relationship_to_victim": _text(slots.get("on_behalf_relationship")) if on_behalf else None,
            "victim_consent": slots.get("victim_consent") if on_behalf else None,
            "contact": applicant_contact,
        },
        "victim": {
            "kind": victim_kind(applicant_type, slots.get("organisation_name")),
            "same_as_applicant": not on_behalf,
            "name": slots.get("victim_name") if on_behalf else (slots.get("organisation_name") or slots.get("full_name")),
            "contact_words": _text(slots.get("victim_contact")) if on_behalf else None,
        },
        # Shown to everyone who handles the case, in the resident's own words.
        "safe_contact": {"restrictions": _text(slots.get("safe_contact")), "any_way_is_fine": slots.get("safe_contact") == "none"},
        "location": {"words": slots.get("location"), "postcode": slots.get("location_postcode"), "area": policy.id,
                     "area_name": policy.name},
        "problem": {"words": slots.get("problem_description"), "perpetrator_words": _text(slots.get("perpetrator"))
                    if slots.get("perpetrator") != "not known" else None},
        "hate": {True: True, False: False}.get(slots.get("hate"), None),
        "hate_answer": slots.get("hate"),
        "ongoing": _flag(slots.get("ongoing")),
        "reports": reports,
        "other_reporters": {
            "count": others if isinstance(others, int) else None,
            "unsure": others == "not_sure",
            "consent_to_be_named": _flag(slots.get("others_consent")),
            "same_household": slots.get("others_same_household"),
        },
        "impact": {
            "opted_in": slots.get("impact_opt_in") is True,
            "words": _text(slots.get("impact_text")) if slots.get("impact_opt_in") is True else None,
            "vulnerable_in_home": slots.get("vulnerable_in_home"),
            "fear_of_retaliation": slots.get("fear_of_retaliation"),
        },
        "risk_flags": [f for f in (slots.get("risk_flags") or []) if isinstance(f, str)],
        "assessment": {k: result.get(k) for k in ("outcome", "routes_met", "statutory_outcome", "reference_date", "flags",
                                                  "missing", "summary", "counted", "needed", "caveats")}
        | {"counted_reports": [r["id"] for r in result["reports"] if r["counted"]],
           "at_question_time": slots.get("assessment")},
        "resident_chose": slots.get("apply_decision"),
        "consents": {"share_with_agencies": slots.get("consent_share") is True, "declaration_true": slots.get("declaration") is True},
        "provisional": result["outcome"] != "met",
        "arrived_by": {"channel": channel, "operator_actions": []},
    }
