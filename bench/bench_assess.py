"""For developers: assess 1,000 applications of 10 reports each and print how long it took (target < 1 s).

    .venv/bin/python bench/bench_assess.py
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.rules import assess_payload, load_policy  # noqa: E402

APP = date(2026, 3, 15)
BODIES = ["police", "council", "housing", "private_landlord", "police", "council"]


def applications(n: int, per: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        reports = []
        for i in range(per):
            reported = APP - timedelta(days=rnd.randint(0, 240))
            incident = reported - timedelta(days=rnd.randint(0, 40))
            reports.append({"id": f"r{i}", "reported_date": reported.isoformat(), "incident_date": incident.isoformat(),
                            "reported_to": rnd.choice(BODIES), "problem": rnd.choice(["a", "a", "b"]),
                            "same_incident_as": f"r{i - 1}" if i and rnd.random() < 0.1 else None})
        out.append({"application_date": APP.isoformat(), "reports": reports,
                    "other_reporters": rnd.randint(0, 5), "other_reporters_consent": True})
    return out


def main() -> None:
    apps = applications(1000, 10)
    load_policy("staffordshire")  # policies are cached after the first load
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        outcomes = [assess_payload(a, "staffordshire")["outcome"] for a in apps]
        best = min(best, time.perf_counter() - started)
    counts = {o: outcomes.count(o) for o in sorted(set(outcomes))}
    print(f"1000 applications x 10 reports: best of 3 = {best:.3f} s  outcomes={counts}")


if __name__ == "__main__":
    main()
