"""Chat sessions the resident ended (quick exit, "end chat"), kept in SQLite so that a
restarted Rasa server still refuses their tokens (bot/channels/socketio.py).

Only the random session id and when it ended are kept, and only for as long as a token could
still be presented (its maximum age): the purge removes older rows (purge/retention.py).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Optional

SCHEMA = "CREATE TABLE IF NOT EXISTS ended (session_id TEXT PRIMARY KEY, ended_at REAL NOT NULL)"


class EndedSessions:
    """The set-like ``add`` / ``in`` that SessionTokens uses, backed by a file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection, used from the event loop and threads alike, one statement at a time.
        self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)

    def add(self, session_id: str, now: Optional[float] = None) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO ended(session_id, ended_at) VALUES(?, ?)",
                             (session_id, time.time() if now is None else now))

    def __contains__(self, session_id: object) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM ended WHERE session_id=?", (session_id,)).fetchone() is not None

    def purge(self, before: float) -> int:
        """Forget sessions ended before this time (their tokens have expired anyway)."""
        with self._lock:
            return self._db.execute("DELETE FROM ended WHERE ended_at < ?", (before,)).rowcount

    def close(self) -> None:
        self._db.close()
