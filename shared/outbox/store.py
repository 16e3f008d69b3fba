"""The outbox: a submitted application is written here in one transaction with its reference.

An SQLite file in WAL mode (ASB_OUTBOX_DB, default var/outbox.db) or, with ASB_DATABASE_URL,
a table in that database (PostgreSQL when several instances share it); shared/storage holds the
engine and the migrations. Submitting is idempotent on the application id, so a retried submit
returns the same reference and never a second row. A delivery worker (issue 4) sends pending
rows to the case system.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Union

import sqlalchemy as sa

from shared.settings import database_url, outbox_db_in_checkout
from shared.storage import Database, database, reading, writing
from shared.storage.schema import applications as T

# Crockford's base32 without I, L, O, U: easy to read out over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

Location = Union[Path, str, None]


def db_path() -> Path:
    return outbox_db_in_checkout()


def location() -> Union[Path, str]:
    """Where the outbox is: ASB_DATABASE_URL, or the SQLite file ASB_OUTBOX_DB (whose default
    here is the checkout's var/outbox.db, see settings.outbox_db_in_checkout)."""
    return database_url() or db_path()


def connect(path: Location = None) -> Database:
    """The outbox database (a path or a URL; default ``location()``), its table up to date."""
    return database(path or location(), "outbox")


def new_reference() -> str:
    return "ASB-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def submit(application: dict, path: Location = None) -> str:
    """Store the application and return its reference (the same one if already stored)."""
    app_id = application["application_id"]
    body = json.dumps(application, ensure_ascii=False, sort_keys=True)
    db = connect(path)
    for _ in range(5):  # a clash of 8 random characters is rare; retry a few times
        reference = new_reference()
        try:
            with writing(db) as conn:
                row = conn.execute(sa.select(T.c.reference).where(T.c.application_id == app_id)).first()
                if row:
                    return row[0]
                now = datetime.now(timezone.utc).isoformat()
                conn.execute(T.insert().values(application_id=app_id, reference=reference, created_at=now,
                                               payload=body, next_attempt_at=now))
                return reference
        except sa.exc.IntegrityError:
            # Another process stored this application first (PostgreSQL: two submits at once),
            # or the reference clashed: either way the next round settles it.
            continue
    raise RuntimeError("could not allocate a unique reference")


def get(reference: str, path: Location = None) -> dict | None:
    with reading(connect(path)) as conn:
        row = conn.execute(sa.select(T.c.application_id, T.c.reference, T.c.status, T.c.payload)
                           .where(T.c.reference == reference)).first()
    if not row:
        return None
    return {"application_id": row[0], "reference": row[1], "status": row[2], "payload": json.loads(row[3])}


def counts(path: Location = None) -> dict[str, int]:
    with reading(connect(path)) as conn:
        return dict(conn.execute(sa.select(T.c.status, sa.func.count()).group_by(T.c.status)).all())
