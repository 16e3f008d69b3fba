"""For developers: time the safeguarding step alone (issue 14: at most 5 ms added to p50 turn time).

Runs shared/safeguarding.assess over every message of the dev and eval sets (texts are not
printed) at each position the form asks from, many times, and prints p50 / p95 / max per call.

    .venv/bin/python bench/bench_safeguarding.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared.safeguarding import assess  # noqa: E402

TARGET_MS = 5.0


def messages() -> list:
    found = []
    for name in ("dev", "eval"):
        data = yaml.safe_load((ROOT / "tests" / "safeguarding_eval" / f"{name}.yml").read_text(encoding="utf-8"))
        found += [m["text"] for m in data["messages"]]
    return found


def main() -> None:
    texts = messages()
    assess(texts[0])  # the cue file is read and compiled once per process
    timings = []
    for position in (None, "location", "report_text", "full_name"):
        for text in texts:
            start = time.perf_counter()
            assess(text, "inform", 0.9, position)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    print(f"safeguarding assess: {len(timings)} calls, p50 {p50:.3f} ms, p95 {p95:.3f} ms, max {timings[-1]:.3f} ms"
          f" (target: p50 added <= {TARGET_MS} ms)")
    sys.exit(0 if p50 <= TARGET_MS else 1)


if __name__ == "__main__":
    main()
