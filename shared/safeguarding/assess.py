"""Read a message as a call handler would (rules §9): what kind of risk, how sure, which words.

No Rasa here: the NLU component (bot/nlu/safeguarding_cues.py) and the actions both call
`assess`. It combines the trained intent with the rules in cues.yml, which read *when* (a
past incident is part of the story), *who* (the resident, someone else, a partner or relative)
and *whether it is said at all* (negation, idiom, an ordinary answer). Three answers:

- clear: the guidance at once (999 first for danger now; Samaritans; the abuse helpline);
- check: "Are you or anyone else in danger right now?" with Yes / No and the 999 line;
- none: no safety text.

Nothing about the message is logged or kept; the verdict carries the name of the rule that
decided, not the resident's words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Pattern, Tuple

import yaml

CUES_FILE = Path(__file__).with_name("cues.yml")
SAFETY_INTENTS = ("emergency", "self_harm", "domestic_abuse")
# The trained intent alone, at least this sure (the pipeline's fallback threshold): abuse by a
# named partner or relative is the helpline; anything else asks the check. The rules above
# only veto it (idiom, negation, past, an address, a relative who is not doing harm).
MODEL_SURE = 0.4
# The meaning model (bot/nlu/safety_scores.py): its probability that agrees with the intent
# model's guess, and that alone asks the check (higher for a long account without a word of now).
SEMANTIC_AGREES = 0.5
SEMANTIC_CHECK = 0.85  # short answers to form questions ("I'm their son") reach 0.8
# Self-harm by meaning is asked in any tense, so it needs to be surer: idioms of despair
# ("I'm at the end of my rope") read close to it.
SEMANTIC_CHECK_SELF_HARM = 0.8
SEMANTIC_ABUSE = 0.6
SEMANTIC_ABUSE_PRONOUN = 0.5
_PRONOUN = re.compile(r"\b(?:he|she|he'?s|she'?s|him|her|his)\b")
SHORT_WORDS = 15
_NOWISH = re.compile(r"\b(?:now|just|right now|at the moment|as we speak|currently|this minute|tonight|i'?m in|we'?re in)\b")
SEMANTIC_CHECK_ACCOUNT = 0.9  # a long account without a word of now
# Someone close, with words between ("my older brother", "my teenage son", "the man I was seeing").
_CLOSE = re.compile(r"\b(?:my|me|our|mah|ma)\s+(?:[a-z-]+\s+){0,2}(?:partner|husband|wife|boyfriend|girlfriend|fella|bloke|"
                    r"missus|ex|son|daughter|brother|sister|mum|mam|mom|mother|dad|father|grandad|granddad|grandpa|"
                    r"grandma|nan|nana|gran|granny|grandson|granddaughter|uncle|aunt|auntie|nephew|niece|cousin|"
                    r"step\w+|in-?laws?|kids?|child|children)\b|\bthe (?:man|woman|guy|lad|girl) i (?:was|am|'m) "
                    r"(?:seeing|with|married to)\b|\b(?:my|our) relationship\b|\bsplit (?:up )?(?:from|with) (?:him|her)\b")
# People who are not family or partners: abuse at home is not what they do.
_OTHERS = re.compile(r"\b(?:neighbou?rs?|next door|lodgers?|youths?|kids|lads|teenagers|gang|tenants?|landlord|"
                     r"strangers?|people|someone|somebody|they|them)\b", re.I)
# Contact and place questions take addresses: "Shot Tower Close" is a street, not a shooting.
ADDRESS_QUESTIONS = {"location", "contact_address", "victim_contact"}
# Asked what is happening or how it affects them, residents tell ongoing ASB in the present tense
# ("they keep setting fire to the bins"): there only a word of *now* makes violence words a danger.
STORY_QUESTIONS = {"problem_description", "impact_text"}
_ADDRESS = re.compile(r"\b(?:\d+[a-z]?|flat \d+)\b.*\b(?:close|road|rd|street|st|avenue|ave|walk|lane|way|drive|court|"
                      r"crescent|place|terrace|gardens|grove|hill|row|square|mews|tower|park)\b|"
                      r"\b(?:close|road|street|avenue|walk|lane|way|drive|court|crescent|terrace|tower)\b,? (?:number )?\d+",
                      re.I)


# The relative is the one something is done to, not the one doing it.
_OBJECT_BEFORE = re.compile(r"\b(?:call|calls|called|calling|at|to|with|for|of|on|hit|hits|from|about|by|towards|toward|"
                            r"against|past|than|like|shout|shouts|help|helps|attacked|attack|threaten|threatened)\s+$")

_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b", re.I)


@dataclass(frozen=True)
class Verdict:
    answer: str  # emergency | self_harm | self_harm_other | domestic_abuse | hate | none
    certainty: str  # clear | check | none
    cue: str = ""  # the rule that decided, e.g. "danger_clear[3]" (never the resident's words)
    also: Tuple[str, ...] = field(default_factory=tuple)  # e.g. ("domestic_abuse",) on an emergency

    @property
    def intent(self) -> Optional[str]:
        """The Rasa intent that routes this verdict to the safeguarding action, if any."""
        if self.certainty == "none" or self.answer == "hate":
            return None
        return "self_harm" if self.answer == "self_harm_other" else self.answer


NOTHING = Verdict("none", "none")


@lru_cache(maxsize=1)
def _rules() -> Dict[str, object]:
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))

    def compile_all(patterns: List[str]) -> List[Pattern[str]]:
        return [re.compile(p, re.I) for p in patterns]

    rules: Dict[str, object] = {f"veto.{k}": compile_all(v) for k, v in raw["vetoes"].items()}
    for key in ("past", "now", "danger_clear", "urgent_short", "danger_words", "self_harm", "self_harm_other",
                "other_people", "habitual", "short_cry", "risk_words", "hate", "abuse_by_pronoun", "abuse_vetoes", "abuse_acts"):
        rules[key] = compile_all(raw[key])
    rules["abuser"] = re.compile(r"\b" + raw["abuser"], re.I)
    return rules


def normalise(text: str) -> str:
    return " ".join(text[:5000].replace("\u2019", "'").replace("\u2018", "'").lower().split())


def _semantic(scores: Optional[Mapping[str, float]]) -> Dict[str, float]:
    """Only the safety intents, only probabilities: anything else is ignored."""
    if not isinstance(scores, Mapping):
        return {}
    return {k: float(v) for k, v in scores.items() if k in SAFETY_INTENTS and isinstance(v, (int, float))
            and not isinstance(v, bool) and math.isfinite(v) and 0.0 <= v <= 1.0}


def _first(name: str, text: str) -> Optional[str]:
    for i, pattern in enumerate(_rules()[name]):  # type: ignore[arg-type]
        if pattern.search(text):
            return f"{name}[{i}]"
    return None


def _without_vetoed(text: str) -> Tuple[str, Optional[str]]:
    """The message with what is said but not meant taken out (idioms, negations, ordinary
    answers), and the first rule that took something out. The rest is still read: "I'm not hurt
    but he's outside with a knife now" keeps the knife."""
    first = None
    for kind in ("idiom", "negation", "ordinary_answer"):
        for i, pattern in enumerate(_rules()[f"veto.{kind}"]):  # type: ignore[arg-type]
            text, n = pattern.subn(" ~ ", text)
            if n and first is None:
                first = f"veto.{kind}[{i}]"
    return text, first


# Told as going on: the danger word itself after "is/are/still/there's" (a few words back), or
# followed closely by "now". Tied to the danger word, so "I'm ringing about ... smashing windows"
# is an account, and "they are smashing the windows" is going on.
_GOING_ON_BEFORE = re.compile(r"(?:\b(?:is|are|am|r|still|there'?s|theres)|'s|'re|'m)\s+(?:\w+\s+){0,2}$")
_NOW_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}(?:now|right now|at the moment|as we speak)\b")


def _going_on(text: str, name: str = "danger_words") -> Optional[str]:
    for i, pattern in enumerate(_rules()[name]):  # type: ignore[arg-type]
        for match in pattern.finditer(text):
            if _GOING_ON_BEFORE.search(text[max(0, match.start() - 40):match.start()]) or \
                    _NOW_AFTER.search(text[match.end():match.end() + 40]):
                return f"{name}[{i}]"
    return None


def told_as_past(text: str) -> bool:
    return bool(_first("past", text)) and not _first("now", text)


def _abuse(text: str) -> Optional[str]:
    if _first("abuse_vetoes", text):
        return None
    for match in _rules()["abuser"].finditer(text):  # type: ignore[union-attr]
        if _OBJECT_BEFORE.search(text[:match.start()]):
            continue  # "they call my daughter names and hit her": the relative is the victim
        after = text[match.end():match.end() + 90]
        for i, pattern in enumerate(_rules()["abuse_acts"]):  # type: ignore[arg-type]
            if pattern.search(after):
                return f"abuse_acts[{i}]"
    return _first("abuse_by_pronoun", text)


def assess(text: str, intent: Optional[str] = None, confidence: float = 0.0,
           position: Optional[str] = None, semantic: Optional[Mapping[str, float]] = None) -> Verdict:
    """The verdict for one message. `intent`/`confidence`: the trained model's strongest safety
    intent and how sure it is; `position`: the open form question (requested_slot), or None
    outside the form; `semantic`: how much the message reads like each safety intent by meaning
    (bot/nlu/safety_scores.py), which knows words the intent model never saw."""
    if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
        return NOTHING
    t = normalise(text)
    from shared.safeguarding.hate import looks_like_hate  # a sibling hint, no Rasa either

    hate_cue = "hate_hint" if looks_like_hate(t) else _first("hate", t)
    hate = Verdict("hate", "clear", hate_cue) if hate_cue else NOTHING
    t, veto = _without_vetoed(t)
    if veto and not _first("risk_words", t):
        return hate if hate.answer != "none" else Verdict("none", "none", veto)
    other = _first("self_harm_other", t)
    own = _first("self_harm", t)
    if other and not (own and not _first("other_people", t)):
        return Verdict("self_harm_other", "clear", other)
    if own:
        about_other = _first("other_people", t) and not re.search(r"\b(?:i|i'?m|i'?ve|me|my ?self)\b", t)
        return Verdict("self_harm_other" if about_other else "self_harm", "clear", own)
    past = told_as_past(t)
    address = bool(_ADDRESS.search(t)) or (position in ADDRESS_QUESTIONS and bool(_POSTCODE.search(t)))
    related = _first("abuse_vetoes", t)  # "my partner reported it too": the model sees "partner"
    # The model has read more ways of saying things than any list, but it is sure of many
    # harmless sentences too ("the lads in flat 8 n there m8s": emergency 1.0; "I'd still like to
    # send it in please": 0.96; "yes my husband, he has dementia": abuse 1.0). So its word counts
    # only beside a word of harm, fear, danger, death or control (`risk_words`). Trusting it alone
    # when it was very sure gained a little held-out recall and put "are you in danger?" to 12 of
    # the 48 simulated residents (tests/residents_driver); see tests/safeguarding_eval/README.md.
    # The full abuse reply also needs someone close named and nobody else ("they", neighbours,
    # lodgers): "my husband has dementia and is terrified when they bang" names him as the one
    # harmed, and the model gave "the flat above has visitors ... fights on the stairs" abuse 1.0.
    risky = _first("risk_words", t)
    # At form questions short answers ("he's my dad", "yes she knows and wants me to") read
    # 0.8-0.9 as abuse or self-harm to the meaning model, and the intent model agreed: simulated
    # residents were asked the check at every answer until they gave up. So the caller passes the
    # scores only for words that cannot be the answer (actions/intake/answer_like.py), and asked
    # for their account, where fear and threats are the answer, they are never heard.
    sem = _semantic(semantic) if position not in STORY_QUESTIONS else {}
    # Both models agreeing stands in for the word of harm: the meaning model was not trained
    # from scratch on this project's examples, so it is not sure of the same harmless sentences.
    agreed = intent in SAFETY_INTENTS and sem.get(intent, 0.0) >= SEMANTIC_AGREES
    model = intent if (intent in SAFETY_INTENTS and confidence >= MODEL_SURE and (risky or agreed)
                       and not (address or related)) else None
    close = bool(_rules()["abuser"].search(t))  # type: ignore[union-attr]
    if model == "domestic_abuse" and not (close and not _OTHERS.search(t)):
        # Hostility for who someone is, or a past threat by someone not named as close, is not
        # abuse at home; a threat from others now is still asked about.
        # Only with a word of harm: agreement alone on "I believe not." is no threat.
        model = "emergency" if not past and hate.answer != "hate" and risky else None
    # By meaning: abuse is what the message is about and someone close is named, nobody else.
    # It reads "my wife has MS" as near abuse, so it needs a word of harm or the intent model's word too.
    felt = sem.get("domestic_abuse", 0.0) >= SEMANTIC_ABUSE and (close or _CLOSE.search(t)) \
        and not _OTHERS.search(t) and not related and (risky or (intent in SAFETY_INTENTS and confidence >= MODEL_SURE))
    # Abuse told of "him" or "her" alone ("he takes all my wages"): the act is one the rules
    # know, nobody else is named, and by meaning the message is about abuse at home.
    told_of = sem.get("domestic_abuse", 0.0) >= SEMANTIC_ABUSE_PRONOUN and _PRONOUN.search(t) \
        and not _OTHERS.search(t) and not related and not address and _first("abuse_acts", t)
    abuse = _abuse(t) or ("model:domestic_abuse" if model == "domestic_abuse" else None) or \
        ("semantic:domestic_abuse" if felt else None) or ("semantic:" + told_of if told_of else None)
    also = ("domestic_abuse",) if abuse else ()
    urgent = _first("urgent_short", t) or (None if past else _first("short_cry", t))
    if urgent:
        return Verdict("emergency", "clear", urgent, also)
    clear = None if past else _first("danger_clear", t)
    if clear:
        return Verdict("emergency", "clear", clear, also)
    words = None if past or address or _first("habitual", t) else _first("danger_words", t)
    if abuse:
        # Abuse by someone close is the helpline in any tense; happening now, 999 first as well.
        if words and _first("now", t):
            return Verdict("emergency", "clear", words, also)
        return Verdict("domestic_abuse", "clear", abuse)
    # The project's first high-precision patterns (shared/safeguarding/cues.py), as more evidence.
    from shared.safeguarding.cues import safeguarding_cue

    legacy = safeguarding_cue(t)
    if legacy == "domestic_abuse" and not related:
        return Verdict("domestic_abuse", "clear", "legacy:domestic_abuse")
    if legacy == "emergency" and not past:  # its patterns are danger-now phrasings by design
        return Verdict("emergency", "clear", "legacy:emergency")
    if legacy == "self_harm" and not past:
        return Verdict("self_harm", "clear" if _first("now", t) else "check", "legacy:self_harm")
    if words and _first("now", t):
        return Verdict("emergency", "clear", words)  # violence, a weapon or fire, happening now
    if words and position not in STORY_QUESTIONS and _going_on(t):
        return Verdict("emergency", "check", words)  # going on, but not said to be now: ask
    # Thoughts of self-harm in any tense, and danger not told as past, get the check (with the
    # 999 line) on the model's word, since the model alone can be wrong.
    if model == "self_harm" or (model == "emergency" and not past):
        return Verdict(model, "check", f"model:{model}")
    # Read by meaning alone: never the full guidance, only the check, and not for a past event
    # or an address.
    kind = max(("self_harm", "emergency"), key=lambda k: sem.get(k, 0.0))
    # A long message is an account: danger in it by meaning alone must be said to be now.
    told = kind == "self_harm" or len(t.split()) <= SHORT_WORDS or _NOWISH.search(t)
    bar = SEMANTIC_CHECK_ACCOUNT if not told else SEMANTIC_CHECK_SELF_HARM if kind == "self_harm" else SEMANTIC_CHECK
    if sem.get(kind, 0.0) >= bar and not address and (kind == "self_harm" or not past):
        return Verdict(kind, "check", f"semantic:{kind}")
    return hate
