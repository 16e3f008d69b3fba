"""bot/tracker_cache.py: every retrieve of CachingSQLTrackerStore gives what Rasa's own
SQLTrackerStore.retrieve gives, including after another server wrote to the same database, and
nothing is written twice; Rasa's tracker store creates it from the project's endpoints.yml
(so plain `rasa run` has it) and Rasa's own classes stay unchanged. The store runs in a
subprocess, with its cache size taken from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import asyncio, json, sqlite3, sys
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, Restarted, SessionStarted, SlotSet,
    UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.tracker_cache import CachingSQLTrackerStore
rasa_retrieve = SQLTrackerStore.retrieve
db = sys.argv[1]
domain = Domain.load("domain.yml")
here = CachingSQLTrackerStore(domain, dialect="sqlite", db=db)
elsewhere = CachingSQLTrackerStore(domain, dialect="sqlite", db=db)  # another server on the same database
out = {"checks": 0, "hits": 0, "rows": {}, "appended": {}}

def user(intent):
    return UserUttered("words", {"name": intent, "confidence": 0.9})

def session_start():
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]

async def same_as_rasa(store, sender):
    ours, rasas = await store.retrieve(sender), await rasa_retrieve(store, sender)
    assert ours is not None and rasas is not None
    assert ours.current_state(EventVerbosity.ALL) == rasas.current_state(EventVerbosity.ALL), sender
    assert ours.current_slot_values() == rasas.current_slot_values()
    out["checks"] += 1
    return ours

last_seen = {}

async def turn(store, sender, events):
    tracker = await store.retrieve(sender)
    if tracker is None:
        tracker = DialogueStateTracker(sender, domain.slots)
    # A hit hands back the very Event objects this store last gave out, not ones decoded
    # from the database.
    if tracker.events and tracker.events[0] is last_seen.get((id(store), sender)):
        out["hits"] += 1
    for e in events:
        tracker.update(e)
    await store.save(tracker)
    out["appended"][sender] = out["appended"].get(sender, 0) + len(events)
    again = await same_as_rasa(store, sender)
    last_seen[(id(store), sender)] = again.events[0]

async def main():
    await turn(here, "a", session_start())
    await turn(here, "b", session_start())
    for n in range(12):
        await turn(here, "a", [user("inform"), ActionExecuted("intake_form"), SlotSet("requested_slot", f"s{n}"),
                               SlotSet("location", f"place {n}"), BotUttered(f"q{n}"), ActionExecuted("action_listen")])
        if n == 3:
            await turn(here, "a", [ActiveLoop("intake_form")])
        if n == 5:  # a new session inside a turn, as after the session expiry
            await turn(here, "a", [*session_start(), user("greet"), ActionExecuted("action_listen")])
        if n == 7:  # another server answers this resident once
            await turn(elsewhere, "a", [user("affirm"), BotUttered("from elsewhere"), ActionExecuted("action_listen")])
        if n == 9:
            await turn(here, "a", [Restarted(), ActionExecuted("action_listen")])
    await turn(here, "b", [user("greet"), ActionExecuted("action_listen")])
    with sqlite3.connect(db) as conn:
        out["rows"] = dict(conn.execute("select sender_id, count(*) from events group by sender_id").fetchall())
    out["cached"] = sorted(here._asb_cache)
    out["rasa_unchanged"] = SQLTrackerStore.retrieve.__module__ == SQLTrackerStore.save.__module__ == "rasa.core.tracker_store"
    print("RESULT " + json.dumps(out))

asyncio.run(main())
'''


def _run(tmp_path, **env) -> dict:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "t.db")], cwd=ROOT, capture_output=True,
                          text=True, timeout=600,
                          env={**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONPATH": str(ROOT), **env})
    line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    assert line, proc.stderr[-3000:]
    return json.loads(line[0][len("RESULT "):])


def test_retrieves_match_rasa_and_every_event_is_written_once(tmp_path):
    out = _run(tmp_path)
    assert out["checks"] == 19
    # Every turn after the first found its conversation in the cache, except the one right
    # after the other server wrote ("a" turn 8 re-reads the database).
    assert out["hits"] == 15
    assert out["rows"] == out["appended"]
    assert out["cached"] == ["a", "b"]
    assert out["rasa_unchanged"]


def test_a_small_cache_forgets_the_oldest_and_still_matches_rasa(tmp_path):
    out = _run(tmp_path, ASB_TRACKER_CACHE="1")
    assert out["checks"] == 19 and out["rows"] == out["appended"]
    assert out["cached"] == ["b"]


def test_switched_off_it_reads_the_database_every_time(tmp_path):
    out = _run(tmp_path, ASB_TRACKER_CACHE="0")
    assert out["checks"] == 19 and out["rows"] == out["appended"]
    assert out["hits"] == 0 and out["cached"] == []


def test_rasa_makes_the_project_store_from_endpoints_yml(monkeypatch, tmp_path):
    """What `rasa run` does with endpoints.yml: its own create_tracker_store, no patching."""
    from rasa.core.tracker_store import SQLTrackerStore, create_tracker_store
    from rasa.shared.core.domain import Domain
    from rasa.utils.endpoints import read_endpoint_config

    from bot.privacy.erasing_store import ErasingSQLTrackerStore
    from bot.tracker_cache import CachingSQLTrackerStore

    monkeypatch.setenv("ASB_TRACKER_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("ASB_TRACKER_CACHE", "7")
    monkeypatch.setenv("ASB_ACTION_ENDPOINT_URL", "http://127.0.0.1:9/webhook")
    monkeypatch.setenv("ASB_ACTION_SERVER_TOKEN", "x")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    store = create_tracker_store(config, Domain.load(str(ROOT / "domain.yml")))
    try:
        assert type(store) is ErasingSQLTrackerStore  # async, so Rasa does not wrap it
        assert isinstance(store, CachingSQLTrackerStore) and store._asb_limit == 7
        assert SQLTrackerStore.save.__module__ == "rasa.core.tracker_store"
    finally:
        store.engine.dispose()
