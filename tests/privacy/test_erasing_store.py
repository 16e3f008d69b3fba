"""bot/privacy/erasing_store.py on a real SQLite tracker store: a restart deletes every earlier
row (earlier sessions too) and the server's kept copies, and the assistant's state afterwards
is exactly what it would be with nothing deleted. Run in a subprocess (with the tracker cache
and speed-ups, and with neither), so Rasa's patched classes stay out of this test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Zyxquorn 07700 900123"

SCRIPT = r'''
import asyncio, json, sqlite3, sys
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, FollowupAction, Restarted,
    SessionStarted, SlotSet, UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

import os
from bot.rasa_server import install_speedups
if sys.argv[2] == "cache":
    install_speedups(model_load=False, action_check=False)  # tracker speed-ups; the store has the cache
else:
    os.environ["ASB_TRACKER_CACHE"] = "0"
from bot.privacy.erasing_store import ErasingSQLTrackerStore
import bot.tracker_speedups as speedups

MARKER = sys.argv[3]
db = sys.argv[1]
domain = Domain.load("domain.yml")
store = ErasingSQLTrackerStore(domain, dialect="sqlite", db=db)
sender = "resident-1"

def session():
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]

def said(text):
    return [UserUttered(text, {"name": "inform", "confidence": 0.9}), ActionExecuted("intake_form"),
            BotUttered(f"You said {text}"), SlotSet("location", text), ActionExecuted("action_listen")]

async def turn(events):
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
    for e in events:
        tracker.update(e, domain)
    await store.save(tracker)
    return tracker

async def main():
    everything = []  # the whole conversation, as it would be with nothing deleted
    def add(events):
        everything.extend(events)
        return events
    await turn(add(session() + said("first session " + MARKER)))
    await turn(add(session() + said(MARKER)))  # a second session: the first is not in the tracker
    restart = [UserUttered("yes", {"name": "affirm", "confidence": 1.0}), ActionExecuted("action_confirm_yes"),
               BotUttered("deleted"), Restarted(), SlotSet("application_id", "new"), ActiveLoop("intake_form"),
               FollowupAction("intake_form"), ActionExecuted("intake_form"), BotUttered("Have you reported it?"),
               ActionExecuted("action_listen")]
    in_memory = await turn(add(restart))
    rows = sqlite3.connect(db).execute("SELECT type_name, data FROM events WHERE sender_id=?", (sender,)).fetchall()
    result = {
        "rows_with_marker": sum(MARKER in data for _, data in rows),
        "first_row": rows[0][0],
        "file_bytes_with_marker": open(db, "rb").read().count(MARKER.encode()),
        "in_memory_with_marker": sum(MARKER in json.dumps(e.as_dict()) for e in in_memory.events),
        "speedups_history_with_marker": sum(MARKER in json.dumps(e.as_dict()) for h in speedups._histories.get(sender, [])
                                            for e in h[0]),
        "cache_with_marker": sum(MARKER in json.dumps(e.as_dict()) for entry in store.__dict__.get("_asb_cache", {}).values()
                                 for e in entry.events),
    }
    # The next turn: state as if nothing had been deleted, and every event stored once.
    tracker = await turn(add([UserUttered("yes", {"name": "affirm", "confidence": 1.0}),
                              ActionExecuted("intake_form"), SlotSet("reported_before", True),
                              ActionExecuted("action_listen")]))
    whole = DialogueStateTracker.from_events(sender, everything, domain.slots)
    again = await store.retrieve(sender)
    result["same_state"] = (again.current_state(EventVerbosity.APPLIED) == whole.current_state(EventVerbosity.APPLIED)
                            and again.current_slot_values() == whole.current_slot_values()
                            and [e.as_dict() for e in again.applied_events()] == [e.as_dict() for e in whole.applied_events()])
    result["rows"] = sqlite3.connect(db).execute("SELECT COUNT(*) FROM events WHERE sender_id=?", (sender,)).fetchone()[0]
    result["expected_rows"] = len(everything) - everything.index(next(e for e in everything if isinstance(e, Restarted)))
    print(json.dumps(result))

asyncio.run(main())
'''


@pytest.mark.parametrize("cache", ["cache", "no-cache"])
def test_a_restart_deletes_every_earlier_row_and_changes_nothing_the_assistant_knows(tmp_path, cache):
    env = dict(os.environ, SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "tracker.db"), cache, MARKER], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["rows_with_marker"] == 0
    assert result["first_row"] == "restart"
    assert result["file_bytes_with_marker"] == 0  # not even in the database file's free pages
    assert result["in_memory_with_marker"] == 0
    assert result["speedups_history_with_marker"] == 0
    assert result["cache_with_marker"] == 0
    assert result["same_state"] is True
    assert result["rows"] == result["expected_rows"]  # nothing written twice after the erase
