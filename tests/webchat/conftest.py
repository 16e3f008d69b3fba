"""The real action server, Rasa server and demo page server, for the browser tests.

Like tests/e2e/conftest.py (whose Stack it reuses) but with ASB_ALLOWED_ORIGINS set to the
demo page's origin, which must be known before Rasa starts: the socket.io channel refuses
every other origin. Browser scenarios run as node scripts (playwright-core driving Debian's
Chromium, see tests/webchat/browser.mjs); `bin/ensure-browser` installs both.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.services import product, service_env
from bot.settings import ROOT, Settings
from bot.supervisor import Supervisor, free_port
from bot.training import ensure_model
from bot.webchat.service import webchat_demo



def _e2e_stack_class() -> type:
    """tests/e2e/conftest.py's Stack (tracker(), say(), logs()), loaded under its own name."""
    spec = importlib.util.spec_from_file_location("asb_e2e_conftest", ROOT / "tests" / "e2e" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module.Stack


Stack = _e2e_stack_class()

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "bot" / "webchat" / "node_modules"
SCRIPT = Path(__file__).with_name("browser.mjs")
OUTPUT = ROOT / "tests" / "output"
TEST_TODAY = "2026-11-22"


@dataclass
class Webchat:
    stack: Stack
    page_url: str
    origin: str

    def run(self, scenario: str, timeout: float = 300, **params) -> dict:
        """Run one browser scenario; return its JSON result (with the node log on failure)."""
        settings = {"pageUrl": self.page_url, "outputDir": str(OUTPUT), "chromium": str(CHROMIUM), **params}
        started = time.monotonic()
        proc = subprocess.run(
            ["node", str(SCRIPT), scenario],
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
def webchat(tmp_path_factory) -> Webchat:
    if not CHROMIUM.exists() or not (NODE_MODULES / "playwright-core").exists():
        pytest.fail("the browser tests need Chromium and bot/webchat/node_modules: run bin/ensure-browser")
    if shutil.which("node") is None:
        pytest.fail("the browser tests need node (Node 20)")
    # ASB_TEST_MODEL: run against a model already trained (e.g. while someone's data edits
    # would retrain); by default the one `make test` trained.
    pinned = os.environ.get("ASB_TEST_MODEL")
    model = Path(pinned) if pinned else ensure_model(quiet=True)
    var_dir = tmp_path_factory.mktemp("webchat-var")
    log_dir = tmp_path_factory.mktemp("webchat-logs")
    demo_port = free_port()
    origin = f"http://127.0.0.1:{demo_port}"
    overrides = {
        "ASB_HOST": "127.0.0.1",
        "ASB_VAR_DIR": str(var_dir),
        "ASB_RASA_PORT": str(free_port()),
        "ASB_ACTIONS_PORT": str(free_port()),
        "ASB_TEST_CLOCK": "1",
        "RASA_API_TOKEN": uuid.uuid4().hex,
        "ASB_ALLOWED_ORIGINS": origin,
        "ASB_WEBCHAT_TEST_TODAY": TEST_TODAY,
        "ASB_WEBCHAT_EXIT_URL": "https://www.bbc.co.uk/weather",
    }
    saved = {k: os.environ.get(k) for k in overrides}
    os.environ.update(overrides)
    settings = Settings()
    env = dict(service_env(settings), ASB_TEST_CLOCK="1")
    supervisor = Supervisor(env, log_dir=log_dir, echo=False)
    try:
        services = product(settings, model) + [webchat_demo(settings, demo_port)]
        for service in services:
            # A busy CI machine (or one training other models) can take minutes to load one.
            service.ready_timeout = max(service.ready_timeout, 600.0)
        supervisor.start_all(services)
        stack = Stack(
            url=f"http://{settings.host}:{settings.rasa_port}",
            token=settings.rasa_api_token(),
            log_dir=log_dir,
            var_dir=var_dir,
            ready_seconds=dict(supervisor.ready_seconds),
            env=env,
        )
        yield Webchat(stack=stack, page_url=f"{origin}/", origin=origin)
    finally:
        supervisor.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
