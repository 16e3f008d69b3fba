"""Reference numbers residents quote: "ASB/2025/1187", "crime number 12345678", "0453 of 18 January".

A police log reference ("0453 of 18 January": incident log 453 opened on 18 January) carries
the date the call was logged, which is the date of that report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Optional

from actions.language.dates import parse_date
from actions.language.reading import DateReading
from actions.language.words import MONTH_RE

_LOG_DATE = (rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE}(?:\s+\d{{4}})?|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
             r"|the\s+\d{1,2}(?:st|nd|rd|th)\b")  # "0456 of the 20th"
_REFERENCE = re.compile(
    rf"\b(?P<log>\d{{3,5}}\s+of\s+(?P<log_date>{_LOG_DATE}))\b"
    # "20/11/2026-0456": a police log written as its date and number
    r"|(?<![\w/])(?P<dated>(?P<dated_day>\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))-\d{3,6})\b"
    r"|\b(?P<slashed>[A-Z]{2,6}[/\-]\d{2,8}[/\-]\d{2,8}(?:[/\-]\d+)?)\b"
    # "43/102291/26": force, number, year (the long middle part is no month)
    r"|(?<![\w/])(?P<numslash>\d{1,6}/\d{3,8}/\d{2,4}|\d{1,6} / \d{3,8} / \d{2,4})(?![\w/])"
    r"|(?<![\w/\-])(?P<lowcode>(?:asb|cr|crn|inc|cad|env|hs|ha)[/\-]\d{3,10}(?:[/\-]\d{2,4})?)(?![\w/\-])"
    r"|\b(?:(?:gave|give|given|got)\s+(?:me\s+|us\s+)?(?:a\s+|the\s+)?(?=numb|no\b)|ref(?:erence)?|crime|incident|log|case|cad)(?:\s*(?:numbers?|nos?\.?|refs?|references?))?(?:\s+(?:is|was|are|were|:))?[:\s]+[#'\"‘“]?"
    # "crime number 0453 of 14 November": the date belongs to the reference, not a new report.
    rf"(?P<code>(?=[A-Z0-9/\-]*\d)[A-Z0-9][A-Z0-9/\-]{{3,24}})(?:\s+of\s+(?P<code_date>{_LOG_DATE}))?\b",
    re.IGNORECASE,
)


# Codes written with their capital-letter prefix: "CR 0312", "CR/1234/26", "HA 66120", "SBC/ASB/1950",
# "TBC-ASB-7734", "HS-20931". Case-sensitive, so "covid-19" or "ok 20" are not references.
_PREFIXED = re.compile(r"(?<![\w/\-])(?P<prefix>[A-Z]{1,6}(?:[/\-][A-Z]{1,6})*)(?:[/\-]|\s(?=\d{3}))"
                       r"(?P<number>\d[\d/\-]{1,14}\d(?:\s\d{3,8}(?![\w/\-]))*)(?![\w/\-])")  # "ASB 2026 334": spaces kept
_NOT_A_PREFIX = {"OK", "I", "A", "AM", "PM", "AT", "ON", "IN", "NO", "TO", "UK", "TV", "MY", "MR", "MRS", "MS", "DR", "BY",
                 "OF", "OR", "THE", "AND", "ABOUT", "SO", "IS", "IT", "WAS", "ON", "X", "GP"}


@dataclass(frozen=True)
class Reference:
    text: str
    start: int
    end: int
    kind: str  # police_log | code
    logged: Optional[DateReading] = None  # the date in a police log reference
    number: str = ""  # a police log's own number, without "of <date>" ("0453")
    police: bool = False  # quoted as a crime number or police log: the police's


def scan_references(text: str, today: date) -> list[Reference]:
    refs = []
    for m in _REFERENCE.finditer((text or "")[:5000]):
        if m.group("dated"):
            refs.append(Reference(m.group("dated"), m.start(), m.end(), "police_log", parse_date(m.group("dated_day"), today)))
        elif m.group("log"):
            refs.append(Reference(m.group("log"), m.start(), m.end(), "police_log", parse_date(m.group("log_date"), today),
                                  m.group("log").split()[0]))
        elif m.group("code_date"):
            log = m.group(0)[m.start("code") - m.start():]
            refs.append(Reference(log, m.start(), m.end(), "police_log", parse_date(m.group("code_date"), today),
                                  m.group("code")))
        else:
            value = m.group("slashed") or m.group("numslash") or (m.group("lowcode") or "").upper() or m.group("code")
            if m.group(0).lower().startswith("cad"):
                value = f"CAD {value}"  # a CAD number is quoted with its name
            refs.append(Reference(value, m.start(), m.end(), "code",
                                  police=bool(re.match(r"crime\b|cad\b", m.group(0), re.IGNORECASE))))
    for m in _PREFIXED.finditer((text or "")[:5000]):
        if m.group("prefix").upper() in _NOT_A_PREFIX or re.fullmatch(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?", m.group("number")):
            continue
        inside = [r for r in refs if r.start < m.end() and m.start() < r.end]
        if any(r.start <= m.start() and m.end() <= r.end for r in inside) or any(r.kind == "police_log" for r in inside):
            continue  # already found whole ("CAD 1290"), or the number of a police log
        refs = [r for r in refs if r not in inside]  # "41877/26" found alone: the prefix belongs to it
        refs.append(Reference(m.group(0), m.start(), m.end(), "code"))
    text = text or ""
    refs = sorted((r for r in refs if not _NOT_A_REFERENCE.search(text[max(0, r.start - 40):r.start])), key=lambda r: r.start)
    for i in range(1, len(refs)):
        if refs[i - 1].police and not refs[i].police and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[refs[i - 1].end:refs[i].start]):
            refs[i] = replace(refs[i], police=True)  # "crime numbers 43/1190/27 and 43/1227/27": both the police's
    return refs


# "my tenancy reference is TR/5512/3", "account number": the resident's own numbers, not a report's (README)
_NOT_A_REFERENCE = re.compile(r"\b(?:tenancy|account|rent|customer|payment|council tax|benefits?|national insurance|ni|nhs)"
                              r"(?:\s+(?:ref(?:erence)?|number|no\.?|id))?\s*(?:is|was|:)?\s*$", re.IGNORECASE)
# "07700 900123", "+44 7700 900123", "01785 123456": a phone number is no reference
_PHONE = re.compile(r"(?<![\w/])(?:\+44\s?|0)(?:\d\s?){9,10}(?![\w/])")


def find_references(text: str, today: Optional[date] = None) -> list[str]:
    """The reference numbers in a message, as written."""
    from actions.language.dates import london_today

    return [r.text for r in scan_references(text, today or london_today())]


# What residents put round a reference when they type it as an answer: "yes it was 0312".
_FILLER = re.compile(
    r"\b(?:yes|yeah|yep|yup|aye|ok|okay|it|that|this|its|it'?s|was|is|were|the|my|a|an|one|i|think|reckon|believe|they|gave|me"
    r"|got|given|number|no|ref|reference|crime|incident|log|case|police|council|housing|was given|said|called|of|for|them"
    r"|from|what|which|as|far|remember|sure|pretty|maybe|probably|thanks|thank|you|cheers|please|here|there|and|on|to)\b\.?",
    re.IGNORECASE)
_TOKEN = re.compile(r"(?<![\w/\-])(?=[A-Z0-9/\-]*\d)[A-Z0-9][A-Z0-9/\-]{2,30}[A-Z0-9](?![\w/\-])", re.IGNORECASE)


def reference_in(text: str, today: Optional[date] = None) -> Optional[str]:
    """The reference in an answer to "did they give you a reference?", without the words round it."""
    from actions.language.answers import is_dont_know
    from actions.language.dates import london_today

    if not isinstance(text, str) or not text.strip() or is_dont_know(text):
        return None
    refs = scan_references(text, today or london_today())
    if refs:
        return refs[0].text[:60]
    first = _TOKEN.search(text[:300])
    if first is not None and _NOT_A_REFERENCE.search(text[max(0, first.start() - 40):first.start()]):
        return None  # "my tenancy number is ...": not a report's reference
    tokens = _TOKEN.findall(_PHONE.sub(" ", text[:300]))
    if len(tokens) == 1:
        return tokens[0][:60]
    if len(tokens) > 1:  # "12 34 56": one reference typed with spaces, when only filler is round it
        rest = _FILLER.sub(" ", text[:300])
        if not re.search(r"[^\W\d_]{2,}", _TOKEN.sub(" ", rest)):
            return " ".join(tokens)[:60]
        return tokens[0][:60]
    return None
