"""The handoff queue: who is queued, in what order, who holds a conversation, what is recorded."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

import pytest

from shared.handoff.hours import operator_hours_open
from shared.handoff.operators import Operators, check_password, hash_password
from shared.handoff.store import PRESENCE_SECONDS, HandoffStore


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "00:00-24:00")
    return HandoffStore(tmp_path / "handoff.db")


def test_nobody_signed_in_means_nobody_is_queued(store):
    assert store.request("a", "asked for a person", False, now=1000.0) == ("nobody", None)
    assert store.queue() == []


def test_presence_expires(store):
    store.touch_presence("alex", now=1000.0)
    assert store.operators_present(now=1000.0 + PRESENCE_SECONDS - 1) == 1
    assert store.operators_present(now=1000.0 + PRESENCE_SECONDS + 1) == 0
    store.touch_presence("alex", now=2000.0)
    store.sign_out("alex")
    assert store.operators_present(now=2000.0) == 0


def test_risk_first_then_oldest_and_asking_again_keeps_the_place(store):
    store.touch_presence("alex", now=1000.0)
    assert store.request("a", "asked for a person", False, now=1000.0) == ("open", 1)
    assert store.request("b", "asked for a person", False, now=1001.0) == ("open", 2)
    assert store.request("c", "safeguarding: self harm", True, now=1002.0) == ("open", 1)
    assert [h.session_id for h in store.queue()] == ["c", "a", "b"]
    assert store.request("b", "asked for a person", False, now=1003.0) == ("open", 3)
    store.request("b", "safeguarding: emergency", True, now=1004.0)  # a cue raises the flag in place
    assert [h.session_id for h in store.queue()] == ["b", "c", "a"]  # both at risk: oldest first


def test_only_one_operator_can_take_and_only_the_holder_can_finish(store):
    store.touch_presence("alex", now=1000.0)
    store.request("a", "asked for a person", False, now=1000.0)
    assert store.take("a", "alex") is True
    assert store.take("a", "sam") is False
    assert store.holder("a") == "alex"
    assert store.finish("a", "sam", "returned", "handed back") is False
    assert store.finish("a", "alex", "returned", "handed back") is True
    assert store.status("a") == "returned" and store.holder("a") is None


def test_the_resident_leaving_ends_it_for_the_operator_and_the_audit_says_who_did_what(store):
    store.touch_presence("alex", now=1000.0)
    store.request("a", "asked for a person", False, now=1000.0)
    store.take("a", "alex", now=1010.0)
    store.record("a", "alex", "corrected Your name", now=1020.0)
    assert store.finish("a", None, "left", "the resident left the chat", now=1030.0) is True
    assert store.status("a") == "left"
    audit = store.audit("a")
    assert [(a["operator"], a["action"]) for a in audit] == [
        (None, "queued: asked for a person"), ("alex", "took the conversation"),
        ("alex", "corrected Your name"), (None, "the resident left the chat")]
    assert audit[1]["at"] == datetime.fromtimestamp(1010.0, timezone.utc).isoformat(timespec="seconds")


def test_outside_hours_is_closed_even_with_someone_signed_in(store, monkeypatch):
    monkeypatch.setenv("ASB_OPERATOR_HOURS", "09:00-17:00")
    store.touch_presence("alex", now=0)
    night = datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc).timestamp()
    store.touch_presence("alex", now=night)
    assert store.availability(now=night) == "closed"
    assert store.request("a", "asked for a person", False, now=night) == ("closed", None)


@pytest.mark.parametrize("utc, spec, expected", [
    ("2026-07-01T07:30", "08:00-20:00", True),    # 08:30 BST: British Summer Time is applied
    ("2026-07-01T06:59", "08:00-20:00", False),
    ("2026-07-01T07:00", "08:00-20:00", True),
    ("2026-12-01T19:59", "08:00-20:00", True),    # GMT in winter
    ("2026-12-01T20:00", "08:00-20:00", False),
    ("2026-12-01T12:30", "08:00-12:00 13:00-20:00", False),
    ("2026-12-01T23:59", "00:00-24:00", True),
    ("2026-12-01T12:00", "nonsense", True),       # a typo falls back to the default hours
    ("2026-12-01T03:00", "nonsense", False),
])
def test_operator_hours_in_local_time(utc, spec, expected):
    now = datetime.fromisoformat(utc).replace(tzinfo=timezone.utc)
    assert operator_hours_open(now, spec, "Europe/London") is expected


def test_operators_keep_only_a_hash_and_check_it(tmp_path):
    ops = Operators(tmp_path / "handoff.db")
    ops.add("alex", "correct horse battery", "Alex Smith")
    raw = b"".join(f.read_bytes() for f in tmp_path.glob("handoff.db*"))
    assert b"correct horse" not in raw
    with sqlite3.connect(tmp_path / "handoff.db") as db:
        assert db.execute("SELECT password_hash FROM operators WHERE name='alex'").fetchone()[0].startswith("scrypt$")
    assert ops.verify("alex", "correct horse battery") is True
    assert ops.verify("alex", "correct horse battery!") is False
    assert ops.verify("nobody", "correct horse battery") is False
    assert ops.display_name("alex") == "Alex Smith"
    assert check_password("x", "md5$abc") is False
    with pytest.raises(ValueError):
        ops.add("bob", "short")
    with pytest.raises(ValueError):
        ops.add("<script>", "long enough password")


def test_a_first_run_gets_one_operator_whose_password_is_only_in_a_private_file(tmp_path):
    ops = Operators(tmp_path / "handoff.db", file=tmp_path / "operators.json")
    secret_file = ops.ensure_first_operator()
    password = open(secret_file).read().strip()
    assert ops.verify("operator", password)
    assert oct((tmp_path / "operator-initial-password").stat().st_mode & 0o777) == "0o600"
    assert ops.ensure_first_operator() is None  # never replaced once there are operators


def test_an_operators_file_from_before_issue_18_is_imported_once(tmp_path):
    file = tmp_path / "operators.json"  # the file's hash format is the table's
    file.write_text(json.dumps({"alex": {"display": "Alex Smith", "hash": hash_password("correct horse battery")}}))
    ops = Operators(tmp_path / "handoff.db", file=file)
    assert ops.names() == ["alex"] and ops.display_name("alex") == "Alex Smith"
    assert ops.verify("alex", "correct horse battery")
    assert not file.exists() and (tmp_path / "operators.json.imported").exists()
    assert ops.ensure_first_operator() is None  # the imported operator counts
