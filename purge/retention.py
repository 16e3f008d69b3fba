"""Purge by age: what the product keeps, and for how long (docs/privacy.md).

- A conversation with no application waiting to be delivered is deleted
  ``ASB_RETAIN_CONVERSATIONS_DAYS`` (default 30) after its last event: its tracker rows and its
  handoff queue entry and audit.
- A delivered application's payload is deleted ``ASB_RETAIN_DELIVERED_DAYS`` (default 30)
  after the case system acknowledged it (HTTP 201 with its reference), and its conversation and
  handoff entries with it. The outbox row keeps only the references and dates.
- Pending and rejected applications, and their conversations, are kept: the first is not yet
  safe with the case system, the second waits for staff (``asb-review outbox``).
- Ended chat sessions are forgotten once their token could no longer be used.

The case system keeps its own records under its own rules.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

import sqlalchemy as sa

from shared import settings as env

logger = logging.getLogger("asb.privacy")
DAY_S = 86400.0


def erase_conversation(store: Any, sender_id: str, handoff: Optional[Any] = None) -> int:
    """Every row of the conversation in the tracker store, and its handoff queue entry and
    audit (``handoff``: a shared.handoff.store.HandoffStore). Returns the tracker rows deleted.
    The Rasa server's kept copies need no word from here: its cache sees the rows are gone
    (bot/tracker_cache.py checks the highest row id on every retrieve)."""
    column = store.SQLEvent.__table__.c
    with store.session_scope() as session:
        deleted = session.execute(sa.delete(store.SQLEvent.__table__).where(column.sender_id == sender_id)).rowcount
        session.commit()
    if handoff is not None:
        handoff.forget(sender_id)
    return deleted


@dataclass(frozen=True)
class Policy:
    conversation_days: float = field(default_factory=env.retain_conversations_days)
    delivered_days: float = field(default_factory=env.retain_delivered_days)
    session_max_age_s: float = field(default_factory=env.session_max_age_s)


@dataclass
class Purged:
    payloads: int = 0
    conversations: int = 0
    events: int = 0
    ended_sessions: int = 0

    def __str__(self) -> str:
        return (f"purged {self.payloads} delivered application payload(s), {self.conversations} conversation(s) "
                f"({self.events} event rows), {self.ended_sessions} ended session id(s)")


def idle_conversations(store: Any, before: float) -> list[str]:
    """Conversations whose latest event is older than ``before`` (a Unix time)."""
    column = store.SQLEvent.__table__.c
    query = sa.select(column.sender_id).group_by(column.sender_id).having(sa.func.max(column.timestamp) < before)
    with store.session_scope() as session:
        return [sender_id for (sender_id,) in session.execute(query)]


def purge(store: Any, outbox_db: Union[Path, str, None], handoff: Any, ended: Any, policy: Optional[Policy] = None,
          now: Optional[float] = None) -> Purged:
    """One pass of the retention policy. ``store``: the tracker store (bot/privacy/erasing_store.py
    or Rasa's SQLTrackerStore); ``handoff``: a HandoffStore; ``ended``: EndedSessions."""
    from shared.outbox import queue

    policy = policy or Policy()
    now = time.time() if now is None else now
    done = Purged()
    erase = set()
    outbox = queue.connect(outbox_db)
    acknowledged_before = datetime.fromtimestamp(now - policy.delivered_days * DAY_S, timezone.utc)
    purged = queue.purge_delivered(outbox, acknowledged_before)  # SQLite: secure_delete, then a checkpoint
    done.payloads = len(purged)
    erase.update(purged)
    kept = queue.kept_conversations(outbox)
    erase.update(set(idle_conversations(store, now - policy.conversation_days * DAY_S)) - kept)
    for sender_id in sorted(erase):
        done.events += erase_conversation(store, sender_id, handoff)
    done.conversations = len(erase)
    done.ended_sessions = ended.purge(now - policy.session_max_age_s - 300)  # verify() allows 5 min of skew
    logger.info("%s", done)
    return done

