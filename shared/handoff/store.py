"""The handoff queue and the audit trail: an SQLite file under var/ (``ASB_HANDOFF_DB``) or
ASB_DATABASE_URL's database, through shared/storage (SQLAlchemy Core, Alembic migrations).

Two processes use it: the action server asks for a person (``request``), and the Rasa
server's operator console takes, hands back and closes. A conversation's state:

    waiting  -> the resident is queued; the assistant carries on if they talk to it
    taken    -> an operator has it; the assistant says nothing (bot/handoff/intercept.py)
    returned -> handed back to the assistant; closed -> the operator ended it;
    left     -> the resident quick-exited or ended the chat

Every operator action is a row in ``audit`` (who, what, when) and travels with the
application to the case system (actions/intake/submit.py). Nothing a resident typed is stored
here: reasons are fixed words ("asked for a person", "safeguarding: self_harm").

Every change of a conversation's state tells this process's consoles at once
(shared/handoff/changes.py); a change made by the action server reaches them when the Rasa
server finishes that turn (bot/handoff/runtime.turn_finished); with several Rasa servers, an
instance's consoles see another's changes when they next read the queue.

Every method blocks on the database, and so does opening the store (connecting, migrating): the
Rasa server opens it before serving (bot/console/channel.py) and calls it in a worker thread
through bot.handoff.runtime.in_store; the action server opens and calls it in a worker thread
through actions.intake.handoff.in_store (both shared.storage.blocking_within, time-limited).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Union

import sqlalchemy as sa

from shared.handoff.changes import CHANGES
from shared.handoff.hours import operator_hours_open
from shared.storage import database, reading, upsert, writing
from shared.storage.schema import audit as A
from shared.storage.schema import handoffs as H
from shared.storage.schema import presence as P

# An operator counts as signed in while their console has read the queue or its live feed
# (which renews this every 15 s, bot/console/events.py) within this many seconds.
PRESENCE_SECONDS = 45.0
OPEN_STATES = ("waiting", "taken")
_COLUMNS = (H.c.session_id, H.c.status, H.c.reason, H.c.risk, H.c.requested_at, H.c.taken_by, H.c.updated_at)


@dataclass(frozen=True)
class Handoff:
    session_id: str
    status: str
    reason: str
    risk: bool
    requested_at: float
    taken_by: Optional[str]
    updated_at: float


def default_path() -> Union[Path, str]:
    from shared.settings import handoff_location

    return handoff_location()


class HandoffStore:
    def __init__(self, path: Union[Path, str, None] = None) -> None:
        self.path = path or default_path()
        self.db = database(self.path, "handoff")

    # --- the resident's side (action server) ---------------------------------------------

    def availability(self, now: Optional[float] = None) -> str:
        """'open', 'closed' (outside operator hours) or 'nobody' (no operator signed in)."""
        now = time.time() if now is None else now
        if not operator_hours_open(datetime.fromtimestamp(now, timezone.utc)):
            return "closed"
        return "open" if self.operators_present(now) else "nobody"

    def request(self, session_id: str, reason: str, risk: bool, now: Optional[float] = None) -> tuple[str, Optional[int]]:
        """Queue the conversation if someone can take it. Returns (availability, position).

        Asking again while queued keeps the place (and raises the risk flag if need be).
        """
        now = time.time() if now is None else now
        available = self.availability(now)
        existing = self.get(session_id)
        if existing and existing.status in OPEN_STATES:
            if risk and not existing.risk:
                with writing(self.db) as conn:
                    conn.execute(H.update().where(H.c.session_id == session_id)
                                 .values(risk=1, reason=reason, updated_at=now))
                CHANGES.notify("queue", session_id)
            return ("taken" if existing.status == "taken" else "open"), self.position(session_id)
        if available != "open":
            return available, None
        with writing(self.db) as conn:
            upsert(conn, H, {"session_id": session_id, "status": "waiting", "reason": reason, "risk": int(risk),
                             "requested_at": now, "taken_by": None, "updated_at": now},
                   keys=["session_id"], update=("status", "reason", "risk", "requested_at", "taken_by", "updated_at"))
        self.record(session_id, None, f"queued: {reason}", now)
        CHANGES.notify("queue", session_id)
        return "open", self.position(session_id)

    def position(self, session_id: str) -> Optional[int]:
        """Place in the queue, counting as the operators see it (risk first, then oldest)."""
        for n, h in enumerate(self.queue(), start=1):
            if h.session_id == session_id:
                return n if h.status == "waiting" else 0
        return None

    # --- the operators' side (console, in the Rasa server) --------------------------------

    def queue(self) -> list[Handoff]:
        """Waiting conversations, risk-flagged first, then oldest; taken ones after them."""
        taken_last = sa.case((H.c.status == "taken", 1), else_=0)
        with reading(self.db) as conn:
            rows = conn.execute(sa.select(*_COLUMNS).where(H.c.status.in_(OPEN_STATES))
                                .order_by(taken_last, H.c.risk.desc(), H.c.requested_at.asc())).all()
        return [self._row(r) for r in rows]

    def get(self, session_id: str) -> Optional[Handoff]:
        with reading(self.db) as conn:
            row = conn.execute(sa.select(*_COLUMNS).where(H.c.session_id == session_id)).first()
        return self._row(row) if row else None

    def status(self, session_id: str) -> Optional[str]:
        h = self.get(session_id)
        return h.status if h else None

    def take(self, session_id: str, operator: str, now: Optional[float] = None) -> bool:
        """Atomic: of two operators pressing Take, exactly one gets the conversation."""
        now = time.time() if now is None else now
        with writing(self.db) as conn:  # one UPDATE … WHERE status='waiting': the database picks the winner
            changed = conn.execute(H.update().where(H.c.session_id == session_id, H.c.status == "waiting")
                                   .values(status="taken", taken_by=operator, updated_at=now)).rowcount
        if changed:
            self.record(session_id, operator, "took the conversation", now)
            CHANGES.notify("queue", session_id)
        return bool(changed)

    def start_with_operator(self, session_id: str, operator: str, now: Optional[float] = None) -> None:
        """An operator opens a conversation that was never queued (e.g. from the live chat)."""
        now = time.time() if now is None else now
        with writing(self.db) as conn:
            upsert(conn, H, {"session_id": session_id, "status": "taken", "reason": "opened by an operator",
                             "risk": 0, "requested_at": now, "taken_by": operator, "updated_at": now},
                   keys=["session_id"], update=("status", "taken_by", "updated_at"))
        self.record(session_id, operator, "took the conversation", now)
        CHANGES.notify("queue", session_id)

    def finish(self, session_id: str, operator: Optional[str], status: str, action: str,
               now: Optional[float] = None) -> bool:
        """Hand back ('returned'), close ('closed') or mark the resident gone ('left')."""
        assert status in ("returned", "closed", "left")
        now = time.time() if now is None else now
        if operator is None:
            where = sa.and_(H.c.session_id == session_id, H.c.status.in_(OPEN_STATES))
        else:
            where = sa.and_(H.c.session_id == session_id, H.c.status == "taken", H.c.taken_by == operator)
        with writing(self.db) as conn:
            changed = conn.execute(H.update().where(where).values(status=status, updated_at=now)).rowcount
        if changed:
            self.record(session_id, operator, action, now)
            CHANGES.notify("queue", session_id)
        return bool(changed)

    def holder(self, session_id: str) -> Optional[str]:
        h = self.get(session_id)
        return h.taken_by if h and h.status == "taken" else None

    def record(self, session_id: str, operator: Optional[str], action: str, now: Optional[float] = None) -> None:
        with writing(self.db) as conn:
            conn.execute(A.insert().values(session_id=session_id, at=time.time() if now is None else now,
                                           operator=operator, action=action[:200]))

    def audit(self, session_id: str) -> list[dict]:
        """Who did what, when: the shape the case system's `operator_actions` takes."""
        with reading(self.db) as conn:
            rows = conn.execute(sa.select(A.c.at, A.c.operator, A.c.action)
                                .where(A.c.session_id == session_id).order_by(A.c.id)).all()
        return [{"at": datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="seconds"),
                 "operator": operator, "action": action} for at, operator, action in rows]

    def touch_presence(self, operator: str, now: Optional[float] = None) -> None:
        with writing(self.db) as conn:
            upsert(conn, P, {"operator": operator, "last_seen": time.time() if now is None else now},
                   keys=["operator"], update=("last_seen",))

    def sign_in(self, operator: str) -> None:
        self.touch_presence(operator)
        CHANGES.notify("presence")

    def sign_out(self, operator: str) -> None:
        with writing(self.db) as conn:
            conn.execute(P.delete().where(P.c.operator == operator))
        CHANGES.notify("presence")

    def operators_present(self, now: Optional[float] = None) -> int:
        now = time.time() if now is None else now
        with reading(self.db) as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(P)
                                 .where(P.c.last_seen >= now - PRESENCE_SECONDS)).scalar_one()
        return int(count)

    def forget(self, session_id: str) -> None:
        """The purge (purge/retention.py): the queue entry and its audit go together."""
        with writing(self.db) as conn:
            conn.execute(H.delete().where(H.c.session_id == session_id))
            conn.execute(A.delete().where(A.c.session_id == session_id))

    @staticmethod
    def _row(row: sa.engine.Row) -> Handoff:
        session_id, status, reason, risk, requested_at, taken_by, updated_at = row
        return Handoff(session_id, status, reason, bool(risk), requested_at, taken_by, updated_at)
