"""SQLite storage of received applications and caseworkers' decisions (CASE_SYSTEM_DB)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from shared.settings import case_system_db

SCHEMA = """
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


class Conflict(Exception):
    """The application id was already received with a different body."""


class ReferenceConflict(Exception):
    """Another application id already arrived with this resident reference."""


def db_path() -> Path:
    return case_system_db()


def connect(path: Optional[Path] = None) -> sqlite3.Connection:
    path = path or db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=FULL")  # a 201 means the case is on disk
    conn.executescript(SCHEMA)
    return conn


def canonical(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def receive(conn: sqlite3.Connection, body: dict) -> tuple[dict, bool]:
    """Store a validated application; returns (receipt, replayed). Raises Conflict."""
    text = canonical(body)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    app_id = body["application_id"]
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT application_id, case_reference, received_at, body_sha256 FROM cases WHERE application_id = ?", (app_id,)
        ).fetchone()
        if row:
            conn.execute("COMMIT")
            if row["body_sha256"] != digest:
                raise Conflict(app_id)
            return {"application_id": app_id, "case_reference": row["case_reference"], "received_at": row["received_at"]}, True
        if body.get("reference") and conn.execute(
            "SELECT 1 FROM cases WHERE reference = ? AND application_id != ?", (body["reference"], app_id)
        ).fetchone():
            conn.execute("COMMIT")
            raise ReferenceConflict(app_id)
        now = _now()
        assessment = body.get("assessment") or {}
        cur = conn.execute(
            "INSERT INTO cases (application_id, body_sha256, body, received_at, year, reference, area, outcome, routes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (app_id, digest, text, now.isoformat(timespec="seconds"), now.year, body.get("reference"),
             (body.get("location") or {}).get("area"), assessment.get("outcome"), json.dumps(assessment.get("routes_met") or [])),
        )
        case_reference = f"CS-{now.year}-{cur.lastrowid:06d}"
        conn.execute("UPDATE cases SET case_reference = ? WHERE seq = ?", (case_reference, cur.lastrowid))
        conn.execute("COMMIT")
        return {"application_id": app_id, "case_reference": case_reference, "received_at": now.isoformat(timespec="seconds")}, False
    except (Conflict, ReferenceConflict):
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _decision(row: Optional[sqlite3.Row]) -> Optional[dict]:
    if row is None or row["threshold_met"] is None:
        return None
    b = lambda v: None if v is None else bool(v)  # noqa: E731
    return {"threshold_met": bool(row["threshold_met"]), "review_held": b(row["review_held"]),
            "recommendations_made": b(row["recommendations_made"]), "decided_on": row["decided_on"],
            "notes": row["notes"], "recorded_at": row["recorded_at"]}


_SELECT = ("SELECT c.*, d.threshold_met, d.review_held, d.recommendations_made, d.decided_on, d.notes, d.recorded_at"
           " FROM cases c LEFT JOIN decisions d ON d.application_id = c.application_id")


def list_cases(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
    total = conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
    rows = conn.execute(_SELECT + " ORDER BY c.seq DESC LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    return total, [
        {"application_id": r["application_id"], "case_reference": r["case_reference"], "reference": r["reference"],
         "received_at": r["received_at"], "area": r["area"], "outcome": r["outcome"], "decision": _decision(r)}
        for r in rows
    ]


def get_case(conn: sqlite3.Connection, application_id: str) -> Optional[dict]:
    r = conn.execute(_SELECT + " WHERE c.application_id = ?", (application_id,)).fetchone()
    if r is None:
        return None
    return {"application_id": r["application_id"], "case_reference": r["case_reference"], "received_at": r["received_at"],
            "application": json.loads(r["body"]), "decision": _decision(r)}


def record_decision(conn: sqlite3.Connection, application_id: str, d: dict) -> Optional[dict]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute("SELECT 1 FROM cases WHERE application_id = ?", (application_id,)).fetchone():
            conn.execute("ROLLBACK")
            return None
        recorded_at = _now().isoformat(timespec="seconds")
        conn.execute(
            "INSERT OR REPLACE INTO decisions (application_id, threshold_met, review_held, recommendations_made,"
            " decided_on, notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (application_id, int(d["threshold_met"]), _int(d.get("review_held")), _int(d.get("recommendations_made")),
             d.get("decided_on"), d.get("notes"), recorded_at),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return {**{k: d.get(k) for k in ("threshold_met", "review_held", "recommendations_made", "decided_on", "notes")},
            "recorded_at": recorded_at}


def _int(v: Optional[bool]) -> Optional[int]:
    return None if v is None else int(v)


def figures(conn: sqlite3.Connection, year: int) -> dict:
    row = conn.execute(
        "SELECT COUNT(*) AS received,"
        " COALESCE(SUM(d.threshold_met = 1), 0) AS met,"
        " COALESCE(SUM(d.threshold_met = 0), 0) AS not_met,"
        " COALESCE(SUM(d.application_id IS NULL), 0) AS awaiting,"
        " COALESCE(SUM(d.review_held = 1), 0) AS reviews,"
        " COALESCE(SUM(d.recommendations_made = 1), 0) AS recommendations"
        " FROM cases c LEFT JOIN decisions d ON d.application_id = c.application_id WHERE c.year = ?",
        (year,),
    ).fetchone()
    by_route: dict[str, int] = {}
    for (routes,) in conn.execute("SELECT routes FROM cases WHERE year = ?", (year,)):
        for route in json.loads(routes) or ["none"]:
            by_route[route] = by_route.get(route, 0) + 1
    return {"year": year, "applications_received": row["received"], "threshold_met": row["met"],
            "threshold_not_met": row["not_met"], "awaiting_decision": row["awaiting"],
            "reviews_carried_out": row["reviews"], "reviews_with_recommendations": row["recommendations"],
            "by_route": by_route}
