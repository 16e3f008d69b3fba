"""A resident's widget through the balancer, as far as the servers can tell: socket.io with the
demo page's origin, long-polling only (every request of a session must reach the same server:
the case the balancer's stickiness is for; this aiohttp is too old for the client's WebSocket), a signed session token it resumes with after a
dropped connection (as webchat/widget.js does). ``instance`` sends the balancer's cookie, the way
a browser that was given it would, to put this resident on one named Rasa server."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Optional

import aiohttp
import socketio
from yarl import URL

from tools.dialogue_tests.runner import find_button
from tools.dialogue_tests.story import Step

REFERENCE = re.compile(r"Your reference is (ASB-[A-Z0-9-]+)")


class Resident:
    def __init__(self, url: str, origin: str, today: str, instance: Optional[str] = None) -> None:
        self.url, self.origin, self.today, self.instance = url, origin, today, instance
        self.token: Optional[str] = None
        self.client: Optional[socketio.AsyncClient] = None
        self.heard: list[dict] = []  # every bot message, however it came (operator's words too)
        self.reply: list[dict] = []  # the current turn's
        self.last_reply: list[dict] = []
        self.sent: list[str] = []
        self._done = asyncio.Event()
        self.dropped = asyncio.Event()

    @property
    def session_id(self) -> str:
        assert self.token
        return self.token.split(".")[0]

    async def open(self, timeout: float = 30.0) -> bool:
        """Connect (again) and ask for the session: a new one, or this resident's own. Returns
        whether the server resumed it."""
        # The balancer's cookie goes in a cookie jar, not a header: the client sends its own
        # headers only with the first request, and every request must reach the same server.
        jar = aiohttp.CookieJar(unsafe=True)  # unsafe: keeps cookies of an IP-address host
        if self.instance:
            jar.update_cookies({"ASB_INSTANCE": self.instance}, response_url=URL(self.url))
        client = socketio.AsyncClient(reconnection=False, http_session=aiohttp.ClientSession(cookie_jar=jar))
        confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
        client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data))
        client.on("bot_uttered", self._bot)
        client.on("reply_done", lambda data: self._done.set())
        client.on("disconnect", lambda *args: self.dropped.set())
        headers = {"Origin": self.origin}
        await client.connect(self.url, headers=headers, socketio_path="/socket.io",
                             transports=["polling"], wait_timeout=timeout)
        self.client = client
        self.dropped.clear()
        await client.emit("session_request", {"session_id": self.token} if self.token else {})
        data = await asyncio.wait_for(confirmed, timeout)
        self.token = data["session_id"]
        return bool(data.get("resumed"))

    async def reopen(self, within: float = 60.0) -> bool:
        """After the connection dropped: try again until the balancer finds a server."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            try:
                await self.close()
                return await self.open(timeout=10.0)
            except (socketio.exceptions.ConnectionError, asyncio.TimeoutError):
                if asyncio.get_running_loop().time() > deadline:
                    raise
                await asyncio.sleep(0.5)

    def _bot(self, data: dict) -> None:
        if "quick_replies" in data and "buttons" not in data:  # socket.io's name for buttons
            data = dict(data, buttons=data.get("quick_replies") or [])
        self.heard.append(data)
        self.reply.append(data)

    async def say(self, text: str, timeout: float = 120.0) -> list[dict]:
        self.reply, self._done = [], asyncio.Event()
        self.sent.append(text)
        await self.client.emit("user_uttered", {"message": text, "session_id": self.token,
                                                "client_id": uuid.uuid4().hex[:16],
                                                "metadata": {"today": self.today}})
        await asyncio.wait_for(self._done.wait(), timeout)
        self.last_reply = list(self.reply)
        return self.last_reply

    def message_for(self, step: Step) -> str:
        """A story step's text, or the payload of the button it clicks in the last reply."""
        if step.kind != "click":
            return step.text
        button, _ = find_button(self.last_reply, step.text)
        assert button is not None, f"no button {step.text!r} in {self.last_reply}"
        return button.get("payload") or button.get("title")

    async def close(self) -> None:
        if self.client is not None:
            try:
                # abort: a polling client's disconnect otherwise waits out the open long-poll
                # (up to the 25 s ping interval); the server is told all the same.
                await self.client.eio.disconnect(abort=True)
            except Exception:  # noqa: BLE001 - already gone with its server
                pass
            await self.client.eio.http.close()  # the session this client was given
            self.client = None


def texts(reply: list[dict]) -> str:
    return " ".join(m.get("text") or "" for m in reply)
