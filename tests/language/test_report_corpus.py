"""The report parser scored on the independent corpus (tests/corpora/reports, README there).

Target (issue 15): >= 98 % of reports exactly right (body, reference, count and report date;
see report_corpus.py for "exactly right") and no report invented from a second date word.

NOT MET YET. Measured on 2026-12-02 (wip-language2): dev.yml 136/175 = 77.7 % with 24 invented
reports, test.yml (held out, never read) 250/359 = 69.6 % with 35 invented (before this branch:
74.3 % / 28 and 65.5 % / 40); wip-lang15 (2026-12-02): dev 137/175 = 78.3 % with 24 invented,
held-out 251/359 = 69.9 % with 34 invented; then dev 139/175 = 79.4 % / 24 and held-out
252/359 = 70.2 % / 34; wip-reports15 (2026-12-03): dev 166/175 = 94.9 % with 0 invented,
held-out 268/359 = 74.7 % with 22 invented; wip-parser15c (2026-12-03):
dev 174/175 = 99.4 % with 0 invented (three of the gained reports come from the scorer: a date the
parser flags impossible counts as not given, and a police-log answer to the reference question gives
the report's date, both as the intake does). A second development set, dev2.yml (254 items, written
from the spec by another helper and now kept beside dev.yml), scored 231/316 = 73.1 % with 14 invented at the
branch's start and 265/316 = 83.9 % with 13 invented when first run (unseen) on this branch; after
tuning on it, 295/316 = 93.4 % with 6 invented. The held-out test.yml, scored once at the end
of the branch: 294/359 = 81.9 % with 20 invented (from 74.7 % / 22). Then one change against the
corpus conventions: a police log quoted with its date ("0453 of 18 January") keeps the date in
its reference, as issue 15 quotes "20/11/2026-0456" and as the simulated residents expect (log
numbers restart each day, so the number alone names no log); the corpora store the number alone
and the date as the report's, so this costs dev 174 -> 169 (96.6 %), dev2 295 -> 292 (92.4 %) and
test.yml 294 -> 293 of 359 (81.6 %, 20 invented). These tests therefore
assert the measured floors, so the parser can only get better, and print the figures; raise
the floors when it does. The 98 % target is asserted by `test_target` marked xfail(strict)
so that reaching it turns the suite red until the floors and the marker are updated.
"""

from __future__ import annotations

import pytest

from report_corpus import load, score

# Measured floors: (share of reports exactly right, most invented reports allowed).
FLOORS = {"dev.yml": (0.965, 0), "dev2.yml": (0.924, 6), "test.yml": (0.816, 20)}
TARGET = 0.98
REACHED: set[str] = set()  # files on which the target is met (and must stay met)


@pytest.fixture(scope="module", params=sorted(FLOORS))
def measured(request):
    s = score(load(request.param))
    print(f"\n{request.param}: {s.right}/{s.reports} = {s.share:.1%} exactly right, {s.invented} invented")
    return request.param, s


def test_no_worse_than_the_measured_floor(measured):
    name, s = measured
    floor, most_invented = FLOORS[name]
    assert s.reports > 0
    assert s.share >= floor, f"{name}: {s.share:.1%} is below the floor {floor:.1%}: {s.wrong_items[:20]}"
    assert s.invented <= most_invented, f"{name}: {s.invented} invented reports in {s.invented_items[:20]}"


def test_target(measured, request):
    name, s = measured
    if name not in REACHED:
        # strict: reaching the target on this file turns the suite red until REACHED is updated
        request.applymarker(pytest.mark.xfail(strict=True, reason="issue 15 target not reached yet: see the module docstring"))
    assert s.share >= TARGET and s.invented == 0
