"""'Is there any time or way we must not contact you?': only real restrictions are restrictions.

"No, any time", "whatever's easiest" and "none" mean there is no restriction; sending them
to a caseworker as "Do NOT contact: no, any time" helps no one. A real restriction ("don't
ring after 6, he checks my phone", "email only") is kept exactly as the resident said it.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.language.answers import DONT_KNOW, is_dont_know

# Each piece of a "no restriction" answer; the answer is none only when it is made of these alone.
_NONE_PIECE = re.compile(
    r"(?:no restrictions?|no preference|no problem|nothing like that|no that'?s fine|not really|not at all"
    r"|no+|nope|nah|none|nothing|n/?a|nil"
    r"|any ?(?:time|way|how|day|method|of them|number)(?: (?:of (?:the )?day|at all))?(?: (?:is|are|'?s))?(?: (?:fine|ok|okay|good|great|alright|grand))?"
    r"|whenever|whatever(?:'?s| is)? (?:easiest|easier|best|suits(?: you)?|works)|whichever(?:'?s| is)? (?:easiest|best)"
    r"|either(?: (?:is|one|way))?(?: (?:fine|ok|okay))?|both(?: are)? fine|(?:it )?doesn'?t matter|(?:i )?don'?t mind"
    r"|(?:it'?s|that'?s|thats|all|all'?s|i'?m|its)? ?(?:fine|ok|okay|good|alright|grand)|all good"
    r"|(?:you )?can (?:contact|call|ring|email|text) (?:me )?(?:any ?time|whenever)"
    r"|thanks?|thank you|cheers|ta|mate|love|really|honestly|to be honest|just|though|either way)(?![\w'])",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[\s,.;:!\-–—]+|\band\b", re.IGNORECASE)


def _only_none_pieces(text: str) -> bool:
    rest = text
    while rest:
        rest = _SEPARATOR.sub(" ", rest).strip()
        if not rest:
            return True
        m = _NONE_PIECE.match(rest)
        if not m or m.end() == 0 or (m.end() < len(rest) and rest[m.end()].isalnum()):
            return False
        rest = rest[m.end():]
    return True


def contact_restriction(text: str) -> Optional[str]:
    """The restriction as said; None when the answer means "no restriction"; DONT_KNOW when unsure."""
    if not isinstance(text, str) or not text.strip():
        return None
    said = text.strip()[:500]
    t = said.lower().replace("’", "'")
    if is_dont_know(t):
        return DONT_KNOW
    return None if _only_none_pieces(t) else said
