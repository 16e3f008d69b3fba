"""A resident who quick-exits while an operator has the chat ends it for the operator too."""

from __future__ import annotations

import asyncio

import requests
import socketio

from live_stack import TEST_TODAY


async def _resident_asks_for_a_person(stack) -> str:
    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    done = asyncio.Event()
    client.on("session_confirm", lambda data: confirmed.set_result(data["session_id"]))
    client.on("reply_done", lambda data: done.set())
    await client.connect(stack.url, headers={"Origin": stack.webchat_origin}, transports=["polling"],
                         socketio_path="/socket.io")
    try:
        await client.emit("session_request", {})
        token = await asyncio.wait_for(confirmed, 10)
        for text in ("hello", "please can I talk to a person"):
            done.clear()
            await client.emit("user_uttered", {"message": text, "session_id": token, "metadata": {"today": TEST_TODAY}})
            await asyncio.wait_for(done.wait(), 60)
    finally:
        await client.disconnect()
    return token


def test_quick_exit_during_a_handoff_ends_it_for_the_operator(stack, operator_factory):
    alex = operator_factory("alex")
    alex.queue()
    token = asyncio.run(_resident_asks_for_a_person(stack))
    session_id = token.split(".")[0]
    assert any(i["session_id"] == session_id and i["status"] == "waiting" for i in alex.queue())
    assert alex.post(f"conversations/{session_id}/take").status_code == 200
    # The widget's quick exit sends this beacon.
    r = requests.post(f"{stack.url}/webhooks/socketio/end", data=token, headers={"Origin": stack.webchat_origin},
                      timeout=30)
    assert r.status_code == 204
    conversation = alex.get(f"conversations/{session_id}").json()
    assert conversation["status"] == "left"
    assert all(i["session_id"] != session_id for i in alex.queue())
    assert alex.post(f"conversations/{session_id}/send", {"text": "are you there?"}).status_code == 409
