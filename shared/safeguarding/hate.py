"""A hint that a message describes hostility because of who someone is (rules §9).

Only a hint: the assistant then asks neutrally; it never decides that something is a hate
incident, and it never lowers anything because this is False.
"""

from __future__ import annotations

import re

_WHO = (r"(?:black|white|asian|muslim|jewish|sikh|hindu|christian|gay|lesbian|bi|bisexual|queer|trans|transgender"
        r"|disabled|deaf|blind|autistic|in a wheelchair|foreign|polish|romanian|eastern european|irish|chinese"
        r"|african|indian|pakistani|somali|arab|a traveller|gypsy|roma|an immigrant|immigrants|refugees?|asylum seekers?)")
_HATE = re.compile(
    r"\b(?:racis[mt]\w*|homophob\w*|transphob\w*|biphob\w*|islamophob\w*|anti-?semit\w*|xenophob\w*|hate crimes?"
    r"|hate incidents?|racial(?:ly)? (?:abuse|abused|slurs?|aggravated)|slurs?|n-word|p-word|swastikas?"
    rf"|because (?:i'?m|i am|we'?re|we are|he'?s|she'?s|they'?re|my (?:son|daughter|wife|husband|partner|child) is) (?:\w+ ){{0,2}}{_WHO}"
    rf"|because of (?:my|our|his|her|their) (?:race|religion|colou?r|skin|faith|sexuality|disability|accent|headscarf|hijab|turban)"
    r"|called (?:me|us|him|her|them) (?:a |an )?(?:\w+ )?(?:paki|faggot|fag|poof|queer|retard|spastic|spaz|tranny|nigger|wog|gyppo|pikey)"
    r"|go back to (?:your|where you) (?:own )?(?:country|came from))",
    re.IGNORECASE,
)


def looks_like_hate(text: str) -> bool:
    return bool(isinstance(text, str) and _HATE.search(text[:5000].replace("’", "'")))
