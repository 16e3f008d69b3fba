"""Nothing leaves the machine (issue 16, item 3): every process the product starts runs with an
audit hook (tests/privacy/netguard/sitecustomize.py) that records and refuses any connection or
name lookup that is not loopback — through start-up, a conversation, and a start-up failure —
with the user's Rasa config asking for telemetry (`metrics: enabled: true`)."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from launcher.services import product
from shared.settings import ROOT
from live_stack import live_stack

GUARD = Path(__file__).parent / "netguard"


@pytest.fixture(scope="module")
def guarded_env(tmp_path_factory, monkeypatch_module):
    home = tmp_path_factory.mktemp("home")
    config = home / ".config" / "rasa"
    config.mkdir(parents=True)
    # What the outside test found on a real workstation: telemetry switched on by the user.
    config.joinpath("global.yml").write_text("metrics:\n  enabled: true\n  rasa_user_id: x\n  date: 2026-01-01\n")
    log = tmp_path_factory.mktemp("netguard") / "attempts.log"
    log.touch()
    monkeypatch_module.setenv("HOME", str(home))
    monkeypatch_module.setenv("ASB_NETGUARD_LOG", str(log))
    monkeypatch_module.setenv("PYTHONPATH", f"{GUARD}:{ROOT}")
    monkeypatch_module.delenv("CI", raising=False)  # Rasa keeps telemetry quiet on CI; a force's server isn't one
    return log


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_the_guard_catches_an_outbound_attempt(guarded_env):
    # The guard itself can fail: a process trying to reach the internet is recorded.
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 443), timeout=1)"],
        capture_output=True, text=True, timeout=60,
    )
    assert probe.returncode != 0 and "no-outbound test" in probe.stderr
    lines = guarded_env.read_text().splitlines()
    assert any("192.0.2.1" in line for line in lines)
    guarded_env.write_text("")


def test_no_process_connects_anywhere_but_loopback(guarded_env, tmp_path_factory, model_path):
    with live_stack(tmp_path_factory.mktemp("var"), tmp_path_factory.mktemp("logs"), model_path,
                    services=product) as stack:
        sender = f"test-{uuid.uuid4().hex}"
        for text in ("hello", "yes", "yes", "me", "my neighbour plays loud music every night"):
            assert stack.say(sender, text)
    # A start-up failure: Rasa's error reporting would ship the exception.
    failed = subprocess.run(
        [sys.executable, "-m", "bot.rasa_server", "run", "--model", str(tmp_path_factory.mktemp("x") / "none.tar.gz"),
         "--port", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert failed.returncode != 0
    assert guarded_env.read_text() == "", guarded_env.read_text()
