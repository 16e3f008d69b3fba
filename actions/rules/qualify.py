"""Does one report qualify under a set of rules — certainly, possibly, or not at all?

A report qualifies when it was made within the reporting deadline after its incident, not
before the incident, not after the application, and the application falls inside the window
that runs from the report. With vague dates each rule is checked at both ends of the range:
`definite` holds for every date in the range, `possible` for at least one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from actions.rules.periods import days_period_end, months_period_end
from actions.rules.policy import Policy
from actions.rules.reports import Report
from shared.words import text


@dataclass(frozen=True)
class Rules:
    """The tests one route applies to a single report."""

    deadline_end: Callable[[date], date]
    deadline_words: Callable[[], str]  # the deadline in words, read from domain.yml when shown
    window_months: int
    window_from_first_incident: bool = False


STATUTORY = Rules(lambda d: months_period_end(d, 1), lambda: text("rules_deadline_statutory"), 6)


def local_rules(policy: Policy) -> Rules:
    dl = policy.reporting_deadline
    if dl.days is not None:
        end = lambda d, n=dl.days: days_period_end(d, n)  # noqa: E731
    else:
        end = lambda d, n=dl.calendar_months: months_period_end(d, n)  # noqa: E731
    return Rules(end, dl.describe, policy.window_months, policy.window_measured_from == "first_incident")


@dataclass(frozen=True)
class Check:
    definite: bool
    possible: bool
    failure: Optional[str] = None  # why it fails for certain: late, expired, before_incident, after_application, no_date


def _in_window(r: date, application: date, rules: Rules, first_incident: Optional[date]) -> bool:
    if rules.window_from_first_incident and first_incident is not None:
        return r <= months_period_end(first_incident, rules.window_months)
    return application <= months_period_end(r, rules.window_months)


def check_report(report: Report, application: date, rules: Rules, first_incident: Optional[date] = None) -> Check:
    rep, inc = report.reported, report.incident_span
    if rep is None or inc is None:
        return Check(False, True, "no_date")

    # The incident came before the report (the resident said so), so only incident days up to
    # each report day are possible: the earliest incident day is the worst case for the deadline.
    # (Requiring inc.latest <= rep.earliest instead made "early November, the same day" uncertain.)
    definite = (
        inc.earliest <= rep.earliest
        and rep.latest <= rules.deadline_end(inc.earliest)
        and rep.latest <= application
        and _in_window(rep.earliest, application, rules, first_incident)
    )
    if definite:
        return Check(True, True)

    # Best case: try each possible report day (vague ranges are at most a few weeks long);
    # for a given report day the latest incident day not after it is the most favourable.
    possible = False
    day, last = rep.earliest, min(rep.latest, application)
    while day <= last and not possible:
        incident = min(inc.latest, day)
        possible = (
            incident >= inc.earliest
            and day <= rules.deadline_end(incident)
            and _in_window(day, application, rules, first_incident)
        )
        day += timedelta(days=1)
    if possible:
        return Check(False, True)

    if rep.earliest > application:
        failure = "after_application"
    elif inc.earliest > rep.latest:
        failure = "before_incident"
    elif not _in_window(rep.latest, application, rules, first_incident):
        failure = "expired"
    else:
        failure = "late"
    return Check(False, False, failure)
