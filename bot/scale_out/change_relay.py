"""Operator consoles hear changes made on any instance: change notices over Redis pub/sub.

A console's live feed (bot/console/events.py) is woken by ``CHANGES`` in its own process. With
several instances the change may happen elsewhere: the resident's message arrives at B, the
action server queues a conversation through B, an operator takes it through C. Each instance
publishes its notices to one Redis channel and delivers the others' to its own consoles.

Only (kind, session id) crosses Redis, never words. Notices are hints that make a console
re-read the store: if Redis is down, the console still sees everything at its next reconnect
("hello" re-reads all), so a full queue drops notices rather than holding the server up.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from typing import Any, Optional

from shared.handoff.changes import CHANGES, ChangeNotifier

logger = logging.getLogger("asb.scale_out")

CHANNEL = "asb-console-changes"
QUEUE_SIZE = 1000
RETRY_S = 1.0


class ChangeRelay:
    def __init__(self, url: str, notifier: ChangeNotifier = CHANGES) -> None:
        self.url = url
        self.notifier = notifier
        self.origin = secrets.token_hex(8)  # this process: its own notices come back, ignored
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._queue: "asyncio.Queue[str]" = asyncio.Queue(QUEUE_SIZE)
        self._tasks: list[asyncio.Task] = []
        self.subscribed = asyncio.Event()

    async def start(self) -> None:
        from redis import asyncio as aioredis

        self._loop = asyncio.get_running_loop()
        self._client = aioredis.from_url(self.url)
        self._tasks = [asyncio.create_task(self._publish_queued()), asyncio.create_task(self._listen())]
        self.notifier.relay = self.publish_soon

    async def stop(self) -> None:
        if self.notifier.relay == self.publish_soon:
            self.notifier.relay = None
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._client.close()

    def publish_soon(self, kind: str, session_id: Optional[str]) -> None:
        """Queue a notice for the other instances; callable from any thread, never blocks."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        message = json.dumps([self.origin, kind, session_id])
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._put(message)
        else:
            loop.call_soon_threadsafe(self._put, message)

    def _put(self, message: str) -> None:
        try:
            self._queue.put_nowait(message)
        except asyncio.QueueFull:
            pass  # Redis is behind or down: consoles catch up when they reconnect

    async def _publish_queued(self) -> None:
        while True:
            message = await self._queue.get()
            try:
                await self._client.publish(CHANNEL, message)
            except Exception as exc:  # noqa: BLE001 - a lost hint, never a lost message
                logger.warning("console change not relayed (%s)", type(exc).__name__)
                await asyncio.sleep(RETRY_S)

    async def _listen(self) -> None:
        while True:
            try:
                pubsub = self._client.pubsub()
                await pubsub.subscribe(CHANNEL)
                self.subscribed.set()
                async for item in pubsub.listen():
                    if item.get("type") == "message":
                        self._deliver(item.get("data"))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Redis restarting: subscribe again
                self.subscribed.clear()
                logger.warning("console change relay lost Redis (%s); retrying", type(exc).__name__)
                await asyncio.sleep(RETRY_S)

    def _deliver(self, data: Any) -> None:
        try:
            origin, kind, session_id = json.loads(data)
        except (TypeError, ValueError):
            return
        if origin != self.origin and isinstance(kind, str) and (session_id is None or isinstance(session_id, str)):
            self.notifier.deliver(kind, session_id)
