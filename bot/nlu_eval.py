"""Held-out NLU evaluation with a readable report.

    python -m bot.nlu_eval --model models/asb-XXXX.tar.gz --out results/nlu [--min-f1 0.90]

Runs Rasa's NLU evaluation on tests/nlu/heldout.yml (never used in training), then writes
REPORT.md: intent macro-F1, per-intent precision/recall/F1, the most confused pairs, and
the FAQ response-selector accuracy. Exits 1 when macro-F1 is below --min-f1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"


def run_rasa_test(model: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "rasa", "test", "nlu", "--model", str(model), "--nlu", str(HELDOUT),
         "--out", str(out), "--no-plot"],
        cwd=ROOT, check=True, capture_output=True, env=dict(os.environ, LOG_LEVEL="WARNING"),
    )


def build_report(out: Path, min_f1: float) -> tuple[str, float]:
    report = json.loads((out / "intent_report.json").read_text())
    macro = report["macro avg"]["f1-score"]
    rows = sorted(
        (k, v) for k, v in report.items()
        if isinstance(v, dict) and "support" in v and k not in ("macro avg", "weighted avg", "micro avg")
    )
    confused: Counter = Counter()
    errors_file = out / "intent_errors.json"
    if errors_file.exists():
        for e in json.loads(errors_file.read_text()):
            confused[(e["intent"], e["intent_prediction"]["name"])] += 1
    lines = [
        "# Held-out NLU evaluation", "",
        f"Test set: `{HELDOUT.relative_to(ROOT)}` (never used in training).", "",
        f"**Intent macro-F1: {macro:.3f}** (target ≥ {min_f1:.2f}) — accuracy {report.get('accuracy', 0):.3f}", "",
        "| intent | precision | recall | F1 | examples |", "|---|---|---|---|---|",
    ]
    lines += [f"| {k} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1-score']:.2f} | {v['support']} |" for k, v in rows]
    lines += ["", "## Most confused (true → predicted)", ""]
    lines += [f"- {a} → {b}: {n}" for (a, b), n in confused.most_common(10)] or ["- none"]
    selector = out / "response_selection_report.json"
    if selector.exists():
        sel = json.loads(selector.read_text())
        lines += ["", f"FAQ response selection accuracy: {sel.get('accuracy', 0):.3f}"]
    text = "\n".join(lines) + "\n"
    (out / "REPORT.md").write_text(text)
    return text, macro


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--out", default=ROOT / "results" / "nlu", type=Path)
    parser.add_argument("--min-f1", default=0.90, type=float)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    run_rasa_test(args.model, args.out)
    _, macro = build_report(args.out, args.min_f1)
    print(f"intent macro-F1 on the held-out set: {macro:.3f} (report: {args.out / 'REPORT.md'})")
    return 0 if macro >= args.min_f1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
