"""Storage of received applications and caseworkers' decisions: an SQLite file (CASE_SYSTEM_DB)
or a database by URL (CASE_SYSTEM_DATABASE_URL), through shared/storage (SQLAlchemy Core,
Alembic migrations). Every function blocks: the aiohttp handlers call them off the event loop."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Union

import sqlalchemy as sa

from shared.settings import case_system_db, case_system_location
from shared.storage import Database, database, reading, upsert, writing
from shared.storage.schema import cases as C
from shared.storage.schema import decisions as D


class Conflict(Exception):
    """The application id was already received with a different body."""


class ReferenceConflict(Exception):
    """Another application id already arrived with this resident reference."""


def db_path() -> Path:
    return case_system_db()


def location() -> Union[Path, str]:
    return case_system_location()


def connect(path: Union[Path, str, None] = None) -> Database:
    return database(path or location(), "case_system")


def canonical(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _receipt(app_id: str, row: sa.engine.Row, digest: str) -> tuple[dict, bool]:
    if row.body_sha256 != digest:
        raise Conflict(app_id)
    return {"application_id": app_id, "case_reference": row.case_reference, "received_at": row.received_at}, True


def receive(db: Database, body: dict) -> tuple[dict, bool]:
    """Store a validated application; returns (receipt, replayed). Raises Conflict."""
    text = canonical(body)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    app_id = body["application_id"]
    existing = sa.select(C.c.case_reference, C.c.received_at, C.c.body_sha256).where(C.c.application_id == app_id)
    try:
        with writing(db) as conn:
            row = conn.execute(existing).first()
            if row:
                return _receipt(app_id, row, digest)
            if body.get("reference") and conn.execute(
                    sa.select(C.c.seq).where(C.c.reference == body["reference"], C.c.application_id != app_id)).first():
                raise ReferenceConflict(app_id)
            now = _now()
            assessment = body.get("assessment") or {}
            seq = conn.execute(C.insert().values(
                application_id=app_id, body_sha256=digest, body=text, received_at=now.isoformat(timespec="seconds"),
                year=now.year, reference=body.get("reference"), area=(body.get("location") or {}).get("area"),
                outcome=assessment.get("outcome"), routes=json.dumps(assessment.get("routes_met") or []),
            )).inserted_primary_key[0]
            case_reference = f"CS-{now.year}-{seq:06d}"
            conn.execute(C.update().where(C.c.seq == seq).values(case_reference=case_reference))
            return {"application_id": app_id, "case_reference": case_reference,
                    "received_at": now.isoformat(timespec="seconds")}, False
    except sa.exc.IntegrityError:
        # PostgreSQL: the same application arrived twice at once and the other one committed
        # first; answer as a replay of what it stored.
        with reading(db) as conn:
            row = conn.execute(existing).first()
        if row is None:
            raise
        return _receipt(app_id, row, digest)


def _decision(row: Optional[sa.engine.Row]) -> Optional[dict]:
    if row is None or row.threshold_met is None:
        return None
    b = lambda v: None if v is None else bool(v)  # noqa: E731
    return {"threshold_met": bool(row.threshold_met), "review_held": b(row.review_held),
            "recommendations_made": b(row.recommendations_made), "decided_on": row.decided_on,
            "notes": row.notes, "recorded_at": row.recorded_at}


_SELECT = (sa.select(C, D.c.threshold_met, D.c.review_held, D.c.recommendations_made, D.c.decided_on, D.c.notes,
                     D.c.recorded_at)
           .select_from(C.outerjoin(D, D.c.application_id == C.c.application_id)))


def list_cases(db: Database, limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
    with reading(db) as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(C)).scalar_one()
        rows = conn.execute(_SELECT.order_by(C.c.seq.desc()).limit(limit).offset(offset)).all()
    return total, [
        {"application_id": r.application_id, "case_reference": r.case_reference, "reference": r.reference,
         "received_at": r.received_at, "area": r.area, "outcome": r.outcome, "decision": _decision(r)}
        for r in rows
    ]


def get_case(db: Database, application_id: str) -> Optional[dict]:
    with reading(db) as conn:
        r = conn.execute(_SELECT.where(C.c.application_id == application_id)).first()
    if r is None:
        return None
    return {"application_id": r.application_id, "case_reference": r.case_reference, "received_at": r.received_at,
            "application": json.loads(r.body), "decision": _decision(r)}


def record_decision(db: Database, application_id: str, d: dict) -> Optional[dict]:
    recorded_at = _now().isoformat(timespec="seconds")
    with writing(db) as conn:
        if not conn.execute(sa.select(C.c.seq).where(C.c.application_id == application_id)).first():
            return None
        values = {"application_id": application_id, "threshold_met": int(d["threshold_met"]),
                  "review_held": _int(d.get("review_held")), "recommendations_made": _int(d.get("recommendations_made")),
                  "decided_on": d.get("decided_on"), "notes": d.get("notes"), "recorded_at": recorded_at}
        upsert(conn, D, values, keys=["application_id"], update=[k for k in values if k != "application_id"])
    return {**{k: d.get(k) for k in ("threshold_met", "review_held", "recommendations_made", "decided_on", "notes")},
            "recorded_at": recorded_at}


def _int(v: Optional[bool]) -> Optional[int]:
    return None if v is None else int(v)


def _count(condition) -> sa.sql.ColumnElement:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def figures(db: Database, year: int) -> dict:
    with reading(db) as conn:
        row = conn.execute(
            sa.select(sa.func.count().label("received"),
                      _count(D.c.threshold_met == 1).label("met"),
                      _count(D.c.threshold_met == 0).label("not_met"),
                      _count(D.c.application_id.is_(None)).label("awaiting"),
                      _count(D.c.review_held == 1).label("reviews"),
                      _count(D.c.recommendations_made == 1).label("recommendations"))
            .select_from(C.outerjoin(D, D.c.application_id == C.c.application_id)).where(C.c.year == year)
        ).one()
        routes_by_case = conn.execute(sa.select(C.c.routes).where(C.c.year == year)).scalars().all()
    by_route: dict[str, int] = {}
    for routes in routes_by_case:
        for route in json.loads(routes) or ["none"]:
            by_route[route] = by_route.get(route, 0) + 1
    return {"year": year, "applications_received": int(row.received), "threshold_met": int(row.met),
            "threshold_not_met": int(row.not_met), "awaiting_decision": int(row.awaiting),
            "reviews_carried_out": int(row.reviews), "reviews_with_recommendations": int(row.recommendations),
            "by_route": by_route}
