"""The scheduled purge `make run` starts: a real process that purges on its own and reports it."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import requests

from launcher.services import full_product
from shared.settings import ROOT, Settings
from launcher.supervisor import free_port, wait_healthy


def test_make_run_starts_the_scheduled_purge(tmp_path, monkeypatch):
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    assert "purge" in [s.name for s in full_product(Settings(), tmp_path / "model.tar.gz")]


def test_the_scheduled_purge_deletes_an_old_conversation_by_itself(tmp_path):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.privacy.erasing_store import ErasingSQLTrackerStore

    db = tmp_path / "tracker.db"
    store = ErasingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    for sender, days in (("old", 31), ("recent", 1)):
        tracker = DialogueStateTracker(sender, [])
        tracker.update(UserUttered(f"{sender} Zyxcontent", timestamp=time.time() - days * 86400))
        asyncio.run(store.save(tracker))
    port = free_port()
    env = dict(os.environ, ASB_VAR_DIR=str(tmp_path), ASB_TRACKER_DB=str(db), ASB_PURGE_HEALTH_PORT=str(port),
               ASB_PURGE_FIRST_AFTER_S="0", ASB_PURGE_EVERY_S="3600", PYTHONPATH=str(ROOT),
               SQLALCHEMY_SILENCE_UBER_WARNING="1")
    for name in ("ASB_OUTBOX_DB", "ASB_HANDOFF_DB", "ASB_ENDED_SESSIONS_DB", "ASB_ENDPOINTS"):
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "purge.service"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/health", 60, proc)
        deadline, health = time.monotonic() + 120, {}
        while time.monotonic() < deadline and not health.get("last_run"):
            time.sleep(0.5)
            health = requests.get(f"http://127.0.0.1:{port}/health", timeout=10).json()
        assert health.get("last_error") is None and "1 conversation(s)" in (health.get("last_result") or ""), health
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert proc.returncode == 0, output[-2000:]
    with closing(sqlite3.connect(db)) as conn:
        assert {r[0] for r in conn.execute("SELECT DISTINCT sender_id FROM events")} == {"recent"}
    assert "Zyxcontent" not in output  # counts only, never content
