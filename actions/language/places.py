"""'Is it in England or Wales?' answered with a place: a postcode, a town, a country.

A case review is a law of England and Wales only. A postcode in Scotland or Northern Ireland,
or the name of either (or of their main towns), is a no; England, Wales, a postcode elsewhere
or a town an area policy knows is a yes (and gives the area). Plain yes/no still work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

from actions.language.answers import DONT_KNOW, is_dont_know, parse_yes_no
from actions.language.contact import extract_postcode

# Postcode areas wholly in Scotland or Northern Ireland (TD is mostly Scottish: Berwick's TD15 is English).
_OUTSIDE_AREAS = {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE", "BT"}
_OUTSIDE_WORDS = re.compile(
    r"\b(?:scotland|scottish|northern ireland|ulster|glasgow|edinburgh|aberdeen|dundee|inverness|perth|stirling|paisley"
    r"|belfast|derry|londonderry|lisburn|newry|isle of man|jersey|guernsey|republic of ireland|dublin|ireland)\b", re.IGNORECASE)
_INSIDE_WORDS = re.compile(r"\b(?:england|english|wales|welsh|cymru|uk|britain|london|birmingham|manchester|liverpool|leeds"
                           r"|sheffield|bristol|newcastle|nottingham|leicester|coventry|stoke|swansea|newport|wrexham|cardiff)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class PlaceAnswer:
    answer: Union[bool, str, None]  # True, False, DONT_KNOW, or None (ask again)
    area: Optional[str] = None  # the policy area the place gives, when known
    postcode: Optional[str] = None


def in_england_or_wales(text: str, area_for: Callable[[str], Optional[str]] = lambda _: None) -> PlaceAnswer:
    """``area_for`` names the policy area a place is in (the action server passes the rules'
    area_for_location); this package reads words and knows no policy."""
    if not isinstance(text, str) or not text.strip():
        return PlaceAnswer(None)
    t = text.strip()[:300]
    postcode = extract_postcode(t)
    if postcode:
        letters = re.match(r"[A-Z]+", postcode).group(0)
        if letters in _OUTSIDE_AREAS and not postcode.startswith("TD15"):
            return PlaceAnswer(False, None, postcode)
    if _OUTSIDE_WORDS.search(t) and not re.search(r"\bnew (?:ireland|england)\b", t, re.IGNORECASE):
        return PlaceAnswer(False, None, postcode)
    area = area_for(t)
    if area or postcode or _INSIDE_WORDS.search(t):
        return PlaceAnswer(True, area, postcode)
    plain = parse_yes_no(t)
    if plain is not None:
        return PlaceAnswer(plain)
    if is_dont_know(t):
        return PlaceAnswer(DONT_KNOW)
    return PlaceAnswer(None)
