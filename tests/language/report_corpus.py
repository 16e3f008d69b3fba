"""Scoring the report parser on the independent corpus (tests/corpora/reports/README.md).

Each corpus item is read the way the intake reads it: a message answering "tell me about the
reports" (or "any more?") goes through `extract_reports`; an answer to "when did it happen?",
"when did you report it?" or "what was the reference?" goes through `parse_date` /
`reference_in` with the date under discussion as context, merged into the report the corpus
gives as context. Nothing here knows any corpus sentence.

A report is *exactly right* when a predicted report has the same body, the same reference
(upper-cased, as the README stores it), the same `count` and a report date that matches:
an exact date is the same day; a vague one (with `likely`) matches when each best guess lies
in the other's range (the README's rule); a span (no `likely`) matches when the predicted
range starts and ends within three days of it. A predicted report that matches nothing in an
item whose expected reports are all matched is *invented* (a second date word read as a
second report, typically).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Optional

import yaml

from actions.language import extract_reports, parse_date, reference_in
from actions.language.reading import DateReading

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "reports"
SPAN_SLACK = timedelta(days=3)


def load(name: str) -> list[dict]:
    with open(CORPUS / name, encoding="utf-8") as f:
        return yaml.safe_load(f)["items"]


def _day(value: Any) -> Optional[date]:
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) else None


@dataclass
class Predicted:
    reported_to: Optional[str]
    reported: Optional[DateReading]
    reference: Optional[str]
    count: int = 1


def _as_reading(day: date) -> DateReading:
    return DateReading("ok", day, day, day, "exact", day.isoformat())


def predict(item: dict) -> list[Predicted]:
    today = _day(item["today"])
    text = item["text"]
    ctx = item.get("context") or {}
    asked = item["asked"]
    if asked in ("reports", "more_reports"):
        previous = _day(ctx.get("previous_report_date"))
        found = extract_reports(text, today, context=previous)
        out = []
        for c in found:
            body = c.reported_to
            if body is None and asked == "more_reports" and ctx.get("previous_reported_to"):
                body = ctx["previous_reported_to"]  # "again" / "them": the intake carries the body over
            reported = c.reported_date
            if reported is not None and not reported.ok:
                reported = None  # impossible / not a UK date: the intake asks, as the README's null means
            if reported is None and c.since is not None and c.since.ok:
                reported = DateReading("ok", c.since.value, c.since.earliest, today, "approximate", c.since.said)
            out.append(Predicted(body, reported, c.reference, c.count))
        return out
    body = ctx.get("reported_to")
    reported = _as_reading(_day(ctx["report_date"])) if ctx.get("report_date") else None
    reference = None
    if asked == "reported_date":
        anchor = _day(ctx.get("incident_date")) or _day(ctx.get("read_back_date"))
        reading = parse_date(text, today, context=anchor)
        reported = reading if reading.ok else None
    elif asked == "incident_date":
        pass  # the report date is what the corpus scores; the incident answer must not move it
    elif asked == "reference":
        reference = reference_in(text, today)
    if asked == "incident_date" and reported is None and ctx.get("incident_date"):
        # an incident given as context and "two days later": the answer is the report date
        reading = parse_date(text, today, context=_day(ctx["incident_date"]))
        reported = reading if reading.ok else None
    return [Predicted(body, reported, reference)]


def _date_matches(expected: Any, got: Optional[DateReading]) -> bool:
    if expected is None:
        return got is None
    if got is None or not got.ok:
        return False
    lo, hi = got.earliest or got.value, got.latest or got.value
    if "date" in expected:
        return lo == hi == _day(expected["date"])
    e_lo, e_hi = _day(expected["earliest"]), _day(expected["latest"])
    if "likely" in expected:
        return e_lo <= got.value <= e_hi and lo <= _day(expected["likely"]) <= hi
    return abs(lo - e_lo) <= SPAN_SLACK and abs(hi - e_hi) <= SPAN_SLACK


def _norm_ref(ref: Optional[str]) -> Optional[str]:
    return ref.upper().strip() if isinstance(ref, str) else None


def matches(expected: dict, got: Predicted) -> bool:
    return (expected.get("reported_to") == got.reported_to
            and _norm_ref(expected.get("reference")) == _norm_ref(got.reference)
            and int(expected.get("count") or 1) == got.count
            and _date_matches(expected.get("reported"), got.reported))


@dataclass
class Score:
    reports: int = 0
    right: int = 0
    invented: int = 0
    wrong_items: list = field(default_factory=list)
    invented_items: list = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.reports if self.reports else 1.0


def score(items: list[dict]) -> Score:
    s = Score()
    for item in items:
        expected = item.get("reports") or []
        got = predict(item)
        left = list(got)
        right = 0
        for e in expected:
            hit = next((g for g in left if matches(e, g)), None)
            if hit is not None:
                left.remove(hit)
                right += 1
        s.reports += len(expected)
        s.right += right
        if right < len(expected):
            s.wrong_items.append(item["id"])
        if right == len(expected) and left:
            s.invented += len(left)
            s.invented_items.append(item["id"])
    return s
