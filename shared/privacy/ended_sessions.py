"""Chat sessions the resident ended (quick exit, "end chat"), kept in the database so that a
restarted Rasa server - or another instance - still refuses their tokens
(bot/channels/socketio.py).

Only the random session id and when it ended are kept, and only for as long as a token could
still be presented (its maximum age): the purge removes older rows (purge/retention.py).
An SQLite file (ASB_ENDED_SESSIONS_DB) or ASB_DATABASE_URL's database (shared/storage).
The calls block: async code makes them through shared.storage.blocking.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional, Union

import sqlalchemy as sa

from shared.storage import database, reading, upsert, writing
from shared.storage.schema import ended as T


class EndedSessions:
    """The set-like ``add`` / ``in`` that SessionTokens uses, backed by the database."""

    def __init__(self, path: Union[Path, str]) -> None:
        self.db = database(path, "ended_sessions")

    def add(self, session_id: str, now: Optional[float] = None) -> None:
        with writing(self.db) as conn:
            upsert(conn, T, {"session_id": session_id, "ended_at": time.time() if now is None else now},
                   keys=["session_id"])

    def __contains__(self, session_id: object) -> bool:
        if not isinstance(session_id, str):
            return False
        with reading(self.db) as conn:
            return conn.execute(sa.select(T.c.session_id).where(T.c.session_id == session_id)).first() is not None

    def purge(self, before: float) -> int:
        """Forget sessions ended before this time (their tokens have expired anyway)."""
        with writing(self.db) as conn:
            return conn.execute(T.delete().where(T.c.ended_at < before)).rowcount

    def close(self) -> None:
        pass
