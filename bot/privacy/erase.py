"""Erase a conversation's personal data: from the tracker store's rows, the Rasa server's
kept copies (bot/tracker_cache.py, bot/tracker_speedups.py) and the handoff store.

Two cases:

- ``erase_before_restart``: "start again" or "stop" confirmed, or the quick exit. Each of them
  records Rasa's ``Restarted`` event, after which Rasa itself ignores every earlier event (a
  tracker's applied events start again there). So deleting the rows before it changes nothing
  the assistant predicts or remembers; it only makes "deleted" true.
- The purge (purge/retention.py, a process of its own) removes whole conversations itself.

The tracker store may be SQLite or PostgreSQL: rows are deleted through Rasa's own SQLAlchemy
table, never with hand-written SQL for one dialect.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

logger = logging.getLogger("asb.privacy")


def last_restart(events: Any) -> int:
    """Position of the latest Restarted event among events (0 when there is none)."""
    from rasa.shared.core.events import Restarted

    for position in range(len(events) - 1, 0, -1):
        if isinstance(events[position], Restarted):
            return position
    return 0


def erase_before_restart(store: Any, tracker: Any, position: int) -> int:
    """Delete the conversation's rows before its latest restart (earlier sessions included),
    and drop the events before it from ``tracker`` so memory and database agree (Rasa's own
    save counts stored rows to know which events are new). Returns the rows deleted."""
    sender_id = tracker.sender_id
    column = store.SQLEvent.__table__.c
    with store.session_scope() as session:
        restart_row = session.execute(
            sa.select(sa.func.max(column.id)).where(column.sender_id == sender_id, column.type_name == "restart")
        ).scalar()
        if restart_row is None:  # not written (a failed save): nothing is known to be safe to delete
            return 0
        deleted = session.execute(
            sa.delete(store.SQLEvent.__table__).where(column.sender_id == sender_id, column.id < restart_row)
        ).rowcount
        session.commit()
    for _ in range(position):
        tracker.events.popleft()
    forget_in_memory(store, sender_id)
    logger.info("conversation=%s erased before its restart (%d events)", sender_id, deleted)
    return deleted


def forget_in_memory(store: Any, sender_id: str) -> None:
    """The Rasa server's kept copies of the conversation's events."""
    from bot.tracker_cache import forget as forget_cached
    from bot.tracker_speedups import forget as forget_history

    forget_cached(store, sender_id)
    forget_history(sender_id)
