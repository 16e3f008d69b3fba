"""The README's `make run` on a fresh clone gives a working chat, and stops honestly.

One clone of the committed HEAD serves the tests here in order: the first `make run` there does
all of its own set-up (nothing from the test set-up runs in the clone); the second finds it done.
The browser (playwright-core from tests/webchat) is the only thing the checkout lends.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from launcher.ports import port_in_use
from shared.settings import ROOT
from make_run import MakeRun, clone_head, command_lines, pid_of, processes_in

BROWSER = ROOT / "tests" / "webchat" / "browser.mjs"
# A first make run: .venv from uv's cache, npm ci, model load, every service healthy.
FIRST_RUN_TIMEOUT = 900


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    folder = clone_head(tmp_path_factory.mktemp("fresh") / "asb")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)  # its .venv and model: gigabytes, kept by no one


@pytest.fixture
def make_run(clone, tmp_path):
    runs: list[MakeRun] = []

    def start() -> MakeRun:
        runs.append(MakeRun.start(clone, tmp_path / f"make-run-{len(runs)}.log"))
        return runs[-1]

    yield start
    for run in runs:
        run.cleanup()


def _three_turns(page_url: str) -> dict:
    settings = {"pageUrl": page_url, "outputDir": str(ROOT / "tests" / "output"), "turns": 3}
    proc = subprocess.run(["node", str(BROWSER), "three_turns"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, ASB_BROWSER_TEST=json.dumps(settings)), timeout=300)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no result from the browser (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    result = json.loads(lines[-1])
    assert "fatal" not in result, result["fatal"]
    return result


def test_make_run_on_a_fresh_clone_serves_a_working_chat_and_ctrl_c_stops_it_all(clone, make_run):
    assert not (clone / ".venv").exists() and not (clone / "bot" / "webchat" / "node_modules").exists()
    run = make_run()
    took = run.wait_running(FIRST_RUN_TIMEOUT)
    print(f"fresh clone: make run said running after {took:.0f} s")
    assert len(run.ports) >= 5
    for variable, port in run.ports.items():  # "running": every service listens on its own port
        assert port_in_use("127.0.0.1", port), variable

    result = _three_turns(f"{run.url('ASB_WEBCHAT_PORT')}/")
    assert len(result["steps"]) == 3
    said = [m for m in result["transcript"] if m["from"] == "user"]
    assert len(said) == 3
    assert result["transcript"][-1]["from"] == "bot"  # the third answer was answered
    assert result["errors"] == []

    # The secrets it made are on no process's command line (what `ps` shows other users).
    secrets = {path.name: path.read_text().strip() for path in (clone / "var").glob("*-token")}
    assert "rasa-api-token" in secrets
    lines = command_lines()
    for name, secret in secrets.items():
        assert len(secret) >= 32 and not any(secret in line for line in lines), name

    assert run.ctrl_c() is not None
    deadline = time.monotonic() + 20
    while (run.listening() or processes_in(clone)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert run.listening() == []
    assert processes_in(clone) == []


def test_a_killed_worker_is_restarted_the_chat_carries_on_and_killing_make_run_ends_everything(clone, make_run):
    run = make_run()
    run.wait_running(FIRST_RUN_TIMEOUT)
    worker = pid_of(clone, "delivery.worker")
    assert worker is not None
    os.kill(worker, signal.SIGKILL)
    killed = time.monotonic()

    # The chat does not notice.
    token = (clone / "var" / "rasa-api-token").read_text().strip()  # REST is for staff tools
    turn = requests.post(f"{run.url('ASB_RASA_PORT')}/webhooks/rest/webhook",
                         headers={"Authorization": f"Bearer {token}"},
                         json={"sender": "restart-check", "message": "hello"}, timeout=60)
    assert turn.status_code == 200 and turn.json()

    back = None
    while time.monotonic() - killed < 20:
        new = pid_of(clone, "delivery.worker")
        try:
            healthy = new not in (None, worker) and requests.get(
                f"{run.url('ASB_DELIVERY_HEALTH_PORT')}/health", timeout=2).status_code == 200
        except requests.RequestException:
            healthy = False
        if healthy:
            back = time.monotonic() - killed
            break
        time.sleep(0.25)
    print(f"delivery worker answering again {back} s after SIGKILL")
    assert back is not None and back < 15, run.output()[-3000:]
    assert "delivery: stopped" in run.output() and "delivery: started again" in run.output()
    assert run.proc.poll() is None

    # make run killed outright: its services go with it (PR_SET_PDEATHSIG down the tree).
    run.kill_make()
    time.sleep(5)
    answering = []
    for name in run.ports:
        try:
            requests.get(f"{run.url(name)}/", timeout=1)
            answering.append(name)
        except requests.RequestException:
            pass
    assert answering == [], f"still answering 5 s after make run was killed: {answering}"
    assert processes_in(clone) == []
