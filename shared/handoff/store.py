"""The handoff queue and the audit trail, in SQLite under var/ (``ASB_HANDOFF_DB``).

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
server finishes that turn (bot/handoff/runtime.turn_finished).
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from shared.handoff.changes import CHANGES
from shared.handoff.hours import operator_hours_open

# An operator counts as signed in while their console has read the queue or its live feed
# (which renews this every 15 s, bot/console/events.py) within this many seconds.
PRESENCE_SECONDS = 45.0
OPEN_STATES = ("waiting", "taken")

SCHEMA = """
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


@dataclass(frozen=True)
class Handoff:
    session_id: str
    status: str
    reason: str
    risk: bool
    requested_at: float
    taken_by: Optional[str]
    updated_at: float


def default_path() -> Path:
    from shared.settings import handoff_db

    return handoff_db()


class HandoffStore:
    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")  # kept by the file: two processes read and write
            db.executescript(SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        # The Rasa server reads this for every message: a connection and a query, nothing more
        # (connect's timeout is SQLite's busy timeout).
        db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

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
                with self._db() as db:
                    db.execute("UPDATE handoffs SET risk=1, reason=?, updated_at=? WHERE session_id=?",
                               (reason, now, session_id))
                CHANGES.notify("queue", session_id)
            return ("taken" if existing.status == "taken" else "open"), self.position(session_id)
        if available != "open":
            return available, None
        with self._db() as db:
            db.execute(
                "INSERT INTO handoffs(session_id, status, reason, risk, requested_at, taken_by, updated_at)"
                " VALUES(?, 'waiting', ?, ?, ?, NULL, ?)"
                " ON CONFLICT(session_id) DO UPDATE SET status='waiting', reason=excluded.reason,"
                " risk=excluded.risk, requested_at=excluded.requested_at, taken_by=NULL, updated_at=excluded.updated_at",
                (session_id, reason, int(risk), now, now),
            )
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
        with self._db() as db:
            rows = db.execute(
                "SELECT * FROM handoffs WHERE status IN ('waiting', 'taken')"
                " ORDER BY status = 'taken', risk DESC, requested_at ASC"
            ).fetchall()
        return [self._row(r) for r in rows]

    def get(self, session_id: str) -> Optional[Handoff]:
        with self._db() as db:
            row = db.execute("SELECT * FROM handoffs WHERE session_id=?", (session_id,)).fetchone()
        return self._row(row) if row else None

    def status(self, session_id: str) -> Optional[str]:
        h = self.get(session_id)
        return h.status if h else None

    def take(self, session_id: str, operator: str, now: Optional[float] = None) -> bool:
        """Atomic: of two operators pressing Take, exactly one gets the conversation."""
        now = time.time() if now is None else now
        with self._db() as db:
            changed = db.execute(
                "UPDATE handoffs SET status='taken', taken_by=?, updated_at=? WHERE session_id=? AND status='waiting'",
                (operator, now, session_id),
            ).rowcount
        if changed:
            self.record(session_id, operator, "took the conversation", now)
            CHANGES.notify("queue", session_id)
        return bool(changed)

    def start_with_operator(self, session_id: str, operator: str, now: Optional[float] = None) -> None:
        """An operator opens a conversation that was never queued (e.g. from the live chat)."""
        now = time.time() if now is None else now
        with self._db() as db:
            db.execute(
                "INSERT INTO handoffs(session_id, status, reason, risk, requested_at, taken_by, updated_at)"
                " VALUES(?, 'taken', 'opened by an operator', 0, ?, ?, ?)"
                " ON CONFLICT(session_id) DO UPDATE SET status='taken', taken_by=excluded.taken_by, updated_at=excluded.updated_at",
                (session_id, now, operator, now),
            )
        self.record(session_id, operator, "took the conversation", now)
        CHANGES.notify("queue", session_id)

    def finish(self, session_id: str, operator: Optional[str], status: str, action: str,
               now: Optional[float] = None) -> bool:
        """Hand back ('returned'), close ('closed') or mark the resident gone ('left')."""
        assert status in ("returned", "closed", "left")
        now = time.time() if now is None else now
        with self._db() as db:
            if operator is None:
                changed = db.execute(
                    "UPDATE handoffs SET status=?, updated_at=? WHERE session_id=? AND status IN ('waiting', 'taken')",
                    (status, now, session_id)).rowcount
            else:
                changed = db.execute(
                    "UPDATE handoffs SET status=?, updated_at=? WHERE session_id=? AND status='taken' AND taken_by=?",
                    (status, now, session_id, operator)).rowcount
        if changed:
            self.record(session_id, operator, action, now)
            CHANGES.notify("queue", session_id)
        return bool(changed)

    def holder(self, session_id: str) -> Optional[str]:
        h = self.get(session_id)
        return h.taken_by if h and h.status == "taken" else None

    def record(self, session_id: str, operator: Optional[str], action: str, now: Optional[float] = None) -> None:
        with self._db() as db:
            db.execute("INSERT INTO audit(session_id, at, operator, action) VALUES(?, ?, ?, ?)",
                       (session_id, time.time() if now is None else now, operator, action[:200]))

    def audit(self, session_id: str) -> list[dict]:
        """Who did what, when: the shape the case system's `operator_actions` takes."""
        with self._db() as db:
            rows = db.execute("SELECT at, operator, action FROM audit WHERE session_id=? ORDER BY id",
                              (session_id,)).fetchall()
        return [{"at": datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="seconds"),
                 "operator": operator, "action": action} for at, operator, action in rows]

    def touch_presence(self, operator: str, now: Optional[float] = None) -> None:
        with self._db() as db:
            db.execute("INSERT INTO presence(operator, last_seen) VALUES(?, ?)"
                       " ON CONFLICT(operator) DO UPDATE SET last_seen=excluded.last_seen",
                       (operator, time.time() if now is None else now))

    def sign_in(self, operator: str) -> None:
        self.touch_presence(operator)
        CHANGES.notify("presence")

    def sign_out(self, operator: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM presence WHERE operator=?", (operator,))
        CHANGES.notify("presence")

    def operators_present(self, now: Optional[float] = None) -> int:
        now = time.time() if now is None else now
        with self._db() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM presence WHERE last_seen >= ?",
                                  (now - PRESENCE_SECONDS,)).fetchone()
        return int(count)

    def forget(self, session_id: str) -> None:
        """The purge (purge/retention.py): the queue entry and its audit go together."""
        with self._db() as db:
            db.execute("DELETE FROM handoffs WHERE session_id=?", (session_id,))
            db.execute("DELETE FROM audit WHERE session_id=?", (session_id,))

    @staticmethod
    def _row(row: tuple) -> Handoff:
        session_id, status, reason, risk, requested_at, taken_by, updated_at = row
        return Handoff(session_id, status, reason, bool(risk), requested_at, taken_by, updated_at)
