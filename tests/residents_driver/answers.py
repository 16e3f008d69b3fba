"""The resident's answer to what the assistant asked: from the profile's facts, in its style.

Every answer is built from the profile (`says` fields first, otherwise the facts put in the
profile's register), never from the assistant's training examples. `Answer.text` is what the
resident types first; `buttons` are the titles to press once the typed answer was not
understood; `plain` is a plainer retyping when no button fits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from .profiles import as_date

# How each kind of resident says the short things. Written for these profiles' registers.
STYLE: dict[str, dict[str, str]] = {
    "terse": {"yes": "yes", "no": "no", "idk": "dont know", "go_on": "go on", "send": "send it",
              "agree": "yes", "same_day": "same day", "day_before": "day before", "no_ref": "no ref",
              "any": "any time", "no_more": "no thats it", "right": "yes right", "impact": "ok"},
    "rambling": {"yes": "Yes, yes that's right", "no": "No, not really, no", "idk": "Honestly I couldn't tell you",
                 "go_on": "Yes let's carry on then", "send": "Yes please send it", "agree": "Yes that's fine, I agree",
                 "same_day": "It was the same day, I rang them straight away", "day_before": "It was the day before, the night before really",
                 "no_ref": "No, they never gave me a number", "any": "Any time is fine really",
                 "no_more": "No, I think that's all of them", "right": "Yes that all looks right", "impact": "Yes I'd like to say"},
    "elderly_formal": {"yes": "Yes, that is correct.", "no": "No, it is not.", "idk": "I am afraid I do not know.",
                       "go_on": "Please do carry on.", "send": "Yes, please send it.", "agree": "Yes, I agree.",
                       "same_day": "It occurred on the same day.", "day_before": "It occurred the previous day.",
                       "no_ref": "No, I was not given a reference.", "any": "At any time, thank you.",
                       "no_more": "No, those are all of them.", "right": "Yes, that is correct.", "impact": "Yes, I should like to."},
    "text_speak": {"yes": "ye", "no": "nah", "idk": "dunno", "go_on": "ok go on", "send": "ye send it",
                   "agree": "ye ok", "same_day": "same day", "day_before": "day b4", "no_ref": "no ref",
                   "any": "whenever", "no_more": "nah thats it", "right": "ye thats rite", "impact": "ye"},
    "typo_heavy": {"yes": "yes", "no": "noo", "idk": "dont no", "go_on": "cary on", "send": "yes send it",
                   "agree": "yes i agre", "same_day": "same day", "day_before": "the day befor",
                   "no_ref": "no refrence", "any": "any time", "no_more": "no thats all",
                   "right": "yes thats rite", "impact": "yes"},
    "esl": {"yes": "Yes", "no": "No", "idk": "I don't know", "go_on": "OK continue", "send": "Yes please send",
            "agree": "Yes I agree", "same_day": "Same day", "day_before": "Day before",
            "no_ref": "No number", "any": "Any time OK", "no_more": "No, that is all", "right": "Yes correct", "impact": "Yes"},
    "anxious": {"yes": "Yes, I think so", "no": "No", "idk": "I don't know, sorry", "go_on": "OK, I'll carry on",
                "send": "Yes, please send it", "agree": "Yes, that's ok", "same_day": "The same day",
                "day_before": "The day before", "no_ref": "No, I didn't get one, sorry", "any": "Any time is fine",
                "no_more": "No, that's all of them", "right": "Yes, that's right", "impact": "Yes, ok"},
    "plain": {"yes": "Yes", "no": "No", "idk": "Not sure", "go_on": "Carry on", "send": "Yes, send it",
              "agree": "Yes, I agree", "same_day": "The same day", "day_before": "The day before",
              "no_ref": "No reference", "any": "Any way is fine", "no_more": "No, that's all",
              "right": "Yes, that's right", "impact": "Yes"},
}
PLAIN = STYLE["plain"]


@dataclass
class Answer:
    text: str
    buttons: list[str] = field(default_factory=list)  # titles to press after being misunderstood
    plain: Optional[str] = None  # a plainer retyping when no button fits
    side: bool = False  # a side question or correction: the question may well come again


class Resident:
    """One profile playing the resident; remembers what it has already told."""

    def __init__(self, profile: dict):
        self.p = profile
        self.f = profile["facts"]
        self.style = STYLE.get(profile["style"]["kind"], PLAIN)
        self.reports = list(self.f.get("reports") or [])
        self.told = 0  # reports told so far (one by one)
        # In the opening or not, the first time the reports are asked for they are all told.
        self.told_all = False
        self.consent_turn = 0
        self.all_corrections = list(self.f.get("corrections") or [])
        self.corrections = list(self.all_corrections)  # those not made yet
        self.side_questions = list(self.f.get("asks_along_the_way") or [])
        self.first_says_used: set[int] = set()
        self.pressed: set[int] = set()  # reports whose vague date was already given once
        self.dated: set[int] = set()  # reports whose report date the assistant asked for
        self.last_asked = -1  # the report the assistant asked about last

    def say(self, word: str) -> str:
        return self.style.get(word, PLAIN[word])

    def yes_no(self, value, yes_buttons=("Yes",), no_buttons=("No",)) -> Answer:
        if value is None:
            return Answer(self.say("idk"), ["Not sure", "I'm not sure", "I'd rather not say"], PLAIN["idk"])
        if value:
            return Answer(self.say("yes"), list(yes_buttons), "yes")
        return Answer(self.say("no"), list(no_buttons), "no")

    # ---- reports -----------------------------------------------------------------------
    def all_reports_text(self) -> str:
        said = [r["says"].rstrip() for r in self.reports if r.get("says")]
        return self.f.get("tells_reports_says") or " ".join(s if s[-1] in ".!?" else s + "." for s in said)

    def next_report(self) -> Answer:
        if self.f.get("tells_reports") in ("all_at_once", "in_opening") and not self.told_all:
            self.told_all = True
            self.told = len(self.reports)
            return Answer(self.all_reports_text(), plain=self.all_reports_text())
        self._skip_dated()
        if self.told >= len(self.reports):
            return Answer(self.say("no_more"), ["No, that's all"], "no")
        i = self.told
        r = self.reports[i]
        if r.get("first_says") and i not in self.first_says_used:
            self.first_says_used.add(i)
            return Answer(r["first_says"], plain=r["says"])
        self.told += 1
        return Answer(r["says"], plain=plain_report(r))

    def _skip_dated(self) -> None:
        """A report whose date was already asked for (the opening counted it) has been told."""
        while self.told < len(self.reports) and self.told in self.dated:
            self.told += 1

    def more_reports(self) -> Answer:
        self._skip_dated()
        if self.f.get("tells_reports") == "one_by_one" and self.told < len(self.reports):
            return Answer(self.say("yes"), ["Yes"], "yes")
        return Answer(self.say("no_more"), ["No, that's all"], "no")

    def report_for(self, dates: list[dt.date]) -> tuple[int, Optional[dict]]:
        """The report a question is about: the one reported (else happening) on the date named."""
        i, r, _ = self._report_by_date(dates)
        return i, r

    def _report_by_date(self, dates: list[dt.date]) -> tuple[int, Optional[dict], Optional[str]]:
        for field_name in ("reported", "incident"):
            for i, r in enumerate(self.reports):
                for d in dates:
                    if _on(r, field_name, d):
                        self.last_asked = i
                        return i, r, field_name
        return -1, None, None

    def retell(self) -> Answer:
        """"Let's do that report again": the same report, plainly."""
        r = self.reports[self.last_asked] if 0 <= self.last_asked < len(self.reports) else None
        if r is None:
            return self.next_report()
        return Answer(plain_report(r), plain=plain_report(r))

    def incident_date(self, dates: list[dt.date], text: str) -> Answer:
        i, r, by = self._report_by_date(dates)
        if r is not None and by == "incident" and not isinstance(r["incident"], dict):
            # The assistant took the incident's date for the report's: say when it happened.
            return Answer(_date_words(as_date(r["incident"]), self.p), plain=f"it happened on {as_date(r['incident']):%-d %B}")
        if r is None:
            return Answer(self.say("idk"), ["I'm not sure"], PLAIN["idk"])
        inc = r["incident"]
        if isinstance(inc, dict):  # vague: say it, then the best guess when pressed
            if i in self.pressed or "best guess" in text.lower():
                return Answer(r.get("if_pressed") or _date_words(as_date(inc.get("best_guess")), self.p),
                              plain=_date_words(as_date(inc.get("best_guess")), self.p))
            self.pressed.add(i)
            return Answer(inc.get("says") or r["says"], plain=_date_words(as_date(inc.get("best_guess")), self.p))
        reported = _reported_date(r)
        inc = as_date(inc)
        if inc == reported:
            return Answer(self.say("same_day"), ["Same day"], "same day")
        if reported and inc == reported - dt.timedelta(days=1):
            return Answer(self.say("day_before"), ["The day before"], "the day before")
        words = _date_words(inc, self.p)
        return Answer(words, plain=f"it happened on {inc:%-d %B %Y}" if inc else words)

    def current(self, dates: list[dt.date], text: str = "") -> tuple[int, Optional[dict]]:
        """The report a question is about: by its date; else the one told last; else, for
        reports told all at once, the first to the body named whose date was not asked yet."""
        i, r = self.report_for(dates)
        if r is None and self.reports and not self.told_all:
            i = max(0, self.told - 1)
            r = self.reports[i]
        if r is None and self.reports:
            named = [k for k, words in BODY_NAMES.items() if words in text.lower()]
            fresh = [j for j in range(len(self.reports)) if j not in self.dated]
            fits = [j for j in fresh if self.reports[j].get("to") in named] or fresh or [0]
            i, r = fits[0], self.reports[fits[0]]
        return i, r

    def date_confirm(self, dates: list[dt.date], text: str) -> Answer:
        """"When you said 03/04, did you mean Friday 3 April?": yes when it is the date meant."""
        about = "incident" if "happened" in text.lower() else "reported"
        for r in self.reports:
            true = _reported_date(r) if about == "reported" else as_date(r.get("incident"))
            if dates and true == dates[0]:
                return Answer(self.say("yes"), ["Yes"], "yes")
        i, r = self.report_for(dates)
        for r in self.reports:  # the date meant, said the other way round
            true = _reported_date(r) if about == "reported" else as_date(r.get("incident"))
            if true and dates and true.day == dates[0].month and true.month == dates[0].day:
                return Answer(f"{self.say('no')}, {_date_words(true, self.p)}", ["No"],
                              f"no, {true.day} {true:%B}")
        return Answer(self.say("yes"), ["Yes"], "yes")

    def reported_to(self, dates: list[dt.date]) -> Answer:
        i, r = self.current(dates)
        to = (r or {}).get("to", "other")
        title = {"police": "Police", "council": "Council", "housing": "Housing provider",
                 "private_landlord": "Private landlord"}.get(to, "Someone else")
        if r and r.get("if_asked_which_housing") and to == "housing":
            return Answer(r["if_asked_which_housing"], [title, "Housing provider"], BODY_WORDS["housing"])
        return Answer(BODY_WORDS.get(to, "someone else"), [title, f"{title} provider", "Someone else"],
                      BODY_WORDS.get(to, "someone else"))

    def reported_date(self, dates: list[dt.date], text: str) -> Answer:
        i, r = self.current(dates, text)
        fresh = [j for j in range(len(self.reports)) if j not in self.dated]
        if not dates and i in self.dated and fresh:
            # "When did you make those 3 reports?" after one date was given: a person gives the
            # next date (to the body named, if one is), not the same one again.
            named = [k for k, words in BODY_NAMES.items() if words in text.lower()]
            j = ([j for j in fresh if self.reports[j].get("to") in named] or fresh)[0]
            i, r = j, self.reports[j]
        self.dated.add(i)
        inc = (r or {}).get("incident")
        if r and r.get("reported") == "same_day" and isinstance(inc, dict) and i not in self.pressed:
            # Reported the night it happened, on a day they can't recall: the vague words first.
            self.pressed.add(i)
            return Answer(inc.get("says") or r["says"], plain=_date_words(as_date(inc.get("best_guess")), self.p))
        d = _reported_date(r) if r else None
        return Answer(_date_words(d, self.p).replace("happened", "was"), plain=f"on {d.day} {d:%B}" if d else PLAIN["idk"])

    def reference(self, dates: list[dt.date]) -> Answer:
        i, r = self.report_for(dates)
        ref = r.get("reference") if r else None
        if ref:
            return Answer(ref, plain=f"The reference is {ref}")
        return Answer(self.say("no_ref"), ["Skip"], "no")

    def same_incident(self, dates: list[dt.date]) -> Answer:
        current = self.last_asked
        i, r = self.report_for(dates[-1:] or dates)
        if r is not None and 0 <= current < len(self.reports) and current != i:
            # "Was this about the same incident as your report on 19 September?": the date named is
            # the earlier report's; "this" is the report the assistant was asking about.
            self.last_asked, r = current, self.reports[current]
        if r is None:
            return Answer(self.say("no"), ["No"], "no")
        same = r.get("same_incident_as") is not None
        if same and r.get("same_incident_says"):
            return Answer(r["same_incident_says"], ["Yes"], "yes")
        return self.yes_no(same)

    def related(self) -> Answer:
        abouts = {r.get("about") for r in self.reports}
        if self.f.get("related_says"):
            return Answer(self.f["related_says"], ["Yes" if len(abouts) <= 1 else "No"])
        return self.yes_no(len(abouts) <= 1)

    # ---- everything else ---------------------------------------------------------------
    def applicant_type(self) -> Answer:
        kind = self.f["applicant"]
        ob = self.f.get("on_behalf") or {}
        org = self.f.get("organisation") or {}
        if kind == "on_behalf":
            return Answer(f"for someone else, I'm their {ob.get('relationship', 'friend')}",
                          ["I'm asking for someone else"], "someone else")
        if kind in ("business", "community_group"):
            what = "business" if kind == "business" else "group"
            return Answer(f"for the {what}, {org.get('name', '')}".strip(", "),
                          ["A business or community group"], f"a {what}")
        if kind == "group_member":
            return Answer("me and some neighbours, it's happening to all of us",
                          ["One of a group of people affected"], "one of a group of people affected")
        return Answer("me" if self.style is not STYLE["elderly_formal"] else "It is happening to me.",
                      ["Me - it's happening to me"], "me")

    def safe_contact(self) -> Answer:
        c = self.f["contact"]
        says = c.get("safe_contact_says")
        if says:
            restriction = c.get("safe_contact")
            return Answer(says, [] if restriction else ["Any way is fine"], restriction or "any way is fine")
        if c.get("safe_contact"):
            return Answer(c["safe_contact"], plain=c["safe_contact"])
        return Answer(self.say("any"), ["Any way is fine"], "any way is fine")

    def victim_contact(self) -> Answer:
        vc = (self.f.get("on_behalf") or {}).get("victim_contact") or {}
        parts = [vc.get(k) for k in ("address", "phone", "email") if vc.get(k)]
        if not parts:
            return Answer("same as mine", ["Same as mine"], "same as mine")
        return Answer(", ".join(parts), plain=", ".join(parts))

    def consent_left(self) -> bool:
        dialogue = (self.f.get("on_behalf") or {}).get("consent_dialogue") or []
        return 0 < self.consent_turn < len(dialogue)

    def victim_consent(self) -> Answer:
        ob = self.f.get("on_behalf") or {}
        dialogue = ob.get("consent_dialogue")
        if dialogue:
            said = dialogue[min(self.consent_turn, len(dialogue) - 1)]
            last = self.consent_turn >= len(dialogue) - 1
            self.consent_turn += 1
            return Answer(said, ["Yes"] if last else [], "yes" if last else None, side=not last)
        consents = ob.get("victim_consents")
        if ob.get("consent_says"):
            return Answer(ob["consent_says"], ["Yes" if consents else "No"], "yes" if consents else "no")
        return self.yes_no(consents)

    def assessment(self, outcome: Optional[str]) -> Answer:
        anyway = self.f.get("applies_anyway")
        if outcome == "met" or anyway is None:
            return Answer(self.say("go_on"), ["Carry on", "Yes, send my application"], "carry on")
        if anyway:
            return Answer(self.f.get("applies_anyway_says") or self.say("send"),
                          ["Yes, send my application", "Carry on"], "yes send it anyway")
        return Answer(self.f.get("applies_anyway_says") or self.say("no"), ["Not now"], "no thanks")

    def answer(self, kind: str, dates: list[dt.date], text: str, outcome: Optional[str]) -> Optional[Answer]:
        f, c = self.f, self.f["contact"]
        ob = f.get("on_behalf") or {}
        org = f.get("organisation") or {}
        simple = {
            "reported_before": lambda: (Answer(f["never_reported_says"], ["No"], "no") if f.get("never_reported")
                                        else self.yes_no(True)),
            "in_england_wales": lambda: (self.yes_no(True) if f["area"]["country"] in ("England", "Wales")
                                         else Answer(f"{self.say('no')}, {f['area']['country']}", ["No"], "no")),
            "applicant_type": self.applicant_type,
            "relationship": lambda: Answer(f"I'm their {ob.get('relationship')}" if ob else self.say("idk"),
                                           plain=ob.get("relationship")),
            "victim_consent": self.victim_consent,
            "organisation_name": lambda: Answer(org.get("name") or self.say("idk"), plain=org.get("name")),
            "victim_name": lambda: Answer(ob.get("victim_name") or self.say("idk"), plain=ob.get("victim_name")),
            "victim_contact": self.victim_contact,
            "problem": lambda: Answer(f["problem"], plain=f["problem"]),
            "location": lambda: Answer(f["area"]["says"], plain=f["area"]["says"]),
            "perpetrator": lambda: Answer(f.get("responsible") or self.say("idk"), ["I don't know who"]),
            "ongoing": lambda: (Answer(f["ongoing_says"], ["Yes" if f["ongoing"] else "No"],
                                       "yes" if f["ongoing"] else "no")
                                if f.get("ongoing_says") else self.yes_no(f.get("ongoing"))),
            "hate": lambda: Answer(f.get("hate_says") or self.say("yes" if f.get("hate") else "no"),
                                   ["Yes" if f.get("hate") else "No"], "yes" if f.get("hate") else "no"),
            "domestic": lambda: (Answer(f["domestic_says"], ["Yes"], "yes") if f.get("domestic_or_family")
                                 else self.yes_no(False)),
            "about_staff": lambda: (Answer(f["about_staff_says"], ["Yes"], "yes") if f.get("about_staff")
                                    else self.yes_no(False)),
            "safety_message": self.not_in_danger,
            "safety_check": lambda: Answer((f.get("safety") or {}).get("answer") or "No, I'm safe", ["No"], "no"),
            "same_incident": lambda: self.same_incident(dates),
            "related": self.related,
            "incident_date": lambda: self.incident_date(dates, text),
            "reference": lambda: self.reference(dates),
            "date_confirm": lambda: self.date_confirm(dates, text),
            "reported_to": lambda: self.reported_to(dates),
            "reported_date": lambda: self.reported_date(dates, text),
            "reports": self.next_report,
            "more_reports": self.more_reports,
            "other_reporters": lambda: self.other_reporters(),
            "others_consent": lambda: self.yes_no((f.get("other_reporters") or {}).get("consent")),
            "others_household": lambda: self.yes_no(
                None if (f.get("other_reporters") or {}).get("separate_households") is None
                else not f["other_reporters"]["separate_households"]),
            "impact_opt_in": lambda: Answer(self.say("impact"), ["Yes"], "yes"),
            "impact_text": lambda: Answer(f["impact"]["says"], plain=f["impact"]["says"]),
            "vulnerable": lambda: self.yes_no(f["impact"].get("vulnerable")),
            "fear": lambda: self.yes_no(bool(f["impact"].get("fear_of_retaliation"))),
            "assessment_continue": lambda: self.assessment(outcome),
            "apply_anyway": lambda: self.assessment(outcome),
            "full_name": lambda: Answer(c["name"], plain=f"My name is {c['name']}"),
            "contact_address": lambda: Answer(c.get("address") or self.say("no"), ["I'd rather not say"]),
            "phone": lambda: (Answer(c["phone"], plain=c["phone"]) if c.get("phone")
                              else Answer(f"{self.say('no')}, no phone", ["Skip - no phone"], "skip")),
            "email": lambda: (Answer(c["email"], plain=c["email"]) if c.get("email")
                              else Answer(f"{self.say('no')}, no email", ["Skip - no email"], "skip")),
            "preferred_contact": lambda: self.preferred(),
            "safe_contact": self.safe_contact,
            "consent_share": lambda: Answer(f.get("consent_share_says") or self.say("agree"),
                                            ["Yes, I agree" if f.get("consent_share") else "No"]),
            "declaration": lambda: self.yes_no(f.get("declaration") is not False),
            # "You'd like me to take off report 3 ... Is that right?" after the resident's own fix.
            "confirm_change": lambda: Answer(self.say("yes"), ["Yes", "Yes, that's right"], "yes"),
            # Asked what to change when the resident wanted no change (an answer misread).
            "what_change": lambda: Answer(f"{self.say('no')}, nothing", ["Yes, that's right", "Yes, send it"], "nothing"),
            "confirm_stop": lambda: Answer(PLAIN["no"] + ", carry on", ["No, carry on"], "no"),
            "confirm_start_again": lambda: Answer(PLAIN["no"] + ", carry on", ["No, carry on"], "no"),
        }
        make = simple.get(kind)
        return make() if make else None

    def not_in_danger(self) -> Answer:
        """A danger message with no question after it: say so and carry on."""
        said = (self.f.get("safety") or {}).get("answer") or "I'm not in danger, I want to ask for a review"
        return Answer(said, plain="I'm safe. I want to carry on with the review.")

    def other_reporters(self) -> Answer:
        o = self.f.get("other_reporters") or {}
        count = o.get("count") or 0
        says = o.get("says")
        if says:
            return Answer(says, ["No one else"] if not count else [], str(count) if count else "no one else")
        if count:
            return Answer(f"{count} others", plain=f"{count} other people")
        return Answer(self.say("no"), ["No one else"], "no one else")

    def preferred(self) -> Answer:
        pref = self.f["contact"].get("preferred")
        title = {"phone": "Phone", "email": "Email"}.get(pref, "Either is fine")
        words = {"phone": "by phone please", "email": "by email please"}.get(pref, "either is fine")
        return Answer(words, [title], words)

    # ---- corrections and side questions ------------------------------------------------
    def correction_at(self, step: str) -> Optional[Answer]:
        for i, corr in enumerate(self.corrections):
            if corr["at"] == step:
                self.corrections.pop(i)
                return Answer(corr["says"], side=True)
        return None

    def side_question(self, kind: str) -> Optional[Answer]:
        """Slip a side question in: about the address at the address question, others mid-intake."""
        if not self.side_questions:
            return None
        q = self.side_questions[0]
        wants_address = "address" in q.lower()
        # At a closed question, so the assistant cannot take the side question for the answer.
        if (wants_address and kind == "contact_address") or (not wants_address and kind in ("ongoing", "other_reporters")):
            self.side_questions.pop(0)
            return Answer(q, side=True)
        return None


BODY_WORDS = {"police": "the police on 101", "council": "the council", "housing": "my housing association",
              "health": "my GP", "private_landlord": "the landlord", "councillor": "my local councillor",
              "mp": "my MP", "residents_group": "the residents' group", "social_media": "a Facebook group",
              "diary": "my diary", "other": "someone"}


BODY_NAMES = {"police": "police", "council": "council", "housing": "housing", "private_landlord": "landlord"}


def plain_report(r: dict) -> str:
    """A report retold plainly, after the first telling was misunderstood."""
    reported = _reported_date(r)
    said = f"I reported it to {BODY_WORDS.get(r.get('to'), 'someone')} on {reported.day} {reported:%B}" if reported else r["says"]
    inc = r.get("incident")
    if isinstance(inc, dict):
        said += f". It happened {inc.get('says') or 'around then'}"
    elif as_date(inc) and as_date(inc) != reported:
        said += f". It happened on {as_date(inc).day} {as_date(inc):%B}"
    else:
        said += ", the same day it happened"
    ref = r.get("reference")
    return said + (f". The reference is {ref}." if ref else ". I didn't get a reference.")


def _on(report: dict, field_name: str, d: dt.date) -> bool:
    value = report.get(field_name)
    if field_name == "reported" and value == "same_day":
        value = report.get("incident")
    if isinstance(value, dict):
        lo, hi = as_date(value.get("earliest")), as_date(value.get("latest"))
        return bool(lo and hi and lo <= d <= hi)
    return as_date(value) == d


def _reported_date(report: dict) -> Optional[dt.date]:
    value = report.get("reported")
    if value == "same_day":
        inc = report.get("incident")
        return as_date(inc.get("best_guess")) if isinstance(inc, dict) else as_date(inc)
    return as_date(value)


def _date_words(d: Optional[dt.date], profile: dict) -> str:
    if d is None:
        return STYLE.get(profile["style"]["kind"], PLAIN)["idk"]
    kind = profile["style"]["kind"]
    if kind in ("terse", "text_speak"):
        return f"{d.day} {d:%b}".lower()
    if kind == "elderly_formal":
        return f"It occurred on the {_ordinal(d.day)} of {d:%B}."
    if kind == "typo_heavy":
        return f"it was the {_ordinal(d.day)} {d:%B}".lower()
    return f"It happened on {d.day} {d:%B}"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
