"""baseline.json: per profile right/wrong and the overall not-understood rate, from a report."""

from __future__ import annotations

import json
from pathlib import Path

BASELINE = Path(__file__).with_name("baseline.json")


def write(results: list[dict], summary: dict, measured_on: str, path: Path = BASELINE) -> None:
    path.write_text(json.dumps({
        "measured_on": measured_on,
        "outcome_right": summary["outcome_right"],
        "payload_right": summary["payload_right"],
        "not_understood_rate": summary["not_understood_rate"],
        "profiles": {r["id"]: {"outcome_right": r["outcome_right"], "payload_right": r["payload_right"]}
                     for r in results},
    }, indent=1) + "\n")


NOISE = 0.01  # allowed rise in the not-understood rate (a fraction of all turns)


def compare(baseline: dict, results: dict[str, dict], summary: dict) -> tuple[list[str], list[str]]:
    """(regressions, gains) of a run against the baseline: a profile right there and wrong now,
    or a not-understood rate more than NOISE above it, is a regression."""
    regressions, gains = [], []
    for pid, was in baseline["profiles"].items():
        now = results[pid]
        for what in ("outcome_right", "payload_right"):
            if was[what] and not now[what]:
                regressions.append(f"{pid}: {what.replace('_right', '')} now wrong: "
                                   f"{'; '.join(now['outcome_problems'] + now['payload_problems'])}")
            elif now[what] and not was[what]:
                gains.append(f"{pid} {what}")
    rate, was_rate = summary["not_understood_rate"], baseline["not_understood_rate"]
    if rate > was_rate + NOISE:
        regressions.append(f"not understood: {rate:.1%} of turns, baseline {was_rate:.1%}")
    return regressions, gains
