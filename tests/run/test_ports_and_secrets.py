"""Start-up refuses a taken port quickly and by name; generated secrets are hex."""

import os
import socket
import subprocess
import sys
import time

import pytest

from shared.secret_files import made_once
from shared.settings import ROOT
from launcher.supervisor import free_port, wait_healthy
from make_run import RUNNING, port_variables


VARIABLES = port_variables()  # every port make run opens


def _run_with_port_taken(tmp_path, variable: str, squatter: list[str] | None = None):
    """launcher.run (what `make run` starts after its set-up) while something holds `variable`'s
    port: a bare listening socket, or a `squatter` program that answers HTTP there."""
    ports = {v: free_port() for v in VARIABLES}
    env = dict(os.environ, ASB_VAR_DIR=str(tmp_path), **{k: str(v) for k, v in ports.items()})
    env.pop("CASE_SYSTEM_URL", None)
    with socket.socket() as held:
        stranger = None
        if squatter is None:
            held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            held.bind(("127.0.0.1", ports[variable]))
            held.listen()
        else:
            stranger = subprocess.Popen([*squatter, str(ports[variable]), "--bind", "127.0.0.1"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_healthy(f"http://127.0.0.1:{ports[variable]}/", timeout=20)  # it answers 200
        try:
            started = time.monotonic()
            proc = subprocess.run([sys.executable, "-m", "launcher.run"], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=60)
            took = time.monotonic() - started
        finally:
            if stranger is not None:
                stranger.kill()
                stranger.wait()
    return proc, ports[variable], took


@pytest.mark.parametrize("variable", VARIABLES)
def test_a_taken_port_fails_in_seconds_naming_the_port_and_variable(tmp_path, variable):
    proc, port, took = _run_with_port_taken(tmp_path, variable)
    print(f"{variable} taken: error after {took:.1f} s")
    assert proc.returncode == 1
    assert f"port {port}" in proc.stderr and variable in proc.stderr
    assert RUNNING not in proc.stdout
    assert "Training" not in proc.stdout + proc.stderr  # refused before any model work
    assert took < 10


def test_another_program_answering_on_the_rasa_port_is_refused(tmp_path):
    """A stranger whose health check would pass is not taken for our Rasa server."""
    proc, port, took = _run_with_port_taken(tmp_path, "ASB_RASA_PORT", [sys.executable, "-m", "http.server"])
    assert proc.returncode == 1
    assert f"port {port}" in proc.stderr and "ASB_RASA_PORT" in proc.stderr
    assert RUNNING not in proc.stdout
    assert took < 10


def test_generated_secrets_cannot_be_read_as_options(tmp_path):
    values = [made_once(tmp_path / f"s{i}") for i in range(200)]
    assert all(set(v) <= set("0123456789abcdef") and len(v) == 64 for v in values)
    assert oct((tmp_path / "s0").stat().st_mode & 0o777) == "0o600"


def test_a_program_taking_the_rasa_port_during_start_up_is_not_taken_for_rasa(tmp_path):
    """The port was free at the check, then a stranger took it while Rasa loaded its model
    (Rasa binds only after loading): start-up must fail rather than say "running"."""
    ports = {v: free_port() for v in VARIABLES}
    env = dict(os.environ, ASB_VAR_DIR=str(tmp_path), **{k: str(v) for k, v in ports.items()})
    env.pop("CASE_SYSTEM_URL", None)
    run = subprocess.Popen([sys.executable, "-m", "launcher.run"], cwd=ROOT, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stranger = None
    try:
        # The action server starts first; Rasa is started as soon as it is healthy.
        wait_healthy(f"http://127.0.0.1:{ports['ASB_ACTIONS_PORT']}/health", timeout=120)
        stranger = subprocess.Popen([sys.executable, "-m", "http.server", str(ports["ASB_RASA_PORT"]),
                                     "--bind", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_healthy(f"http://127.0.0.1:{ports['ASB_RASA_PORT']}/", timeout=20, proc=stranger)
        out, err = run.communicate(timeout=300)
    finally:
        for proc in (run, stranger):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert run.returncode == 1
    assert "rasa:" in err and f"port {ports['ASB_RASA_PORT']}" in err
    assert RUNNING not in out
