"""The project's scripted dialogues (tests/dialogues), run by the testers' runner against
the servers this test run started."""

from __future__ import annotations

import subprocess
import sys

from bot.settings import ROOT


def test_every_scripted_dialogue_passes(stack, tmp_path):
    junit = tmp_path / "dialogues.xml"
    result = subprocess.run(
        [sys.executable, "-m", "bot.dialogue_tests", "--url", stack.url, "--token", stack.token,
         "--junit", str(junit), str(ROOT / "tests" / "dialogues")],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-3000:]
    assert junit.exists() and "<testcase" in junit.read_text()
