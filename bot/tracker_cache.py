"""Keep the conversations this Rasa server has just saved, so the next turn need not read
them back from SQL.

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

import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Optional, Tuple

_installed = False


@dataclass(frozen=True)
class _Entry:
    last_row_id: int
    events: Tuple[Any, ...]  # the session's events, as Rasa's retrieve would return them


def capacity() -> int:
    try:
        return max(0, int(os.environ.get("ASB_TRACKER_CACHE", "200")))
    except ValueError:
        return 200


def _cache(store: Any) -> "OrderedDict[str, _Entry]":
    cache = store.__dict__.get("_asb_cache")
    if cache is None:
        cache = store.__dict__["_asb_cache"] = OrderedDict()
    return cache


def forget(store: Any, sender_id: str) -> None:
    """Drop this conversation's kept copy (its events were erased: bot/privacy/erase.py)."""
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


def install() -> None:
    global _installed
    limit = capacity()
    if _installed or limit == 0:
        return
    import json

    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.constants import INTENT_NAME_KEY

    rasa_retrieve = SQLTrackerStore.retrieve
    rasa_delete = getattr(SQLTrackerStore, "delete", None)

    def last_row_id(store: Any, session: Any, sender_id: str) -> Optional[int]:
        # A Core statement built once per store: the ORM query Rasa would build costs more
        # than the indexed lookup itself.
        statement = store.__dict__.get("_asb_last_row")
        if statement is None:
            column = store.SQLEvent.__table__.c
            statement = store.__dict__["_asb_last_row"] = (
                sa.select(sa.func.max(column.id)).where(column.sender_id == sa.bindparam("sender_id")))
        return session.execute(statement, {"sender_id": sender_id}).scalar()

    async def retrieve(self, sender_id):  # noqa: ANN001, ANN202 - Rasa's signature
        cache = _cache(self)
        entry = cache.get(sender_id)
        if entry is not None and self.domain is not None:
            with self.session_scope() as session:
                latest = last_row_id(self, session, sender_id)
            if latest == entry.last_row_id:
                cache.move_to_end(sender_id)
                return DialogueStateTracker.from_events(sender_id, list(entry.events), self.domain.slots)
            cache.pop(sender_id, None)  # written elsewhere since: read it as Rasa does
        return await rasa_retrieve(self, sender_id)

    async def save(self, tracker):  # noqa: ANN001, ANN202 - Rasa's signature
        await self.stream_events(tracker)
        cache = _cache(self)
        sender_id = tracker.sender_id
        entry = cache.pop(sender_id, None)
        with self.session_scope() as session:
            latest = last_row_id(self, session, sender_id)
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
            while len(cache) > limit:
                cache.popitem(last=False)

    async def delete(self, sender_id):  # noqa: ANN001, ANN202 - Rasa's signature
        _cache(self).pop(sender_id, None)
        return await rasa_delete(self, sender_id)

    SQLTrackerStore.retrieve = retrieve
    SQLTrackerStore.save = save
    if rasa_delete is not None:
        SQLTrackerStore.delete = delete
    _installed = True
