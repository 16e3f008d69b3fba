"""The socket.io client manager: python-socketio's Redis manager when instances share Redis.

Sockets live in the process that accepted them. The channel emits to a room named by the
session id; with the Redis manager the emit is published and every instance delivers it to
the sockets it holds, so an operator's message sent through instance A reaches a resident
connected to B, and so do the answers to a REST or console action taken anywhere.
"""

from __future__ import annotations

from typing import Any, Optional

from shared import settings

CHANNEL = "asb-socketio"


def client_manager() -> Optional[Any]:
    """An AsyncRedisManager on ASB_REDIS_HOST, or None (python-socketio's in-process manager)."""
    url = settings.redis_url()
    if url is None:
        return None
    from socketio import AsyncRedisManager

    return AsyncRedisManager(url, channel=CHANNEL)
