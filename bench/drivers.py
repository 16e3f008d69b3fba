"""For developers: simulated residents over the REST and socket.io channels, and the load loop.

Each resident holds one conversation at a time and sends the next message only when the
reply to the last is complete (a closed loop, like a person). Records hold timings and error
kinds only: nothing a resident typed is kept or printed.

Behind a balancer that pins clients by address (bench/scaled_stack.py; every resident here is
127.0.0.1), a Target that names its instances sends each conversation to the next instance in
turn, by the sticky cookie the balancer honours, on both channels.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import traceback
import uuid
from dataclasses import dataclass, field
from typing import Optional

import aiohttp

from bench.scenarios import Script, message_for
from bench.sio_client import SocketIOClient
from shared.settings import bench_debug

TURN_TIMEOUT_S = 120.0


class TurnFailed(Exception):
    """A turn got no usable answer; the message is a kind of error, never conversation text."""


@dataclass
class Target:
    """Where to reach one system, and how its socket.io channel behaves."""

    url: str
    origin: Optional[str] = None  # the Origin header socket.io requires (None: none sent)
    signed_sessions: bool = True  # our channel: token sessions and a reply_done event
    messages_per_reply: int = 1  # stock channel: a reply is complete after this many messages
    token: Optional[str] = None  # our REST channel needs the API token (bot/channels/rest.py)
    sticky_cookie: Optional[str] = None  # the balancer's cookie naming an instance (ASB_INSTANCE)
    instances: tuple[str, ...] = ()  # its values; conversations go to each in turn

    def cookie_header(self, instance: Optional[str]) -> dict[str, str]:
        return {"Cookie": f"{self.sticky_cookie}={instance}"} if self.sticky_cookie and instance else {}


@dataclass
class Outcome:
    script: str
    latencies: list[float] = field(default_factory=list)
    error: Optional[str] = None
    seconds: float = 0.0


def _buttons(message: dict) -> dict:
    """socket.io sends buttons as quick_replies; the REST channel as buttons."""
    if "quick_replies" in message and "buttons" not in message:
        message = dict(message, buttons=message.get("quick_replies") or [])
    return message


class RestResident:
    def __init__(self, target: Target, session: aiohttp.ClientSession, instance: Optional[str] = None):
        self.target, self.http = target, session
        self.sender = ""
        self.headers = target.cookie_header(instance)
        if target.token:
            self.headers["Authorization"] = f"Bearer {target.token}"

    async def start(self) -> None:
        self.sender = f"bench-{uuid.uuid4().hex}"

    async def say(self, text: str, today: Optional[str]) -> list[dict]:
        body: dict = {"sender": self.sender, "message": text}
        if today:
            body["metadata"] = {"today": today}
        async with self.http.post(f"{self.target.url}/webhooks/rest/webhook", json=body,
                                  headers=self.headers or None) as r:
            if r.status != 200:
                raise TurnFailed(f"HTTP {r.status}")
            reply = await r.json()
        if not isinstance(reply, list):
            raise TurnFailed("reply is not a list")
        return reply

    async def close(self) -> None:
        pass


class SocketResident:
    """One browser tab: its own socket, a fresh session per conversation."""

    def __init__(self, target: Target, _session: aiohttp.ClientSession, instance: Optional[str] = None):
        self.target = target
        self.headers = target.cookie_header(instance)
        self.sio = SocketIOClient()
        self.token: Optional[str] = None
        self.reply: list[dict] = []
        self.confirmed = asyncio.Event()
        self.done = asyncio.Event()
        self.sio.on("session_confirm", self._confirm)
        self.sio.on("bot_uttered", self._uttered)
        self.sio.on("reply_done", self._reply_done)

    async def _confirm(self, data) -> None:
        self.token = data.get("session_id") if isinstance(data, dict) else data
        self.confirmed.set()

    async def _uttered(self, data) -> None:
        self.reply.append(_buttons(data if isinstance(data, dict) else {"text": str(data)}))
        if not self.target.signed_sessions and len(self.reply) >= self.target.messages_per_reply:
            self.done.set()

    async def _reply_done(self, _data=None) -> None:
        self.done.set()

    async def start(self) -> None:
        await self.sio.connect(self.target.url, origin=self.target.origin, headers=self.headers or None)
        self.confirmed.clear()
        await self.sio.emit("session_request", {})
        await asyncio.wait_for(self.confirmed.wait(), 30)

    async def say(self, text: str, today: Optional[str]) -> list[dict]:
        self.reply = []
        self.done.clear()
        data: dict = {"message": text, "session_id": self.token}
        if today:
            data["customData"] = {"today": today}
        await self.sio.emit("user_uttered", data)
        await self.done.wait()
        return self.reply

    async def close(self) -> None:
        await self.sio.disconnect()


CHANNELS = {"rest": RestResident, "socketio": SocketResident}


async def converse(resident, script: Script) -> Outcome:
    outcome = Outcome(script.name)
    started = time.perf_counter()
    try:
        await asyncio.wait_for(resident.start(), 60)
        reply: list[dict] = []
        for number, step in enumerate(script.steps, 1):
            text = message_for(step, reply)
            if text is None:
                raise TurnFailed(f"step {number}: the button to press was not offered")
            t0 = time.perf_counter()
            try:
                reply = await asyncio.wait_for(resident.say(text, script.today), TURN_TIMEOUT_S)
            except asyncio.TimeoutError:
                raise TurnFailed(f"step {number}: no complete reply within {TURN_TIMEOUT_S:.0f} s") from None
            outcome.latencies.append(time.perf_counter() - t0)
            if not reply:
                raise TurnFailed(f"step {number}: empty reply")
        if script.done_mark and not any(script.done_mark in (m.get("text") or "") for m in reply):
            raise TurnFailed("the conversation ended without a reference")
    except TurnFailed as exc:
        outcome.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - any transport failure is a counted error
        outcome.error = f"{type(exc).__name__}"
        if bench_debug():
            traceback.print_exc()  # code locations only; the texts sent are not in it
    finally:
        try:
            await resident.close()
        except Exception:  # noqa: BLE001
            pass
        outcome.seconds = time.perf_counter() - started
    return outcome


@dataclass
class LoadResult:
    channel: str
    concurrency: int
    wall_seconds: float
    outcomes: list[Outcome]


async def _load(target: Target, channel: str, scripts: list[Script], concurrency: int,
                conversations: int) -> LoadResult:
    queue: asyncio.Queue = asyncio.Queue()
    for i in range(conversations):
        queue.put_nowait(scripts[i % len(scripts)])
    outcomes: list[Outcome] = []
    turn = itertools.count()  # conversation number: which instance it goes to
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency + 2)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:

        async def resident_loop() -> None:
            while not queue.empty():
                script = queue.get_nowait()
                instance = target.instances[next(turn) % len(target.instances)] if target.instances else None
                outcomes.append(await converse(CHANNELS[channel](target, session, instance), script))

        started = time.perf_counter()
        await asyncio.gather(*(resident_loop() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return LoadResult(channel, concurrency, wall, outcomes)


def run_load(target: Target, channel: str, scripts: list[Script], concurrency: int,
             conversations: int) -> LoadResult:
    return asyncio.run(_load(target, channel, scripts, concurrency, conversations))
