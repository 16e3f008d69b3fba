"""A resident's widget, as far as the server can tell: a socket.io client from the demo page."""

from __future__ import annotations

import asyncio

import socketio

from live_stack import TEST_TODAY


async def talk(stack, texts: list[str], reply_timeout: float = 120.0) -> str:
    """Open a new chat session, say each text and wait for its reply; returns the session token."""
    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    done = asyncio.Event()
    client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data["session_id"]))
    client.on("reply_done", lambda data: done.set())
    await client.connect(stack.url, headers={"Origin": stack.webchat_origin}, transports=["polling"],
                         socketio_path="/socket.io")
    try:
        await client.emit("session_request", {})
        token = await asyncio.wait_for(confirmed, 30)
        for text in texts:
            done.clear()
            await client.emit("user_uttered", {"message": text, "session_id": token, "metadata": {"today": TEST_TODAY}})
            await asyncio.wait_for(done.wait(), reply_timeout)
    finally:
        await client.disconnect()
    return token
