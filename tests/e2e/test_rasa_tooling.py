"""Rasa's own checks, run on the project's data and the trained model (rasa-demo's CI habits)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shared.settings import ROOT


def _rasa(*args: str, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.rasa_cli", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", **(env or {})},
    )


def test_training_data_validates():
    # Not --fail-on-warnings: responses used only by custom actions are always reported as
    # "not used in any story", which is expected with one form driven by actions.
    result = _rasa("data", "validate")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_stories_pass(stack, model_path, tmp_path):
    out = tmp_path / "results"
    result = _rasa(
        "test", "core", "--model", str(model_path), "--stories", "tests/test_stories.yml",
        "--endpoints", "endpoints.yml", "--out", str(out), "--fail-on-prediction-errors",
        env=dict(stack.env, ASB_TRACKER_DB=str(stack.var_dir / "rasa-test-tracker.db")),
    )
    failed = out / "failed_test_stories.yml"
    assert failed.exists(), result.stdout[-4000:] + result.stderr[-4000:]
    assert result.returncode == 0, failed.read_text()[-8000:]
    assert "None of the test stories failed" in failed.read_text()


def test_held_out_nlu_macro_f1_is_at_least_0_90(model_path, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tools.nlu_eval", "--model", str(model_path), "--out", str(tmp_path),
         "--min-f1", "0.90"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (Path(tmp_path) / "REPORT.md").exists()
