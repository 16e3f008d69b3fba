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
