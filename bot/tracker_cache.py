"""Keep the conversations this Rasa server has just saved, so the next turn need not read
them back from SQL: :class:`CachingSQLTrackerStore`, Rasa's SQL tracker store with a cache.

A tracker-store subclass is Rasa's supported extension point: endpoints.yml names
``bot.privacy.erasing_store.ErasingSQLTrackerStore``, which is this class plus the erasing, so
the cache works under plain ``rasa run`` as under ``make run``; nothing of Rasa's is replaced.

Rasa 3.6's SQLTrackerStore reads every event of the session from the database on every
turn, decodes the JSON, rebuilds each Event and replays them all: the longest part of a turn
late in an intake (bench/profile_turns.py). Here, after a save, the store remembers the
session's Event objects and the id of the last row written. On the next retrieve one indexed
query (the sender's highest row id) says whether anything else wrote in between: if not, the
tracker is rebuilt from the remembered events (the same replay Rasa does, without the read
and decode); if so — another server, a tool, an operator console in another process — the
entry is dropped and Rasa's own retrieve runs. So the database stays the only truth and
several servers on one database stay correct; the cache only saves work.

Because a retrieved tracker then holds the same Event objects as the last one, the save
that follows knows its new events without Rasa's count query, and bot.tracker_speedups can
carry on from where the last turn's applied events left off.

``ASB_TRACKER_CACHE`` is how many conversations to keep (default 200, the most recently
active; 0 turns this off). A long intake is ~350 events: 0.6 MB of Event objects and 0.25
MB of the dicts bot.request_json keeps for them (measured with tracemalloc), so the default
bounds this near 200 MB.
tests/infra/test_tracker_cache.py shows every retrieve gives what Rasa's gives.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Optional, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.rasa_version_guard import may_patch
from shared.settings import tracker_cache_size

PATCH = "bot/tracker_cache.py (CachingSQLTrackerStore.save writes rows as SQLTrackerStore.save does)"
UPSTREAM = "no upstream issue found (closest: RasaHQ/rasa#2829 'Tracker Store optimization question')"


@dataclass(frozen=True)
class _Entry:
    last_row_id: int
    events: Tuple[Any, ...]  # the session's events, as Rasa's retrieve would return them


def capacity() -> int:
    return tracker_cache_size()


def forget(store: Any, sender_id: str) -> None:
    """Drop this conversation's kept copy (its events were erased: bot/privacy/erase.py).
    Any SQL store may be passed (the purge opens whichever endpoints.yml names)."""
    store.__dict__.get("_asb_cache", {}).pop(sender_id, None)


def _session_events(events: Any) -> Tuple[Any, ...]:
    """What Rasa's retrieve returns: events stamped at or after the latest session start
    (its SQL filters on the timestamp, not the position), or all of them without one."""
    from rasa.shared.core.events import SessionStarted

    starts = [e.timestamp for e in events if isinstance(e, SessionStarted)]
    if not starts:
        return tuple(events)
    since = max(starts)
    return tuple(e for e in events if e.timestamp >= since)


def starts_with(events: Any, prefix: Tuple[Any, ...]) -> bool:
    """Whether events begin with these very Event objects (identity, not equality)."""
    return len(events) >= len(prefix) and all(a is b for a, b in zip(events, prefix))


class CachingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore (same endpoints.yml keys) that keeps what it saved.

    Its ``save`` writes each new event as a row exactly as Rasa's does (tests/infra/
    test_tracker_cache.py compares with Rasa's store), so it depends on Rasa's row format and
    is guarded like the patches (bot/rasa_version_guard.py): on an untested Rasa it refuses to
    start, or with ASB_ALLOW_UNTESTED_RASA=1 keeps nothing and is Rasa's store."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._asb_limit = capacity()
        if self._asb_limit and not may_patch(PATCH, UPSTREAM):
            self._asb_limit = 0
        self._asb_cache: "OrderedDict[str, _Entry]" = OrderedDict()
        column = self.SQLEvent.__table__.c
        # A Core statement built once: the ORM query Rasa would build costs more than the
        # indexed lookup itself.
        self._asb_last_row = sa.select(sa.func.max(column.id)).where(column.sender_id == sa.bindparam("sender_id"))

    def _last_row_id(self, session: Any, sender_id: str) -> Optional[int]:
        return session.execute(self._asb_last_row, {"sender_id": sender_id}).scalar()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        cache = self._asb_cache
        entry = cache.get(sender_id)
        if entry is not None and self.domain is not None:
            with self.session_scope() as session:
                latest = self._last_row_id(session, sender_id)
            if latest == entry.last_row_id:
                cache.move_to_end(sender_id)
                return DialogueStateTracker.from_events(sender_id, list(entry.events), self.domain.slots)
            cache.pop(sender_id, None)  # written elsewhere since: read it as Rasa does
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not self._asb_limit:
            return await super().save(tracker)
        await self.stream_events(tracker)
        cache = self._asb_cache
        sender_id = tracker.sender_id
        entry = cache.pop(sender_id, None)
        with self.session_scope() as session:
            latest = self._last_row_id(session, sender_id)
            if entry is not None and latest == entry.last_row_id and starts_with(tracker.events, entry.events):
                new_events = list(tracker.events)[len(entry.events):]
            else:
                new_events = list(self._additional_events(session, tracker))  # Rasa's own count
            rows = []
            for event in new_events:
                data = event.as_dict()  # as SQLTrackerStore.save writes a row
                rows.append(self.SQLEvent(
                    sender_id=sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.add_all(rows)
            session.flush()  # assigns the row ids
            written = rows[-1].id if rows else latest
            session.commit()
        if written is not None and tracker._max_event_history is None:
            cache[sender_id] = _Entry(written, _session_events(tracker.events))
            while len(cache) > self._asb_limit:
                cache.popitem(last=False)
