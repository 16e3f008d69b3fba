"""The report: results/residents/report.json and report.md (per profile and overall)."""

from __future__ import annotations

import json
from pathlib import Path

from .driver import Run


def profile_result(profile: dict, run: Run, outcome_problems: list[str], payload_problems: list[str]) -> dict:
    return {
        "id": profile["id"],
        "style": profile["style"]["kind"],
        "expected_outcome": profile["expect"]["outcome"],
        "observed_outcome": run.observed_outcome,
        "outcome_right": not outcome_problems,
        "payload_right": not payload_problems,
        "outcome_problems": outcome_problems,
        "payload_problems": payload_problems,
        "ended": run.end,
        "error": run.error,
        "reference": run.reference,
        "turns": len(run.turns),
        "not_understood": run.not_understood,
        "buttons_pressed": sum(t.how == "button" for t in run.turns),
        "unrecognised": run.unrecognised,
        "read_back_seen": run.read_back_seen,
        "read_back_fixes": run.read_back_fixes,
        "summary_seen": run.summary_seen,
        "seconds": run.seconds,
        "transcript": [f"{who}: {text}" for who, text in run.transcript],
    }


def totals(results: list[dict], seconds: float) -> dict:
    turns = sum(r["turns"] for r in results)
    not_understood = sum(r["not_understood"] for r in results)
    return {
        "profiles": len(results),
        "outcome_right": sum(r["outcome_right"] for r in results),
        "payload_right": sum(r["payload_right"] for r in results),
        "turns": turns,
        "not_understood": not_understood,
        "not_understood_rate": round(not_understood / turns, 4) if turns else 0.0,
        "errors": sum(r["ended"] == "error" for r in results),
        "unrecognised": sum(r["ended"] == "unrecognised" for r in results),
        "seconds": round(seconds, 1),
        "targets": {"outcome_right": "100 %", "payload_right": "100 %", "not_understood_rate": "<= 3 %"},
    }


def write(results: list[dict], summary: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps({"totals": summary, "profiles": results}, indent=1))
    n = summary["profiles"] or 1
    lines = [
        "# Simulated residents against the running assistant", "",
        f"- right outcome: {summary['outcome_right']}/{summary['profiles']} ({100 * summary['outcome_right'] / n:.0f} %, target 100 %)",
        f"- right payload: {summary['payload_right']}/{summary['profiles']} ({100 * summary['payload_right'] / n:.0f} %, target 100 %)",
        f"- not understood: {summary['not_understood']} of {summary['turns']} turns "
        f"({100 * summary['not_understood_rate']:.1f} %, target <= 3 %)",
        f"- transport errors: {summary['errors']}; runs stopped at an unrecognised question: {summary['unrecognised']}",
        f"- time: {summary['seconds']} s", "",
        "| profile | expected | observed | outcome | payload | ended | turns | not understood | what was wrong |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        wrong = "; ".join(r["outcome_problems"] + r["payload_problems"] + [f"unrecognised: {u[:80]}" for u in r["unrecognised"]])
        lines.append(f"| {r['id']} | {r['expected_outcome']} | {r['observed_outcome']} | "
                     f"{'ok' if r['outcome_right'] else 'WRONG'} | {'ok' if r['payload_right'] else 'WRONG'} | "
                     f"{r['ended']} | {r['turns']} | {r['not_understood']} | {wrong.replace('|', '/')[:400]} |")
    (folder / "report.md").write_text("\n".join(lines) + "\n")
    return folder / "report.md"
