#!/usr/bin/env python3
"""Validate the resident profiles and re-derive each expected outcome from the facts.

Usage:  python3 check_profiles.py [--verbose]

It checks that every *.yml here parses, has the required keys, and that `expect`
agrees with an independent reading of the rules in shared/spec/case-review-rules.md
(statutory test + the default Staffordshire policy: 3 related reports or 5 separate
people, local extras only as flags).  It then prints a coverage table.

This is a check on the *profiles*, not the product: it shares no code with it.
"""
import calendar
import datetime as dt
import glob
import itertools
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTING = {"police", "council", "housing", "health"}
NOT_COUNTING = {"private_landlord", "councillor", "mp", "residents_group", "social_media", "diary"}
STYLES = ["terse", "rambling", "elderly_formal", "text_speak", "typo_heavy", "esl", "anxious", "plain"]
REQUIRED_TOP = ["id", "written_for", "today", "style", "opening", "facts", "expect"]
REQUIRED_FACTS = ["applicant", "on_behalf", "organisation", "area", "problem", "responsible", "ongoing",
                  "hate", "domestic_or_family", "never_reported", "reports", "tells_reports",
                  "other_reporters", "impact", "contact", "consent_share", "declaration",
                  "corrections", "asks_along_the_way"]
REQUIRED_REPORT = ["incident", "reported", "to", "reference", "same_incident_as", "says"]
REQUIRED_EXPECT = ["outcome", "route", "sends_application", "payload"]
REQUIRED_PAYLOAD = ["victim_type", "applicant_type", "reports", "counted", "references", "safe_contact"]


def add_months(d: dt.date, n: int) -> dt.date:
    """Corresponding-date rule: the period 'within n months beginning with d' ends on the returned day."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = calendar.monthrange(y, m)[1]
    if d.day > last:               # date does not exist -> last day of that month
        return dt.date(y, m, last)
    return dt.date(y, m, d.day) - dt.timedelta(days=1)


# the rulebook's worked examples
assert add_months(dt.date(2026, 3, 15), 1) == dt.date(2026, 4, 14)
assert add_months(dt.date(2026, 2, 10), 1) == dt.date(2026, 3, 9)
for d in (29, 30, 31):
    assert add_months(dt.date(2026, 1, d), 1) == dt.date(2026, 2, 28)
assert add_months(dt.date(2028, 1, 30), 1) == dt.date(2028, 2, 29)
assert add_months(dt.date(2026, 1, 1), 1) == dt.date(2026, 1, 31)
assert add_months(dt.date(2026, 2, 28), 1) == dt.date(2026, 3, 27)
assert add_months(dt.date(2025, 12, 31), 1) == dt.date(2026, 1, 30)
assert add_months(dt.date(2025, 9, 15), 6) == dt.date(2026, 3, 14)
assert add_months(dt.date(2025, 9, 16), 6) == dt.date(2026, 3, 15)
assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
assert add_months(dt.date(2028, 2, 29), 6) == dt.date(2028, 8, 28)


def days(a, b):
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def apply_corrections(p):
    """Return (reports, contact) after the resident's corrections."""
    reps = [dict(r) for r in p["facts"]["reports"]]
    removed = set()
    contact = dict(p["facts"]["contact"])
    for c in p["facts"]["corrections"] or []:
        e = c["effect"]
        if "add" in e:
            reps.append(dict(e["add"]))
        elif e.get("remove"):
            removed.add(e["report"])
        elif "report" in e:
            reps[e["report"]][e["field"]] = e["new"]
        elif e.get("field", "").startswith("contact."):
            contact[e["field"].split(".", 1)[1]] = e["new"]
        else:
            raise ValueError(f"unknown correction effect {e}")
    kept = [r for i, r in enumerate(reps) if i not in removed]
    return kept, contact, removed


def scenarios(reps):
    """Every concrete assignment of (incident, reported) dates for the vague ones."""
    choices = []
    for r in reps:
        inc = r["incident"]
        inc_days = days(inc["earliest"], inc["latest"]) if isinstance(inc, dict) else [inc]
        rep = r["reported"]
        opts = []
        for i in inc_days:
            if rep == "same_day":
                opts.append((i, i))
            elif isinstance(rep, dict):
                opts += [(i, x) for x in days(rep["earliest"], rep["latest"]) if x >= i]
            else:
                opts.append((i, rep))
        choices.append(opts)
    return itertools.product(*choices)


def assess_one(p, reps, dates, today):
    counted = {}
    counted_idx = []
    late, too_old, not_body = [], [], []
    resident_in_window = False
    latest_counted = None
    for i, (r, (inc, rep)) in enumerate(zip(reps, dates)):
        assert rep >= inc, f"{p['id']}: report {i} before its incident"
        assert rep <= today, f"{p['id']}: report {i} after today"
        on_time = rep <= add_months(inc, 1)
        in_window = today <= add_months(rep, 6)
        body_ok = r["to"] in COUNTING
        if body_ok and in_window:
            resident_in_window = True
        if r.get("same_incident_as") is not None:
            continue
        if not body_ok:
            not_body.append(i)
            continue
        if not on_time:
            late.append(i)
            continue
        if not in_window:
            too_old.append(i)
            continue
        grp = r.get("about", "main")
        counted[grp] = counted.get(grp, 0) + 1
        counted_idx.append(i)
        latest_counted = max(latest_counted or rep, rep)
    best = max(counted.values()) if counted else 0
    o = p["facts"]["other_reporters"] or {}
    people = (1 if resident_in_window else 0) + (o.get("count") or 0 if o.get("consent") else 0)
    routes = []
    if best >= 3:
        routes.append("statutory")
    if people >= 5:
        routes.append("group")
    flags = []
    if routes and latest_counted and today > add_months(latest_counted, 1):
        flags.append("latest_report_over_a_month_before_applying")
    if routes and p["facts"]["ongoing"] is False:
        flags.append("not_ongoing")
    return dict(outcome="met" if routes else "not_met", routes=routes, counted=best,
                counted_idx=counted_idx, late=late, too_old=too_old, not_body=not_body, flags=flags)


def assess(p):
    f = p["facts"]
    if f["never_reported"] or f["domestic_or_family"] or f.get("about_staff") \
            or f["area"]["country"] not in ("England", "Wales"):
        return dict(outcome="right_route", routes=[], counted=None, flags=[]), None
    reps, contact, _ = apply_corrections(p)
    today = p["today"]
    results = [assess_one(p, reps, d, today) for d in scenarios(reps)]
    outs = {r["outcome"] for r in results}
    if len(outs) == 1:
        return results[0], reps
    lo = min(results, key=lambda r: r["counted"])
    return dict(lo, outcome="needs_review", routes=[]), reps


def norm_route(r):
    if r is None:
        return []
    return sorted(r) if isinstance(r, list) else [r]


def main():
    verbose = "--verbose" in sys.argv
    files = sorted(glob.glob(os.path.join(HERE, "[0-9][0-9]-*.yml")))
    errors, rows, phones, ids = [], [], {}, set()
    cover = {k: [] for k in [
        "several_in_one_msg", "in_opening", "corrections", "third_party", "business", "community_group",
        "group_member", "vague", "same_incident", "not_met", "not_met_applies", "not_met_no_apply",
        "needs_review", "right_route", "safe_contact_restriction", "any_time", "hate"]}
    styles = {s: [] for s in STYLES}
    for path in files:
        name = os.path.basename(path)
        try:
            p = yaml.safe_load(open(path, encoding="utf-8"))
        except yaml.YAMLError as e:
            errors.append(f"{name}: does not parse: {e}")
            continue
        err = lambda m: errors.append(f"{name}: {m}")
        for k in REQUIRED_TOP:
            if k not in p:
                err(f"missing {k}")
        if p.get("id") != name[:-4]:
            err(f"id {p.get('id')} != file name")
        if p["id"] in ids:
            err("duplicate id")
        ids.add(p["id"])
        if not isinstance(p["today"], dt.date):
            err("today is not a date")
        kind = p["style"]["kind"]
        if kind not in STYLES:
            err(f"unknown style {kind}")
        styles.setdefault(kind, []).append(name[:2])
        f, e = p["facts"], p["expect"]
        for k in REQUIRED_FACTS:
            if k not in f:
                err(f"facts missing {k}")
        for k in REQUIRED_EXPECT:
            if k not in e:
                err(f"expect missing {k}")
        for i, r in enumerate(f["reports"]):
            for k in REQUIRED_REPORT:
                if k not in r:
                    err(f"report {i} missing {k}")
            if r["to"] not in COUNTING | NOT_COUNTING | {"other"}:
                err(f"report {i}: unknown body {r['to']}")
            s = r.get("same_incident_as")
            if s is not None and not (0 <= s < i):
                err(f"report {i}: same_incident_as must point to an earlier report")
        if f["applicant"] == "on_behalf" and not (f["on_behalf"] or {}).get("relationship"):
            err("on_behalf without relationship")
        if f["applicant"] in ("business", "community_group") and not (f["organisation"] or {}).get("name"):
            err("organisation missing")
        c = f["contact"]
        for v in (c.get("phone"), c.get("email")):
            if v and "@" in v and not re.search(r"@example\.(com|org)$", v):
                err(f"email {v} not at example.com/org")
            if v and "@" not in v and not re.fullmatch(r"07700 900\d{3}", v):
                err(f"phone {v} not in 07700 900xxx")
            if v and "@" not in v:
                if v in phones:
                    err(f"phone {v} also used by {phones[v]}")
                phones[v] = name[:2]
        # expectation vs rules
        try:
            got, reps = assess(p)
        except AssertionError as x:
            err(str(x))
            continue
        if got["outcome"] != e["outcome"]:
            err(f"expect.outcome {e['outcome']} but rules give {got['outcome']} ({got})")
        if norm_route(e["route"]) != sorted(got["routes"]):
            err(f"expect.route {e['route']} but rules give {got['routes']}")
        sends = e["sends_application"]
        if got["outcome"] == "right_route" and sends:
            err("right_route must not send")
        if got["outcome"] == "met" and not sends:
            err("met must send")
        if got["outcome"] in ("not_met", "needs_review") and sends != bool(f.get("applies_anyway")):
            err("sends_application must equal applies_anyway when not met / needs review")
        pl = e["payload"]
        if sends:
            if not isinstance(pl, dict):
                err("payload required when sending")
            else:
                for k in REQUIRED_PAYLOAD:
                    if k not in pl:
                        err(f"payload missing {k}")
                if pl.get("reports") != len(reps):
                    err(f"payload.reports {pl.get('reports')} but {len(reps)} reports after corrections")
                if pl.get("counted") != got["counted"]:
                    err(f"payload.counted {pl.get('counted')} but rules count {got['counted']}")
                if pl.get("applicant_type") != f["applicant"]:
                    err("payload.applicant_type != facts.applicant")
                vt = {"business": "business", "community_group": "community_group"}.get(f["applicant"], "individual")
                if pl.get("victim_type") != vt:
                    err(f"payload.victim_type should be {vt}")
                _, contact, _ = apply_corrections(p)
                if (pl.get("safe_contact") is None) != (contact.get("safe_contact") is None):
                    err("payload.safe_contact disagrees with facts.contact.safe_contact")
                refs = [r["reference"] for r in reps if r.get("reference")]
                for ref in pl.get("references", []):
                    if ref not in refs:
                        err(f"payload reference {ref} not among reports")
                for ref in set(refs):
                    if ref not in pl.get("references", []):
                        err(f"report reference {ref} missing from payload.references")
                if "hate" in pl and pl["hate"] != bool(f["hate"]):
                    err("payload.hate disagrees with facts.hate")
        elif pl is not None:
            err("payload must be null when nothing is sent")
        if sorted(e.get("local_flags", [])) != sorted(got.get("flags", [])):
            err(f"expect.local_flags {e.get('local_flags', [])} but rules give {got.get('flags')}")
        for cr in f["corrections"] or []:
            if cr["at"] not in ("read_back", "check_your_answers"):
                err(f"correction at {cr['at']}")
        # coverage
        n = name[:2]
        vague = any(isinstance(r["incident"], dict) or isinstance(r["reported"], dict) for r in f["reports"])
        if f["tells_reports"] in ("all_at_once", "in_opening"):
            cover["several_in_one_msg"].append(n)
        if f["tells_reports"] == "in_opening":
            cover["in_opening"].append(n)
        if f["corrections"]:
            cover["corrections"].append(n)
        if f["applicant"] == "on_behalf":
            cover["third_party"].append(n)
        if f["applicant"] in ("business", "community_group", "group_member"):
            cover[f["applicant"]].append(n)
        if vague:
            cover["vague"].append(n)
        if any(r.get("same_incident_as") is not None for r in f["reports"]):
            cover["same_incident"].append(n)
        if e["outcome"] == "not_met":
            cover["not_met"].append(n)
            cover["not_met_applies" if sends else "not_met_no_apply"].append(n)
        if e["outcome"] == "needs_review":
            cover["needs_review"].append(n)
        if e["outcome"] == "right_route":
            cover["right_route"].append(n)
        if c.get("safe_contact"):
            cover["safe_contact_restriction"].append(n)
        elif re.search(r"any ?time|whatever|whenever", str(c.get("safe_contact_says", "")), re.I):
            cover["any_time"].append(n)
        if f["hate"]:
            cover["hate"].append(n)
        rows.append((n, kind, f["applicant"], f["tells_reports"], len(f["reports"]),
                     e["outcome"], "+".join(norm_route(e["route"])) or "-",
                     (pl or {}).get("counted", e.get("counted", "-")) if got["outcome"] != "right_route" else "-",
                     "yes" if sends else "no", p["today"].isoformat()))
        if verbose:
            print(name, got)
    print(f"{'#':<3}{'style':<15}{'applicant':<16}{'tells':<13}{'reps':>4}  {'outcome':<13}{'route':<18}"
          f"{'counted':>7}  {'sends':<6}today")
    for r in rows:
        print(f"{r[0]:<3}{r[1]:<15}{r[2]:<16}{r[3]:<13}{r[4]:>4}  {r[5]:<13}{r[6]:<18}{str(r[7]):>7}  {r[8]:<6}{r[9]}")
    print(f"\n{len(rows)} profiles")
    print("\nStyles:")
    for s in STYLES:
        print(f"  {s:<15}{len(styles[s]):>3}  {' '.join(styles[s])}")
    print("\nCoverage:")
    for k, v in cover.items():
        print(f"  {k:<26}{len(v):>3}  {' '.join(v)}")
    if errors:
        print("\nERRORS:")
        for x in errors:
            print("  " + x)
        sys.exit(1)
    print("\nall profiles parse, have the required keys, and their expectations match the rules")


if __name__ == "__main__":
    main()
