"""Reports described in free text: when, to whom, any reference, and the incident (rules §8).

"I rang 101 on 3 March and again on the 21st" is two reports to the police. The message is
cut into clauses (at punctuation, "and", "but", "then"); a date in a clause about reporting
is a report date, a date in a clause about what happened ("it happened on", "they pushed")
is an incident date and joins the report it belongs to. Each body named without a date is a
report whose date is still to be asked. What cannot be worked out is left empty (None), so
the assistant asks; nothing is merged on a date alone (rules §8).

Counts without dates ("I've rung 101 three times since Christmas") give ONE candidate with
`count=3` (and `since` set): the assistant then asks about each of the three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Optional

from actions.language.bodies import INFORMAL_RE, UNSURE_LANDLORD, UNSURE_TEAM, body_in, find_bodies  # noqa: F401 (body_in re-exported)
from actions.language.dates import FoundDate, merge_refinements, nth_in_month, scan_dates
from actions.language.reading import DateReading
from actions.language.relative import Context
from actions.language.words import WEEKDAY_RE, fix_calendar_typos
from actions.language.references import scan_references

MAX_TEXT = 5000
MAX_CANDIDATES = 30

_CLAUSE_BREAK = re.compile(r"[.;!?\n]+(?:\s|$)|\s[—–-]+\s|[—–]|(?<!\d),|,(?!\s*\d{1,2}\s*(?:times|x)\b)"  # "15, 20 times" is one count
                           r"|\s(?:but|and then|then|and|because|whereas)\s"
                           r"|\s(?:after|when|before)\s(?=(?:i|we)\s)", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.;!?\n]+(?:\s|$)")
_REPORT_CUE = re.compile(
    r"\b(?:report\w*|rang|rung|ring|phoned|phone|called|call|told|tell|telling|e-?mailed|contacted|logged|"
    r"dialled|dialed|complain\w*|went (?:to|into)|filled in|wrote|written|messaged|texted|spoke|speaking|got on to|"
    r"informed|gave me|again)\b", re.IGNORECASE)
_INCIDENT_CUE = re.compile(r"\b(?<!nothing )(?<!never )(?<!not )(?<!nowt )(?:happened|happen|started|occurred|took place|kicked off|began|incident was|attacked|assaulted"
                           r")\b",
                           re.IGNORECASE)
_ACTOR = re.compile(r"\b(?:(?:they|he|she)(?:'d|'ve|'re|'s)?|someone|somebody|kids|lads|boys|girls|youths|teenagers|men"
                    r"|gang|neighbours?|next door|people|dog)\b\s+"
                    r"(?!(?:said|told|reported|rang)\b)\w+", re.IGNORECASE)
_SAME_CUE = re.compile(r"\b(?:same (?:night|day|incident|thing|time|evening|morning)|about (?:it|that|the same)|next morning"
                       r"|the next day|following (?:day|morning))\b", re.IGNORECASE)
_N = r"\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half a dozen|a dozen"
# "three times", "10 or 12 times" (the lower figure), "2x", "three calls", "a couple of times"
_COUNT = re.compile(rf"\b(?:(twice)|(once)|({_N})(?:\s*(?:or|to|-|,)\s*(?:{_N}))?\s*(?:x|times|of them|(?:phone )?calls|reports"
                    r"|complaints|e-?mails|visits|occasions|separate times)|(a few|several|loads of|lots of|many) times|((?:a )?couple(?: of)?) times)\b",
                    re.IGNORECASE)
# "loads of times, maybe six", "I don't know how many times, well three I think": a vague count,
# then the number on its own
_VAGUE_COUNT = re.compile(r"\b(?:how many|a few|several|loads of|lots of|many|so many|countless) times\b", re.IGNORECASE)
_AFTERTHOUGHT_COUNT = re.compile(rf"^\s*(?:(?:well|maybe|about|around|roughly|probably|at least|like|oh|i'?d say|i think)[\s,]+)*"
                                 rf"({_N})\b(?:[\s,]+(?:i think|i reckon|maybe|probably|or so|properly|at least|or more"
                                 r"|roughly|in total|all told))*[\s,]*$", re.IGNORECASE)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "half a dozen": 6, "a dozen": 12}


@dataclass
class ReportCandidate:
    """One report the resident seems to describe. None means "not said": ask."""

    reported_date: Optional[DateReading] = None
    incident_date: Optional[DateReading] = None
    reported_to: Optional[str] = None  # docs/contracts.md vocabulary
    reference: Optional[str] = None
    same_as_previous: Optional[bool] = None  # True: the same incident as the candidate before it
    count: int = 1  # "three times" with no dates (or over a period: "twice in September"): this many reports
    since: Optional[DateReading] = None  # "since Christmas": the reports fell on or after this
    informal: bool = False  # told a PCSO in the street: police, but flag it
    words: str = ""  # the resident's own words for this report
    notes: list[str] = field(default_factory=list)  # e.g. landlord_type_unknown, date_from_police_log
    about: Optional[str] = None  # "I reported the fly-tipping to the council": what this report was about


@dataclass
class _Draft:
    candidate: ReportCandidate
    clause: int  # the first clause its words come from
    anchor: int  # where it was mentioned
    last: int = -1  # where its words end, when later than the anchor's clause


def _clauses(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _index(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= pos < e:
            return i
    return len(spans) - 1


def _count(clause: str) -> int:
    m = _COUNT.search(clause)
    if not m or m.group(4):
        return 1  # "a few times" is not a number: the assistant asks
    if m.group(1) or m.group(5):
        return 2
    if m.group(2):
        return 1
    word = m.group(3).lower()
    return max(1, min(int(word) if word.isdigit() else _COUNT_WORDS[word], 20))


def _report_cue_in(words: str) -> bool:
    """Words of reporting, where 'again' after who did it ('the lads were out again') is theirs, not a report."""
    return any(m.group(0).lower() != "again" or not _ACTOR.search(words[:m.start()]) for m in _REPORT_CUE.finditer(words))


def _is_incident(found: FoundDate, text: str, clause: tuple[int, int], sentence: tuple[int, int],
                 clause_bodies: list) -> bool:
    before = text[clause[0]:found.start]
    clause_text = text[clause[0]:clause[1]]
    if re.match(r"['’]s\s+(?!been\b|gone\b)[a-z]", text[found.end:found.end + 8], re.IGNORECASE):
        return True  # "both about Sunday's fight": the day's event, not a report date
    sentence_text = text[sentence[0]:sentence[1]]
    if _INCIDENT_CUE.search(before):
        return True
    if _report_cue_in(clause_text) or clause_bodies:
        return False
    if _INCIDENT_CUE.search(clause_text) or _ACTOR.search(clause_text):
        return True
    if _REPORT_CUE.search(sentence_text) or find_bodies(sentence_text):
        return False
    return bool(_ACTOR.search(sentence_text))  # "1st, 2nd and 3rd of March — same kids booting footballs"


def _waiting_for_dates(drafts: list, run: list, rest: str, sentences, clauses, clause) -> list:
    """The last reports named without a date, when the rest of the sentence is dates alone, one for each."""
    k = len(run)
    if (k < 2 or find_bodies(rest) or _REPORT_CUE.search(rest) or len(drafts) < k
            or any(f.since or f.relative or not f.reading.ok for f in run)):
        return []
    last = drafts[-k:]
    si = _index(sentences, clause[0])
    if all(d.candidate.reported_date is None and d.candidate.reported_to and d.candidate.count == 1
           and _index(sentences, clauses[d.clause][0]) == si for d in last) and (
            len(drafts) == k or drafts[-k - 1].candidate.reported_date is not None
            or _index(sentences, clauses[drafts[-k - 1].clause][0]) != si):
        return last
    return []


def _only_a_response(clause: str) -> bool:
    """'The PCSO came round on the 6th', 'they said they'd write to him': what was done in reply,
    with no report of the resident's own before it ('Told her every time she visited' is one)."""
    response = _RESPONSE.search(clause)
    if response is None or _FIRST_PERSON_REPORT.search(clause):
        return False
    return not any(not re.match(r"\s+me\b", clause[m.end():]) for m in _REPORT_CUE.finditer(clause[:response.start()]))


def extract_reports(text: str, today: date, context: Context = None) -> list[ReportCandidate]:
    """Candidate reports in what the resident wrote, in order; never raises.

    `context`: the date being discussed, for relative words with nothing before them
    ("it happened the night before", said about a report already given).
    """
    try:
        return _extract(text, today, context)
    except Exception:  # a safety net: the assistant then asks about the reports one by one
        return []


_SINCE_THEN = re.compile(r"\b(?:since then|since that|ever since)\b(?!\s+(?:day|night|time|\d))", re.IGNORECASE)
_REFERENCE_WORD = re.compile(r"crime numbers?", re.IGNORECASE)
# "I didn't report it to the police": a body named in a report the resident did not make.
_NOT_REPORTED = re.compile(r"\b(?:didn'?t|did not|haven'?t|have not|hasn'?t|has not|never|not yet|won'?t"
                           r"|(?:was|were) going to|meant to|thought about|nearly|almost)\s+(?:yet\s+|even\s+|actually\s+"
                           r"|bother(?:ed)?\s+to\s+|get\s+round\s+to\s+)?(?:report|ring|rang|phone|call|tell|told|contact|e-?mail"
                           r"|go\s+to|complain)", re.IGNORECASE)
# "I didn't report it till April": it was reported, later.
_LATER = re.compile(r"\b(?:till|until|til|untill)\b", re.IGNORECASE)
# What the police, council or landlord did in reply is not a report (README, rules §8): a visit,
# a call back, a letter, what they said they would do.
_RESPONSE = re.compile(r"\b(?:(?:they|he|she|(?:the )?(?:council|police|housing(?: officer| association)?|landlord|officer)) (?:wrote|sent (?:a |him |her |them )?(?:letter|warning)s?)(?: to)? (?:him|her|them|the \w+)\b"
                       r"|(?:he|she|they) (?:was|were|got) (?:given|sent|served) (?:a |an )?\w+"
                       r"|came (?:out|round|over|back to me)|(?<!\bi )(?<!\bwe )(?:have|has|had) been (?:out|round|over)\b(?! to)|visited|turned up|attended|rang me back|called me back|phoned me back"
                       r"|got back to me|replied|responded|closed (?:it|the case)|(?:they|he|she)(?: said)?(?: they| he| she)?"
                       r"(?:'d| would| will| were going to| was going to| promised to)\s+(?:write|send|come|visit|look|call|ring"
                       r"|phone|get back|investigate|speak|talk|contact|pass|review|monitor|install|arrange|put))\b", re.IGNORECASE)
_FIRST_PERSON_REPORT = re.compile(r"\b(?:i|we)\s+(?:had\s+|have\s+|'ve\s+)?(?:\w+\s+)?(?:report\w*|rang|rung|phoned|called|told|e-?mailed"
                                  r"|contacted|complained|messaged|wrote|gave|handed|sent|showed|passed|posted)\b",
                                  re.IGNORECASE)  # "I gave my diary to the housing officer when she came round"
# "my neighbour rang the police too", "other households have complained": another person's own
# report belongs to the question about other people, not to the resident's reports (README)
_OTHERS_REPORT = re.compile(r"\b(?:(?:my|our|the|another|other|a|one of (?:my|the|our))\s+(?:\w+\s+)?neighbou?rs?|other (?:households|residents|people)"
                            r"|(?:the )?(?:people|family|lady|man|woman|couple) (?:across|over) the (?:road|street|way))"
                            r"(?:\s+(?!(?:and|but|so|then|i|we)\b)[\w']+){0,4}?"  # "the neighbours across the landing"
                            r"\s+(?:also\s+|too\s+|had\s+|has\s+|have\s+|'ve\s+|all\s+|themselves\s+)*"
                            r"(?:rang|rung|called|phoned|reported|complained|contacted|e-?mailed|told|made a report)\b"
                            r"(?!.*\b(?:(?:for|on behalf of)\s+(?:me|us)|on (?:my|our) behalf)\b)", re.IGNORECASE)
# "I called the council (no answer) and got through the next day": an unanswered call is no report.
_UNANSWERED = re.compile(r"\b(?:didn'?t|did not|never|wouldn'?t|couldn'?t)\s+(?:answer|pick up|get through)|\bno (?:answer|reply)\b"
                         r"|\bno(?:one|body| one) (?:answered|picked up)|\bwent to (?:voicemail|answerphone)"
                         r"|\b(?:front desk|station|office|counter|reception)\s+(?:was|were)\s+(?:shut|closed)", re.IGNORECASE)
# "the police one was the car": a body said again about a report already given.
_BODY_AGAIN = re.compile(r"^(?:'s)?\s+(?:one|report|call)\b", re.IGNORECASE)
# "sent the diary to the council": the diary went to that body, so it is that body's report.
_DIARY_SENT = re.compile(r"\b(?:sent|gave|handed|passed|posted|e-?mailed|emailed|forwarded|took)\b", re.IGNORECASE)

_CORRECTED = re.compile(r"^[\s,\-–—(]*(?:or|no|sorry)(?:[\s,]+(?:no|sorry|was it|rather|i mean|maybe|perhaps|possibly|actually))*"
                        r"(?:[\s,]+|$)(?:on\s+)?(?:the\s+)?"
                        rf"(?:{WEEKDAY_RE}\s+)?(?:the\s+)?$",
                        re.IGNORECASE)
# "reported it online", "and I rang it in": a report of what was just told, by the resident
_REPORTED_IT = re.compile(r"^\s*(?:(?:and|so|then)\s+)?(?:(?:i|we)\s+)?(?:also\s+|then\s+|just\s+|only\s+)?"
                          r"(?:reported|logged|rang|rung|phoned|called)\s+(?:it|that|this)\b", re.IGNORECASE)
_AGAIN = re.compile(r"\b(?:again|another|also|as well|too|a second time|once more|then)\b", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"\b(?:of|for|on|with) (?:them|those|these|the others)\b", re.IGNORECASE)
# The line a report was made on. A 999 call and a 101 call are two reports, even to one body
# on one day: naming the line again is telling another report, not the same one again.
_CHANNEL = re.compile(r"\b(?:(999)|(101)|(online|on-?line|website|web ?form|app)|(e-?mail(?:ed|s)?)"
                      r"|(front desk|police station|in person|face to face))\b", re.IGNORECASE)


def _channel(words: str) -> Optional[int]:
    m = _CHANNEL.search(words)
    return m.lastindex if m else None


def _other_channel(a: str, b: str) -> bool:
    """The two sets of words name two different lines (999 and 101, a call and the online form)."""
    ca, cb = _channel(a), _channel(b)
    return ca is not None and cb is not None and ca != cb


def _happened_then_reported(words: str) -> bool:
    """'boxing day they egged the windows (rang 101': what they did comes first, the report after it."""
    actor = _ACTOR.search(words)
    if actor is None:
        return False
    cue = _REPORT_CUE.search(words)
    reports = [cue.start()] if cue else []
    reports += [start for _, start, _ in find_bodies(words)]
    return bool(reports) and actor.start() < min(reports)


def _relative(found: FoundDate, drafts: list[_Draft], incidents: list, text: str, clauses, ci: int, sentence,
              c_bodies: list, used: set) -> bool:
    """A date said relative to another ("the same night", "the day before") describes an event
    already mentioned: it dates that report's incident, turns a bare rough date into that
    report's incident, or repeats the report's date. True when handled (no new report)."""
    clause = clauses[ci]
    # the draft whose date the relative one is said against ("the end of July, the 29th ... the next day")
    owner = next((d for d in drafts if d.candidate.reported_date is not None
                  and (d.anchor == found.anchor or d.anchor <= found.anchor <= d.last)), None)
    if found.anchor == -1 and drafts:
        owner = drafts[-1]
    clause_text = text[clause[0]:clause[1]]
    if _is_incident(found, text, clause, sentence, c_bodies):
        if owner is not None and owner.candidate.incident_date is None:
            owner.candidate.incident_date = found.reading  # "I called on 14 November, it happened that night"
            owner.last = max(owner.last, found.end - 1)
        else:
            incidents.append((found, ci))
        return True
    if owner is None:
        return False  # relative to an incident: "it kicked off on 3 October, I reported it the same day"
    c = owner.candidate
    own_start, own_end = clauses[owner.clause]
    own_text = text[own_start:own_end]
    body = c_bodies[0] if c_bodies else None
    if (c.reported_to is None and c.incident_date is None and not _REPORT_CUE.search(own_text)
            and not find_bodies(own_text)):
        # "About ten weeks ago, rang 101 the same night": the rough date was the incident.
        c.incident_date, c.reported_date = c.reported_date, found.reading
        if body:
            c.reported_to = body[0]
            used.add(body[0])
        owner.last = max(owner.last, clause[1] - 1)
        return True
    if ((body is None or body[0] == c.reported_to) and c.incident_date is None and c.reported_date is not None
            and found.reading.ok
            and found.reading.value < c.reported_date.value):
        # "I also rang the council on 15 November about them kicking my door the night before":
        # a day before the report, in the report's own words, is its incident.
        c.incident_date = found.reading
        owner.last = max(owner.last, found.end - 1)
        return True
    if (c.incident_date is None and c.reported_date is not None and c.reported_date.ok and found.reading.ok
            and clause[0] <= found.anchor and found.reading.value >= c.reported_date.value
            and (body is None or body[0] == c.reported_to) and _happened_then_reported(text[found.anchor:found.start])):
        # "boxing day they egged the windows (rang 101 the day after)": the first day is when it
        # happened, the report came after it
        c.incident_date, c.reported_date = c.reported_date, found.reading
        owner.last = max(owner.last, found.end - 1)
        if body:
            used.add(body[0])
        return True
    if (not _AGAIN.search(clause_text) and (body is None or body[0] == c.reported_to)
            and not (ci != owner.clause and _other_channel(own_text, clause_text))):
        owner.last = max(owner.last, found.end - 1)  # "they logged it the same day": the same report
        if c.reported_date is None and found.reading.ok:
            c.reported_date = found.reading  # "the council, about a week later": that report's date
        if body:
            used.add(body[0])
        return True
    return False


def _extract(text: str, today: date, context: Context = None) -> list[ReportCandidate]:
    if not isinstance(text, str) or not text.strip():
        return []
    text = fix_calendar_typos(text[:MAX_TEXT])  # "rang 101 on wendsday": the positions below are in this text
    clauses = _clauses(text, _CLAUSE_BREAK)
    sentences = _clauses(text, _SENTENCE_BREAK)
    refs = scan_references(text, today)
    dates = [d for d in merge_refinements(scan_dates(text, today, context, after_context=True), text)
             if not any(r.start <= d.start < r.end for r in refs)]  # "0453 of 18 January" is a reference
    # "Sunday 8th, or was it Saturday 7th?": the resident corrects the first date
    dates = [d for d, nxt in zip(dates, dates[1:] + [None]) if nxt is None or not _CORRECTED.match(text[d.end:nxt.start])]
    bodies = [b for b in find_bodies(text) if not any(r.start <= b[1] < r.end for r in refs)]

    drafts: list[_Draft] = []
    paired: set[int] = set()  # dates already given to the bodies listed before them
    incidents: list[tuple[FoundDate, int]] = []
    since_by_clause: dict[int, DateReading] = {}
    carry: Optional[str] = None
    given = context if isinstance(context, date) else context.value if isinstance(context, DateReading) and context.ok else None
    if given is not None:
        for ci, clause in enumerate(clauses):
            said = _SINCE_THEN.search(text[clause[0]:clause[1]])
            if said:
                # "rang 101 five or six times since then", told after an earlier report: since that report
                since_by_clause[ci] = DateReading("ok", given, given, given, "exact", said.group(0))
    for ci, clause in enumerate(clauses):
        c_dates = [d for d in dates if clause[0] <= d.start < clause[1]]
        c_bodies = [b for b in bodies if clause[0] <= b[1] < clause[1]]
        sentence = sentences[_index(sentences, clause[0])]
        clause_text = text[clause[0]:clause[1]]
        used: set[str] = set()
        made = 0
        if ((_NOT_REPORTED.search(clause_text) and not _LATER.search(clause_text)) or _only_a_response(clause_text)
                or _OTHERS_REPORT.search(clause_text)):
            # "I didn't ring the police", "they came out on the 11th": no report here, only what happened
            incidents.extend((f, ci) for f in c_dates
                             if not f.since and _is_incident(f, text, clause, sentence, c_bodies))
            if c_bodies:
                carry = c_bodies[-1][0]  # "the PCSO came round after I rang them": them is the PCSO
            continue
        c_dates = [f for f in c_dates if f.start not in paired]
        run = [f for f in dates if clause[0] <= f.start < sentence[1]] if c_dates else []
        waiting = _waiting_for_dates(drafts, run, text[clause[0]:sentence[1]], sentences, clauses, clause)
        paired.update(f.start for f in run if waiting)
        for d, found in zip(waiting, run):
            # "my landlord and then the council, 10 and 12 November": the dates in the order of the bodies
            d.candidate.reported_date = found.reading
            d.last = max(d.last, found.end - 1)
        if waiting:
            continue
        for found in c_dates:
            if found.since:
                since_by_clause[ci] = found.reading
                continue
            if found.relative and _relative(found, drafts, incidents, text, clauses, ci, sentence, c_bodies, used):
                if used:
                    carry = next(iter(used))
                continue
            if _is_incident(found, text, clause, sentence, c_bodies):
                incidents.append((found, ci))
                continue
            before = [b for b in c_bodies if b[1] < found.start]
            after = [b for b in c_bodies if b[1] > found.start]
            body = (before[-1] if before else after[0] if after else None)
            previous = drafts[-1] if drafts else None
            if (body is None and not _REPORT_CUE.search(clause_text) and previous and previous.clause == ci - 1
                    and previous.candidate.reported_date is None
                    and not (previous.candidate.count > 1 and _LAST_ONE.search(text[clause[0]:found.start]))):
                previous.candidate.reported_date = found.reading  # "I told the police, on 3 March"
                if found.reading.precision == "exact":
                    previous.candidate.count = 1  # "101 twice last week - Monday and Thursday": each day is one
                previous.last = found.end - 1
                continue
            name = body[0] if body else carry
            if body:
                used.add(body[0])
            for other in (_listed_with(before, text) if before else []):
                # "the council + housing on 2 jan": each body listed together has that day
                used.add(other[0])
                drafts.append(_Draft(ReportCandidate(reported_date=found.reading, reported_to=other[0]), ci, other[1], found.end - 1))
                made += 1
            drafts.append(_Draft(ReportCandidate(reported_date=found.reading, reported_to=name), ci, found.start, found.end - 1))
            made += 1
        # After dated reports, "we've got crime numbers for two of them" is about those reports.
        back_reference = bool(drafts) and not c_dates and _BACK_REFERENCE.search(clause_text)
        for name, start, end in c_bodies:
            if name in used or back_reference:
                continue
            if not c_dates and _BODY_AGAIN.match(text[end:]) and any(d.candidate.reported_to == name for d in drafts):
                continue  # "the police one was the car": about the report already given
            if not c_dates and _REF_AFTER_BODY.match(text[end:]) and any(d.candidate.reported_to == name for d in drafts):
                continue  # "... housing 5 jan. housing ref HX-5521": that report's reference, not another report
            if (not c_dates and _REFERENCE_WORD.fullmatch(text[start:end]) and drafts and drafts[-1].candidate.reported_to == name
                    and _index(sentences, clauses[drafts[-1].clause][0]) == _index(sentences, clause[0])):
                continue  # "reported it to the police and got a crime number": that report's reference
            used.add(name)
            drafts.append(_Draft(ReportCandidate(reported_to=name), ci, start))
            made += 1
        asking = text[sentence[1]:sentence[1] + 1] == "?"  # "is it three reports you need?"
        if not made and not back_reference and not asking and _REPORT_CUE.search(clause_text) and _COUNT.search(clause_text):
            drafts.append(_Draft(ReportCandidate(), ci, clause[0]))  # "she's reported the dog twice"
            made += 1
        if (not made and not back_reference and not asking and not c_dates and _REPORTED_IT.match(clause_text)
                and incidents and incidents[-1][1] < ci
                and _index(sentences, clauses[incidents[-1][1]][0]) == _index(sentences, clause[0])
                and not any(d.anchor > incidents[-1][0].start for d in drafts)):
            # "last friday the 8th they kicked my door in, reported that online": a report of what was
            # just told, its own event even when reports of other days came before it
            drafts.append(_Draft(ReportCandidate(), ci, clause[0]))
            made += 1
        if made:
            count = _count(clause_text)
            for d in drafts[-made:]:
                r = d.candidate.reported_date
                # "twice in September": a count over a period keeps the period (README: span)
                if made == 1 and (r is None or (count > 1 and r.ok and r.earliest != r.latest)):
                    d.candidate.count = count
            carry = next((d.candidate.reported_to for d in reversed(drafts) if d.candidate.reported_to), carry)
        elif (drafts and not c_dates and _AFTERTHOUGHT_COUNT.match(clause_text) and drafts[-1].clause == ci - 1
              and drafts[-1].candidate.count == 1 and drafts[-1].candidate.reported_date is None
              and _VAGUE_COUNT.search(text[clauses[ci - 1][0]:clauses[ci - 1][1]])):
            # "I've reported it I don't know how many times, well three I think": the number said after
            word = _AFTERTHOUGHT_COUNT.match(clause_text).group(1).lower()
            drafts[-1].candidate.count = max(1, min(int(word) if word.isdigit() else _COUNT_WORDS[word], 20))
        elif (drafts and all(f.since for f in c_dates) and _COUNT.search(clause_text) and drafts[-1].candidate.reported_date is None
              and drafts[-1].candidate.count == 1 and _index(sentences, clauses[drafts[-1].clause][0]) == _index(sentences, clause[0])):
            # "Told my housing officer every time she came - four visits since June": the count is that report's
            drafts[-1].candidate.count = _count(clause_text)
            if ci in since_by_clause:
                drafts[-1].candidate.since = since_by_clause[ci]

    taken = {o.clause for o in drafts} | {_index(clauses, o.anchor) for o in drafts}
    drafts = [d for d in drafts if not _UNANSWERED.search(_own_words(d, text, clauses, taken, sentences))]
    drafts = _sent_diaries(drafts, text, sentences, clauses)
    _body_for_all(drafts, text, clauses)
    drafts = _join_split_reports(drafts, text, clauses, sentences, incidents)
    drafts = _same_day_told_again(drafts, text, clauses)
    _attach_incidents(drafts, incidents)
    for d in drafts:
        _finish(d, text, clauses, since_by_clause)
    _attach_references(drafts, refs, clauses, text)
    _last_one_dated(drafts, text, sentences, clauses)
    drafts = _count_of_the_dated(drafts)
    if not (len(drafts) > 1 and all(d.candidate.about for d in drafts)
            and len({d.candidate.about for d in drafts}) == len(drafts)):
        for d in drafts:
            d.candidate.about = None  # only reports that each name a different thing are about different problems
    if len(drafts) > 1 and _SAME_CUE.search(text):
        for prev, d in zip(drafts, drafts[1:]):
            c, p = d.candidate, prev.candidate
            if c.reported_date is None or (p.reported_date and c.reported_date.value == p.reported_date.value):
                c.same_as_previous = True
    return [d.candidate for d in drafts[:MAX_CANDIDATES]]


_REF_AFTER_BODY = re.compile(r"^(?:'s)?\s*(?:ref(?:erence)?|crime (?:ref|number)|case (?:no|number)|log)\b", re.IGNORECASE)
_LISTED_JOIN = re.compile(r"^\s*(?:,|and|\+|&|n|,? and)\s*(?:the\s+|my\s+)?$", re.IGNORECASE)


def _listed_with(before: list, text: str) -> list:
    """Bodies named together just before the last one ("the council + housing", "police and
    council"), first first; not the last one itself, nor one named twice."""
    listed = []
    last = before[-1]
    for b in reversed(before[:-1]):
        if not _LISTED_JOIN.match(text[b[2]:last[1]]) or b[0] == last[0]:
            break
        listed.insert(0, b)
        last = b
    return [b for b in listed if b[0] != before[-1][0]]


def _own_words(d: _Draft, text: str, clauses, taken: Optional[set] = None, sentences=None) -> str:
    """The words of a draft's clause; with `taken` (the clauses of all reports), also the clauses
    after it in its sentence up to the next report ("I rang the police on the 8th, but no one answered")."""
    start, end = clauses[d.clause]
    if taken is None:
        return text[start:end]
    si = _index(sentences, start)
    ci = d.clause + 1
    while ci < len(clauses) and ci not in taken and _index(sentences, clauses[ci][0]) == si:
        end = clauses[ci][1]
        ci += 1
    return text[start:end]


def _sent_diaries(drafts: list[_Draft], text: str, sentences, clauses) -> list[_Draft]:
    """'I kept a noise diary and sent it to the council on Monday': one report, to the council."""
    out = []
    for d in drafts:
        si = _index(sentences, clauses[d.clause][0])
        sentence = text[sentences[si][0]:sentences[si][1]]
        if (d.candidate.reported_to == "diary" and d.candidate.reported_date is None and _DIARY_SENT.search(sentence)
                and any(o is not d and o.candidate.reported_to not in (None, "diary")
                        and _index(sentences, clauses[o.clause][0]) == si for o in drafts)):
            continue
        out.append(d)
    return out


def _same_day_told_again(drafts: list[_Draft], text: str, clauses) -> list[_Draft]:
    """'The Saturday, I think. Yeah, Saturday 7 Nov I rang 101': a day said with no body and no
    report words, when a report names that same day, is that report told again."""
    def bare(d: _Draft) -> bool:
        c = d.candidate
        return (c.reported_to is None and c.reference is None and c.count == 1 and c.reported_date is not None
                and c.reported_date.ok and not _REPORT_CUE.search(_own_words(d, text, clauses)))
    is_bare = [bare(d) for d in drafts]
    named = {(d.candidate.reported_date.value, d.candidate.reported_date.latest) for d, b in zip(drafts, is_bare)
             if not b and d.candidate.reported_date is not None and d.candidate.reported_date.ok}
    return [d for d, b in zip(drafts, is_bare)
            if not (b and (d.candidate.reported_date.value, d.candidate.reported_date.latest) in named)]


def _last_clause(d: _Draft, clauses) -> int:
    return max(d.clause, _index(clauses, d.anchor), _index(clauses, max(d.last, 0)))


def _told_apart(before: Optional[_Draft], prev: _Draft, d: _Draft, text: str, clauses,
                incidents: list[tuple[FoundDate, int]]) -> bool:
    """Two mentions of one body told as two events, so never joined into one report: 'I rang 999,
    then boxing day I rang 101'. Told apart by a word that moves the story on ('then', 'again')
    between them, by naming two different lines (999, 101, online), or by each coming after a
    day something happened of its own ('on bonfire night they set the bins alight and I rang the
    police, on boxing day they egged the car and I rang them the day after'). One day something
    happened before both is one event told in two goes ('council, it was the 3rd, reported a week later')."""
    gap_start = clauses[_last_clause(prev, clauses)][1]
    gap_end = clauses[d.clause][0]
    gap = text[gap_start:gap_end] if gap_start < gap_end else ""
    words_prev = text[clauses[prev.clause][0]:clauses[_last_clause(prev, clauses)][1]]
    words_d = text[clauses[d.clause][0]:clauses[_last_clause(d, clauses)][1]]
    if _AGAIN.search(gap) or _other_channel(words_prev, words_d):
        return True
    since = clauses[_last_clause(before, clauses)][1] if before is not None else 0
    return (any(gap_start <= f.start < gap_end for f, _ in incidents)
            and any(since <= f.start < gap_start for f, _ in incidents))


def _join_split_reports(drafts: list[_Draft], text: str, clauses, sentences,
                        incidents: list[tuple[FoundDate, int]]) -> list[_Draft]:
    """'On Sunday 22nd, which was the day after the fight, I went on the police website': the date
    and the body are in different clauses of one sentence, but they are one report."""
    out: list[_Draft] = []
    # "21 feb. quads on pitch. 101. CAD 1750": a terse message with one date and one body told in
    # fragments is one report, even across full stops.
    # The body's fragment is bare ("101."): "On 3 November it was awful. I rang the council." stays two.
    one_of_each = (len(drafts) == 2 and sum(d.candidate.reported_date is not None for d in drafts) == 1
                   and sum(d.candidate.reported_to is not None for d in drafts) == 1 and len(text) <= 120
                   and not any(d.candidate.reported_to is not None
                               and _REPORT_CUE.search(text[clauses[d.clause][0]:clauses[d.clause][1]]) for d in drafts))
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and (one_of_each
                                 or _index(sentences, clauses[prev.clause][0]) == _index(sentences, clauses[d.clause][0])):
            p, c = prev.candidate, d.candidate
            dated, bodied = (p, c) if p.reported_to is None else (c, p)
            if (dated.reported_date is not None and dated.reported_to is None and bodied.reported_date is None
                    and bodied.reported_to is not None and bodied.count == 1 and dated.count == 1):
                p.reported_date, p.reported_to = dated.reported_date, bodied.reported_to
                prev.last = max(prev.last, d.last, d.anchor)
                continue
            own = text[clauses[d.clause][0]:clauses[d.clause][1]]
            apart = _told_apart(out[-2] if len(out) > 1 else None, prev, d, text, clauses, incidents)
            if (p.reported_date is None and p.reported_to is not None and c.reported_to == p.reported_to
                    and c.reported_date is not None and p.count == c.count == 1 and p.reference is None
                    and not _AGAIN.search(own) and not apart):
                # "The housing officer came out ... after I rang them on the 9th", "council, reported 2 weeks ago"
                p.reported_date = c.reported_date
                prev.last = max(prev.last, d.last, d.anchor)
                continue
            if (p.reported_to is None and p.reported_date is None and p.reference is None
                    and (c.reported_to is not None or c.reported_date is not None)):
                # "I've reported it loads of times, maybe ten times to the police": one report, told in two goes
                c.count = c.count if c.count != 1 else p.count
                out[-1] = d
                continue
            if (c.reported_date is None and c.reported_to is not None and c.reported_to == p.reported_to
                    and p.reported_date is not None and c.count == 1 and c.reference is None and not _AGAIN.search(own)
                    and not apart):
                prev.last = max(prev.last, d.last, d.anchor)  # "I rang the police the next day, the 30th, on 101"
                continue
        out.append(d)
    return out


def _count_of_the_dated(drafts: list[_Draft]) -> list[_Draft]:
    """'I've reported it four times now. The first was ... on 12 July, then ...': a count with no
    date, body or period of its own, followed by that many dated reports, is their total (README:
    'twice: 20 Nov and 4 Dec' gives two entries and no count)."""
    out = list(drafts)
    for i, d in enumerate(drafts):
        c = d.candidate
        if c.count > 1 and c.reported_date is None and c.since is None and c.reference is None:
            dated = [o for o in drafts[i + 1:] if o.candidate.reported_date is not None and o.candidate.count == 1]
            if len(dated) >= c.count and (c.reported_to is None or all(o.candidate.reported_to in (None, c.reported_to)
                                                                          for o in dated[:c.count])):
                for o in dated[:c.count]:
                    o.candidate.reported_to = o.candidate.reported_to or c.reported_to
                out.remove(d)
    return out


# "twice: 3 March and 17 March, both times to 101", "3 times in jan, twice in feb, all 101"
_FOR_ALL = re.compile(r"\b(?:both (?:times|of them|calls)|all(?: of them| times| calls)?|each time|every time|each one)\b",
                      re.IGNORECASE)


def _body_for_all(drafts: list[_Draft], text: str, clauses) -> None:
    """A body said once for all the reports before it ('..., all 101') is each one's body, and no
    report of its own."""
    for d in list(drafts):
        c = d.candidate
        own = text[clauses[d.clause][0]:clauses[d.clause][1]]
        if (c.reported_to and c.reported_date is None and c.count == 1 and c.reference is None and _FOR_ALL.search(own)
                and not _REPORT_CUE.search(own.replace("call", ""))):
            earlier = [o for o in drafts if o.anchor < d.anchor]
            if earlier and all(o.candidate.reported_to in (None, c.reported_to) for o in earlier):
                for o in earlier:
                    o.candidate.reported_to = c.reported_to
                drafts.remove(d)


# "about four times since September, the last one was on the 16th": the last is one of the four
_LAST_ONE = re.compile(r"\b(?:(?:the\s+)?(?:last|latest|most recent|final|newest)(?:\s+(?:one|time|call|report|complaint|e-?mail))?"
                       r"|once|one (?:of them|time|was))\b"
                       r"(?!\s+(?:week|month|year|night|weekend|mon|tues|wednes|thurs|fri|satur|sun))", re.IGNORECASE)


def _last_one_dated(drafts: list[_Draft], text: str, sentences, clauses) -> None:
    """A count of reports, then the date of the last of them: that one is its own report, the
    count keeps the rest, and their period ends the day before it (README: counts)."""
    for counted, dated in zip(drafts, drafts[1:]):
        c, d = counted.candidate, dated.candidate
        r = d.reported_date
        if not (c.count > 1 and d.count == 1 and r is not None and r.ok and r.precision == "exact"
                and d.reported_to in (None, c.reported_to)
                and 0 <= _index(sentences, clauses[dated.clause][0]) - _index(sentences, clauses[counted.clause][0]) <= 1):
            continue
        between = text[clauses[_last_clause(counted, clauses)][0]:dated.anchor]
        if not _LAST_ONE.search(between[-60:]):
            continue
        span = c.reported_date if c.reported_date is not None and c.reported_date.ok else c.since
        if span is None and c.reported_date is None:
            c.count -= 1  # "three times, once was the 2nd": the other two have no period (README: reported null)
            d.reported_to = d.reported_to or c.reported_to
            continue
        if span is None or not span.ok or span.earliest is None:
            continue
        if c.since is not span:
            r = d.reported_date = nth_in_month(span, r)  # "twice in October, the last on the 20th": 20 October
            if r.value > span.latest:
                continue  # not one of those counted
        if not span.earliest < r.value:
            continue
        end = r.value - timedelta(days=1)
        c.count -= 1
        d.reported_to = d.reported_to or c.reported_to
        latest = end if c.since is span else min(span.latest or end, end)  # "since X": up to the last one
        c.reported_date = replace(span, value=min(span.value, latest), latest=latest, precision="approximate")
        c.since = None


def _reported_before(c: ReportCandidate, incident: DateReading) -> bool:
    r = c.reported_date
    if r is None or not r.ok or not incident.ok:
        return False
    return (r.latest or r.value) < (incident.earliest or incident.value)


def _attach_incidents(drafts: list[_Draft], incidents: list[tuple[FoundDate, int]]) -> None:
    """An incident date joins the report in its clause, else the next report, else the one before."""
    for found, ci in incidents:
        # a report made before the day something happened is not about it ("I rang 101 on boxing
        # day, and last Friday they were back"): that day is another event
        free = [d for d in drafts if d.candidate.incident_date is None and not _reported_before(d.candidate, found.reading)]
        same = [d for d in free if d.clause == ci]
        later = [d for d in free if d.anchor > found.start]
        earlier = [d for d in free if d.anchor < found.start]
        target = same[0] if same else later[0] if later else earlier[-1] if earlier else None
        if target is None and any(d.candidate.reported_to or d.candidate.reported_date for d in drafts):
            continue  # "three nights running ... I rang on the last one": more incident days, not more reports
        if target is None:
            target = _Draft(ReportCandidate(notes=["incident_only"]), ci, found.start)
            drafts.append(target)
            drafts.sort(key=lambda d: d.anchor)
        target.candidate.incident_date = found.reading
        target.clause = min(target.clause, ci)


# "I reported the fly-tipping to the council on 5 October, the party to the police on 17 October":
# each report names what it was about.
_ABOUT = re.compile(r"^\s*(?:(?:i|we)\s+)?(?:reported\s+|told\s+\w+\s+about\s+|rang\s+(?:\w+\s+)?about\s+)?(?:the|those|that)\s+"
                    r"(?P<about>[a-z][a-z' -]{1,30}?)\s+to\s+(?:the\s+|my\s+)?\w", re.IGNORECASE)
_NOT_ABOUT = re.compile(r"\b(?:same|other|first|second|third|last|next|police|council|incident|problem|issue|report|call"
                        r"|time|one|day|night)\b", re.IGNORECASE)


# Reporting online with no body named is the police's online form (README of the corpus, rules §8).
_ONLINE = re.compile(r"\b(?:report\w*|logged|filled|did|done|submitted|went on|sent|put)\b(?:\s+\S+){0,4}?\s+"
                     r"(?:on-?line|on the (?:website|web site))\b", re.IGNORECASE)


def _finish(d: _Draft, text: str, clauses: list[tuple[int, int]], since_by_clause: dict) -> None:
    c = d.candidate
    about = _ABOUT.match(text[clauses[d.clause][0]:clauses[d.clause][1]])
    if about and not _NOT_ABOUT.search(about.group("about")):
        c.about = about.group("about").strip().lower()
    start, end = clauses[d.clause]
    own = text[clauses[_index(clauses, d.anchor)][0]:clauses[_index(clauses, d.anchor)][1]]
    end = max(end, clauses[_index(clauses, d.anchor)][1], clauses[_index(clauses, max(d.last, 0))][1])
    c.words = text[start:end].strip(" ,;—–-")[:1000]
    if c.reported_to == UNSURE_LANDLORD:
        c.reported_to = None
        c.notes.append("landlord_type_unknown")
    if c.reported_to == UNSURE_TEAM:
        c.reported_to = None
        c.notes.append("asb_team_owner_unknown")
    if (c.reported_to is None and not {"landlord_type_unknown", "asb_team_owner_unknown"} & set(c.notes) and _ONLINE.search(c.words)
            and not find_bodies(c.words)):
        c.reported_to = "police"  # "did the online form", "reported that online": with no body named, the police's form
    if c.reported_to == "police" and INFORMAL_RE.search(own):
        c.informal = True
    if c.reported_to == "diary" and re.search(r"\bnever\b", text, re.IGNORECASE):
        c.notes.append("never_reported")
    since = since_by_clause.get(_index(clauses, d.anchor))
    if since is not None and c.reported_date is None and c.since is None:
        if c.reported_to == "diary":
            # "I've kept a diary since September": the diary's period is when it happened, not a report date
            c.incident_date = c.incident_date or DateReading("ok", since.value, since.earliest, since.latest,
                                                             "approximate", since.said)
        else:
            c.since = since


def _attach_references(drafts: list[_Draft], refs: list, clauses: list[tuple[int, int]], text: str) -> None:
    for ref in refs:
        ci = _index(clauses, ref.start)
        free = [d for d in drafts if d.candidate.reference is None]
        here = [d for d in free if _index(clauses, d.anchor) == ci]
        before = [d for d in free if d.anchor < ref.start]
        target = here[0] if here else before[-1] if before else free[0] if free else None
        if ref.police and not here:
            # "crime ref 41/123/26, council ref ENV/55": a crime number is the police's, so it goes
            # to a police report (or one with no body yet), else it is a police report of its own
            fits = [d for d in free if d.candidate.reported_to in (None, "police")]
            fits_before = [d for d in fits if d.anchor < ref.start]
            target = fits_before[-1] if fits_before else fits[0] if fits else None
            if target is None:
                target = _Draft(ReportCandidate(reported_to="police", words=text[clauses[ci][0]:clauses[ci][1]].strip()),
                                ci, ref.start)
                drafts.append(target)
                drafts.sort(key=lambda d: d.anchor)
        if target is None:
            if drafts:
                drafts[-1].candidate.notes.append("more_references_than_reports")
                continue
            target = _Draft(ReportCandidate(words=text[clauses[ci][0]:clauses[ci][1]].strip()), ci, ref.start)
            drafts.append(target)
        c = target.candidate
        c.reference = ref.text[:100]
        if ref.police:
            c.reported_to = c.reported_to or "police"
        if ref.kind == "police_log":
            c.reported_to = c.reported_to or "police"
            if c.reported_date is None and ref.logged is not None and ref.logged.ok:
                c.reported_date = ref.logged  # the log was opened the day the call was made
                c.notes.append("date_from_police_log")
            # "0453 of 18 January" stays whole: police log numbers restart each day, so the number
            # alone names no log (issue 15 quotes "20/11/2026-0456" the same way)
