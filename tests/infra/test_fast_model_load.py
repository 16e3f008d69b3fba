"""The fast loader (bot/fast_model_load.py) must serve exactly what Rasa's own loader serves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("model_predictions.py")


def _start(model: Path, *flags: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SCRIPT), str(model), *flags],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _result(proc: subprocess.Popen) -> dict:
    out, _ = proc.communicate(timeout=900)
    assert proc.returncode == 0, "prediction script failed"
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_fast_loader_predicts_what_rasa_predicts(model_path):
    # Both at once: two cores, two processes.
    fast, rasa = _start(model_path, "--fast"), _start(model_path)
    fast_result, rasa_result = _result(fast), _result(rasa)
    assert len(rasa_result["nlu"]) >= 10 and rasa_result["core"]
    assert fast_result["nlu"] == rasa_result["nlu"]  # DIET rankings and FAQ selections, to 5 places
    assert fast_result["core"] == rasa_result["core"]  # every policy's scores, TED included
    ted = [s for c in rasa_result["core"] for k, s in c["policies"].items() if "TED" in k]
    assert ted and all(len(s) > 20 for s in ted)
