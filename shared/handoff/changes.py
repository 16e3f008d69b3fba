"""Tell the operator consoles in this process that something changed, the moment it does.

The handoff store and runtime call ``CHANGES.notify(kind, session_id)`` on every message,
take, hand-back, close and queue change; each open console event stream (bot/console/events.py)
listens and is woken at once, instead of the console asking every half second. The store runs
in worker threads (bot/handoff/runtime.in_store), so ``notify`` is thread-safe; in a process
with no console (the action server) nobody listens and it costs nothing.

Changes are coalesced per listener: a console that is slow to read gets each (kind, session)
once, and past ``MAX_PENDING`` distinct changes a single "everything" change, so a stalled
browser can never make the server hold an unbounded backlog.
"""

from __future__ import annotations

import asyncio
import threading
from contextlib import asynccontextmanager
from typing import AsyncIterator, Callable, Optional

MAX_PENDING = 100
EVERYTHING = ("everything", None)

Change = tuple[str, Optional[str]]  # (kind, session id): kind is "message", "queue" or "presence"


class Listener:
    """One console's view of the changes; made by ``ChangeNotifier.listen``."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._wake = asyncio.Event()
        self._pending: dict[Change, None] = {}  # insertion-ordered set
        self.closed = False

    def _add(self, change: Change) -> None:  # under the notifier's lock
        if len(self._pending) >= MAX_PENDING:
            self._pending = {EVERYTHING: None}
        elif EVERYTHING not in self._pending:
            self._pending[change] = None

    async def wait(self, timeout: float) -> list[Change]:
        """The changes since the last call, waiting up to `timeout` s for one ([] if none came)."""
        try:
            await asyncio.wait_for(self._wake.wait(), timeout)
        except asyncio.TimeoutError:
            return []
        self._wake.clear()
        with _LOCK:
            changes, self._pending = list(self._pending), {}
        return changes


_LOCK = threading.Lock()


class ChangeNotifier:
    def __init__(self) -> None:
        self._listeners: set[Listener] = set()
        # Set when several instances share Redis (bot/scale_out/change_relay.py): each change
        # is passed on to the consoles of the other instances too. Callable from any thread.
        self.relay: Optional[Callable[[str, Optional[str]], None]] = None

    @property
    def listeners(self) -> int:
        return len(self._listeners)

    @property
    def heard(self) -> bool:
        """Whether a change can reach a console: one here, or any instance's through the relay."""
        return bool(self._listeners) or self.relay is not None

    def notify(self, kind: str, session_id: Optional[str] = None) -> None:
        """Wake every listener, here and (through the relay) on the other instances; callable
        from the event loop or from any thread."""
        self.deliver(kind, session_id)
        relay = self.relay
        if relay is not None:
            relay(kind, session_id)

    def deliver(self, kind: str, session_id: Optional[str] = None) -> None:
        """Wake this process's listeners only (a change another instance relayed)."""
        with _LOCK:
            listeners = list(self._listeners)
            for listener in listeners:
                listener._add((kind, session_id))
        for listener in listeners:
            _wake(listener)

    @asynccontextmanager
    async def listen(self) -> AsyncIterator[Listener]:
        """A listener for as long as the block runs; removed however it ends (a closed browser
        cancels the streaming task)."""
        listener = Listener(asyncio.get_running_loop())
        with _LOCK:
            self._listeners.add(listener)
        try:
            yield listener
        finally:
            with _LOCK:
                self._listeners.discard(listener)

    def close_all(self) -> None:
        """Server shutting down: every listener's stream ends now rather than at its next beat."""
        with _LOCK:
            listeners = list(self._listeners)
            for listener in listeners:
                listener.closed = True
        for listener in listeners:
            _wake(listener)


def _wake(listener: Listener) -> None:
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is listener._loop:
        listener._wake.set()
    elif not listener._loop.is_closed():
        listener._loop.call_soon_threadsafe(listener._wake.set)


CHANGES = ChangeNotifier()  # the one per process
