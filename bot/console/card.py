"""What an operator sees of a conversation: the case card, the assessment and the transcript."""

from __future__ import annotations

import re
from typing import Any, Optional

from bot.channels.sanitise import sanitise_text
from shared.application.in_words import answer_rows, readback
from shared.words import text

# Answers an operator may correct, with the id of the label the card shows and the longest value kept.
EDITABLE = {
    "full_name": ("label_name", 200),
    "phone": ("label_phone", 40),
    "email": ("label_email", 200),
    "contact_address": ("label_address", 500),
    "location": ("label_where", 500),
    "problem_description": ("label_problem", 2000),
    "perpetrator": ("label_perpetrator", 500),
    "safe_contact": ("label_safe_contact", 500),
    "impact_text": ("label_impact", 2000),
}


def editable_label(slot: str) -> str:
    """The label an operator reads for an answer they may correct."""
    return text(EDITABLE[slot][0])
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def case_card(slots: dict) -> dict:
    assessment = slots.get("assessment") if isinstance(slots.get("assessment"), dict) else {}
    return {
        "answers": [{"label": label, "value": value} for label, value in answer_rows(slots)],
        "editable": [{"slot": slot, "label": editable_label(slot),
                      "value": slots.get(slot) if isinstance(slots.get(slot), str) else ""}
                     for slot in EDITABLE],
        "reports": readback([r for r in slots.get("reports") or [] if isinstance(r, dict)]),
        "assessment": {"outcome": assessment.get("outcome"), "summary": assessment.get("summary")},
        "risk_flags": [f for f in slots.get("risk_flags") or [] if isinstance(f, str)],
        "intake_status": slots.get("intake_status"),
        "reference": slots.get("application_reference"),
        "asking": slots.get("requested_slot"),
    }


def clean_correction(slot: Any, value: Any) -> Optional[str]:
    """The corrected value as the intake stores it, or None if it can't be one."""
    if slot not in EDITABLE or not isinstance(value, str):
        return None
    text = " ".join(sanitise_text(value).split())
    if not text or len(text) > EDITABLE[slot][1]:
        return None
    if slot == "phone":
        digits = re.sub(r"[\s()-]", "", text)
        return digits if re.fullmatch(r"\+?\d{10,13}", digits) else None
    if slot == "email":
        return text.lower() if EMAIL.match(text) else None
    return text
