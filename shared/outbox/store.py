"""The outbox: a submitted application is written here in one transaction with its reference.

SQLite in WAL mode (ASB_OUTBOX_DB, default var/outbox.db). Submitting is idempotent on the
application id, so a retried submit returns the same reference and never a second row. A
delivery worker (issue 4) sends pending rows to the case system.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from shared.settings import outbox_db_in_checkout

# Crockford's base32 without I, L, O, U: easy to read out over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

SCHEMA = """
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


def db_path() -> Path:
    return outbox_db_in_checkout()


def connect(path: Path | None = None) -> sqlite3.Connection:
    path = path or db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=FULL")  # a reference given to a resident must survive a crash
    conn.executescript(SCHEMA)
    return conn


def new_reference() -> str:
    return "ASB-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def submit(application: dict, path: Path | None = None) -> str:
    """Store the application and return its reference (the same one if already stored)."""
    app_id = application["application_id"]
    body = json.dumps(application, ensure_ascii=False, sort_keys=True)
    with closing(connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT reference FROM applications WHERE application_id = ?", (app_id,)).fetchone()
            if row:
                conn.execute("COMMIT")
                return row[0]
            for _ in range(5):  # a clash of 8 random characters is rare; retry a few times
                reference = new_reference()
                try:
                    conn.execute(
                        "INSERT INTO applications (application_id, reference, created_at, payload, next_attempt_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (app_id, reference, datetime.now(timezone.utc).isoformat(), body,
                         datetime.now(timezone.utc).isoformat()),
                    )
                    conn.execute("COMMIT")
                    return reference
                except sqlite3.IntegrityError as exc:
                    if "reference" not in str(exc):
                        raise
            raise RuntimeError("could not allocate a unique reference")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def get(reference: str, path: Path | None = None) -> dict | None:
    with closing(connect(path)) as conn:
        row = conn.execute(
            "SELECT application_id, reference, status, payload FROM applications WHERE reference = ?", (reference,)
        ).fetchone()
    if not row:
        return None
    return {"application_id": row[0], "reference": row[1], "status": row[2], "payload": json.loads(row[3])}


def counts(path: Path | None = None) -> dict[str, int]:
    with closing(connect(path)) as conn:
        return dict(conn.execute("SELECT status, COUNT(*) FROM applications GROUP BY status").fetchall())
