"""Short answers to closed questions: yes/no, and how many."""

from __future__ import annotations

import re
from typing import Optional

_UNSURE = re.compile(r"\b(?:not sure|unsure|don'?t know|dunno|no idea|maybe|perhaps|possibly|can'?t remember|not certain"
                     r"|prefer not|rather not|might be|no clue)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:n|no+|nope|nah|naw|not really|never|no way|of course not|certainly not|definitely not|absolutely not"
                 r"|i don'?t|i haven'?t|i didn'?t|i'?m not|it isn'?t|it'?s not|they didn'?t|wrong|incorrect|that'?s wrong"
                 r"|not at all|no thanks|no thank you|none|false)\b", re.IGNORECASE)
_YES = re.compile(r"^(?:y|yes+|yeah|yea|yep|yup|ya|aye|sure|ok|okay|k|correct|right|that'?s right|that'?s correct|thats right"
                  r"|it is|i do|i have|i did|i am|they did|definitely|of course|please|yes please|go on|go ahead|true"
                  r"|that'?s it|absolutely|certainly|spot on|indeed|👍)(?!\w)", re.IGNORECASE)


def parse_yes_no(text: str) -> Optional[bool]:
    """True, False, or None when unsure or not a yes/no answer."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower().replace("’", "'")[:200]
    t = re.sub(r"^(?:um+|er+m?|well|hmm+)[ ,]+", "", t).strip(" !.,")
    if not t or _UNSURE.search(t):
        return None
    if _NO.match(t):  # before yes: "of course not", "no, that's right" starts with no
        return False
    if _YES.match(t):
        return True
    return None


_NUMBERS = {
    "none": 0, "nobody": 0, "no one": 0, "no-one": 0, "noone": 0, "zero": 0, "nil": 0, "nobody else": 0,
    "just me": 0, "only me": 0, "just us": 0,
    "one": 1, "a neighbour": 1, "someone": 1, "another": 1, "two": 2, "a couple": 2, "both": 2, "a pair": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "a dozen": 12,
}
_WORDS_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(_NUMBERS, key=len, reverse=True)) + r")\b")
_VAGUE = re.compile(r"\b(?:a few|few|several|some|loads|lots|many|a lot|a handful|quite a few|various|a number of)\b")


def parse_count(text: str) -> Optional[int]:
    """How many ("four other households" -> 4, "nobody" -> 0); None when vague ("a few") or unclear ("3 or 4")."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower().replace("’", "'")[:200]
    numbers = {int(n) for n in re.findall(r"(?<![\d/.:])\b(\d{1,3})\b(?![/.:]\d)", t)}
    numbers |= {_NUMBERS[w] for w in _WORDS_RE.findall(t)}
    if _VAGUE.search(t) and not re.search(r"\d", t):
        return None
    if len(numbers) == 1:
        return numbers.pop()
    if not numbers and re.fullmatch(r"(?:no|nope|nah|not that i know(?: of)?|not yet)[!. ]*", t):
        return 0
    return None  # nothing, or two different numbers: ask
