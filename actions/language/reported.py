"""Whether a resident's words say they have reported the problem: "never actually rang anyone"
is a no, "I've rung 101 three times" a yes, "I will tell the police" not yet."""

from __future__ import annotations

import re
from typing import Optional

_CONTACTED = r"(rang|rung|reported|told|tell|tells|called|phoned|contacted|emailed|logged|complained|informed|spoke to|spoken to)"


def reported_in_words(text: str) -> Optional[bool]:
    """ "Never actually rang anyone" is a no; "I've rung 101 three times" a yes; else None."""
    if re.search(rf"\b(never|not|haven'?t|hasn'?t|didn'?t|no one|nobody)\b[^.?!]{{0,40}}\b{_CONTACTED}\b"
                 rf"|\b(not|never) (yet )?been {_CONTACTED}\b|\bnot (yet )?reported\b", text):
        return False
    if re.search(rf"\b(will|'ll|going to|gonna|should|shall|want to|need to|might|could|would)\s+(\w+\s+)?{_CONTACTED}\b", text):
        return None  # "I will tell the police": not yet
    if re.search(rf"\b{_CONTACTED}\b", text) and not re.search(r"\b(not|never|n't)\b", text):
        return True
    return None
