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


# What makes an answer a restriction: something the agencies must not do, or may only do one way.
_CONTACT = (r"(?:ring|call|phone|text|e-?mail|write|post|send|visit|come|knock|contact|leave|message|use|put|turn up|drop)")
_RESTRICTIVE = re.compile(
    rf"\b(?:don'?t|dont|do not|never|mustn'?t|must not|can'?t|cannot|can not|shouldn'?t|should not|won'?t|please don'?t"
    rf"|avoid|not to)\b(?:\W+\w+){{0,3}}?\W+{_CONTACT}"
    r"|\bnot\s+(?!at all\b)(?:before|after|between|during|at|on|in|by|to|via|through|while|when|until|till)\b"  # "not at all" is a no
    r"|\bno\s+(?:calls?|phone ?calls?|ringing|texts?|texting|letters?|post|cards?|visits?|home visits?|voicemails?|messages?"
    r"|e-?mails?|marked|uniform\w*|police (?:cars?|vans?|officers?)|officers?|one (?:at|to) (?:the|my) (?:door|house)"
    r"|contact (?:before|after|at|on|between|by))\b"
    r"|\bonly\b|\bunmarked\b|\bplain ?clothes\b|\bin uniform\b|\bmarked (?:car|van|police)"
    r"|\b(?:after|before|between|until|till)\s+\d"
    r"|\b(?:he|she|they|partner|husband|wife|ex)\b[^.]{0,20}\b(?:checks?|reads?|sees?|goes through|looks at|finds? out|know)\b",
    re.IGNORECASE)
# An answer that says any way is fine, however worded: "No, ring me whenever, I'm always in".
_PERMISSIVE = re.compile(
    r"\b(?:any ?(?:time|way|how|day)|when ?ever|whatever?s?|wotever|watever|whatevs|no restrictions?|no preference"
    r"|(?:is|are|'?s|its|it'?s|all|be) (?:fine|ok|okay|good|alright)|fine|ok|okay|best|better|prefer\w*|either|both"
    r"|always (?:in|home|around|about)|don'?t mind|doesn'?t matter|no problem|when you like|whenever you like)\b",
    re.IGNORECASE)


def contact_restriction(text: str) -> Optional[str]:
    """The restriction as said; None when the answer means "no restriction"; DONT_KNOW when unsure.

    A restriction is something the agencies must not do ("don't ring after 6", "no letters",
    "email only", "he checks my phone"); anything that only says any way is fine, or says
    which way suits best ("afternoon best", "phone is ok"), is no restriction. Words that are
    neither are kept as said, the safe way round.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    said = text.strip()[:500]
    t = said.lower().replace("’", "'")
    if is_dont_know(t):
        return DONT_KNOW
    if _RESTRICTIVE.search(t):
        return said
    if _only_none_pieces(t) or _PERMISSIVE.search(t):
        return None
    return said
