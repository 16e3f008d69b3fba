"""Two Rasa servers on one set of databases (issue 18), through HTTP and socket.io: an operator
signed in through one is signed in on the other, stays signed in when a server restarts, and
signing out through either ends the session on both; a chat session the resident ended on one
is refused by the other, and after a restart. No model needed: the console and the socket.io
channel alone (console_only_server.py), started the way the product starts its services."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import requests

from launcher.service import Service
from launcher.supervisor import Supervisor, free_port
from shared.handoff.operators import Operators

HERE = Path(__file__).resolve().parent
PASSWORD = "correct horse battery"
# The page the resident's widget is on: the socket.io channel refuses any other origin.
WIDGET_ORIGIN = "http://127.0.0.1:8080"


def _console(port: int, handoff_db: Path, var: Path) -> Service:
    # Every setting this test depends on is given here, not inherited: a child process starts
    # from this one's environment, which the session's live stack (tests/live_stack.py) has
    # rewritten by the time this runs in a full test run (its ASB_ALLOWED_ORIGINS alone makes
    # socket.io refuse WIDGET_ORIGIN with a 400). An empty value is "unset": the SQLite files
    # above and the secret made once in var/, which both servers share.
    return Service(f"console_{port}", [sys.executable, str(HERE / "console_only_server.py"), str(port)],
                   f"http://127.0.0.1:{port}/health",
                   env={"ASB_HANDOFF_DB": str(handoff_db), "ASB_VAR_DIR": str(var),
                        "ASB_ENDED_SESSIONS_DB": str(var / "ended-sessions.db"),
                        "ASB_OPERATORS_FILE": str(var / "operators.json"), "ASB_OPERATOR_HOURS": "00:00-24:00",
                        "ASB_ALLOWED_ORIGINS": WIDGET_ORIGIN, "ASB_DATABASE_URL": "", "ASB_SESSION_SECRET": ""},
                   ready_timeout=60)


@pytest.fixture
def consoles(tmp_path):
    handoff_db = tmp_path / "handoff.db"
    Operators(handoff_db).add("alex", PASSWORD, "Alex Smith")
    sup = Supervisor({}, log_dir=tmp_path / "logs", echo=False)
    ports = [free_port(), free_port()]
    try:
        sup.start_all([_console(port, handoff_db, tmp_path) for port in ports])
        yield [f"http://127.0.0.1:{port}" for port in ports], sup, handoff_db
    finally:
        sup.stop()


def _sign_in(base: str) -> str:
    r = requests.post(f"{base}/console/login", data={"name": "alex", "password": PASSWORD},
                      headers={"Origin": base}, allow_redirects=False, timeout=30)
    assert r.status_code == 303, r.text
    return r.cookies["asb_console"]


def _me(base: str, cookie: str) -> int:
    return requests.get(f"{base}/console/api/me", cookies={"asb_console": cookie}, timeout=30).status_code


def test_an_operator_signed_in_on_one_server_is_signed_in_on_the_other_and_after_a_restart(consoles, tmp_path):
    (a, b), sup, handoff_db = consoles
    cookie = _sign_in(a)
    assert _me(a, cookie) == 200 and _me(b, cookie) == 200
    me = requests.get(f"{b}/console/api/me", cookies={"asb_console": cookie}, timeout=30).json()
    assert me["operator"] == "alex" and me["display"] == "Alex Smith"
    queue = requests.get(f"{b}/console/api/queue", cookies={"asb_console": cookie}, timeout=30).json()
    assert queue["operators_present"] == 1 and queue["items"] == []

    sup.stop()  # both servers restart
    sup.start_all([_console(int(url.rsplit(":", 1)[1]), handoff_db, tmp_path) for url in (a, b)])
    assert _me(a, cookie) == 200 and _me(b, cookie) == 200

    r = requests.post(f"{b}/console/logout", cookies={"asb_console": cookie}, headers={"Origin": b},
                      allow_redirects=False, timeout=30)
    assert r.status_code == 303
    assert _me(a, cookie) == 401 and _me(b, cookie) == 401
    assert _me(a, "made-up") == 401


def test_the_live_feed_ends_when_its_operator_signs_out(consoles):
    (a, _b), _sup, _db = consoles
    cookie = _sign_in(a)
    with requests.get(f"{a}/console/api/events", cookies={"asb_console": cookie}, stream=True, timeout=30) as feed:
        assert feed.status_code == 200
        lines = feed.iter_lines(decode_unicode=True)
        assert any('"hello"' in line for line in [next(lines), next(lines)])
        requests.post(f"{a}/console/logout", cookies={"asb_console": cookie}, headers={"Origin": a},
                      allow_redirects=False, timeout=30)
        rest = list(lines)  # the server closes the stream: its session is gone from the database
    assert not any(line.startswith(": beat") for line in rest)


async def _session(base: str, token: str | None = None, end: bool = False) -> dict:
    """session_request (resuming ``token`` if given) on a new socket; ``end``: then end_session."""
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data))
    await client.connect(base, headers={"Origin": WIDGET_ORIGIN}, transports=["polling"],
                         socketio_path="/socket.io")
    try:
        await client.emit("session_request", {"session_id": token} if token else {})
        answer = await asyncio.wait_for(confirmed, 30)
        if end:
            ended = asyncio.Event()
            client.on("session_ended", lambda _data: ended.set())
            await client.emit("end_session", {})
            await asyncio.wait_for(ended.wait(), 30)
        return answer
    finally:
        await client.eio.disconnect(abort=True)  # a polite polling disconnect waits out a long poll


def test_a_chat_the_resident_ended_on_one_server_is_refused_by_the_other_and_after_a_restart(consoles, tmp_path):
    (a, b), sup, handoff_db = consoles
    kept = asyncio.run(_session(a))["session_id"]
    ended = asyncio.run(_session(a, end=True))["session_id"]
    assert asyncio.run(_session(b, kept)) == {"session_id": kept, "resumed": True}  # one secret, var/session-secret
    again = asyncio.run(_session(b, ended))
    assert not again["resumed"] and again["session_id"] != ended
    sup.stop()
    sup.start_all([_console(int(url.rsplit(":", 1)[1]), handoff_db, tmp_path) for url in (a, b)])
    assert asyncio.run(_session(a, ended))["resumed"] is False
    assert asyncio.run(_session(a, kept))["resumed"] is True
