"""The socket.io channel answers a widget message once, however often it is sent.

Without a browser: a python-socketio client (polling transport: the env has requests but
not websocket-client, and its asyncio client does not work with this aiohttp) plays a
widget whose acknowledgement was lost and sends the same client id again, on the same
connection and on a new one.
"""

from __future__ import annotations

import threading
import uuid

import pytest
import socketio

pytestmark = pytest.mark.e2e


def _connect(webchat, token=None):
    client = socketio.Client(reconnection=False)
    confirmed = threading.Event()
    state: dict = {"received": []}

    @client.on("session_confirm")
    def _confirm(data):
        state["token"] = data["session_id"]
        confirmed.set()

    @client.on("message_received")
    def _received(data):
        state["received"].append(data.get("client_id"))

    client.connect(webchat.stack.url, headers={"Origin": webchat.origin}, transports=["polling"])
    client.emit("session_request", {"session_id": token})
    assert confirmed.wait(15), "no session_confirm"
    return client, state


def test_a_resent_client_id_is_acknowledged_again_but_answered_once(webchat):
    client, state = _connect(webchat)
    token = state["token"]
    message = {"message": "hello", "session_id": token, "metadata": {}, "client_id": str(uuid.uuid4())}
    first = client.call("user_uttered", message, timeout=60)
    again = client.call("user_uttered", message, timeout=60)          # same connection
    client.disconnect()
    client, state2 = _connect(webchat, token)                           # a new connection
    third = client.call("user_uttered", message, timeout=60)
    other = client.call("user_uttered", dict(message, client_id=str(uuid.uuid4())), timeout=60)
    client.disconnect()

    client_id = message["client_id"]
    assert state2["token"] == token                                     # the same conversation
    assert first == {"received": client_id}
    assert state["received"] == [client_id]                           # receipt told at first arrival only
    assert again == {"received": client_id, "resent": True}
    assert third == {"received": client_id, "resent": True}
    assert set(other) == {"received"} and other["received"] != client_id
    events = webchat.stack.tracker(token.split(".")[0])["events"]
    user = [e for e in events if e["event"] == "user"]
    # Sent four times with two ids: answered twice.
    assert [e["text"] for e in user] == ["hello", "hello"], [e["text"] for e in user]
    assert user[0]["metadata"]["client_id"] == client_id
