"""purge/retention.py on real stores (SQLite tracker store through Rasa, the outbox, the
handoff store): exactly what the policy in docs/privacy.md says goes, goes, and nothing else."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from contextlib import closing
from datetime import datetime, timedelta, timezone

import pytest

from shared.outbox import queue
from shared.handoff.store import HandoffStore
from shared.outbox import store as outbox
from shared.privacy.ended_sessions import EndedSessions
from purge.retention import Policy, purge

DAY = 86400.0
NOW = time.time()


@pytest.fixture
def stores(tmp_path):
    from rasa.shared.core.domain import Domain

    from bot.privacy.erasing_store import ErasingSQLTrackerStore

    tracker_store = ErasingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    handoff = HandoffStore(tmp_path / "handoff.db")
    ended = EndedSessions(tmp_path / "ended.db")
    yield tracker_store, tmp_path / "outbox.db", handoff, ended
    ended.close()


def conversation(tracker_store, sender: str, days_ago: float) -> None:
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered(f"words of {sender}", timestamp=NOW - days_ago * DAY))
    asyncio.run(tracker_store.save(tracker))


def application(db, sender: str, status: str, acknowledged_days_ago: float = 0) -> str:
    app_id = f"app-{sender}"
    outbox.submit({"application_id": app_id, "conversation_id": sender, "name": f"name of {sender}"}, db)
    moment = datetime.fromtimestamp(NOW, timezone.utc) - timedelta(days=acknowledged_days_ago)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE applications SET status = ?, delivered_at = ? WHERE application_id = ?",
                     (status, queue.iso(moment) if status == "delivered" else None, app_id))
    return app_id


def senders_left(tmp_path) -> set[str]:
    with closing(sqlite3.connect(tmp_path / "tracker.db")) as db:
        return {r[0] for r in db.execute("SELECT DISTINCT sender_id FROM events")}


def test_the_purge_removes_what_the_policy_says_and_keeps_the_rest(stores, tmp_path):
    tracker_store, outbox_db, handoff, ended = stores
    cases = {  # sender: (days since the last message, application status, days since acknowledged)
        "idle-31": (31, None, 0), "idle-29": (29, None, 0),
        "delivered-31": (40, "delivered", 31), "delivered-29": (40, "delivered", 29),
        "pending": (40, "pending", 0), "rejected": (40, "rejected", 0),
    }
    for sender, (idle, status, acknowledged) in cases.items():
        conversation(tracker_store, sender, idle)
        handoff.start_with_operator(sender, "alex", now=NOW - idle * DAY)  # a queue entry and its audit
        if status:
            application(outbox_db, sender, status, acknowledged)
    ended.add("ended-long-ago", now=NOW - 2 * DAY)
    ended.add("ended-just-now", now=NOW)

    done = purge(tracker_store, outbox_db, handoff, ended, Policy(30, 30, 12 * 3600), now=NOW)

    assert (done.payloads, done.conversations, done.ended_sessions) == (1, 2, 1)
    gone = {"idle-31", "delivered-31"}
    assert senders_left(tmp_path) == set(cases) - gone
    for sender in cases:
        assert (handoff.get(sender) is None) == (sender in gone)
        assert (handoff.audit(sender) == []) == (sender in gone)
    with closing(sqlite3.connect(outbox_db)) as db:
        rows = {r[0]: r[1:] for r in db.execute("SELECT application_id, payload, purged_at, status FROM applications")}
    assert rows["app-delivered-31"][0] == "{}" and rows["app-delivered-31"][1] and rows["app-delivered-31"][2] == "delivered"
    for kept in ("delivered-29", "pending", "rejected"):
        assert json.loads(rows[f"app-{kept}"][0])["name"] == f"name of {kept}" and rows[f"app-{kept}"][1] is None
    assert "ended-long-ago" not in ended and "ended-just-now" in ended


def test_the_retention_times_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ASB_RETAIN_CONVERSATIONS_DAYS", "7")
    monkeypatch.setenv("ASB_RETAIN_DELIVERED_DAYS", "90")
    assert (Policy().conversation_days, Policy().delivered_days) == (7, 90)
    monkeypatch.setenv("ASB_RETAIN_DELIVERED_DAYS", "-1")
    with pytest.raises(SystemExit, match="ASB_RETAIN_DELIVERED_DAYS"):
        Policy()


def test_a_purged_application_cannot_be_exported_as_if_it_were_whole(stores, tmp_path, capsys):
    from delivery.admin import main

    tracker_store, outbox_db, handoff, ended = stores
    application(outbox_db, "sent", "delivered", 31)
    purge(tracker_store, outbox_db, handoff, ended, Policy(30, 30, 3600), now=NOW)
    assert main(["export", "app-sent", "--out", str(tmp_path / "out.json"), "--db", str(outbox_db)]) == 1
    assert "deleted" in capsys.readouterr().err and not (tmp_path / "out.json").exists()
