"""Migrations (issue 18): databases made by the code of before the storage layer - raw sqlite3,
its own CREATE TABLE IF NOT EXISTS, delivery columns added by the worker - are upgraded to the
migrated schema with every row and value kept; the migrations make exactly the tables the code
queries, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa

from case_system import store as cases
from shared.handoff.operators import Operators, hash_password
from shared.handoff.store import HandoffStore
from shared.outbox import queue
from shared.outbox import store as outbox
from shared.privacy.ended_sessions import EndedSessions
from shared.storage import database, forget
from shared.storage.migrate import COMPONENTS, current, head
from shared.storage.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]

# The schemas exactly as the code before issue 18 created them (shared/outbox/store.py,
# shared/outbox/queue.py's added columns, shared/handoff/store.py, shared/privacy/ended_sessions.py,
# case_system/store.py at commit 0b61fa7).
OLD_OUTBOX = """
CREATE TABLE IF NOT EXISTS applications (
    application_id  TEXT PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    case_reference  TEXT,
    last_error      TEXT
);
"""
OLD_DELIVERY_COLUMNS = """
ALTER TABLE applications ADD COLUMN lease_until TEXT;
ALTER TABLE applications ADD COLUMN lease_owner TEXT;
ALTER TABLE applications ADD COLUMN last_attempt_at TEXT;
ALTER TABLE applications ADD COLUMN last_http_status INTEGER;
ALTER TABLE applications ADD COLUMN delivered_at TEXT;
ALTER TABLE applications ADD COLUMN rejected_at TEXT;
ALTER TABLE applications ADD COLUMN config_error INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN purged_at TEXT;
CREATE INDEX IF NOT EXISTS applications_due ON applications (status, next_attempt_at);
"""
OLD_HANDOFF = """
CREATE TABLE IF NOT EXISTS handoffs (
    session_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    risk INTEGER NOT NULL DEFAULT 0,
    requested_at REAL NOT NULL,
    taken_by TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    at REAL NOT NULL,
    operator TEXT,
    action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_session ON audit(session_id);
CREATE TABLE IF NOT EXISTS presence (
    operator TEXT PRIMARY KEY,
    last_seen REAL NOT NULL
);
"""
OLD_ENDED = "CREATE TABLE IF NOT EXISTS ended (session_id TEXT PRIMARY KEY, ended_at REAL NOT NULL)"
OLD_CASES = """
CREATE TABLE IF NOT EXISTS cases (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL UNIQUE,
    case_reference TEXT UNIQUE,
    body_sha256    TEXT NOT NULL,
    body           TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    year           INTEGER NOT NULL,
    reference      TEXT,
    area           TEXT,
    outcome        TEXT,
    routes         TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS decisions (
    application_id       TEXT PRIMARY KEY REFERENCES cases(application_id),
    threshold_met        INTEGER NOT NULL,
    review_held          INTEGER,
    recommendations_made INTEGER,
    decided_on           TEXT,
    notes                TEXT,
    recorded_at          TEXT NOT NULL
);
"""


def _old(path: Path, schema: str, rows: dict[str, list[tuple]]) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(schema)
        for table, values in rows.items():
            for row in values:
                db.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", row)


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but SQLite's own and the migrations' version tables."""
    with closing(sqlite3.connect(path)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if not r[0].startswith(("sqlite_", "alembic_version"))]
        out = {}
        for table in tables:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            out[table] = {"columns": columns,
                          "rows": db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()}
        return out


def _kept(before: dict, after: dict) -> None:
    """Each table of before is in after with the same rows in its old columns."""
    for table, old in before.items():
        new = after[table]
        assert new["columns"][:len(old["columns"])] == old["columns"], table  # added columns come after
        assert [row[:len(old["columns"])] for row in new["rows"]] == old["rows"], table


PAYLOAD = {"application_id": "old-1", "conversation_id": "conv-1", "reports": [{"id": "r1", "problem": "noise"}]}


def test_databases_made_before_issue_18_are_upgraded_with_nothing_lost(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    # The outbox as a worker had widened it, and one only the action server had written (no delivery columns).
    _old(var / "outbox.db", OLD_OUTBOX + OLD_DELIVERY_COLUMNS, {"applications": [
        ("old-1", "ASB-OLD00001", "2026-11-01T10:00:00+00:00", json.dumps(PAYLOAD), "pending", 2,
         "2026-11-01T10:00:00+00:00", None, "HTTP 503", None, None, "2026-11-01T10:00:00+00:00", 503, None, None, 0,
         None),
        ("old-2", "ASB-OLD00002", "2026-11-02T10:00:00+00:00", "{}", "delivered", 1, None, "CS-2026-000001", None,
         None, None, None, 201, "2026-11-02T10:00:05+00:00", None, 0, "2026-12-02T10:00:00+00:00"),
        ("old-3", "ASB-OLD00003", "2026-11-03T10:00:00+00:00", json.dumps({"application_id": "old-3"}), "rejected", 1,
         None, None, "HTTP 401", None, None, None, 401, None, "2026-11-03T10:00:05+00:00", 1, None),
    ]})
    _old(var / "outbox-unwidened.db", OLD_OUTBOX, {"applications": [
        ("new-1", "ASB-NEW00001", "2026-11-04T10:00:00+00:00", json.dumps({"application_id": "new-1"}), "pending", 0,
         "2026-11-04T10:00:00+00:00", None, None),
    ]})
    _old(var / "handoff.db", OLD_HANDOFF, {
        "handoffs": [("s1", "taken", "asked for a person", 0, 1000.0, "alex", 1001.0),
                     ("s2", "waiting", "safeguarding: self_harm", 1, 1002.0, None, 1002.0)],
        "audit": [(1, "s1", 1000.0, None, "queued: asked for a person"), (2, "s1", 1001.0, "alex", "took the conversation"),
                  (7, "s2", 1002.0, None, "queued: safeguarding: self_harm")],
        "presence": [("alex", 1001.0)],
    })
    _old(var / "ended-sessions.db", OLD_ENDED, {"ended": [("ended-1", 1000.0), ("ended-2", 2000.0)]})
    _old(var / "case_system.db", OLD_CASES, {
        "cases": [(1, "old-2", "CS-2026-000001", "abc", json.dumps({"application_id": "old-2", "reference": "ASB-OLD00002"}),
                   "2026-11-02T10:00:05+00:00", 2026, "ASB-OLD00002", "staffordshire", "met", '["statutory"]'),
                  (5, "gone-5", "CS-2026-000005", "def", json.dumps({"application_id": "gone-5"}),
                   "2026-11-02T11:00:00+00:00", 2026, None, None, None, "[]")],
        "decisions": [("old-2", 1, 1, 0, "2026-11-20", "held", "2026-11-20T09:00:00+00:00")],
    })
    (var / "operators.json").write_text(json.dumps(
        {"alex": {"display": "Alex Smith", "hash": hash_password("correct horse battery")}}, indent=2))
    before = {name: _dump(var / name) for name in
              ("outbox.db", "outbox-unwidened.db", "handoff.db", "ended-sessions.db", "case_system.db")}

    # Opened by today's code: each component upgrades its file.
    assert outbox.get("ASB-OLD00001", var / "outbox.db")["payload"] == PAYLOAD
    assert outbox.counts(var / "outbox-unwidened.db") == {"pending": 1}
    handoff = HandoffStore(var / "handoff.db")
    operators = Operators(var / "handoff.db", file=var / "operators.json")
    ended = EndedSessions(var / "ended-sessions.db")
    case_db = cases.connect(var / "case_system.db")

    for name, old in before.items():
        _kept(old, _dump(var / name))
    assert _dump(var / "outbox-unwidened.db")["applications"]["rows"][0][9:] == (
        None, None, None, None, None, None, 0, None)  # the delivery columns, at their defaults
    for name, component in [("outbox.db", "outbox"), ("outbox-unwidened.db", "outbox"), ("handoff.db", "handoff"),
                            ("ended-sessions.db", "ended_sessions"), ("case_system.db", "case_system")]:
        assert current(database(var / name, component).engine, component) == head(component), name

    # … and the data works as before.
    db = queue.connect(var / "outbox.db")
    assert queue.find(db, "ASB-OLD00003")["config_error"] == 1 and queue.retry_config_errors(db) == 1
    assert queue.kept_conversations(db) == {"conv-1"}
    unwidened = queue.connect(var / "outbox-unwidened.db")
    assert [r["application_id"] for r in queue.claim(unwidened, "w", 10, 60)] == ["new-1"]
    assert [a["action"] for a in handoff.audit("s1")] == ["queued: asked for a person", "took the conversation"]
    handoff.record("s2", "sam", "took the conversation")
    assert [a["operator"] for a in handoff.audit("s2")] == [None, "sam"]
    with closing(sqlite3.connect(var / "handoff.db")) as raw:  # AUTOINCREMENT kept: a new id follows the highest
        assert raw.execute("SELECT MAX(id) FROM audit").fetchone()[0] == 8
    assert [h.session_id for h in handoff.queue()] == ["s2", "s1"]
    assert operators.verify("alex", "correct horse battery") and operators.display_name("alex") == "Alex Smith"
    assert (var / "operators.json.imported").exists() and not (var / "operators.json").exists()
    assert "ended-1" in ended and ended.purge(1500.0) == 1 and "ended-2" in ended
    assert cases.get_case(case_db, "old-2")["decision"]["notes"] == "held"
    receipt, _ = cases.receive(case_db, {"application_id": "new-9", "reference": "ASB-NEW00009"})
    assert receipt["case_reference"].endswith("-000006")  # after the highest seq ever used, none reused

    # Another process (a restart) finds everything at head and changes nothing.
    after = {name: _dump(var / name) for name in before}
    for path in var.glob("*.db"):
        forget(path)
    code = ("from pathlib import Path\nfrom shared.storage import database\n"
            f"var = Path({str(var)!r})\n"
            "for name, c in [('outbox.db', 'outbox'), ('handoff.db', 'handoff'), ('ended-sessions.db', 'ended_sessions'),"
            " ('case_system.db', 'case_system')]:\n    database(var / name, c)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert {name: _dump(var / name) for name in before} == after


def test_the_migrations_make_exactly_the_tables_the_code_queries(location):
    for component in COMPONENTS:
        inspector = sa.inspect(database(location, component).engine)
        for table in TABLES[component]:
            made = {c["name"]: c for c in inspector.get_columns(table.name)}
            assert list(made) == [c.name for c in table.columns], table.name
            for column in table.columns:
                assert made[column.name]["nullable"] == column.nullable, (table.name, column.name)
            assert inspector.get_pk_constraint(table.name)["constrained_columns"] == [c.name for c in table.primary_key]
        assert current(database(location, component).engine, component) == head(component)
    made = {t for t in sa.inspect(database(location, "outbox").engine).get_table_names() if not t.startswith("sqlite_")}
    assert made == {t.name for tables in TABLES.values() for t in tables} | {f"alembic_version_{c}" for c in COMPONENTS}


def test_two_processes_opening_a_new_database_at_once_both_succeed(tmp_path):
    path = tmp_path / "fresh.db"
    code = ("import sys\nfrom shared.storage import database\n"
            "for c in ('outbox', 'handoff', 'ended_sessions', 'case_system'):\n"
            f"    database({str(path)!r}, c)\n")
    runs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    for run in runs:
        assert run.wait(120) == 0, run.stderr.read()[-2000:]
    for component in COMPONENTS:
        assert current(database(path, component).engine, component) == head(component)
