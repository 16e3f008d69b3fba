"""For developers: time the safeguarding step alone (issue 14: at most 5 ms added to p50 turn time).

Runs the two parts the step adds to a turn over every message of the dev and eval sets (texts
are not printed): the meaning model's scores (bot/nlu/safety_scores.py, read from the trained
model in models/) and shared/safeguarding.assess at each position the form asks from (twice
a turn: in the pipeline and in the action, which first asks whether the words could be the
answer to the open question). Prints p50 / p95 / max per message.

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


def scorer():
    """The trained SafetyScorer, read from the newest model's files."""
    import io
    import tarfile

    import numpy as np

    from bot.nlu.safety_scores import SafetyScorer
    from launcher.training import model_path

    with tarfile.open(model_path()) as tar:
        def read(suffix):
            member = next(m for m in tar.getmembers() if m.name.endswith(suffix) and "SafetyScorer" in m.name)
            return io.BytesIO(tar.extractfile(member).read())
        table = np.load(read("table.npy")).astype(np.float32)
        regression = np.load(read("regression.npz"))
        return SafetyScorer({}, None, None, table, regression["weights"], regression["bias"])


def main() -> None:
    texts = messages()
    model = scorer()
    model.scores(texts[:1])  # the tokenizer is loaded once per process
    assess(texts[0])  # the cue file is read and compiled once per process
    from datetime import date

    from actions.intake.answer_like import could_be_the_answer

    today = date(2026, 11, 22)
    could_be_the_answer("report_text", texts[0], today)  # the date reader is loaded once per process
    timings = []
    for position in (None, "location", "report_text", "full_name"):
        for text in texts:
            start = time.perf_counter()
            semantic = model.scores([text])[0]
            assess(text, "inform", 0.9, None, semantic)
            # Mid-form the action first asks whether the words could be the answer (the meaning model
            # is heard only when they could not).
            if position is not None and could_be_the_answer(position, text, today):
                semantic = None
            assess(text, "inform", 0.9, position, semantic)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    print(f"safeguarding (scores + assess twice + is it an answer): {len(timings)} messages, p50 {p50:.3f} ms, p95 {p95:.3f} ms, max {timings[-1]:.3f} ms"
          f" (target: p50 added <= {TARGET_MS} ms)")
    sys.exit(0 if p50 <= TARGET_MS else 1)


if __name__ == "__main__":
    main()
