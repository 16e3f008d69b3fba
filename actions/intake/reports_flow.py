"""The reports part of the intake: turning what the resident says into report records.

A message may describe several reports; each waits in `pending_report` until its date, who
it went to, when the incident was and (if another report is close in time) whether it was
the same incident are known. Then it joins `reports`.
"""

from __future__ import annotations

import dataclasses
import re

from datetime import date, timedelta
from typing import Any, Optional

from actions.language import DateReading, ReportCandidate, format_date
from actions.language.words import MONTH_RE
from shared.application.bodies import BODY_WORDS
from shared.application.in_words import date_words, describe, readback, reported_day  # noqa: F401
from shared.words import text

MAX_REPORTS = 30


DATE_KEYS = ("date", "earliest", "latest", "precision", "said")


def reading_fields(prefix: str, reading: Optional[DateReading]) -> dict:
    if reading is None or reading.value is None:
        return {}
    fields = {f"{prefix}_said": (reading.said or "")[:200], f"{prefix}_precision": reading.precision}
    if reading.precision == "exact":
        fields[f"{prefix}_date"] = reading.value.isoformat()
    else:
        fields[f"{prefix}_earliest"] = reading.earliest.isoformat()
        fields[f"{prefix}_latest"] = reading.latest.isoformat()
    return fields


def from_candidate(c: ReportCandidate, words: str) -> dict:
    # Several reports in one message that each name a different thing ("the fly-tipping to the
    # council, the party to the police") are about different problems, which do not add up (rules §8).
    report: dict[str, Any] = {"words": (c.words or words)[:1000], "problem": getattr(c, "about", None) or "main"}
    for prefix, reading in (("reported", c.reported_date), ("incident", c.incident_date)):
        if reading is not None and reading.ok:
            report.update(reading_fields(prefix, reading))
            if reading.status == "ambiguous":
                mark_to_confirm(report, prefix)
    if c.reported_to:
        report["reported_to"] = c.reported_to
    if c.reference:
        report["reference"] = c.reference[:60]
    if c.same_as_previous:
        report["same_as_previous"] = True
    if c.informal:
        report["informal"] = True
    return report


# A count over a stretch this short ("twice in September") keeps the stretch as each report's
# rough date (the engine reasons on ranges); over a longer one ("four times this year") the
# stretch decides nothing about the six-month window, so each report's date is asked.
COUNT_PERIOD_KEPT_DAYS = 31


def drafts_for(c: ReportCandidate, words: str) -> list[dict]:
    """One draft per report the candidate stands for: "three times" is three reports, dated or not."""
    r = c.reported_date
    if c.count <= 1 or (r is not None and r.precision == "exact"):
        return [from_candidate(c, words)]  # one day named: one report, however often it was said
    if r is not None and (not r.ok or r.earliest is None or (r.latest - r.earliest).days > COUNT_PERIOD_KEPT_DAYS):
        c = dataclasses.replace(c, reported_date=None)
    return [from_candidate(c, words) for _ in range(min(c.count, 6))]


def settle(drafts: list[dict], reports: list[dict]) -> tuple[list[dict], Optional[dict]]:
    """Reports told whole in one answer ("5 September, I call police next morning, 6 September,
    number CR 60315/26") are stored at once; the first one still missing something is asked
    about. (reports, pending_report)."""
    drafts = list(drafts)
    while drafts and next_field(drafts[0], reports) is None:
        reports = finish(drafts.pop(0), reports)
    return reports, ({"current": drafts[0], "queue": drafts[1:]} if drafts else None)


def has_reported_date(report: dict) -> bool:
    return bool(report.get("reported_date") or report.get("reported_earliest"))


def has_incident(report: dict) -> bool:
    return bool(report.get("incident_date") or report.get("incident_earliest") or report.get("incident_unknown"))


def close_report(report: dict, reports: list[dict]) -> Optional[dict]:
    """An earlier report that may be about the same incident (rules §8: ask, never merge on
    date alone): one within two days told to someone else; or, for a report made after the
    day it happened, the first one about that same day, to anyone (a follow-up call: "I rang
    back on the Monday about the wing mirror")."""
    day = reported_day(report)
    if day is None:
        return None
    for other in reversed(reports):
        other_day = reported_day(other)
        if other_day and abs((other_day - day).days) <= 2 and other.get("reported_to") != report.get("reported_to"):
            return other
    happened = report.get("incident_date")
    if happened and happened < day.isoformat():
        for other in reports:  # the first report of that day's incident is the one followed up
            if (other.get("incident_date") or other.get("reported_date")) == happened:
                return other
    return None


def mark_to_confirm(report: dict, prefix: str) -> None:
    """A numeric date that reads two ways ("03/04") is read back in words before it is used."""
    report["to_confirm"] = [p for p in report.get("to_confirm") or [] if p != prefix] + [prefix]


def clear_date(report: dict, prefix: str) -> None:
    for key in DATE_KEYS:
        report.pop(f"{prefix}_{key}", None)
    report["to_confirm"] = [p for p in report.get("to_confirm") or [] if p != prefix]


def next_field(report: dict, reports: list[dict]) -> Optional[str]:
    if report.get("to_confirm"):
        return "pending_date_confirm"
    if not has_reported_date(report):
        return "pending_reported_date"
    if not report.get("reported_to"):
        return "pending_reported_to"
    if not has_incident(report):
        return "pending_incident_when"
    if "same_checked" not in report and not report.get("same_as_previous") and close_report(report, reports):
        return "pending_same_incident"
    if not report.get("reference") and not report.get("reference_asked"):
        return "pending_reference"
    return None


def finish(report: dict, reports: list[dict]) -> list[dict]:
    """Give the report its id and links, and add it to the list."""
    report = dict(report)
    report["id"] = f"r{len(reports) + 1}"
    if report.pop("same_as_previous", False) and reports:
        report["same_incident_as"] = reports[-1]["id"]
    if report.get("same_incident_as"):
        report["same_incident_as"] = first_of_incident(report["same_incident_as"], reports)
    for key in ("same_checked", "reference_asked", "to_confirm"):
        report.pop(key, None)
    if report.pop("incident_unknown", False):
        report["incident_precision"] = "unknown"
    return (reports + [report])[:MAX_REPORTS]


def first_of_incident(report_id: str, reports: list[dict]) -> str:
    """The first report of an incident: "the same as report 2", which was the same as report 1,
    is the same as report 1 (each incident is then named by one report)."""
    by_id = {r.get("id"): r for r in reports}
    seen = set()
    while report_id in by_id and by_id[report_id].get("same_incident_as") and report_id not in seen:
        seen.add(report_id)
        report_id = by_id[report_id]["same_incident_as"]
    return report_id


def in_a_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(items[:-1]) + (f" {text('reports_and')} " if len(items) > 1 else "") + (items[-1] if items else "")


def _fits(placeholder: dict, c: ReportCandidate) -> bool:
    """A dated report can fill a placeholder told to the same body (or to one not named yet)."""
    return not placeholder.get("reported_to") or not c.reported_to or placeholder["reported_to"] == c.reported_to


def fill_placeholders(current: dict, queue: list[dict], candidates: list[ReportCandidate], words: str,
                      room: int) -> tuple[dict, list[dict], str]:
    """Dates given in one answer go, in the order said, on the reports still waiting for one.

    "Police on 26 September, 14 October and 30 October" answers "when did you make that report?"
    for the three reports the opening message counted: each date fills the next report without
    one (told to the same body), dates beyond those are new reports (at most `room` of them), and
    reports left without a date are asked about in turn. Returns the new current report, the new
    queue and what was done, in words.
    """
    drafts = [dict(current)] + [dict(d) for d in queue]
    open_ = [d for d in drafts if not has_reported_date(d)]
    given, added = [], 0
    for c in candidates:
        target = next((d for d in open_ if _fits(d, c)), None)
        if target is None:
            if added >= room:
                continue
            target = from_candidate(c, words)
            target.setdefault("reported_to", current.get("reported_to"))  # the body the question was about
            drafts.append(target)
            given.append(target)
            added += 1
            continue
        open_.remove(target)
        target.update(reading_fields("reported", c.reported_date))
        if c.reported_date.status == "ambiguous":
            mark_to_confirm(target, "reported")
        for key, value in from_candidate(c, words).items():  # the body, incident or reference said with it
            if key not in ("words", "problem") and not target.get(key):
                target[key] = value
        given.append(target)
    dates = in_a_list([date_words(d) for d in given])
    if open_:
        said = [text("reports_dates_noted", dates_count=_counted("dates", len(given)), dates=dates,
                     open_count=_counted("reports", len(open_)))]
    else:
        said = [text("reports_dates_are", reports_count=_counted("reports", len(given)), dates=dates)]
    if added:
        said.append(text("reports_added", added_count=_counted("new", added)))
    said.append(text("reports_one_at_a_time"))
    return drafts[0], drafts[1:], " ".join(said)


def _counted(what: str, count: int) -> str:
    """"1 date", "2 dates": `what` is dates, reports or new (reports)."""
    return text(f"reports_{what}_{'one' if count == 1 else 'many'}", count=count)


def corrected_day(change, target: dict, today: date) -> date:
    """"It was the 12th": the month of the date being corrected is kept when that makes sense."""
    reading = change.value
    value = reading.value
    old = target.get(f"{change.field.split('_')[0]}_date")
    if (old and reading.said.lower().startswith("the ") and reading.precision == "exact"
            and not re.search(MONTH_RE, reading.said, re.IGNORECASE)):  # "the 11th of July" names its month
        try:
            candidate = date.fromisoformat(old).replace(day=value.day)
            if candidate <= today:
                value = candidate
        except ValueError:
            pass
    return value


def _reference_meant(change, reports: list[dict]) -> Optional[int]:
    """'the police reference is SF/12345/26, not 12354': the report whose reference is nearly the
    new one (a number muddled), when no report number was said; None when none is close."""
    import difflib

    if getattr(change, "field", None) != "reference" or not change.value:
        return None
    new = re.sub(r"\W", "", str(change.value)).upper()
    scored = [(difflib.SequenceMatcher(None, new, re.sub(r"\W", "", r.get("reference") or "").upper()).ratio(), i)
              for i, r in enumerate(reports) if r.get("reference")]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= 0.6 else None


def apply_report_change(change, reports: list[dict], today: date) -> tuple[list[dict], str]:
    """Apply a ChangeRequest about a report; return the new list and what was done."""
    if not reports:
        return reports, text("reports_none_yet")
    index = change.index if change.index is not None else _reference_meant(change, reports)
    if index is None:
        index = len(reports) - 1
    if index == -1:
        index = len(reports) - 1
    if not 0 <= index < len(reports):
        return reports, text("reports_which_one_of_one" if len(reports) == 1 else "reports_which_one", count=len(reports))
    reports = [dict(r) for r in reports]
    target = reports[index]
    if change.action == "remove":
        removed = reports.pop(index)
        for i, r in enumerate(reports, start=1):  # renumber, dropping links to the removed one
            if r.get("same_incident_as") == removed["id"]:
                r.pop("same_incident_as")
        old_ids = {r["id"]: f"r{i}" for i, r in enumerate(reports, start=1)}
        for r in reports:
            r["id"] = old_ids[r["id"]]
            if r.get("same_incident_as"):
                r["same_incident_as"] = old_ids.get(r["same_incident_as"])
        return reports, text("reports_removed", number=index + 1)
    if change.field == "reference" and change.value:
        target["reference"] = str(change.value)[:60]
        target["reference_said"] = change.said[:200]
        return reports, text("reports_reference_changed", number=index + 1, reference=target["reference"])
    if change.field == "reported_to" and change.value:
        target["reported_to"] = change.value
        return reports, text("reports_body_changed", number=index + 1, body=BODY_WORDS.get(change.value, change.value))
    if change.field in ("reported_date", "incident_date") and change.value is not None:
        reading = change.value
        if not reading.ok:
            return reports, reading.question
        prefix = change.field.split("_")[0]
        old = target.get(f"{prefix}_date")
        value = corrected_day(change, target, today)
        same_day = target.get("incident_said") == text("form_incident_same_day") or (old and target.get("incident_date") == old)
        for key in ("date", "earliest", "latest", "precision", "said"):
            target.pop(f"{prefix}_{key}", None)
        target.update({f"{prefix}_date": value.isoformat(), f"{prefix}_precision": "exact", f"{prefix}_said": reading.said})
        if prefix == "reported" and same_day:
            # "It happened the day I reported it": the incident moves with the report.
            for key in ("date", "earliest", "latest"):
                target.pop(f"incident_{key}", None)
            target.update({"incident_date": value.isoformat(), "incident_precision": "exact"})
        return reports, text("reports_date_changed", number=index + 1, day=format_date(value))
    return reports, text("reports_change_what")


def proposed(change, reports: list[dict], today: date) -> Optional[str]:
    """The change said back in words before it is made; None when it can't be made as it stands."""
    if not reports or change.action == "add":
        return None
    index = len(reports) - 1 if change.index in (None, -1) else change.index
    if not 0 <= index < len(reports):
        return None
    now = describe(reports[index], index + 1)
    if change.action == "remove":
        return text("reports_remove_check", report=now)
    if change.field == "reference" and change.value:
        return text("reports_reference_check", number=index + 1, reference=str(change.value)[:60])
    if change.field == "reported_to" and change.value:
        return text("reports_body_check", number=index + 1, body=BODY_WORDS.get(change.value, change.value))
    if change.field in ("reported_date", "incident_date") and change.value is not None and change.value.ok:
        what = text("reports_the_incident_date" if change.field == "incident_date" else "reports_the_date")
        day = corrected_day(change, reports[index], today)
        return text("reports_date_check", what=what, number=index + 1, day=format_date(day))
    return None


def days_between(a: date, b: date) -> int:
    return (b - a) // timedelta(days=1)
