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
from shared import words
from shared.application.bodies import BODY_WORDS


def said_back(taken: List[str]) -> str:
    """What was taken from the resident's words, said back in one sentence."""
    listed = words.text("opening_and", first=", ".join(taken[:-1]), last=taken[-1]) if len(taken) > 1 else taken[-1]
    return words.text("opening_said_back", listed=listed)


def _and(items: List[str]) -> str:
    """'a and b and c'."""
    joined = items[0]
    for item in items[1:]:
        joined = words.text("opening_and", first=joined, last=item)
    return joined


def from_opening(text: str, today: date) -> tuple[Dict[str, Any], List[str]]:
    """(slots to fill, what was taken, in words) from the resident's first message."""

    slots: Dict[str, Any] = {}
    taken: List[str] = []
    if reported_in_words(text.lower()) is True:
        slots["reported_before"] = True
        taken.append(words.text("opening_reported_before"))
    candidates = extract_reports(text, today) if slots else []
    drafts = []
    for c in candidates:
        drafts.extend(rf.drafts_for(c, text))
    if drafts:
        reports, pending = rf.settle(drafts, [])
        slots.update(report_text=text[:2000], collecting_reports=False, pending_report=pending, more_reports=None,
                     **({"reports": reports} if reports else {}))
        bodies = {BODY_WORDS.get(d.get("reported_to") or "", "") for d in drafts} - {""}
        if len(drafts) == 1:
            word_id = "opening_reports_one_to" if bodies else "opening_reports_one"
        else:
            word_id = "opening_reports_many_to" if bodies else "opening_reports_many"
        taken.append(words.text(word_id, count=len(drafts), bodies=_and(sorted(bodies)) if bodies else ""))
    return slots, taken
