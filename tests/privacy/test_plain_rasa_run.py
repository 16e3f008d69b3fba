"""Plain `rasa run` (not bot.rasa_server) with the project's endpoints.yml and credentials.yml
keeps what a resident typed out of its logs (issue 18).

The hook: Rasa creates the tracker store endpoints.yml names (bot/privacy/erasing_store.py)
while it starts, and that puts the redactor in Rasa's structlog processors in place of Rasa's
own anonymiser (bot/privacy/redact.py). To make Rasa log content at all, the action
server here accepts connections and never answers, and the client gives up after a few seconds:
Rasa's REST channel then logs ``rest.message.received.timeout`` at ERROR with the message's
``text`` — which, without the hook, is the resident's words.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from launcher.services import service_env
from shared.settings import ROOT, Settings

MARKER = "Quillwort 4417 Vexley Row"
TOKEN = "plain-run-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "rasa run exited:\n" + log.read_text()[-3000:]
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise AssertionError("rasa run did not become ready:\n" + log.read_text()[-3000:])


def test_plain_rasa_run_keeps_typed_words_out_of_its_logs(tmp_path, model_path, monkeypatch):
    frozen = socket.socket()  # an action server that takes the connection and never answers
    frozen.bind(("127.0.0.1", 0))
    frozen.listen(64)
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path / "var"))
    for name in ("ASB_TRACKER_DB", "ASB_OUTBOX_DB", "ASB_HANDOFF_DB", "ASB_OPERATORS_FILE", "ASB_ENDED_SESSIONS_DB"):
        monkeypatch.delenv(name, raising=False)
    env = {**os.environ, **service_env(Settings()), "RASA_API_TOKEN": TOKEN, "LOG_LEVEL": "INFO",
           "ASB_ACTION_ENDPOINT_URL": f"http://127.0.0.1:{frozen.getsockname()[1]}/webhook"}
    env.pop("ASB_ALLOW_CONTENT_IN_LOGS", None)
    port = _free_port()
    log = tmp_path / "rasa.log"
    rasa = Path(sys.executable).with_name("rasa")
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(rasa), "run", "--model", str(model_path), "--endpoints", "endpoints.yml",
             "--credentials", "credentials.yml", "--interface", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_ready(f"http://127.0.0.1:{port}/webhooks/rest/", proc, log)
        for n, text in enumerate([f"hello, I am {MARKER}", f"I want a case review about {MARKER}"]):
            try:
                requests.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                              headers={"Authorization": f"Bearer {TOKEN}"},
                              json={"sender": f"plain-run-{n}", "message": text}, timeout=4)
            except requests.ReadTimeout:
                pass  # expected: the action server never answers; closing makes Rasa log the timeout
        deadline = time.monotonic() + 30
        while "rest.message.received.timeout" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        frozen.close()
    logs = log.read_text()
    # Rasa did log the event that carries the message's text, so this test can fail...
    assert "rest.message.received.timeout" in logs, logs[-3000:]
    assert "[redacted:" in logs
    # ...and the words are not there: the project's store module was loaded and redacts.
    assert "Quillwort" not in logs and "Vexley" not in logs
