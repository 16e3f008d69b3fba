"""A resident who quick-exits while an operator has the chat ends it for the operator too."""

from __future__ import annotations

import asyncio

import requests

from resident_socket import talk


def test_quick_exit_during_a_handoff_ends_it_for_the_operator(stack, operator_factory):
    alex = operator_factory("alex")
    alex.queue()
    token = asyncio.run(talk(stack, ["hello", "please can I talk to a person"]))
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
