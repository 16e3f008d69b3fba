"""The first message is not wasted: what it already says is kept, said back, and not asked again.

"I want a case review, my neighbours play loud music every night and I've rung 101 three
times" says what is happening, that it was reported, and how many reports (to whom): those
answers are filled, the resident is told what was taken, and the form asks only the rest.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, List

from actions.intake import reports_flow as rf
from actions.language import extract_reports, reported_in_words
from shared.application.bodies import BODY_WORDS


def said_back(taken: List[str]) -> str:
    """What was taken from the resident's words, said back in one sentence."""
    listed = ", ".join(taken[:-1]) + (" and " if len(taken) > 1 else "") + taken[-1]
    return f"From what you've said, I've noted {listed}. I'll only ask what I still need."


def from_opening(text: str, today: date) -> tuple[Dict[str, Any], List[str]]:
    """(slots to fill, what was taken, in words) from the resident's first message."""

    slots: Dict[str, Any] = {}
    taken: List[str] = []
    if reported_in_words(text.lower()) is True:
        slots["reported_before"] = True
        taken.append("that you've reported it before")
    candidates = extract_reports(text, today) if slots else []
    drafts = []
    for c in candidates:
        for _ in range(max(1, min(c.count, 6)) if c.reported_date is None else 1):
            drafts.append(rf.from_candidate(c, text))
    if drafts:
        reports, pending = rf.settle(drafts, [])
        slots.update(report_text=text[:2000], collecting_reports=False, pending_report=pending, more_reports=None,
                     **({"reports": reports} if reports else {}))
        bodies = {BODY_WORDS.get(d.get("reported_to") or "", "") for d in drafts} - {""}
        to = f" to {' and '.join(sorted(bodies))}" if bodies else ""
        taken.append(f"{len(drafts)} report{'s' if len(drafts) != 1 else ''}{to} (I'll ask about each one)")
    return slots, taken
