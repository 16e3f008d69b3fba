"""Who a report went to, in the vocabulary of docs/contracts.md (rules §8).

Police (999, 101, a PCSO), the council and social housing count; a private landlord, a
councillor, an MP, a residents' group, social media and diary sheets are kept as context.
A plain "landlord" could be either, so it is left for the assistant to ask.
"""

from __future__ import annotations

import re
from typing import Optional

BODIES = ("police", "council", "housing", "health", "private_landlord", "councillor", "mp",
          "residents_group", "social_media", "diary", "other", "unknown")
UNSURE_LANDLORD = "landlord_unknown"  # social (counts) or private (does not): ask
UNSURE_TEAM = "asb_team_unknown"  # "the ASB team" with no owner: the council's, the police's or the landlord's: ask

# Order matters: the first alternative that matches at a position wins, so specific phrases come first.
_PATTERNS: list[tuple[str, str]] = [
    ("diary", r"(?:\w+'s\s)?diary\s?sheets?|(?:\w+'s\s)?diar(?:y|ies)|log sheets?|incident diar(?:y|ies)"),
    ("private_landlord", r"private landlord|private(?:ly)? (?:let|rent(?:ed|al)?)|letting agen(?:t|cy|ts)|lettings agen(?:t|cy)|estate agents?|managing agents?"),
    ("housing", r"social housing(?: provider| landlord| association)?|(?:estate|tenancy)(?: management| sustainment)? officers?|housing association|housing officer|housing office|housing provider|housing trust|housing team"
                r"|housing department|social landlord|council landlord|housing"
                # housing associations by name: capitalised, as "Orbit" or "Platform" are words too
                r"|(?-i:(?:[A-Z][a-z]+ )+(?:and (?:[A-Z][a-z]+ )+)?Homes|Aspire|Bromford|Midland Heart|Clarion|Peabody|Sanctuary"
                r"|Orbit|Platform|Longhurst|Riverside|Places for People|Home Group|Guinness|Accord|Wrekin Housing|WHG)"),
    ("councillor", r"councill?ors?|\bcllr\b"),
    (UNSURE_TEAM, r"(?:asb|anti-?social behaviou?r) (?:team|officers?|unit|department|line)"),
    ("council", r"council|environmental health(?: officers?| team| department)?|council officers?|noise officers?|noise team|local authority"
                r"|noise (?:line|nuisance line)|out[- ]of[- ]hours (?:noise )?(?:line|service|team)|dog wardens?|fix ?my ?street"
                r"|coucnil|counsil|councel|concil|cuncil|coumcil|counsel(?!l?or)"),  # typed fast
    ("police", r"police|\b101\b|\b999\b|\bpcsos?\b|\bpc\b|copper|cops?\b|officers?|bobby|crime numbers?|front desk"
               r"|plice|poilce|polcie|pollice|polise|\bpolic\b|non-?emergency (?:number|line)"
               # the police's own online form, when no other body's form is meant (see find_bodies)
               r"|(?:the |an? )?(?:on-?line|web) ?(?:form|report(?:ing)?(?: form| tool)?)\b"),
    ("mp", r"\bmp\b|member of parliament"),
    ("health", r"\bgp\b|doctor|\bnhs\b|health visitor|mental health (?:team|nurse|worker|service)s?|(?:community |practice )?nurse"
               r"|\bcpn\b|\bicb\b"),
    ("other", r"fire (?:service|brigade)|\brspca\b|victim support|support worker|concierge|crimestoppers|crime stoppers"
              r"|(?:the |my \w+'s |my kids'? |our )school\b"),
    ("residents_group", r"residents'? (?:association|group|committee|meeting)|tenants'? (?:association|group)"
                        r"|neighbourhood watch|community group"),
    ("social_media", r"tweet(?:ed)? (?:at |to )?(?:the |my local )?police|facebook|twitter|nextdoor|instagram|social media|tiktok|whatsapp group|community page"),
    (UNSURE_LANDLORD, r"landlord|landlady"),
]
BODY_RE = re.compile("|".join(rf"(?P<{name}>\b(?:{p}))" for name, p in _PATTERNS), re.IGNORECASE)
INFORMAL_RE = re.compile(r"\bpcsos?\b|in the street|\bjust (?:me )?(?:telling|told|mentioned|said)|passing|flagged down|"
                         r"told (?:a|the) (?:copper|officer|bobby) (?:i|we) saw", re.IGNORECASE)


# "the police on their Facebook page", "the council's Twitter": the body's own page, so that body.
_OWN_PAGE = re.compile(r"\b(?:police|council|housing)(?:'s)?\s+(?:(?:[\w']+\s+){0,3}?(?:on|via|through)\s+(?:(?:their|its)\s+)?)?$",
                       re.IGNORECASE)  # "messaged the police on Facebook": the police, by Facebook


def find_bodies(text: str) -> list[tuple[str, int, int]]:
    """(body, start, end) for each mention, in order; the unsure landlord as `landlord_unknown`."""
    text = text or ""
    found = [(m.lastgroup, m.start(), m.end()) for m in BODY_RE.finditer(text)
             if not (m.lastgroup == "social_media" and _OWN_PAGE.search(text[max(0, m.start() - 40):m.start()]))]
    # "the council's online form", "the housing association's web form": that body's form, not the police's
    found = [f for f in found if not (f[0] == "police" and _A_FORM.match(text[f[1]:f[2]])
                                      and _ANOTHER_BODYS.search(text[max(0, f[1] - 60):f[1]]))]
    found = _landlord_said_to_be(found, text)
    # "went into the council offices and spoke to someone on the front desk": that body's front desk
    found = [f for i, f in enumerate(found) if not (
        f[0] == "police" and text[f[1]:f[2]].lower() == "front desk" and i > 0 and found[i - 1][0] != UNSURE_LANDLORD
        and f[1] - found[i - 1][2] <= 80 and not re.search(r"[.;!?]", text[found[i - 1][2]:f[1]]))]
    # "the council's ASB team", "the ASB team at Bromford": the team of the body named beside it
    return [f for f in found if not (f[0] == UNSURE_TEAM and any(
        o is not f and o[0] != UNSURE_TEAM and (_OWNER_BEFORE.fullmatch(text[o[2]:f[1]]) or _OWNER_AFTER.fullmatch(text[f[2]:o[1]]))
        for o in found))]


# "my landlord, which is the council", "my landlord (it's a private let through the agents)"
_WHICH_IS = re.compile(r"^\W*(?:which|who|that|it|they)(?:'s|'re| is| was| are| were)\b", re.IGNORECASE)
_LANDLORD_KIND = {"council": "housing", "housing": "housing", "private_landlord": "private_landlord"}


def _landlord_said_to_be(found: list, text: str) -> list:
    """A plain 'landlord' the resident goes on to say is the council (a council landlord, so
    housing) or a private let: one body, of that kind."""
    out = []
    skip = set()
    for i, f in enumerate(found):
        if i in skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (f[0] == UNSURE_LANDLORD and nxt is not None and nxt[0] in _LANDLORD_KIND and nxt[1] - f[2] <= 60
                and _WHICH_IS.match(text[f[2]:nxt[1]])):
            out.append((_LANDLORD_KIND[nxt[0]], f[1], nxt[2]))
            skip.add(i + 1)
            continue
        out.append(f)
    return out


_OWNER_BEFORE = re.compile(r"(?:'s|s')?\s+(?:own\s+|\w+\s+)?", re.IGNORECASE)
_OWNER_AFTER = re.compile(r"\s+(?:at|from|of|in|for|with)\s+(?:the\s+|my\s+|our\s+)?", re.IGNORECASE)


_A_FORM = re.compile(r"(?:the |an? )?(?:on-?line|web) ?(?:form|report)", re.IGNORECASE)
_ANOTHER_BODYS = re.compile(r"\b(?:council|housing|association|landlord|agent|homes|aspire|bromford|heart|health|nhs|rspca"
                            r"|fixmystreet)\w*(?:'s|s')?\s+(?:own\s+)?$|\b(?:on|via|through|using)\s+(?:the\s+)?"
                            r"(?:council|housing)\S*\s+(?:\w+\s+)?$", re.IGNORECASE)


def body_in(text: str) -> Optional[str]:
    """The first body named in a short answer ("the council", "I rang 101"), or None."""
    for name, _, _ in find_bodies(text if isinstance(text, str) else ""):
        return None if name in (UNSURE_LANDLORD, UNSURE_TEAM) else name
    return None


def body_named(words: str) -> Optional[str]:
    """The body a whole short phrase names ("housing association", "private landlord"), or
    None when the phrase is more than a body's name or is a plain "landlord"."""
    match = BODY_RE.fullmatch(words.strip() if isinstance(words, str) else "")
    return match.lastgroup if match and match.lastgroup not in (UNSURE_LANDLORD, UNSURE_TEAM) else None
