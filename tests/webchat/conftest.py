"""The browser tests' handle on the shared live product (tests/live_stack.py).

Browser scenarios run as node scripts (playwright-core driving Debian's Chromium, see
tests/webchat/browser.mjs); `bin/ensure-browser` installs both, the npm tools into this
folder's own node_modules (tests/webchat/package-lock.json). The widget's socket.io client is
not among them: the demo page serves it from webchat/node_modules, which only the run
set-up (bin/ensure-webchat) installs. The demo page is the one the
shared stack serves; its origin is the only one the socket.io channel accepts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared.settings import ROOT
from live_stack import Stack

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = Path(__file__).with_name("node_modules")  # the test tools only
SCRIPT = Path(__file__).with_name("browser.mjs")
OUTPUT = ROOT / "tests" / "output"


@dataclass
class Webchat:
    stack: Stack
    page_url: str
    origin: str

    def run(self, scenario: str, timeout: float = 300, script: Path = SCRIPT, **params) -> dict:
        """Run one browser scenario of `script`; return its JSON result (with the node log on failure)."""
        settings = {"pageUrl": self.page_url, "outputDir": str(OUTPUT), "chromium": str(CHROMIUM), **params}
        started = time.monotonic()
        proc = subprocess.run(
            ["node", str(script), scenario],
            cwd=ROOT,
            env=dict(os.environ, ASB_BROWSER_TEST=json.dumps(settings)),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
        if not lines:
            raise AssertionError(f"{scenario}: no result (exit {proc.returncode})\n{proc.stderr[-4000:]}")
        result = json.loads(lines[-1])
        result["wall_seconds"] = round(time.monotonic() - started, 1)
        if "fatal" in result:
            raise AssertionError(f"{scenario} failed in the browser:\n{result['fatal']}\n{proc.stderr[-2000:]}")
        return result


@pytest.fixture(scope="session")
def webchat(stack) -> Webchat:
    if not CHROMIUM.exists() or not (NODE_MODULES / "playwright-core").exists():
        pytest.fail("the browser tests need Chromium and tests/webchat/node_modules: run bin/ensure-browser")
    if shutil.which("node") is None:
        pytest.fail("the browser tests need node (Node 20)")
    return Webchat(stack=stack, page_url=f"{stack.webchat_origin}/", origin=stack.webchat_origin)
