"""The project's tracker store: Rasa's SQL store, kept copies (bot/tracker_cache.py), and a
restart deletes what came before it.

Configured in endpoints.yml (``type: bot.privacy.erasing_store.ErasingSQLTrackerStore``, the
same ``dialect``/``db``/... keys as Rasa's ``SQL``), Rasa's supported way to bring a tracker
store, so plain ``rasa run`` gets all of it. One class hierarchy, one concern a module:
SQLTrackerStore (Rasa) <- CachingSQLTrackerStore (bot/tracker_cache.py, speed) <-
ErasingSQLTrackerStore (here, privacy). "Start again" and "stop" (confirmed) and the quick exit
all record a ``Restarted`` event; when a save writes one, the conversation's earlier rows and
the server's kept copies are erased (bot/privacy/erase.py).

Rasa creates this store while it starts, after it has configured logging and before the
server takes any message, also under plain ``rasa run``: that is where log redaction is
switched on (bot/privacy/redact.py).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bot.privacy.erase import erase_before_restart, last_restart
from bot.privacy.redact import install as install_redaction
from bot.tracker_cache import CachingSQLTrackerStore


class ErasingSQLTrackerStore(CachingSQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install_redaction()  # Rasa's logging is configured by now; no message has come yet
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLite leaves a deleted row's bytes in the file's free pages; this overwrites them.
            sa.event.listen(self.engine, "connect", _secure_delete)
            self.engine.dispose()  # connections made before the listener are not reused

    async def save(self, tracker: Any) -> None:
        await super().save(tracker)  # the cache's save (Rasa's own when the cache is off)
        position = last_restart(tracker.events)
        if position:  # events before a restart are still held: erase them
            erase_before_restart(self, tracker, position)


def _secure_delete(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA secure_delete=ON")
