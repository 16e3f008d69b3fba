"""The console's live feed: server-sent events at GET /console/api/events.

Each signed-in console keeps one stream open; every change the handoff store or runtime
announces (shared/handoff/changes.py) goes down it at once as ``data: {"kind", "session_id"}``,
and the page fetches what changed. Server-sent events rather than a WebSocket: one direction
is all that is needed, the browser's EventSource reconnects by itself, and it is a plain GET
behind the same cookie check as the rest of the API.

A comment line every ``BEAT_SECONDS`` keeps proxies and Sanic's response timeout (which
counts from the last byte sent) from closing a quiet stream, and is when the operator's
presence is renewed: an open console is a signed-in operator.
"""

from __future__ import annotations

import json
from typing import Awaitable, Callable

from sanic.request import Request

from shared.handoff.changes import CHANGES, Change

BEAT_SECONDS = 15.0
RECONNECT_MS = 2000


def _event(change: Change) -> str:
    kind, session_id = change
    return f"data: {json.dumps({'kind': kind, 'session_id': session_id})}\n\n"


async def stream_changes(request: Request, headers: dict, signed_in: Callable[[], Awaitable[bool]],
                         beat: Callable[[], Awaitable[None]]) -> None:
    """Answer `request` with the change feed until the browser goes, the operator signs out
    (or their session ends), or the server stops.

    A closed browser cancels this task (Sanic does when the connection drops); the listener is
    removed either way by ``CHANGES.listen``.
    """
    response = await request.respond(
        content_type="text/event-stream; charset=utf-8",
        headers={**headers, "X-Accel-Buffering": "no"},  # nginx: pass each event on at once
    )
    async with CHANGES.listen() as listener:
        # "hello" first: the page re-reads everything, which covers what changed while it
        # was reconnecting.
        await response.send(f"retry: {RECONNECT_MS}\n" + _event(("hello", None)))
        while not listener.closed:
            changes = await listener.wait(BEAT_SECONDS)
            if not await signed_in():
                break  # the page's reconnect then gets 401 and goes to sign-in
            if changes:
                await response.send("".join(_event(c) for c in changes))
            elif not listener.closed:
                await beat()
                await response.send(": beat\n\n")
    await response.eof()
