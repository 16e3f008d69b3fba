"""Rasa's SQL tracker store, but a restart deletes what came before it.

Configured in endpoints.yml (``type: bot.privacy.erasing_store.ErasingSQLTrackerStore``, the
same ``dialect``/``db``/... keys as Rasa's ``SQL``). "Start again" and "stop" (confirmed) and
the quick exit all record a ``Restarted`` event; when a save writes one, the conversation's
earlier rows and the server's kept copies are erased (bot/privacy/erase.py).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot.privacy.erase import erase_before_restart, last_restart


class ErasingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLite leaves a deleted row's bytes in the file's free pages; this overwrites them.
            sa.event.listen(self.engine, "connect", _secure_delete)
            self.engine.dispose()  # connections made before the listener are not reused

    async def save(self, tracker: Any) -> None:
        await super().save(tracker)  # Rasa's save (or bot/tracker_cache.py's, which replaces it)
        position = last_restart(tracker.events)
        if position:  # events before a restart are still held: erase them
            erase_before_restart(self, tracker, position)


def _secure_delete(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA secure_delete=ON")
