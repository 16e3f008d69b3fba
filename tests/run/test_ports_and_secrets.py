"""Start-up refuses a taken port quickly and by name; generated secrets are hex."""

import os
import socket
import subprocess
import sys
import time

from bot.secret_files import made_once
from bot.settings import ROOT
from bot.supervisor import free_port


def test_a_taken_port_fails_in_seconds_naming_the_port_and_variable(tmp_path):
    ports = {v: free_port() for v in ("ASB_RASA_PORT", "ASB_ACTIONS_PORT", "ASB_CASE_SYSTEM_PORT",
                                      "ASB_DELIVERY_HEALTH_PORT", "ASB_PURGE_HEALTH_PORT", "ASB_WEBCHAT_PORT")}
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", ports["ASB_RASA_PORT"]))
        squatter.listen()
        env = dict(os.environ, ASB_VAR_DIR=str(tmp_path), **{k: str(v) for k, v in ports.items()})
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "bot.run"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        took = time.monotonic() - started
    print(f"port-taken error after {took:.1f} s")
    assert proc.returncode == 1
    assert f"port {ports['ASB_RASA_PORT']}" in proc.stderr and "ASB_RASA_PORT" in proc.stderr
    assert "running" not in proc.stdout
    assert took < 10


def test_generated_secrets_cannot_be_read_as_options(tmp_path):
    values = [made_once(tmp_path / f"s{i}") for i in range(200)]
    assert all(set(v) <= set("0123456789abcdef") and len(v) == 64 for v in values)
    assert oct((tmp_path / "s0").stat().st_mode & 0o777) == "0o600"
