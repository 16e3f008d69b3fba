"""Two Rasa servers' consoles on one handoff database (issue 18), through HTTP: an operator
signed in through one is signed in on the other, stays signed in when a server restarts, and
signing out through either ends the session on both. No model needed: the console alone
(console_only_server.py), started the way the product starts its services."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import requests

from launcher.service import Service
from launcher.supervisor import Supervisor, free_port
from shared.handoff.operators import Operators

HERE = Path(__file__).resolve().parent
PASSWORD = "correct horse battery"


def _console(port: int, handoff_db: Path, var: Path) -> Service:
    return Service(f"console_{port}", [sys.executable, str(HERE / "console_only_server.py"), str(port)],
                   f"http://127.0.0.1:{port}/health",
                   env={"ASB_HANDOFF_DB": str(handoff_db), "ASB_VAR_DIR": str(var),
                        "ASB_OPERATORS_FILE": str(var / "operators.json"), "ASB_OPERATOR_HOURS": "00:00-24:00"},
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
