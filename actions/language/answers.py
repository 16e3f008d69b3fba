"""Short answers to closed questions: yes/no, and how many."""

from __future__ import annotations

import re
from typing import Optional, Union

_UNSURE = re.compile(r"\b(?:not sure|unsure|don'?t know|dunno|no idea|maybe|perhaps|possibly|can'?t remember|not certain"
                     r"|prefer not|rather not|might be|no clue|(?:could|can)n?'?o?t (?:tell you|say)|cannot say|might have|may have"
                     r"|without certainty|with certainty)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:n|no+|nope|nah+|naw|noo+|nay|not really|never|no way|of course not|certainly not|definitely not|absolutely not"
                 r"|i don'?t|i haven'?t|i didn'?t|i'?m not|it isn'?t|it'?s not|they didn'?t|wrong|incorrect|that'?s wrong"
                 r"|(?:i )?(?:don'?t|dont|do not) think so|(?:i )?(?:don'?t|dont|do not) (?:believe|think) (?:it is|so|that)"
                 r"|i believe not|i think not|i should think not|i would not (?:like to )?say (?:that )?it (?:is|was)"
                 r"|not at all|no thanks|no thank you|none|false)\b", re.IGNORECASE)
_YES = re.compile(r"^(?:y|yes+|yeah+|yea+|yep+|yup+|ya+|yah|ye+|yeh|yh|yas|yus|ys|yess+|yesh|yse|yrs|aye|sure|ok|okay|k|kk|okey|oki"
                  r"|correct|right|that'?s right|that'?s correct|thats right|that'?s ri(?:ght|te)|thats rite|rite|it is|i do|i have"
                  r"|i did|i am|they did|definitely|of course|please|yes please|go on|go ahead|true|(?:i )?agree|i believe so"
                  r"|i think so|that'?s it|absolutely|certainly|spot on|indeed|👍)(?!\w)", re.IGNORECASE)
# The last sentence alone, when it is a plain answer: "I would not like to say that it is. No."
_LAST_SENTENCE = re.compile(r"[.!]\s+(yes|no|yeah|nope|correct)[.!]*$", re.IGNORECASE)


def parse_yes_no(text: str) -> Optional[bool]:
    """True, False, or None when unsure or not a yes/no answer."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower().replace("’", "'")[:200]
    t = re.sub(r"^(?:(?:um+|er+m?|well|hmm+|oh|ah|o|erm|uh)[ ,]+)+", "", t).strip(" !.,")
    t = re.sub(r"^(?:right|ok|okay|i see)[ ,]+(?=(?:no|nope|nah)\b)", "", t)  # "oh right, no, I'll ring them first"
    if not t:
        return None
    last = _LAST_SENTENCE.search(t)
    if last:
        t = last.group(1).lower()
    if _UNSURE.search(t):
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


# "Three others: the families at 41, 45 and 49": the number said with what it counts decides.
_COUNTED = re.compile(r"\b(\d{1,3}|" + "|".join(w for w in _NUMBERS if " " not in w and _NUMBERS[w] > 0) + r")\s+"
                      r"(?:other\s+)?(?:others?|people|persons|households?|families|neighbours?|houses|homes|residents"
                      r"|of them|of us|more)\b")
_NONE_KNOWN = re.compile(r"^(?:not that i know(?: of)?|not as far as i know|i'?m not aware of (?:any|other)|i am not aware of"
                         r" (?:any|other)|i don'?t think so|i believe not|nobody(?: else)?(?: that i know of)?)\b")


def parse_count(text: str) -> Optional[int]:
    """How many ("four other households" -> 4, "nobody" -> 0); None when vague ("a few") or unclear ("3 or 4")."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower().replace("’", "'")[:200]
    counted = {int(n) if n.isdigit() else _NUMBERS[n] for n in _COUNTED.findall(t)}
    if len(counted) == 1:
        return counted.pop()
    if _NONE_KNOWN.match(t):
        return 0
    numbers = {int(n) for n in re.findall(r"(?<![\d/.:])\b(\d{1,3})\b(?![/.:]\d)", t)}
    numbers |= {_NUMBERS[w] for w in _WORDS_RE.findall(t)}
    if _VAGUE.search(t) and not re.search(r"\d", t):
        return None
    if len(numbers) == 1:
        return numbers.pop()
    if not numbers and re.fullmatch(r"(?:no|nope|nah|not that i know(?: of)?|not yet)[!. ]*", t):
        return 0
    return None  # nothing, or two different numbers: ask


DONT_KNOW = "dont_know"  # what the parse functions return for "skip", "don't know", "not sure"

_DONT_KNOW = re.compile(
    r"^(?:(?:sorry|um+|er+m?|well|hmm+|honestly|to be honest|tbh)[ ,]+)*"
    r"(?:skip(?: (?:it|this|that|this one))?|pass|next|no idea|not a clue|no clue|(?:i )?(?:really )?(?:don'?t|do not|dont) know"
    r"|dunno|duno|idk|not sure|unsure|i'?m not sure|(?:i )?(?:really )?can'?t remember|(?:i )?can'?t recall|not certain"
    r"|i forget|forgot|(?:i'?d )?rather not say|prefer not to say|no comment)"
    r"(?:[ ,]+(?:sorry|really|to be honest|tbh|mate|love|i'?m afraid|off(?:hand)?|now|either|it|that))*[.!?]*$",
    re.IGNORECASE,
)


def is_dont_know(text: str) -> bool:
    """ "skip", "don't know", "not sure", "can't remember": no answer, said plainly (short answers only)."""
    if not isinstance(text, str):
        return False
    return bool(_DONT_KNOW.match(text.strip().lower().replace("’", "'")[:80]))


# Descriptive answers to yes/no questions, read by what they say (conversation.md §5).
_TOPICS = {
    "vulnerable": (
        re.compile(r"\b(?:frail|elderly|pensioner|disab\w+|wheelchair|dementia|alzheimer'?s|autis\w+|adhd|learning difficult\w+"
                   r"|mental health|depress\w+|anxiety|ptsd|(?:seriously |terminally |chronically )?ill|illness|cancer|poorly|sick"
                   r"|pregnant|baby|babies|newborn|toddler|young (?:kids|children)|carer|care for|blind|deaf|housebound"
                   r"|lives? (?:on (?:her|his|their) own|alone)|on (?:her|his|my) own|vulnerable|medical|oxygen|stroke"
                   r"|(?:'s|is|are|aged|age|of) (?:[7-9]\d|1[01]\d)\b|\b(?:[7-9]\d|1[01]\d) ?(?:years old|yrs|yo)\b)", re.IGNORECASE),
        re.compile(r"^(?:no(?:body|[- ]?one)?|none|nope|not really)\b|\bjust me and i'?m fine|\bwe'?re (?:all )?fine", re.IGNORECASE),
    ),
    "ongoing": (
        re.compile(r"\b(?:still|again|every (?:day|night|week|weekend)|most (?:days|nights)|all the time|constant\w*|ongoing"
                   r"|carr(?:y|ies) on|keeps?|won'?t stop|hasn'?t stopped|last night|this week|getting worse|continu\w+)\b",
                   re.IGNORECASE),
        re.compile(r"\b(?:stopped|ended|finished|moved (?:out|away)|been quiet|not any ?more|no longer|gone quiet|calmed down)\b",
                   re.IGNORECASE),
    ),
    "fear": (
        re.compile(r"\b(?:scared|terrified|frightened|afraid|fear\w*|worried|petrified|threat\w*|intimidat\w+|retaliat\w+"
                   r"|revenge|get back at|come after|nervous)\b", re.IGNORECASE),
        re.compile(r"\b(?:not (?:really |at all )?(?:scared|worried|afraid|frightened|bothered)|don'?t scare|doesn'?t scare"
                   r"|not bothered|no fear)\b", re.IGNORECASE),
    ),
}


def answer_by_content(text: str, topic: str) -> Union[bool, str, None]:
    """A yes/no question answered in words: "she's 81 and frail and lives alone" -> True for 'vulnerable'.

    Plain yes/no first; then what the words say about the topic (`vulnerable`, `ongoing`,
    `fear`); DONT_KNOW for "not sure"; None when it can't tell (ask again).
    """
    if not isinstance(text, str):
        return None
    plain = parse_yes_no(text)
    if plain is not None:
        return plain
    t = text.lower().replace("’", "'")[:300]
    yes, no = _TOPICS.get(topic, (None, None))
    if yes is not None:
        if no.search(t):  # "not really, they don't scare me": the negative wins
            return False
        if yes.search(t):
            return True
    if is_dont_know(t) or _UNSURE.search(t):
        return DONT_KNOW
    return None
