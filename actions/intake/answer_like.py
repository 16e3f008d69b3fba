"""Could these words be the answer to the question that is open? (rules §9, mid-form)

The meaning model (bot/nlu/safety_scores.py) reads short ordinary answers as near danger or
abuse ("he's my dad" 0.9, "I'm their son" 0.8): heard at every answer, residents were asked
"are you in danger right now?" until they gave up. So at a form question it is heard only
when the form's own reading could not take the words as the answer: a yes or no where one is
asked, a place, a name, a date, a report. What is not an answer, read as danger, is asked
about; it is never stored.
"""

from __future__ import annotations

import re
from datetime import date

from actions.intake.questions import question
from actions.language import (
    contact_restriction, extract_email, extract_phone, extract_postcode, extract_reports, parse_count, parse_date,
    parse_yes_no,
)
from actions.rules import area_for_location

# Questions answered in a few words of the resident's own ("my mum", "the lads at number 9"):
# at most this many words is an answer there, whatever it reads like.
SHORT_ANSWER = 6
# Questions about a person: who is doing it, how the resident knows the victim, their contact.
PERSON_QUESTIONS = {"on_behalf_relationship", "perpetrator", "victim_name", "victim_contact", "other_reporters"}
PLACE_QUESTIONS = {"location", "contact_address", "victim_contact"}
NAME_QUESTIONS = {"full_name", "victim_name", "organisation_name"}
# A street-type word or a house number: "behind the Co-op on Mill Lane", "flat 3".
_PLACE = re.compile(r"\b(?:road|rd|street|st|lane|ln|avenue|ave|close|way|drive|court|crescent|place|grove|hill|park|"
                    r"estate|flats?|square|terrace|gardens|walk|row|green|parade|precinct|centre|alley|alleyway|"
                    r"towpath|canal|village|town|mews|rise|view|bank|wharf|market|high street|shops?|block|tower|"
                    r"bypass|school|church|station|library|pub|park)\b|\b\d{1,4}[a-z]?\b", re.I)
PLACE_WORDS = 10
_REPORTING = re.compile(r"\b(?:reported|report|rang|rung|ring|called|phoned|emailed|e-mailed|told|contacted|logged|"
                        r"complained|wrote|101|crime number|reference)\b", re.I)
_NAME = re.compile(r"^(?:(?:my (?:full )?name(?: is|'s)|i'?m|i am|it'?s|this is|call me)\s+)?"
                   r"(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}[.!]?$")


def could_be_the_answer(slot: str, text: str, today: date) -> bool:
    """True when the form could take `text` as the answer for `slot` (the safe way round: a
    short answer in the resident's own words is an answer)."""
    text = (text or "").strip()
    q = question(slot)
    if q is None or not text:
        return True
    if q.kind == "yes_no":
        return parse_yes_no(text) is not None
    if q.kind == "date":
        return parse_date(text, today).ok
    if q.kind == "count":
        return parse_count(text) is not None
    if slot in PLACE_QUESTIONS:
        # A place is said in a few words; a street named in a longer message is where something
        # is happening ("two men dragging a girl into a van on Albert Street"), not the answer.
        return bool(extract_postcode(text)) or len(text.split()) <= PLACE_WORDS and bool(
            _PLACE.search(text) or area_for_location(text))
    if slot in NAME_QUESTIONS:
        return bool(_NAME.match(text))
    if slot == "report_text":
        # Someone it was reported to, or a word of reporting: a date alone is no report.
        return bool(_REPORTING.search(text)) or any(c.reported_to for c in extract_reports(text, today))
    if slot in ("phone", "email"):
        return bool(extract_phone(text) or extract_email(text))
    if slot == "safe_contact":
        return contact_restriction(text) is not None
    return len(text.split()) <= SHORT_ANSWER
