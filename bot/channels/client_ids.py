"""Answer each widget message once, however often a bad connection makes the widget send it.

The widget gives every message a client id and resends it until the server acknowledges
it; an acknowledgement can be lost with the connection, so the same id may arrive twice.
The first arrival is processed; a later one waits for that processing to finish and is then
acknowledged again, without being processed a second time.

Memory is bounded: only the most recent ``max_entries`` (conversation, client id) pairs are
remembered - far more than the messages a widget could still be resending.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from typing import Any, Optional, Tuple

# crypto.randomUUID() gives 36 characters; allow a little room, nothing else.
_CLIENT_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
DEFAULT_MAX_ENTRIES = 20000


def valid_client_id(value: Any) -> Optional[str]:
    """The client id if it is well formed, else None (the message is then not deduplicated)."""
    return value if isinstance(value, str) and _CLIENT_ID.match(value) else None


class ClientIds:
    """(conversation, client id) -> a future that is done once the message was processed."""

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._seen: "OrderedDict[Tuple[str, str], asyncio.Future]" = OrderedDict()

    def claim(self, conversation: str, client_id: str) -> Optional[asyncio.Future]:
        """None if this is the first arrival (the caller processes it and calls ``finish``);
        otherwise the earlier arrival's future, done when that one has been processed."""
        key = (conversation, client_id)
        earlier = self._seen.get(key)
        if earlier is not None:
            self._seen.move_to_end(key)
            return earlier
        self._seen[key] = asyncio.get_running_loop().create_future()
        while len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return None

    def finish(self, conversation: str, client_id: str, processed: bool = True) -> None:
        """Mark the first arrival done. If it failed, forget it, so a resend is processed."""
        key = (conversation, client_id)
        future = self._seen.get(key)
        if not processed:
            self._seen.pop(key, None)
        if future is not None and not future.done():
            future.set_result(processed)

    def __len__(self) -> int:
        return len(self._seen)
