"""python -m tests.residents_driver --url http://127.0.0.1:5005 --token "$(cat var/rasa-api-token)"

Plays the resident profiles against a running assistant (started with ASB_TEST_CLOCK=1, so
each profile's `today` is used) and writes results/residents/report.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import baseline, profiles as profile_files
from .case_system import CaseSystem
from .runner import RESULTS, run_profiles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.residents_driver", description=__doc__.splitlines()[0])
    ap.add_argument("--url", default=os.environ.get("ASB_DIALOGUE_URL", "http://127.0.0.1:5005"))
    ap.add_argument("--token", default=os.environ.get("ASB_DIALOGUE_TOKEN"), help="the Rasa API token")
    ap.add_argument("--case-system-url", default=os.environ.get("CASE_SYSTEM_URL", "http://127.0.0.1:5080"))
    ap.add_argument("--case-system-token", default=os.environ.get("CASE_SYSTEM_TOKEN"),
                    help="default: var/case-system-token")
    ap.add_argument("-k", action="append", help="only profiles whose id contains this (repeatable)")
    ap.add_argument("--jobs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--update-baseline", metavar="WHAT", help="write baseline.json from this run (all profiles), "
                    "noting WHAT it was measured on, e.g. 'main c735c2e'")
    ap.add_argument("--baseline-from", type=Path, metavar="REPORT_JSON",
                    help="write baseline.json from a report already made (e.g. by the test) and stop; "
                         "--update-baseline says what it was measured on")
    args = ap.parse_args(argv)
    if args.baseline_from:
        made = json.loads(args.baseline_from.read_text())
        baseline.write(made["profiles"], made["totals"], args.update_baseline or str(args.baseline_from))
        return 0
    token = args.case_system_token or Path("var/case-system-token").read_text().strip()
    chosen = profile_files.load_all(only=args.k)
    results, summary = run_profiles(chosen, args.url, args.token, CaseSystem(args.case_system_url, token),
                                    jobs=args.jobs, folder=args.out)
    print((args.out / "report.md").read_text())
    if args.update_baseline:
        if args.k:
            ap.error("--update-baseline needs every profile (no -k)")
        baseline.write(results, summary, args.update_baseline)
    return 0 if summary["outcome_right"] == summary["profiles"] == summary["payload_right"] else 1


if __name__ == "__main__":
    sys.exit(main())
