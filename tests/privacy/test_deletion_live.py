"""Against the real servers: what a resident told the assistant is gone from every table of
every SQLite store after "start again" -> yes, after the quick exit, and after the purge of an
old conversation; a delivered application's payload goes after the acknowledgement + the hold.
(tests/privacy/privacy_scan.py looks in every column of every table.)"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing

import requests
import socketio

from shared.settings import ROOT
from live_stack import TEST_TODAY
from privacy_scan import sqlite_files, where_found
from resident_socket import talk

DAY_S = 86400


def marker() -> str:
    """Letters only: a name with four digits in a row is refused as a phone number."""
    return "Zyx" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:10])


def intake_so_far(mark: str) -> list[str]:
    """The first answers of an intake: the problem and where it happens carry the marker."""
    return ["hello", "yes", "yes", "me", f"{mark} from next door shouts abuse at my windows every night.",
            f"22 {mark} Grove, Uttoxeter ST14 7AB"]


def test_start_again_confirmed_deletes_what_was_said_from_every_store(stack, sender):
    mark = marker()
    for text in intake_so_far(mark):
        stack.say(sender, text, today=TEST_TODAY)
    assert where_found(stack.var_dir, mark), "the marker should be stored while the intake goes on"
    stack.say(sender, "start over", today=TEST_TODAY)
    assert where_found(stack.var_dir, mark), "nothing is deleted before the resident confirms"
    replies = stack.say(sender, "yes", today=TEST_TODAY)
    assert any("deleted" in (r.get("text") or "") for r in replies)
    assert where_found(stack.var_dir, mark) == []
    # The new start works: the first question again, and the answer is taken.
    stack.say(sender, "yes", today=TEST_TODAY)
    slots = stack.tracker(sender)["slots"]
    assert slots["reported_before"] is True and slots["problem_description"] is None


def quick_exit(stack, token: str) -> None:
    # What the widget's "Leave this site" sends (navigator.sendBeacon).
    r = requests.post(f"{stack.url}/webhooks/socketio/end", data=token, headers={"Origin": stack.webchat_origin},
                      timeout=30)
    assert r.status_code == 204


def test_quick_exit_deletes_what_was_said_from_every_store(stack):
    mark = marker()
    token = asyncio.run(talk(stack, intake_so_far(mark)))
    assert where_found(stack.var_dir, mark)
    quick_exit(stack, token)
    assert where_found(stack.var_dir, mark) == []


def _age_conversation(stack, sender: str, days: float) -> None:
    with closing(sqlite3.connect(stack.var_dir / "tracker.db", timeout=10)) as db:
        db.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?", (days * DAY_S, sender))
        db.commit()


def run_purge(stack) -> str:
    proc = subprocess.run([sys.executable, "-m", "purge.once"], cwd=ROOT, env=dict(stack.env),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_the_purge_deletes_a_conversation_left_for_longer_than_the_retention_time(stack):
    old, recent = marker(), marker()
    old_sender, recent_sender = f"test-{uuid.uuid4().hex}", f"test-{uuid.uuid4().hex}"
    for text in intake_so_far(old)[:5]:
        stack.say(old_sender, text, today=TEST_TODAY)
    for text in intake_so_far(recent)[:5]:
        stack.say(recent_sender, text, today=TEST_TODAY)
    _age_conversation(stack, old_sender, 29)  # within the 30 days: kept
    run_purge(stack)
    assert where_found(stack.var_dir, old)
    _age_conversation(stack, old_sender, 2)  # now 31 days since it was last used
    out = run_purge(stack)
    assert "conversation" in out
    assert where_found(stack.var_dir, old) == []
    assert where_found(stack.var_dir, recent), "a conversation in use is kept"


def _submitted_story(sender: str, mark: str) -> str:
    story = (ROOT / "tests" / "dialogues" / "met_three_police_reports.yml").read_text()
    assert "Jordan Ellis" in story and "jordan.ellis@example.com" in story
    story = story.replace("Jordan Ellis", f"Jordan {mark}").replace("jordan.ellis@example.com", f"{mark}@example.com")
    return story.replace("today: 2026-11-22", f"today: 2026-11-22\nsender: {sender}", 1)


def test_a_delivered_applications_payload_is_purged_after_the_acknowledgement_and_the_hold(stack, tmp_path):
    mark, sender = marker(), f"test-{uuid.uuid4().hex}"
    story = tmp_path / "submitted.yml"
    story.write_text(_submitted_story(sender, mark))
    run = subprocess.run([sys.executable, "-m", "tools.dialogue_tests", "--url", stack.url, "--token", stack.token,
                          str(story)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-5000:]
    deadline = time.monotonic() + 120
    with closing(sqlite3.connect(stack.var_dir / "outbox.db", timeout=10)) as db:
        query = ("SELECT application_id, status FROM applications WHERE json_extract(payload, '$.conversation_id') = ?")
        while time.monotonic() < deadline:
            row = db.execute(query, (sender,)).fetchone()
            if row and row[1] == "delivered":
                break
            time.sleep(0.5)
        assert row and row[1] == "delivered", row
        application_id = row[0]
        # Acknowledged 29 days ago: still within the hold.
        db.execute("UPDATE applications SET delivered_at = ? WHERE application_id = ?",
                   (_iso_days_ago(29), application_id))
        db.commit()
    run_purge(stack)
    assert any(hit.startswith("outbox.db:applications.payload") for hit in where_found(stack.var_dir, mark))
    with closing(sqlite3.connect(stack.var_dir / "outbox.db", timeout=10)) as db:
        db.execute("UPDATE applications SET delivered_at = ? WHERE application_id = ?",
                   (_iso_days_ago(31), application_id))
        db.commit()
    run_purge(stack)
    hits = where_found(stack.var_dir, mark)
    # The case system keeps what a case system keeps; nothing else keeps anything.
    assert hits and all(hit.startswith("case_system.db:") for hit in hits), hits
    with closing(sqlite3.connect(stack.var_dir / "outbox.db", timeout=10)) as db:
        status, payload, purged_at, case_reference = db.execute(
            "SELECT status, payload, purged_at, case_reference FROM applications WHERE application_id = ?",
            (application_id,)).fetchone()
    assert (status, payload) == ("delivered", "{}") and purged_at and case_reference


def _iso_days_ago(days: float) -> str:
    from datetime import datetime, timedelta, timezone

    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="microseconds")


def test_var_and_everything_in_it_is_private(stack, sender):
    stack.say(sender, "hello", today=TEST_TODAY)
    files = [p for p in stack.var_dir.rglob("*")]
    assert sqlite_files(stack.var_dir), "the stores should exist by now"
    assert oct(stack.var_dir.stat().st_mode & 0o777) == oct(0o700)
    loose = {str(p.relative_to(stack.var_dir)): oct(p.stat().st_mode & 0o777) for p in files
             if (p.stat().st_mode & 0o777) != (0o700 if p.is_dir() else 0o600)}
    assert loose == {}


def test_a_quick_exited_session_stays_ended_after_the_rasa_server_restarts(stack):
    from launcher.supervisor import wait_healthy

    token = asyncio.run(talk(stack, ["hello"]))
    quick_exit(stack, token)
    service, proc = next((s, p) for s, p in stack.supervisor.procs if s.name == "rasa")
    proc.terminate()
    proc.wait(timeout=60)
    restarted = stack.supervisor.start(service)
    wait_healthy(service.health_url, 900, restarted)
    r = requests.post(f"{stack.url}/webhooks/socketio/history", data=token,
                      headers={"Origin": stack.webchat_origin, "Content-Type": "text/plain"}, timeout=30)
    assert r.status_code == 403
    confirmed = asyncio.run(_session_request(stack, token))
    assert confirmed["resumed"] is False and confirmed["session_id"] != token


async def _session_request(stack, token: str) -> dict:
    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data))
    await client.connect(stack.url, headers={"Origin": stack.webchat_origin}, transports=["polling"],
                         socketio_path="/socket.io")
    try:
        await client.emit("session_request", {"session_id": token})
        return await asyncio.wait_for(confirmed, 30)
    finally:
        await client.disconnect()
