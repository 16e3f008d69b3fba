"""What the assistant asked, read from its messages (text and buttons) the way a resident would.

Only the assistant's wording is used (domain.yml and what the running product says), never its
code or training data. A reply is recognised as: the question it ends with (`kind`), the report
it is about (a date in the question), and the things it said on the way (not understood, an
assessment, a reference, a right-route signpost).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

# The last message matching one of these decides what is being asked. Order matters where two
# could match one message (the summary holds the reports list as well).
QUESTIONS: list[tuple[str, str]] = [
    ("confirm_change", r"you'd like (me to|the|report)[^?]*is that right\?"),
    ("check_your_answers", r"is everything right\?|you can change anything"),
    ("read_back", r"is that right\? if anything is wrong|here are the reports you've told me about"),
    ("sent", r"your reference is asb-"),
    ("safety_check", r"are you (?:or anyone else )?(safe|in danger)[^.?]*\?|is anyone in danger[^.?]*\?|are you somewhere safe"),
    ("confirm_stop", r"do you want to stop\?"),
    ("confirm_start_again", r"do you want to start again\?"),
    ("reported_before", r"have you already reported this problem"),
    ("in_england_wales", r"happening in england or wales"),
    ("applicant_type", r"who is asking for the review"),
    ("relationship", r"how do you know the person"),
    ("victim_consent", r"does the person know you are asking|have they agreed"),
    ("organisation_name", r"name of the business or group"),
    ("victim_name", r"name of the person it's happening to"),
    ("victim_contact", r"how can the team contact them"),
    ("problem", r"in your own words, what is happening"),
    ("location", r"where is this happening"),
    ("perpetrator", r"do you know who is doing it"),
    ("ongoing", r"is it still going on"),
    ("hate", r"because of who you are"),
    ("incident_date", r"did it happen on the day you reported it|when did (it|the incident) happen|"
                      r"best guess|roughly when|which (day|date)|what date"),
    ("date_confirm", r"just to check: when you said"),
    ("reported_to", r"who did you (report|tell)|who was it reported to|which (organisation|agency)"),
    ("reported_date", r"when did you (make that report|make those \d+ reports|report)|when was (it|that) reported"),
    ("reference", r"reference or crime number|reference number"),
    ("more_reports", r"reported it any other times"),
    ("reports", r"tell me about (a|another) time you reported it"),
    ("others_consent", r"happy to be named"),
    ("others_household", r"same household as each other"),
    ("other_reporters", r"have other people[^?]*reported"),
    ("impact_opt_in", r"would you like to tell us how this is affecting"),
    ("impact_text", r"how is it affecting you"),
    ("vulnerable", r"especially vulnerable"),
    ("fear", r"worried about what they might do"),
    ("assessment_continue", r"shall we carry on\?"),
    ("apply_anyway", r"send (it|your application) anyway|would you (still )?like to (send|apply)|still ask for a review"),
    ("full_name", r"what is your (full )?name"),
    ("contact_address", r"what is your address"),
    ("phone", r"what phone number"),
    ("email", r"an email address\?|what is your email"),
    ("preferred_contact", r"how would you prefer the team to contact you"),
    ("safe_contact", r"must not contact you"),
    ("consent_share", r"do you agree to this\?"),
    ("declaration", r"is everything you've told me true"),
    ("what_change", r"what would you like to change\?|what should it be instead\?"),
    # Not in domain.yml: guesses at wordings the actions may use.
    ("domestic", r"(partner|ex-partner|family member|relative)[^.?]*\?"),
    ("about_staff", r"(officer|member of staff)[^.?]*\?"),
    ("same_incident", r"same (incident|night|day|thing|time|event)[^.?]*\?"),
    ("related", r"(related|the same problem|same people)[^.?]*\?"),
]

# Said on the way; several may appear in one reply.
SIGNS: dict[str, str] = {
    "not_understood": r"didn't understand|finding this hard to follow|could you say it another way",
    "met": r"meets the threshold",
    "not_met": r"does not meet the threshold",
    "needs_review": r"a person needs to check",
    "never_reported": r"report it first",
    "outside_england_and_wales": r"case review is for england and wales",
    "domestic_abuse": r"0808 2000 247|sounds like it might be domestic abuse",
    "complaint_about_staff": r"can't look at complaints about an officer|independent office for police conduct",
    "not_applying": r"things you can do now",
    "consent_end": r"nothing will be sent|come back together",
    "stopped": r"everything you told me has been deleted",
    "emergency": r"press 55|silent solution",
    "person_asked": r"no one from the team is free|asked for someone from the team|our team is only on this chat",
    "why": r"we ask this because",
    "redo_report": r"let's do that report again",
}

# Endings: the conversation goes no further (right route, or nothing to send).
RIGHT_ROUTES = ("never_reported", "outside_england_and_wales", "domestic_abuse", "complaint_about_staff")
ENDINGS = RIGHT_ROUTES + ("not_applying", "consent_end", "stopped")

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", re.I)
REFERENCE = re.compile(r"your reference is (ASB-[A-Z0-9]+)", re.I)


@dataclass
class Asked:
    kind: Optional[str]  # None: no question recognised
    text: str  # every message of the reply, joined
    question: str  # the message the question was read from
    buttons: list[dict] = field(default_factory=list)  # of the question's message
    dates: list[dt.date] = field(default_factory=list)  # dates named in the question
    signs: set[str] = field(default_factory=set)
    reference: Optional[str] = None
    raw: str = ""  # the messages as sent, line breaks kept (the read-back's numbered lines)

    @property
    def ending(self) -> Optional[str]:
        for name in ENDINGS:
            if name in self.signs:
                return name
        return None

    @property
    def outcome_shown(self) -> Optional[str]:
        for name in ("needs_review", "not_met", "met"):  # "does not meet" also holds "meet"
            if name in self.signs:
                return name
        return None

    def key(self) -> tuple:
        """Same key twice in a row = the same question asked again."""
        return (self.kind, tuple(self.dates))


def dates_in(text: str) -> list[dt.date]:
    found = []
    for day, month, year in DATE.findall(text):
        try:
            found.append(dt.date(int(year), MONTHS[month.lower()], int(day)))
        except ValueError:
            pass
    return found


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


def recognise(messages: list[dict]) -> Asked:
    texts = [m.get("text") or "" for m in messages]
    whole = _norm(" \n".join(texts))
    signs = {name for name, rx in SIGNS.items() if re.search(rx, whole)}
    if "not_met" in signs:
        signs.discard("met")
    ref = REFERENCE.search(" ".join(texts))
    raw = "\n".join(texts)
    for i in range(len(messages) - 1, -1, -1):
        text = _norm(texts[i])
        buttons = messages[i].get("buttons") or []
        titles = _norm(" ".join(b.get("title", "") for b in buttons))
        for kind, rx in QUESTIONS:
            if re.search(rx, text) or (kind == "apply_anyway" and re.search(r"send my application", titles)):
                if kind == "sent" and not ref:
                    continue
                return Asked(kind, whole, texts[i], _buttons_near(messages, i), dates_in(texts[i]),
                             signs, ref.group(1) if ref else None, raw)
    last_buttons = next((m["buttons"] for m in reversed(messages) if m.get("buttons")), [])
    # The 999 message with nothing after it: the resident says whether they are safe.
    return Asked("safety_message" if "emergency" in signs else None, whole, texts[-1] if texts else "", last_buttons, [], signs,
                 ref.group(1) if ref else None, raw)


def _buttons_near(messages: list[dict], i: int) -> list[dict]:
    """The question's buttons: on its message, or on the next one (a question split in two)."""
    for m in messages[i:]:
        if m.get("buttons"):
            return m["buttons"]
    return []
