"""Reports described in free text: who it was told to, when, any reference (rules §8).

"I rang 101 on 3 March and again on the 21st" is two reports to the police. Each date a
resident gives becomes one candidate report; the body mentioned nearest before it (or the
last one mentioned) is who it went to. "It happened on 14/02 but I didn't report it till
April" gives the incident date and the report date of one report. What cannot be worked out
is left empty, so the assistant asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from actions.language.dates import DateReading, scan_dates

# Order matters: more specific phrases first.
BODY_PATTERNS: list[tuple[str, str]] = [
    ("private_landlord", r"private landlord|letting agent|letting agency|lettings agent|estate agent"),
    ("housing", r"housing association|housing officer|housing office|housing provider|housing trust|housing team|housing|\bha\b|landlord"),
    ("councillor", r"councill?or"),
    ("council", r"council|environmental health|noise team|asb team|asb officer|anti-social behaviour team|\bcouncil tax\b"),
    ("police", r"police|\b101\b|\b999\b|\bpcso\b|\bpc\b|officer|copper|cops?\b|bobby|crime number|crimestoppers"),
    ("mp", r"\bmp\b|member of parliament"),
    ("health", r"\bgp\b|doctor|\bnhs\b|health visitor|mental health team"),
    ("residents_group", r"residents'? (?:association|group|committee)|tenants'? (?:association|group)|neighbourhood watch"),
    ("social_media", r"facebook|twitter|\bx\b|nextdoor|instagram|social media|tiktok|whatsapp group"),
    ("diary", r"diary|diaries|log sheets?|incident log"),
]
_BODY_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in BODY_PATTERNS), re.IGNORECASE)

_INCIDENT_CUE = re.compile(r"(happened|incident|it was|started|occurred|took place|they did it|on the night)\W*(?:\w+\W+){0,3}$", re.IGNORECASE)
_REPORT_CUE = re.compile(r"(report|rang|rung|phoned|called|rung|told|emailed|e-mailed|contacted|logged|went to|filled in|wrote)", re.IGNORECASE)
_SAME_CUE = re.compile(r"\b(same (?:night|day|incident|thing|time)|about it|next morning|the next day|following day|again about (?:it|that))\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(twice|three times|four times|five times|six times|(\d+) times|a few times|several times|loads of times)\b", re.IGNORECASE)
_COUNT_WORDS = {"twice": 2, "three times": 3, "four times": 4, "five times": 5, "six times": 6}

# References: council-style codes with slashes, "ref ..." phrases, crime numbers, police log numbers.
_REFERENCE = re.compile(
    r"\b(?:[A-Z]{2,5}/\d{2,4}/\d{2,8}(?:/\d+)?)\b"
    r"|\b(?:ref(?:erence)?|crime|incident|log)(?: number| no\.?| ref)?(?: is|:)?\s+(?P<code>(?=[A-Z/\-]*\d)[A-Z0-9][A-Z0-9/\-]{3,20})\b"
    r"|\b(?P<log>\d{3,5} of \d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b"
    r"|\b(?P<log2>\d{3,5} of \d{1,2}/\d{1,2}(?:/\d{2,4})?)\b",
    re.IGNORECASE,
)


@dataclass
class ReportCandidate:
    reported_date: Optional[DateReading] = None
    incident_date: Optional[DateReading] = None
    reported_to: Optional[str] = None
    reference: Optional[str] = None
    same_as_previous: Optional[bool] = None
    count: int = 1
    informal: bool = False  # e.g. told a PCSO in the street
    words: str = ""
    notes: list[str] = field(default_factory=list)


def find_bodies(text: str) -> list[tuple[str, int]]:
    out = []
    for m in _BODY_RE.finditer(text):
        name = m.lastgroup
        if name == "housing" and m.group(0).lower() == "landlord":
            name = "housing_or_private"  # ask which: social housing counts, a private landlord does not
        out.append((name, m.start()))
    return out


def body_in(text: str) -> Optional[str]:
    bodies = find_bodies(text)
    if not bodies:
        return None
    name = bodies[0][0]
    return None if name == "housing_or_private" else name


def find_references(text: str) -> list[str]:
    refs = []
    for m in _REFERENCE.finditer(text):
        value = m.group("code") or m.group("log") or m.group("log2") or m.group(0)
        if value and not value.lower() in ("number", "is"):
            refs.append(value.strip())
    return refs


def _count(text: str) -> int:
    m = _COUNT.search(text)
    if not m:
        return 1
    if m.group(2):
        return max(1, min(int(m.group(2)), 20))
    return _COUNT_WORDS.get(m.group(1).lower(), 1)


def extract_reports(text: str, today: date) -> list[ReportCandidate]:
    """Candidate reports in what the resident wrote; never raises."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:5000]
    dates = scan_dates(text, today)
    bodies = find_bodies(text)
    refs = find_references(text)
    # Police log numbers like "0453 of 18 January" carry a date that is the reference's, not a report's.
    ref_spans = [(m.start(), m.end()) for m in _REFERENCE.finditer(text)]
    dates = [d for d in dates if not any(s <= d.start < e for s, e in ref_spans)]

    candidates: list[ReportCandidate] = []
    pending_incident: Optional[DateReading] = None
    last_body: Optional[str] = None
    for i, found in enumerate(dates):
        before = text[max(0, found.start - 40):found.start]
        if _INCIDENT_CUE.search(before) and not _REPORT_CUE.search(before[-20:]):
            pending_incident = found.reading
            continue
        prior = [b for b, pos in bodies if pos < found.start and (i == 0 or pos > dates[i - 1].end)]
        after = [b for b, pos in bodies if pos > found.end and (i + 1 >= len(dates) or pos < dates[i + 1].start)]
        body = prior[-1] if prior else (after[0] if after else last_body)
        last_body = body or last_body
        segment = text[dates[i - 1].end if i else 0:found.end + 40]
        candidates.append(ReportCandidate(
            reported_date=found.reading,
            incident_date=pending_incident,
            reported_to=None if body == "housing_or_private" else body,
            informal=bool(re.search(r"\bpcso\b|in the street|told (?:a|the) (?:copper|officer)", segment, re.IGNORECASE)),
            words=text[max(0, found.start - 60):found.end + 20].strip(),
        ))
        if body == "housing_or_private":
            candidates[-1].notes.append("landlord_type_unknown")
        pending_incident = None

    if not candidates:
        # No dates: one candidate per body mentioned ("I phoned the police and then emailed the council").
        seen = 0
        for name, pos in bodies:
            candidate = ReportCandidate(
                reported_to=None if name == "housing_or_private" else name,
                words=text[max(0, pos - 40):pos + 40].strip(),
            )
            if seen and _SAME_CUE.search(text):
                candidate.same_as_previous = True
            candidates.append(candidate)
            seen += 1
        if candidates:
            candidates[0].count = _count(text) if len(candidates) == 1 else 1
            candidates[0].informal = bool(re.search(r"\bpcso\b|in the street", text, re.IGNORECASE))
        elif pending_incident is not None:
            candidates.append(ReportCandidate(incident_date=pending_incident, words=text[:200]))

    # "diary sheets every day but never actually rang anyone": the diary is the only record.
    if any(c.reported_to == "diary" for c in candidates) and re.search(r"\bnever\b", text, re.IGNORECASE):
        candidates = [c for c in candidates if c.reported_to == "diary"]
    if len(candidates) >= 2 and _SAME_CUE.search(text):
        for c in candidates[1:]:
            if c.same_as_previous is None and c.reported_date is None:
                c.same_as_previous = True
    for c, ref in zip(candidates, refs):
        c.reference = ref[:100]
    if len(refs) > len(candidates) and candidates:
        candidates[-1].notes.append("more_references_than_reports")
    return candidates
