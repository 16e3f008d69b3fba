"""Delivery operations on the outbox table that shared/outbox/store.py owns.

The outbox row is the single source of truth. A worker *claims* due rows by setting a lease
(`lease_until`, `lease_owner`) in one short transaction; a worker that dies mid-delivery
leaves the lease to run out, and the row becomes due again. Re-sending is safe because the
request carries `Idempotency-Key: {application_id}` and the receiver answers a repeat with
the same case reference.

Columns this module adds (idempotently, guarded by PRAGMA table_info) when a worker or the
admin command starts: lease_until, lease_owner, last_attempt_at, last_http_status,
delivered_at, rejected_at, config_error.

Times are UTC ISO-8601 strings, compared as text (the store writes the same form).
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

from shared.outbox import store

EXTRA_COLUMNS = {
    "lease_until": "TEXT",
    "lease_owner": "TEXT",
    "last_attempt_at": "TEXT",
    "last_http_status": "INTEGER",
    "delivered_at": "TEXT",
    "rejected_at": "TEXT",
    "config_error": "INTEGER NOT NULL DEFAULT 0",
    "purged_at": "TEXT",  # the payload was deleted after delivery + the hold (purge/retention.py)
}
META = ("application_id", "reference", "status", "attempts", "created_at", "next_attempt_at", "last_attempt_at",
        "last_http_status", "last_error", "case_reference", "delivered_at", "rejected_at", "config_error", "lease_until",
        "purged_at")


def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def ensure_columns(conn: sqlite3.Connection) -> list[str]:
    """Add the delivery columns the table lacks; returns the names added."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(applications)")}
    added = []
    for name, kind in EXTRA_COLUMNS.items():
        if name not in have:
            try:
                conn.execute(f"ALTER TABLE applications ADD COLUMN {name} {kind}")
                added.append(name)
            except sqlite3.OperationalError as exc:  # another process added it between the check and here
                if "duplicate column" not in str(exc):
                    raise
    conn.execute("CREATE INDEX IF NOT EXISTS applications_due ON applications (status, next_attempt_at)")
    return added


def connect(path: Optional[Path] = None) -> sqlite3.Connection:
    conn = store.connect(path)  # WAL, busy_timeout, synchronous=FULL, table created if missing
    ensure_columns(conn)
    return conn


def backoff(attempts: int, base: float, cap: float, rng: Optional[random.Random] = None) -> float:
    """Exponential backoff with full jitter: uniform(0, min(cap, base * 2^(attempts-1)))."""
    ceiling = min(cap, base * (2 ** min(max(attempts - 1, 0), 40)))
    return (rng or random).uniform(0, ceiling)


def claim(conn: sqlite3.Connection, owner: str, limit: int, lease_s: float) -> list[dict]:
    """Lease up to `limit` due pending rows to `owner`; counts the attempt now (a crash counts)."""
    t = now()
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute(
            "UPDATE applications SET lease_until = ?, lease_owner = ?, attempts = attempts + 1, last_attempt_at = ?"
            " WHERE application_id IN ("
            "   SELECT application_id FROM applications WHERE status = 'pending'"
            "   AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (lease_until IS NULL OR lease_until <= ?)"
            "   ORDER BY next_attempt_at LIMIT ?)"
            " RETURNING application_id, reference, payload, attempts",
            (iso(t + timedelta(seconds=lease_s)), owner, iso(t), iso(t), iso(t), limit),
        ).fetchall()
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return [{"application_id": r[0], "reference": r[1], "payload": r[2], "attempts": r[3]} for r in rows]


def mark_delivered(conn: sqlite3.Connection, application_id: str, case_reference: Optional[str], http_status: int) -> bool:
    """Delivered is a fact whoever holds the lease: recorded unless already final."""
    cur = conn.execute(
        "UPDATE applications SET status = 'delivered', case_reference = ?, delivered_at = ?, last_http_status = ?,"
        " last_error = NULL, lease_until = NULL, lease_owner = NULL, config_error = 0"
        " WHERE application_id = ? AND status = 'pending'",
        (case_reference, iso(now()), http_status, application_id),
    )
    return cur.rowcount == 1


def mark_retry(conn: sqlite3.Connection, application_id: str, owner: str, error: str, delay_s: float,
               http_status: Optional[int]) -> bool:
    cur = conn.execute(
        "UPDATE applications SET next_attempt_at = ?, last_error = ?, last_http_status = ?, lease_until = NULL,"
        " lease_owner = NULL WHERE application_id = ? AND status = 'pending' AND lease_owner = ?",
        (iso(now() + timedelta(seconds=delay_s)), error[:500], http_status, application_id, owner),
    )
    return cur.rowcount == 1


def mark_rejected(conn: sqlite3.Connection, application_id: str, owner: Optional[str], error: str,
                  http_status: Optional[int], config_error: bool = False) -> bool:
    cur = conn.execute(
        "UPDATE applications SET status = 'rejected', rejected_at = ?, last_error = ?, last_http_status = ?,"
        " config_error = ?, lease_until = NULL, lease_owner = NULL"
        " WHERE application_id = ? AND status = 'pending' AND (? IS NULL OR lease_owner = ?)",
        (iso(now()), error[:500], http_status, int(config_error), application_id, owner, owner),
    )
    return cur.rowcount == 1


def wake_after_recovery(conn: sqlite3.Connection) -> int:
    """The case system is answering again: make every row that was backing off after a
    connection error, timeout or 5xx due now, so a backlog drains in seconds, not in up to
    an hour of backoff. Rows told to wait by a 429 keep their time."""
    return conn.execute(
        "UPDATE applications SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?"
        " AND last_error IS NOT NULL AND COALESCE(last_http_status, 0) NOT IN (408, 429)",
        (iso(now()), iso(now())),
    ).rowcount


def release(conn: sqlite3.Connection, owner: str) -> int:
    """Give back this worker's leases (on a clean stop) so the rows are due at once."""
    return conn.execute(
        "UPDATE applications SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = ? AND status = 'pending'",
        (owner,),
    ).rowcount


def purge_delivered(conn: sqlite3.Connection, delivered_before: datetime) -> list[str]:
    """Delete the payloads of applications the case system acknowledged before this time; the
    row (reference, case reference, dates) stays for staff. Returns their conversation ids."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        due = conn.execute(
            "SELECT application_id, json_extract(payload, '$.conversation_id') FROM applications"
            " WHERE status = 'delivered' AND purged_at IS NULL AND delivered_at <= ?", (iso(delivered_before),)
        ).fetchall()
        conn.executemany("UPDATE applications SET payload = '{}', purged_at = ? WHERE application_id = ?",
                         [(iso(now()), app_id) for app_id, _ in due])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return [conversation for _, conversation in due if conversation]


def kept_conversations(conn: sqlite3.Connection) -> set[str]:
    """Conversations whose application still has its payload (pending, rejected, or delivered
    and within the hold): the purge keeps them with it."""
    return {r[0] for r in conn.execute(
        "SELECT json_extract(payload, '$.conversation_id') FROM applications WHERE purged_at IS NULL") if r[0]}


# ---- staff operations ------------------------------------------------------------------

def counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = {"pending": 0, "delivered": 0, "rejected": 0}
    out.update(dict(conn.execute("SELECT status, COUNT(*) FROM applications GROUP BY status").fetchall()))
    out["config_errors"] = conn.execute(
        "SELECT COUNT(*) FROM applications WHERE status = 'rejected' AND config_error = 1").fetchone()[0]
    return out


def rows(conn: sqlite3.Connection, status: Optional[str] = None, limit: int = 100) -> list[dict]:
    """Row metadata only — never the application's content."""
    sql = f"SELECT {', '.join(META)} FROM applications"
    args: list = []
    if status:
        sql += " WHERE status = ?"
        args.append(status)
    sql += " ORDER BY created_at DESC LIMIT ?"
    args.append(limit)
    return [dict(zip(META, r)) for r in conn.execute(sql, args)]


def find(conn: sqlite3.Connection, key: str, with_payload: bool = False) -> Optional[dict]:
    """One row by application id or by the resident's reference (ASB-…)."""
    cols = META + (("payload",) if with_payload else ())
    r = conn.execute(f"SELECT {', '.join(cols)} FROM applications WHERE application_id = ? OR reference = ?",
                     (key, key)).fetchone()
    if r is None:
        return None
    row = dict(zip(cols, r))
    if with_payload:
        row["payload"] = json.loads(row["payload"])
    return row


def retry(conn: sqlite3.Connection, key: str) -> bool:
    """Put a rejected application back in the queue, due now (staff fixed the cause)."""
    cur = conn.execute(
        "UPDATE applications SET status = 'pending', next_attempt_at = ?, rejected_at = NULL, config_error = 0,"
        " last_error = 'retry requested by staff; was: ' || COALESCE(last_error, '')"
        " WHERE (application_id = ? OR reference = ?) AND status = 'rejected'",
        (iso(now()), key, key),
    )
    return cur.rowcount == 1


def retry_config_errors(conn: sqlite3.Connection) -> int:
    cur = conn.execute(
        "UPDATE applications SET status = 'pending', next_attempt_at = ?, rejected_at = NULL, config_error = 0,"
        " last_error = 'retry requested by staff; was: ' || COALESCE(last_error, '')"
        " WHERE status = 'rejected' AND config_error = 1",
        (iso(now()),),
    )
    return cur.rowcount
