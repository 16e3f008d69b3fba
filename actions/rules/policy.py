"""Local-area policies: one YAML file per area, checked strictly when loaded.

A policy describes how an area applies the ASB Case Review threshold (rules §4). The law is
the floor: a policy may be more generous than the statute (fewer reports, a group, hate or
vulnerability route) but never needs more than three reports from one applicant.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from shared.words import text

POLICY_DIR = Path(__file__).resolve().parent / "policies"
STATUTORY_MAX_REPORTS = 3


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file, field and fix."""

    def __init__(self, file: str, field_name: str, problem: str, fix: str):
        self.file, self.field, self.problem, self.fix = file, field_name, problem, fix
        super().__init__(f"{file}: field '{field_name}': {problem}. Fix: {fix}")


@dataclass(frozen=True)
class ReportingDeadline:
    """How soon after the incident a report must be made, under the local rule."""

    calendar_months: Optional[int] = None
    days: Optional[int] = None

    def describe(self) -> str:
        """The deadline in the resident's words ("within 1 calendar month of the incident")."""
        if self.days is not None:
            return text("rules_deadline_days", days=self.days)
        word_id = "rules_deadline_month" if self.calendar_months == 1 else "rules_deadline_months"
        return text(word_id, months=self.calendar_months)


@dataclass(frozen=True)
class GroupRoute:
    kind: str  # "separate_people" | "reports_from_more_than_one_person"
    count: int
    window_months: int


@dataclass(frozen=True)
class HateRoute:
    incidents: int
    window_months: int


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    version: str
    reports_needed: int
    window_months: int
    window_measured_from: str  # "application" | "first_incident"
    reporting_deadline: ReportingDeadline
    distinct_dates: bool
    latest_report_within_month_of_application: bool
    requires_ongoing: bool
    group_route: Optional[GroupRoute]
    hate_route: Optional[HateRoute]
    vulnerability_override: bool
    caveats: tuple[str, ...]
    timescales: dict
    appeal: str
    contact: dict
    postcode_districts: tuple[str, ...]
    places: tuple[str, ...]
    source: str = ""
    file: str = field(default="", compare=False)

    @property
    def is_statutory_deadline(self) -> bool:
        return self.reporting_deadline.calendar_months == 1 and self.reporting_deadline.days is None


# ---------------------------------------------------------------------------- loading

_TOP = {
    "id": str, "name": str, "version": str, "source": str, "threshold": dict,
    "group_route": (dict, type(None)), "hate_route": (dict, type(None)),
    "vulnerability_override": bool, "caveats": list, "timescales": dict, "appeal": str,
    "contact": dict, "areas": dict,
}
_REQUIRED_TOP = ("id", "name", "version", "threshold", "timescales", "appeal", "contact", "areas")
_THRESHOLD = {
    "reports_needed": int, "window": dict, "reporting_deadline": dict, "distinct_dates": bool,
    "latest_report_within_month_of_application": bool, "requires_ongoing": bool,
}


class _Reader:
    def __init__(self, file: str):
        self.file = file

    def fail(self, field_name: str, problem: str, fix: str) -> None:
        raise PolicyError(self.file, field_name, problem, fix)

    def mapping(self, data: Any, spec: dict, where: str, required: tuple = ()) -> dict:
        if not isinstance(data, dict):
            self.fail(where or "(top level)", "is not a mapping", "write it as 'key: value' lines")
        for key in data:
            if key not in spec:
                self.fail(f"{where}{key}", "is not a known setting",
                          f"remove it or use one of: {', '.join(sorted(spec))}")
        for key in required:
            if key not in data:
                self.fail(f"{where}{key}", "is missing", f"add '{key}:' (see actions/rules/policies/staffordshire.yml)")
        for key, value in data.items():
            expected = spec[key]
            # bool is a subclass of int: a count written as `true` must still be refused
            if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
                names = expected.__name__ if isinstance(expected, type) else " or ".join(t.__name__ for t in expected)
                self.fail(f"{where}{key}", f"should be {names}, not {type(value).__name__}",
                          f"give '{key}' a {names} value")
        return data

    def positive(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(where, f"must be a whole number of 1 or more (got {value!r})", "use e.g. 1, 3 or 6")
        return value


def parse_policy(data: Any, file: str) -> Policy:
    r = _Reader(file)
    top = r.mapping(data, _TOP, "", _REQUIRED_TOP)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", top["id"]):
        r.fail("id", f"'{top['id']}' is not a simple lower-case id", "use letters, digits, '-' or '_', e.g. 'staffordshire'")
    if Path(file).stem != top["id"]:
        r.fail("id", f"'{top['id']}' does not match the file name", f"name the file {top['id']}.yml or change the id")

    th = r.mapping(top["threshold"], _THRESHOLD, "threshold.", ("reports_needed", "window", "reporting_deadline"))
    needed = r.positive(th["reports_needed"], "threshold.reports_needed")
    if needed > STATUTORY_MAX_REPORTS:
        r.fail("threshold.reports_needed", f"{needed} is above the law's ceiling of {STATUTORY_MAX_REPORTS}",
               "an area may ask for three reports or fewer, never more (s.104 ASB, Crime and Policing Act 2014)")
    window = r.mapping(th["window"], {"months": int, "measured_from": str}, "threshold.window.", ("months",))
    months = r.positive(window["months"], "threshold.window.months")
    if months < 6:
        r.fail("threshold.window.months", f"{months} months is shorter than the law's six", "use 6 or more")
    measured_from = window.get("measured_from", "application")
    if measured_from not in ("application", "first_incident"):
        r.fail("threshold.window.measured_from", f"'{measured_from}' is not understood", "use 'application' or 'first_incident'")

    dl = r.mapping(th["reporting_deadline"], {"calendar_months": int, "days": int}, "threshold.reporting_deadline.")
    if len(dl) != 1:
        r.fail("threshold.reporting_deadline", "needs exactly one of 'calendar_months' or 'days'",
               "write e.g. 'calendar_months: 1' (the statute) or 'days: 30'")
    deadline = ReportingDeadline(
        calendar_months=r.positive(dl["calendar_months"], "threshold.reporting_deadline.calendar_months") if "calendar_months" in dl else None,
        days=r.positive(dl["days"], "threshold.reporting_deadline.days") if "days" in dl else None,
    )

    group = None
    if top.get("group_route") is not None:
        g = r.mapping(top["group_route"], {"kind": str, "count": int, "window_months": int}, "group_route.", ("kind", "count"))
        if g["kind"] not in ("separate_people", "reports_from_more_than_one_person"):
            r.fail("group_route.kind", f"'{g['kind']}' is not understood", "use 'separate_people' or 'reports_from_more_than_one_person'")
        group = GroupRoute(g["kind"], r.positive(g["count"], "group_route.count"),
                           r.positive(g.get("window_months", 6), "group_route.window_months"))

    hate = None
    if top.get("hate_route") is not None:
        h = r.mapping(top["hate_route"], {"incidents": int, "window_months": int}, "hate_route.", ("incidents", "window_months"))
        hate = HateRoute(r.positive(h["incidents"], "hate_route.incidents"), r.positive(h["window_months"], "hate_route.window_months"))

    caveats = top.get("caveats", [])
    if not all(isinstance(c, str) for c in caveats):
        r.fail("caveats", "must be a list of sentences", "write each caveat as a '- text' line")
    areas = r.mapping(top["areas"], {"postcode_districts": list, "places": list}, "areas.", ("postcode_districts",))
    districts = tuple(str(d).upper().replace(" ", "") for d in areas["postcode_districts"])
    for d in districts:
        if not re.fullmatch(r"[A-Z]{1,2}[0-9]{0,2}[A-Z]?", d):
            r.fail("areas.postcode_districts", f"'{d}' is not a postcode area or district", "use e.g. 'ST' or 'ST16'")
    contact = top["contact"]
    if "phone" not in contact:
        r.fail("contact.phone", "is missing", "give the number residents should ring, e.g. '101'")

    return Policy(
        id=top["id"], name=top["name"], version=str(top["version"]), source=top.get("source", ""),
        reports_needed=needed, window_months=months, window_measured_from=measured_from,
        reporting_deadline=deadline, distinct_dates=th.get("distinct_dates", False),
        latest_report_within_month_of_application=th.get("latest_report_within_month_of_application", False),
        requires_ongoing=th.get("requires_ongoing", False), group_route=group, hate_route=hate,
        vulnerability_override=top.get("vulnerability_override", False), caveats=tuple(caveats),
        timescales=dict(top["timescales"]), appeal=top["appeal"], contact=dict(contact),
        postcode_districts=districts, places=tuple(str(p).lower() for p in areas.get("places", [])),
        file=file,
    )


def load_policy_file(path: Path) -> Policy:
    name = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PolicyError(name, "(file)", f"is not valid YAML ({exc.__class__.__name__})", "check indentation and quotes") from None
    return parse_policy(data, name)


@functools.lru_cache(maxsize=None)
def _all_policies(directory: str) -> dict[str, Policy]:
    policies = {}
    for path in sorted(Path(directory).glob("*.yml")):
        policy = load_policy_file(path)
        policies[policy.id] = policy
    return policies


def list_policies(directory: Path = POLICY_DIR) -> list[Policy]:
    return list(_all_policies(str(directory)).values())


def load_policy(area: str, directory: Path = POLICY_DIR) -> Policy:
    policies = _all_policies(str(directory))
    if area not in policies:
        raise KeyError(f"no policy for area '{area}'; known areas: {', '.join(sorted(policies))}")
    return policies[area]


_POSTCODE = re.compile(r"\b([A-Z]{1,2})([0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})?\b")


def area_for_location(text: str, directory: Path = POLICY_DIR) -> Optional[str]:
    """The area whose policy applies to a street/postcode/place the resident gave, if known.

    A postcode district (ST16) beats a postcode area (ST); a place name is the last resort.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    upper = text.upper()[:500]
    policies = list_policies(directory)
    for match in _POSTCODE.finditer(upper):
        letters, district = match.group(1), match.group(2)
        for candidate in (letters + district, letters):
            for policy in policies:
                if candidate in policy.postcode_districts:
                    return policy.id
    lower = f" {re.sub(r'[^a-z ]', ' ', text.lower()[:500])} "
    for policy in policies:
        if any(f" {place} " in lower for place in policy.places):
            return policy.id
    return None
