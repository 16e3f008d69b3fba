"""For developers: the bare Rasa 3.6 baseline: `rasa init --no-prompt` (the moodbot, default config and
auto-configured pipeline, no seeds added) trained in a temporary folder with the project's
Rasa, served by `rasa run --enable-api` with the stock REST and socket.io channels.

The moodbot has no custom actions (its endpoints.yml leaves action_endpoint commented out),
so no action server is started. Its tracker store is Rasa's default (in memory).
socket.io runs with session_persistence off: the stock channel's session_request calls
`sio.enter_room` without awaiting it (a coroutine in python-socketio 5.x), so with
persistence on no reply would ever reach the socket; off, the socket id is the session.
"""

from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from launcher.service import Service
from launcher.supervisor import Supervisor, free_port
from shared.settings import child_environment

from bench.stack import Running

CREDENTIALS = """rest:
socketio:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: false
"""


def _env() -> dict[str, str]:
    return child_environment(RASA_TELEMETRY_ENABLED="false", LOG_LEVEL="WARNING",
                             SQLALCHEMY_SILENCE_UBER_WARNING="1")


def init_and_train(folder: Path) -> float:
    """`rasa init --no-prompt` (which trains the moodbot); returns the seconds it took."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(folder)],
                   cwd=folder, env=_env(), check=True, capture_output=True)
    seconds = time.monotonic() - started
    (folder / "bench-credentials.yml").write_text(CREDENTIALS)
    return seconds


def model_of(folder: Path) -> Path:
    return max((folder / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)


@contextmanager
def baseline_stack(folder: Path) -> Iterator[Running]:
    port = free_port()
    service = Service(
        "rasa",
        [sys.executable, "-m", "rasa", "run", "--enable-api", "--model", str(model_of(folder)),
         "--endpoints", str(folder / "endpoints.yml"), "--credentials", str(folder / "bench-credentials.yml"),
         "--interface", "127.0.0.1", "--port", str(port)],
        f"http://127.0.0.1:{port}/", ready_timeout=600.0,
    )
    sup = Supervisor({"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"},
                     log_dir=folder / "logs", echo=False)
    try:
        sup.start_all([service])
        yield Running("baseline", f"http://127.0.0.1:{port}", sup)
    finally:
        sup.stop()
