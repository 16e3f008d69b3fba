"""Delivery operations on the outbox table that shared/outbox/store.py owns.

The outbox row is the single source of truth. A worker *claims* due rows by setting a lease
(`lease_until`, `lease_owner`) in one short transaction; a worker that dies mid-delivery
leaves the lease to run out, and the row becomes due again. Re-sending is safe because the
request carries `Idempotency-Key: {application_id}` and the receiver answers a repeat with
the same case reference.

Two workers never claim one row: on SQLite the claim is one ``BEGIN IMMEDIATE`` transaction
(one writer at a time); on PostgreSQL the due rows are selected ``FOR UPDATE SKIP LOCKED``, so
concurrent claimers take different rows without waiting for each other. The lease is kept on
both: it is what brings back the row of a worker that died.

The delivery columns (lease_until, lease_owner, last_attempt_at, last_http_status,
delivered_at, rejected_at, config_error, purged_at) are the migrations' (shared/storage).
Times are UTC ISO-8601 strings, compared as text (the store writes the same form).
Every function here blocks: async code calls it through shared.storage.blocking.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional, Union

import sqlalchemy as sa

from shared.outbox import store
from shared.storage import Database, reading, writing
from shared.storage.schema import applications as T

META = ("application_id", "reference", "status", "attempts", "created_at", "next_attempt_at", "last_attempt_at",
        "last_http_status", "last_error", "case_reference", "delivered_at", "rejected_at", "config_error", "lease_until", "lease_owner",
        "purged_at")


def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def connect(path: Union[Path, str, None] = None) -> Database:
    """The outbox database, its schema migrated to the newest (shared/storage)."""
    return store.connect(path)


def backoff(attempts: int, base: float, cap: float, rng: Optional[random.Random] = None) -> float:
    """Exponential backoff with full jitter: uniform(0, min(cap, base * 2^(attempts-1)))."""
    ceiling = min(cap, base * (2 ** min(max(attempts - 1, 0), 40)))
    return (rng or random).uniform(0, ceiling)


def _update(db: Database, where, **values) -> int:
    with writing(db) as conn:
        return conn.execute(T.update().where(where).values(**values)).rowcount


def claim(db: Database, owner: str, limit: int, lease_s: float) -> list[dict]:
    """Lease up to `limit` due pending rows to `owner`; counts the attempt now (a crash counts)."""
    t = iso(now())
    due = (sa.select(T.c.application_id)
           .where(T.c.status == "pending",
                  sa.or_(T.c.next_attempt_at.is_(None), T.c.next_attempt_at <= t),
                  sa.or_(T.c.lease_until.is_(None), T.c.lease_until <= t))
           .order_by(T.c.next_attempt_at).limit(limit)
           .with_for_update(skip_locked=True))  # PostgreSQL; SQLite's BEGIN IMMEDIATE already excludes others
    with writing(db) as conn:
        ids = [r[0] for r in conn.execute(due)]
        if not ids:
            return []
        conn.execute(T.update().where(T.c.application_id.in_(ids))
                     .values(lease_until=iso(now() + timedelta(seconds=lease_s)), lease_owner=owner,
                             attempts=T.c.attempts + 1, last_attempt_at=t))
        rows = conn.execute(sa.select(T.c.application_id, T.c.reference, T.c.payload, T.c.attempts)
                            .where(T.c.application_id.in_(ids))).all()
    order = {app_id: n for n, app_id in enumerate(ids)}
    return sorted(({"application_id": r[0], "reference": r[1], "payload": r[2], "attempts": r[3]} for r in rows),
                  key=lambda r: order[r["application_id"]])


def mark_delivered(db: Database, application_id: str, case_reference: Optional[str], http_status: int) -> bool:
    """Delivered is a fact whoever holds the lease: recorded unless already final."""
    return _update(db, sa.and_(T.c.application_id == application_id, T.c.status == "pending"),
                   status="delivered", case_reference=case_reference, delivered_at=iso(now()),
                   last_http_status=http_status, last_error=None, lease_until=None, lease_owner=None,
                   config_error=0) == 1


def mark_retry(db: Database, application_id: str, owner: str, error: str, delay_s: float,
               http_status: Optional[int]) -> bool:
    return _update(db, sa.and_(T.c.application_id == application_id, T.c.status == "pending",
                               T.c.lease_owner == owner),
                   next_attempt_at=iso(now() + timedelta(seconds=delay_s)), last_error=error[:500],
                   last_http_status=http_status, lease_until=None, lease_owner=None) == 1


def mark_rejected(db: Database, application_id: str, owner: Optional[str], error: str,
                  http_status: Optional[int], config_error: bool = False) -> bool:
    where = sa.and_(T.c.application_id == application_id, T.c.status == "pending")
    if owner is not None:
        where = sa.and_(where, T.c.lease_owner == owner)
    return _update(db, where, status="rejected", rejected_at=iso(now()), last_error=error[:500],
                   last_http_status=http_status, config_error=int(config_error), lease_until=None,
                   lease_owner=None) == 1


def wake_after_recovery(db: Database) -> int:
    """The case system is answering again: make every row that was backing off after a
    connection error, timeout or 5xx due now, so a backlog drains in seconds, not in up to
    an hour of backoff. Rows told to wait by a 429 keep their time."""
    t = iso(now())
    return _update(db, sa.and_(T.c.status == "pending", T.c.next_attempt_at > t, T.c.last_error.isnot(None),
                               sa.func.coalesce(T.c.last_http_status, 0).notin_([408, 429])),
                   next_attempt_at=t)


def release(db: Database, owner: str) -> int:
    """Give back this worker's leases (on a clean stop) so the rows are due at once."""
    return _update(db, sa.and_(T.c.lease_owner == owner, T.c.status == "pending"), lease_until=None, lease_owner=None)


def _conversation(payload: str) -> Optional[str]:
    try:
        found = json.loads(payload).get("conversation_id")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, str) and found else None


def purge_delivered(db: Database, delivered_before: datetime) -> list[str]:
    """Delete the payloads of applications the case system acknowledged before this time; the
    row (reference, case reference, dates) stays for staff. Returns their conversation ids."""
    with writing(db) as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA secure_delete=ON")  # overwrite, not just unlink, what is deleted
        due = conn.execute(sa.select(T.c.application_id, T.c.payload)
                           .where(T.c.status == "delivered", T.c.purged_at.is_(None),
                                  T.c.delivered_at <= iso(delivered_before))).all()
        if due:
            conn.execute(T.update().where(T.c.application_id.in_([app_id for app_id, _ in due]))
                         .values(payload="{}", purged_at=iso(now())))
    if due and db.dialect == "sqlite":
        checkpoint(db)
    return [c for c in (_conversation(payload) for _, payload in due) if c]


def checkpoint(db: Database) -> None:
    """SQLite: copy the -wal file into the database and empty it, so deleted payloads do not
    stay in old pages there (outside any transaction, on the driver's own connection)."""
    raw = db.engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def kept_conversations(db: Database) -> set[str]:
    """Conversations whose application still has its payload (pending, rejected, or delivered
    and within the hold): the purge keeps them with it."""
    with reading(db) as conn:
        payloads = conn.execute(sa.select(T.c.payload).where(T.c.purged_at.is_(None))).scalars().all()
    return {c for c in map(_conversation, payloads) if c}


# ---- staff operations ------------------------------------------------------------------

def counts(db: Database) -> dict[str, int]:
    out = {"pending": 0, "delivered": 0, "rejected": 0}
    with reading(db) as conn:
        out.update(dict(conn.execute(sa.select(T.c.status, sa.func.count()).group_by(T.c.status)).all()))
        out["config_errors"] = conn.execute(sa.select(sa.func.count()).select_from(T)
                                            .where(T.c.status == "rejected", T.c.config_error == 1)).scalar_one()
    return out


def rows(db: Database, status: Optional[str] = None, limit: int = 100) -> list[dict]:
    """Row metadata only — never the application's content."""
    query = sa.select(*(T.c[name] for name in META))
    if status:
        query = query.where(T.c.status == status)
    with reading(db) as conn:
        return [dict(zip(META, r)) for r in conn.execute(query.order_by(T.c.created_at.desc()).limit(limit))]


def _key(key: str):
    return sa.or_(T.c.application_id == key, T.c.reference == key)


def find(db: Database, key: str, with_payload: bool = False) -> Optional[dict]:
    """One row by application id or by the resident's reference (ASB-…)."""
    cols = META + (("payload",) if with_payload else ())
    with reading(db) as conn:
        r = conn.execute(sa.select(*(T.c[name] for name in cols)).where(_key(key))).first()
    if r is None:
        return None
    row = dict(zip(cols, r))
    if with_payload:
        row["payload"] = json.loads(row["payload"])
    return row


def _back_in_queue(db: Database, where) -> int:
    return _update(db, sa.and_(where, T.c.status == "rejected"), status="pending", next_attempt_at=iso(now()),
                   rejected_at=None, config_error=0,
                   last_error="retry requested by staff; was: " + sa.func.coalesce(T.c.last_error, ""))


def retry(db: Database, key: str) -> bool:
    """Put a rejected application back in the queue, due now (staff fixed the cause)."""
    return _back_in_queue(db, _key(key)) == 1


def retry_config_errors(db: Database) -> int:
    return _back_in_queue(db, T.c.config_error == 1)
