"""High-precision phrases that mean a resident needs safeguarding help (rules §9).

Kept apart from the Rasa component so the patterns can be tested on their own. Precision
matters: "this noise is killing me" is not an emergency, "my ex-neighbour" or "the kids next
door hit my car" is not domestic abuse, "help me please fill this in" is not a 999 call.
Recall is the NLU model's job (data/nlu/safeguarding.yml); these patterns catch the
phrasings that must never be lost to a low-confidence or fallback classification.

Decisions:
- A threat told about the past ("last week he said he'd kill me") is not an emergency cue:
  the model classes it as `inform` and the report is taken. Words that place the danger in
  the past switch the emergency patterns off unless "now" is said as well.
- Domestic abuse needs the partner, ex or relative to be the one doing it ("my husband
  threatens me"); being the victim of neighbours ("they shout at my husband") is ASB.
  It is a cue whatever the tense: the route is different even for past abuse.
- Self-harm wins over everything, then emergency, then domestic abuse.
"""

from __future__ import annotations

import re
from typing import Optional

_FLAGS = re.IGNORECASE

# --- emergency: danger now / crime in progress ------------------------------------------
_SUBJ = r"(?:he|she|they|someone|somebody|some ?one|people|a man|a gang|the lads|the neighbou?rs?|them)"
_IS = r"(?:'s|'re| is| are|s|re)"  # he's / they're / "theyre"
_NOW = r"(?:right now|rite now|now|as we speak|at the moment|this minute)"
_EMERGENCY = re.compile(
    r"\b(?:"
    # at the door or window, now
    r"(?:outside|at|banging on|kicking|smashing|through) (?:my|the|our) (?:front |back )?(?:door|window|house|flat)s? (?:right |rite )?now"
    rf"|{_SUBJ}{_IS} (?:now |still )?(?:outside|at the door|at my door|in (?:my|the|our) (?:house|flat|garden|hall|kitchen)) {_NOW}"
    # getting in / breaking in
    r"|(?:trying|tryna|try) to (?:get|break|force (?:their|his|her|the) way) in(?:to)?"
    rf"|{_SUBJ}{_IS} (?:breaking|kicking|forcing) (?:in|into|the door|my door|our door|the door in)"
    r"|kicking (?:my|the|our) (?:front |back )?door in"
    # threats to life, said now
    r"|(?:going|gonna|about) to (?:kill|stab|shoot|hurt|attack|batter|burn) (?:me|us|my)"
    r"|(?:he|she|they)(?:'ll|ll| will|'re going to| are going to| is going to|'s going to) (?:kill|stab|shoot|burn) (?:me|us|my)"
    r"|(?:screaming|shouting|saying|threatening) (?:that )?(?:he|she|they)(?:'ll|ll| will| is going to| are going to) (?:kill|stab|shoot|burn)"
    r"|threatening to (?:kill|stab|shoot|burn) (?:me|us|my)\b.{0,40}\b(?:now|here)"
    r"|trying to (?:kill|stab|strangle|hurt) (?:me|us|my)"
    # weapons
    rf"|{_SUBJ}(?:'s|'ve| has| have|s)?(?: got)? (?:a|an) (?:knife|gun|machete|blade|weapon|hammer|bat|baseball bat|axe)"
    r"|(?:with|waving|holding) (?:a|an) (?:knife|gun|machete|blade|weapon|axe)s? (?:at|outside|in) (?:my|the|our)"
    r"|(?:outside|in|at) (?:my|our) \w+ with (?:a|an) (?:knife|gun|machete|blade|axe|weapon)"
    # being hurt now
    rf"|(?:i'?m|i am|we'?re|we are) (?:being|getting) (?:attacked|beaten|hurt|stabbed|followed|chased)"
    rf"|{_SUBJ}{_IS} (?:attacking|hitting|punching|stabbing|beating|hurting|strangling) (?:me|us|my \w+|someone|somebody)"
    r"|(?:attacking|hitting|punching|stabbing|beating|hurting) (?:me|us|my \w+|someone|somebody)(?: \w+){0,3} (?:right |rite )?now"
    # happening now (not "still happening now", which answers "is it still going on?")
    r"|(?<!still )happening (?:right |rite )?now|(?<!still )going on (?:right|rite) now"
    r"|(?:throwing|smashing|kicking|breaking|hitting|fighting|stabbing|punching|threatening|attacking|setting fire)\b.{0,50}\b(?:as we speak|right now|rite now)"
    r"|(?:as we speak|right now|rite now)\b.{0,30}\b(?:throwing|smashing|kicking|breaking|hitting|fighting|stabbing|punching|threatening|attacking)"
    rf"|{_SUBJ}{_IS} (?:here|downstairs|inside|in the house) (?:right |rite )?now|(?:they'?re|theyre|he'?s|she'?s) still here"
    r"|in danger (?:right |rite )?now|(?:i'?m|i am|we'?re|we are) in danger|not safe (?:right |rite )?now"
    r"|(?:i'?m|i am) scared for my life|fear(?:ing)? for my life"
    # fire
    r"|(?:is|'s|are) on fire|on fire (?:right )?now|fire now|set(?:ting)? (?:fire to|alight) (?:my|the|our) \w+ (?:right )?now"
    rf"|{_SUBJ}{_IS} (?:setting fire|setting light|trying to set fire)"
    # asking for help now
    r"|help me now|(?:need|want|send|get) (?:the )?(?:police|help|someone|an ambulance) (?:here )?(?:right )?now"
    r"|send (?:the )?police|please come quick|(?:^|[.!,] *)help[ !,]*(?:please |pls |me |now )*(?:he'?s|she'?s|they'?re|theyre|someone'?s|someone is|there'?s)"
    r")",
    _FLAGS,
)
# The danger is told as past: not a cue for 999. A time in the past is undone only by a
# strong "right now"; having rung someone ("I rang 999") is undone by any "now".
_PAST_TIME = re.compile(
    r"\b(?:last (?:week|month|year|night|time|summer|winter|spring|autumn|weekend|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|yesterday|ago|used to|back in|previously|"
    r"a (?:few|couple of) (?:days|weeks|months) back|in (?:january|february|march|april|june|july|"
    r"august|september|october|november|december))\b",
    _FLAGS,
)
_PAST_REPORT = re.compile(
    r"\b(?:reported (?:it|him|her|them)|(?:rang|phoned|called|told) (?:the police|101|999|the council))\b", _FLAGS
)
_STRONG_NOW = re.compile(r"\b(?:right now|rite now|as we speak|this minute)\b", _FLAGS)
_ANY_NOW = re.compile(r"\b(?:right now|rite now|as we speak|this minute|now)\b", _FLAGS)


def _told_as_past(text: str) -> bool:
    if _PAST_TIME.search(text):
        return not _STRONG_NOW.search(text)
    if _PAST_REPORT.search(text):
        return not _ANY_NOW.search(text)
    return False


# --- self-harm ------------------------------------------------------------------------
_SELF_HARM = re.compile(
    r"\b(?:"
    r"kill(?:ing)? (?:my ?self|me ?self)|top(?:ping)? (?:my ?self|me ?self)|end(?:ing)? it all"
    r"|end(?:ing)? my (?:own )?life|take my (?:own )?life|taking my (?:own )?life|suicid\w*"
    r"|(?:don'?t|do not|dont) want to (?:be here|be alive|exist)(?! (?:any ?more )?(?:in|at|on|with|near|next) (?:this|the|that|these|my|them|him|her))"
    r"|(?:don'?t|do not|dont) want to (?:live|go on)(?! (?:here|there|in|on|next|near|by|around|at|with|beside|opposite))"
    r"|no point (?:in )?(?:living|going on living|being alive)|point (?:in |of )?(?:living|being alive)|(?:not|isn'?t) worth living"
    r"|(?:think\w*|thought|feel\w* like) (?:about |of )?ending (?:it|things|everything)\b(?! (?:with|between))"
    r"|better off without me|(?:rather|want to|wanna) not wake up"
    r"|hurt(?:ing)? (?:my ?self|me ?self)|harm(?:ing)? (?:my ?self|me ?self)|self[- ]?harm\w*"
    r"|cut(?:ting)? (?:my ?self|me ?self)|better off dead|(?:i )?(?:want|wanna) to die|wish i (?:was|were) dead"
    r"|overdose|(?:don'?t|do not) want to wake up"
    r")",
    _FLAGS,
)

# --- domestic abuse -------------------------------------------------------------------
_PARTNER = (
    r"(?:ex(?![- ]?(?:neighbou?rs?|landlord|colleague|boss|friend|council|housing|tenant|flat|house|employer|"
    r"school|work|job|wife's|husband's|partner's)\b)(?:[- ]?(?:partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?))?"
    r"|(?:former |old )?(?:partner|husband|hubby|wife|boyfriend|girlfriend|fianc[eé]e?)|baby (?:dad|daddy|father|mum|mother)"
    r"|(?:kids'?|children'?s|son'?s|daughter'?s|baby'?s) (?:dad|father|mum|mother))"
)
_RELATIVE = (
    r"(?:son|daughter|dad|father|mum|mam|mom|mother|brother|sister|stepdad|step-dad|stepmum|step-mum|"
    r"stepson|stepdaughter|grandson|granddaughter|uncle|nephew|(?:brother|sister|son|daughter|father|mother)[- ]in[- ]law|"
    r"(?:mum|mam|mother|dad)'?s (?:boyfriend|partner|girlfriend|husband|wife))"
)
_MY = r"(?:my|me|our)"
# Words allowed between the person and what they do, so "my son and the lads hit..." or
# "my son's friend hit..." do not count, but "my ex keeps on turning up" does.
_GAP = (
    r"(?:(?:'s|is|has|have|had|was|keeps|kept|keep|always|still|just|now|has been|had been|been|will|would|"
    r"won'?t|wont|constantly|again|even|also|sometimes|often|then|started|starts|gets|got|goes|went|tried|tries|"
    r"never|literally|regularly|actually|drunk|he|she|and he|and she)\s+){0,3}"
)
_FAMILY_OBJ = r"(?:me|us|my (?:mum|mam|mom|mother|dad|kids?|children|son|daughter|baby|sister|brother|nan|wife|husband|partner))"
_ABUSE_ANY = (  # said of a partner, ex or relative
    rf"(?:hit(?:s|ting)?|beat(?:s|ing)?|batter(?:s|ed|ing)?|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|kick(?:s|ed|ing)?|"
    rf"push(?:es|ed|ing)?|shov(?:es|ed|ing)|strangl\w*|chok\w*|grab(?:s|bed|bing)?|hurt(?:s|ing)?|"
    rf"threaten(?:s|ed|ing)?|attack(?:s|ed|ing)?|abus(?:es|ed|ing)) {_FAMILY_OBJ}"
    r"|threaten(?:s|ed|ing)? to (?:kill|hurt|stab|take the kids|burn|batter|beat)"
    r"|(?:is|was|gets|got|being) (?:violent|abusive|aggressive)(?: to(?:wards)? (?:me|us))?"
    r"|abuses|abusive|stalk\w*|harass\w*|controls? (?:me|everything|my money|what i)|controlling"
    r"|won'?t let me|steals? from me|takes? (?:all )?my money|checks? my phone"
    r"|smash(?:es|ed|ing)? (?:up )?(?:my|the house|our|things|the place)|breaks? (?:my )?things"
)
_EX_ONLY = (  # enough on their own when it is an ex or partner
    r"turn(?:s|ed|ing)? up|won'?t (?:leave|stop)|keeps? (?:coming|calling|texting|messaging|ringing|following|"
    r"driving|sending|watching|turning|banging|phoning|kicking|shouting)|coming round|following me|"
    r"sending (?:people|threat|messages|me)|threats|outside (?:every|my|the house)|making my life hell|"
    r"won'?t accept|banging on|kicking off|messag\w+ me|driving past"
)
_DOMESTIC = re.compile(
    r"\b(?:"
    rf"{_MY} (?:{_PARTNER}|{_RELATIVE})(?:'s)?\s+{_GAP}(?:{_ABUSE_ANY})"
    rf"|{_MY} {_PARTNER}\s+{_GAP}(?:{_EX_ONLY})"
    rf"|(?:the|his|her) (?:kids'?|children'?s) (?:dad|father|mum|mother)\s+{_GAP}(?:{_ABUSE_ANY}|{_EX_ONLY})"
    rf"|(?:the )?(?:father|dad|mum|mother) of {_MY} (?:kids|children|child|baby|son|daughter)\s+{_GAP}(?:{_ABUSE_ANY}|{_EX_ONLY})"
    rf"|(?:scared|afraid|frightened|terrified) of {_MY} {_PARTNER}"
    rf"|(?:it'?s|its) {_MY} ex\b|(?:he|she)(?:'s| is) {_MY} ex\b|{_MY} ex (?:is|was) (?:abusive|violent)"
    r"|domestic (?:abuse|violence)|coercive control|it'?s (?:a )?domestic\b"
    r")",
    _FLAGS,
)


def safeguarding_cue(text: str) -> Optional[str]:
    """`emergency`, `self_harm`, `domestic_abuse`, or None. Never logs or keeps the text."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = " ".join(text[:5000].replace("\u2019", "'").split())
    if _SELF_HARM.search(text):
        return "self_harm"
    if _EMERGENCY.search(text) and not _told_as_past(text):
        return "emergency"
    if _DOMESTIC.search(text):
        return "domestic_abuse"
    return None
