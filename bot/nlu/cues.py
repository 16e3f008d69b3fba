"""High-precision phrases that mean a resident needs safeguarding help now (rules §9).

Kept apart from the Rasa component so the patterns can be tested on their own. Precision
matters: "this noise is killing me" is not an emergency, "my ex-neighbour" is not domestic
abuse. Recall is the NLU model's job; these catch what must never be missed.
"""

from __future__ import annotations

import re
from typing import Optional

_EMERGENCY = re.compile(
    r"\b(?:(?:outside|at|banging on|kicking) (?:my|the) (?:door|window)s? (?:right )?now|"
    r"(?:trying|tryna) to (?:get|break) in|breaking in|"
    r"(?:going|gonna|about) to (?:kill|stab|hurt|attack) (?:me|us|my)|(?:he|she|they)(?:'ll| will) kill (?:me|us)|"
    r"(?:screaming|shouting|saying) (?:that )?(?:he|she|they)(?:'ll| will| is going to| are going to) kill|"
    r"(?:has|have|got|with) (?:a|an) (?:knife|gun|machete|weapon|blade)|"
    r"help me (?:now|please)|(?:happening|going on) (?:right )?now|"
    r"(?:the )?(?:house|flat|door|car) is on fire|set fire to (?:my|the) (?:house|flat|door)|"
    r"i'?m (?:being|getting) (?:attacked|beaten|followed)|in danger (?:right )?now|i'?m not safe)\b",
    re.IGNORECASE,
)
_SELF_HARM = re.compile(
    r"\b(?:kill (?:my ?self|meself)|end (?:it all|my life)|take my (?:own )?life|suicid\w*|"
    r"(?:don'?t|do not) want to (?:be here|live|go on)(?: any ?more)?|no point (?:in )?(?:living|going on)|"
    r"hurt(?:ing)? (?:my ?self|meself)|self[- ]harm\w*|better off dead|want to die)\b",
    re.IGNORECASE,
)
_DOMESTIC = re.compile(
    # The partner or relative is the one doing it: "my ex keeps turning up", "my husband
    # threatens me". "They shout abuse at my wife" is about someone else, so it is not a cue.
    r"\bmy (?:ex(?![- ]?(?:neighbou?r|landlord|colleague|boss|friend))(?:[- ]?(?:partner|husband|wife|boyfriend|girlfriend))?|"
    r"partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|son|daughter|dad|father|mum|mother|brother|sister|stepdad|stepmum)"
    r"(?:'s| is| has| keeps| won'?t| will| just)?\s+(?:\w+\s+){0,2}?"
    r"(?:hits?|hitting|beats?|beating|threaten\w*|attack\w*|punch\w*|kicks? me|hurts? me|controls?|abus\w*|stalk\w*|"
    r"harass\w*|turn\w* up|smash\w*|violent|won'?t (?:leave|let)|push\w* me|strangl\w*|chok\w*|coming round|sending)",
    re.IGNORECASE,
)
# Past tense told calmly still goes to the safeguarding answer for partners; for the
# emergency cue, "last week" style framing means it is not happening now.
_PAST = re.compile(r"\b(?:last (?:week|month|year|night)|yesterday|ago|used to|back in)\b", re.IGNORECASE)


def safeguarding_cue(text: str) -> Optional[str]:
    """`emergency`, `self_harm`, `domestic_abuse`, or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = text[:5000]
    if _SELF_HARM.search(text):
        return "self_harm"
    if _EMERGENCY.search(text) and not _PAST.search(text):
        return "emergency"
    if _DOMESTIC.search(text):
        return "domestic_abuse"
    return None
