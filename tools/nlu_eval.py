"""For testers and CI (make eval-nlu): held-out NLU evaluation with a readable report.

    .venv/bin/python -m tools.nlu_eval --model models/asb-XXXX.tar.gz --out results/nlu [--min-f1 0.90]

Runs Rasa's NLU evaluation (`rasa test nlu`) on tests/nlu/heldout.yml (never used in
training) with the whole trained pipeline, including the safeguarding cue classifier, then
writes REPORT.md: intent macro-F1, per-intent precision/recall/F1/support, the confused
pairs, and the FAQ response-selector accuracy per question. Prints the macro-F1 and exits 1
when it is below --min-f1 (2 when the evaluation itself could not run).

The report quotes the held-out examples that were misclassified: they are written test
sentences, not anything a resident typed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from shared.settings import child_environment

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
_SUMMARY_KEYS = {"macro avg", "weighted avg", "micro avg", "accuracy"}


def run_rasa_test(model: Path, out: Path, heldout: Path = HELDOUT) -> None:
    """`rasa test nlu` on the held-out file; raises RuntimeError with Rasa's stderr tail."""
    command = [sys.executable, "-m", "bot.rasa_cli"]  # nothing sent outside the machine
    command += ["test", "nlu", "--model", str(model), "--nlu", str(heldout), "--out", str(out),
                "--no-plot", "--successes"]
    env = child_environment(LOG_LEVEL="WARNING", TF_CPP_MIN_LOG_LEVEL="3")
    # the custom component (bot.nlu...) must be importable whatever the working directory
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not (out / "intent_report.json").exists():
        tail = "\n".join((done.stderr or done.stdout or "").strip().splitlines()[-15:])
        raise RuntimeError(f"rasa test nlu failed (exit {done.returncode}):\n{tail}")


def _load(path: Path) -> Any:
    return json.loads(path.read_text()) if path.exists() else None


def _rows(report: dict) -> list[tuple[str, dict]]:
    return sorted((k, v) for k, v in report.items()
                  if isinstance(v, dict) and "support" in v and k not in _SUMMARY_KEYS)


def _macro_f1(report: dict) -> float:
    return float(report["macro avg"]["f1-score"])


def _table(rows: list[tuple[str, dict]]) -> list[str]:
    lines = ["| label | precision | recall | F1 | examples |", "|---|---:|---:|---:|---:|"]
    for name, v in rows:
        weak = " ⚠" if v["f1-score"] < 0.85 else ""
        lines.append(f"| `{name}`{weak} | {v['precision']:.2f} | {v['recall']:.2f} | "
                     f"{v['f1-score']:.2f} | {v['support']} |")
    return lines


def _response_accuracy(out: Path) -> tuple[float | None, list[str]]:
    """Accuracy of the FAQ response selector over the faq/* examples, and a per-question table."""
    report = _load(out / "response_selection_report.json")
    if not isinstance(report, dict):
        return None, []
    rows = _rows(report)
    accuracy = report.get("accuracy")
    if accuracy is None:  # single-class reports omit it: recompute from successes/errors
        ok = _load(out / "response_selection_successes.json") or []
        bad = _load(out / "response_selection_errors.json") or []
        accuracy = len(ok) / (len(ok) + len(bad)) if (ok or bad) else None
    if isinstance(accuracy, dict):
        accuracy = accuracy.get("f1-score")
    return accuracy, _table(rows)


def build_report(out: Path, min_f1: float, model: Path | None = None) -> tuple[str, float]:
    report = _load(out / "intent_report.json")
    macro = _macro_f1(report)
    rows = _rows(report)
    errors = _load(out / "intent_errors.json") or []
    confused: Counter = Counter()
    examples: dict[tuple[str, str], list[str]] = {}
    for e in errors:
        predicted = (e.get("intent_prediction") or {}).get("name") or "none"
        pair = (e["intent"], predicted)
        confused[pair] += 1
        examples.setdefault(pair, []).append(e.get("text", ""))
    total = sum(v["support"] for _, v in rows)
    weak = [(k, v) for k, v in rows if v["f1-score"] < 0.85]
    verdict = "PASS" if macro >= min_f1 else "FAIL"
    lines = [
        "# Held-out NLU evaluation", "",
        f"- Test set: `{HELDOUT.relative_to(ROOT)}` — {total} examples, {len(rows)} intents "
        "(never used in training; the `faq/*` questions are scored as `faq` here and per "
        "question below)",
    ]
    if model is not None:
        lines.append(f"- Model: `{model}`")
    lines += [
        f"- **Intent macro-F1: {macro:.3f}** — target ≥ {min_f1:.2f}: **{verdict}**",
        f"- Accuracy {report.get('accuracy', 0):.3f}; weighted F1 {report['weighted avg']['f1-score']:.3f}",
        f"- Weak intents (F1 < 0.85): " + (", ".join(f"`{k}` {v['f1-score']:.2f}" for k, v in weak) or "none"),
        "", "## Per intent", "",
    ]
    lines += _table(rows)
    lines += ["", "## Confused pairs (true → predicted)", ""]
    if confused:
        lines += ["| true | predicted | count | examples |", "|---|---|---:|---|"]
        for (true, predicted), n in confused.most_common():
            shown = "; ".join(f"“{t}”" for t in examples[(true, predicted)][:3])
            lines.append(f"| `{true}` | `{predicted}` | {n} | {shown.replace('|', '/')} |")
    else:
        lines.append("None.")
    accuracy, table = _response_accuracy(out)
    lines += ["", "## FAQ response selector", ""]
    if accuracy is None:
        lines.append("No response-selection results (no `faq/*` examples or no ResponseSelector).")
    else:
        lines += [f"Response selection accuracy over the `faq/*` examples: **{accuracy:.3f}**", ""]
        lines += table
    lines += ["", "Files from Rasa in this folder: `intent_report.json`, `intent_errors.json`, "
              "`response_selection_report.json`, `response_selection_errors.json`."]
    text = "\n".join(lines) + "\n"
    (out / "REPORT.md").write_text(text)
    return text, macro


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Held-out NLU evaluation with a readable report.")
    parser.add_argument("--model", required=True, type=Path, help="a trained model .tar.gz")
    parser.add_argument("--out", default=ROOT / "results" / "nlu", type=Path)
    parser.add_argument("--min-f1", default=0.90, type=float, help="fail below this intent macro-F1")
    args = parser.parse_args(argv)
    model = args.model.resolve()
    if not model.is_file():
        print(f"no such model: {args.model}", file=sys.stderr)
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        run_rasa_test(model, out)
    except RuntimeError as problem:
        print(problem, file=sys.stderr)
        return 2
    _, macro = build_report(out, args.min_f1, args.model)
    print(f"intent macro-F1 on the held-out set: {macro:.3f} (target {args.min_f1:.2f}; "
          f"report: {out / 'REPORT.md'})")
    return 0 if macro >= args.min_f1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
