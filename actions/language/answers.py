"""Short answers: yes/no, how many, and the contact details residents type."""

from __future__ import annotations

import re
from typing import Optional

_YES = re.compile(r"^(y|yes|yeah|yea|yep|yup|ya|aye|sure|ok|okay|correct|right|that's right|thats right|"
                  r"it is|i do|i have|i did|definitely|of course|please|yes please|go on|true|that's it|absolutely)\b", re.I)
_NO = re.compile(r"^(n|no|nope|nah|naw|not really|never|no way|i don't|i dont|i haven't|i havent|i didn't|"
                 r"i didnt|it isn't|it isnt|false|none|not at all|no thanks|no thank you)\b", re.I)
_UNSURE = re.compile(r"\b(not sure|don't know|dont know|dunno|no idea|maybe|unsure|can't remember|cant remember|"
                     r"not certain|prefer not|rather not)\b", re.I)


def parse_yes_no(text: str) -> Optional[bool]:
    """True, False, or None when unsure or not an answer."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower()[:200]
    t = re.sub(r"[!.,]+$", "", t)
    if not t or _UNSURE.search(t):
        return None
    if _YES.match(t):
        return True
    if _NO.match(t):
        return False
    return None


_COUNT_WORDS = {
    "none": 0, "nobody": 0, "no one": 0, "noone": 0, "zero": 0, "nil": 0, "just me": 0, "only me": 0,
    "one": 1, "a neighbour": 1, "someone": 1, "two": 2, "a couple": 2, "both": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}


def parse_count(text: str) -> Optional[int]:
    """How many (people, times); None for vague answers like 'a few'."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower()[:200]
    m = re.search(r"\b(\d{1,3})\b", t)
    if m:
        return int(m.group(1))
    if re.search(r"\b(a few|several|some|loads|lots|many)\b", t):
        return None
    for word, n in sorted(_COUNT_WORDS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(word)}\b", t):
            return n
    if re.fullmatch(r"no|nope|nah|not that i know( of)?", t):
        return 0
    return None


_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})\b", re.I)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,190}\.[A-Za-z]{2,24}\b")
_PHONE = re.compile(r"(?:\+44\s?|0)(?:\d[\s\-]?){9,10}\b")


def extract_postcode(text: str) -> Optional[str]:
    m = _POSTCODE.search(text or "")
    return f"{m.group(1).upper()} {m.group(2).upper()}" if m else None


def extract_email(text: str) -> Optional[str]:
    m = _EMAIL.search(text or "")
    return m.group(0) if m else None


def extract_phone(text: str) -> Optional[str]:
    m = _PHONE.search(text or "")
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(0))
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits if len(digits) == 11 and digits.startswith("0") else None


_HATE = re.compile(
    r"\b(racis[mt]\w*|homophob\w*|transphob\w*|islamophob\w*|antisemit\w*|anti-semit\w*|hate crime|hate incident|"
    r"because (?:i'?m|i am|we'?re|we are|of my|of our|he'?s|she'?s|they'?re) (?:\w+ ){0,2}"
    r"(?:black|asian|muslim|jewish|sikh|hindu|gay|lesbian|bi|trans|disabled|foreign|polish|immigrants?|in a wheelchair|autistic)|"
    r"slurs?|n-word|p-word|called (?:me|us) a (?:\w+ )?(?:paki|faggot|poof|retard|spastic|tranny)|go back to your (?:own )?country)",
    re.I,
)


def looks_like_hate(text: str) -> bool:
    """A hint only (the resident is asked): words that suggest hostility because of who they are."""
    return bool(isinstance(text, str) and _HATE.search(text[:5000]))
