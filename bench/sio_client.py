"""For developers: a minimal socket.io (v5, engine.io v4) client over a WebSocket, the transport browsers use.

python-engineio 4.15's WebSocket client needs aiohttp >= 3.10 (ClientWSTimeout) while the
venv has 3.9.5 (pinned through Rasa), so the benchmark speaks the few packets it needs itself
with the `websockets` package that Rasa already brings: open, namespace connect, events,
ping/pong. Handlers are called with the event's single argument (or None). Extra headers
(the balancer's sticky cookie, bench/scaled_stack.py) go with the opening request.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Awaitable, Callable, Mapping, Optional

import websockets

Handler = Callable[[Any], Awaitable[None]]


class SocketIOClient:
    def __init__(self) -> None:
        self.handlers: dict[str, Handler] = {}
        self._ws = None
        self._reader: Optional[asyncio.Task] = None
        self._connected = asyncio.Event()

    def on(self, event: str, handler: Handler) -> None:
        self.handlers[event] = handler

    async def connect(self, url: str, origin: Optional[str] = None, path: str = "/socket.io",
                      timeout: float = 30.0, headers: Optional[Mapping[str, str]] = None) -> None:
        ws_url = url.replace("http", "ws", 1).rstrip("/") + f"{path}/?EIO=4&transport=websocket"
        self._ws = await asyncio.wait_for(
            websockets.connect(ws_url, origin=origin, max_size=2**22, ping_interval=None,
                               extra_headers=dict(headers or {})), timeout)
        self._reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def emit(self, event: str, data: Any) -> None:
        await self._ws.send("42" + json.dumps([event, data]))

    async def _read(self) -> None:
        try:
            async for packet in self._ws:
                if not isinstance(packet, str):
                    continue
                if packet.startswith("0"):  # engine.io open: connect to the default namespace
                    await self._ws.send("40")
                elif packet == "2":  # ping
                    await self._ws.send("3")
                elif packet.startswith("40"):
                    self._connected.set()
                elif packet.startswith("42"):
                    event, *args = json.loads(packet[2:])
                    handler = self.handlers.get(event)
                    if handler is not None:
                        await handler(args[0] if args else None)
        except websockets.ConnectionClosed:
            pass

    async def disconnect(self) -> None:
        if self._ws is not None:
            try:
                await self._ws.send("41")
            except websockets.ConnectionClosed:
                pass
            await self._ws.close()
        if self._reader is not None:
            await self._reader
