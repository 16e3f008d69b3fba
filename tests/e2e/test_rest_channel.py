"""The REST channel belongs to staff tools (issue 16, items 2 and 8), against the live Rasa server."""

from __future__ import annotations

import pytest
import requests

from bot.channels.rest import body_problem


def _post(stack, token=None, **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    headers.update(kwargs.pop("headers", {}))
    return requests.post(f"{stack.url}/webhooks/rest/webhook", headers=headers, timeout=30, **kwargs)


def test_another_residents_conversation_cannot_be_read_or_driven_without_the_token(stack, sender):
    stack.say(sender, "hello")  # a resident's conversation exists
    for token in (None, "0" * 64, stack.token[:-1]):
        answer = _post(stack, token, json={"sender": sender, "message": "go back"})
        assert answer.status_code == 401
        assert "token" in answer.json()["error"]
    # Rasa's own convention (?token=) works too, and the token is what makes the difference.
    ok = requests.post(f"{stack.url}/webhooks/rest/webhook", params={"token": stack.token},
                       json={"sender": sender, "message": "hello"}, timeout=30)
    assert ok.status_code == 200 and isinstance(ok.json(), list) and ok.json()


@pytest.mark.parametrize("body, headers", [
    (b"", {}),
    (b"[1, 2]", {"Content-Type": "application/json"}),
    (b'"hello"', {"Content-Type": "application/json"}),
    (b"not json", {"Content-Type": "application/json"}),
    (b'{"message": "hello"}', {"Content-Type": "application/json"}),  # no sender: no "default" conversation
    (b'{"sender": {"a": 1}, "message": "hello"}', {}),
    (b'{"sender": "' + b"x" * 10_000 + b'", "message": "hello"}', {}),
    (b'{"sender": "a b", "message": "hello"}', {}),
    (b'{"sender": "abc", "message": 5}', {}),
    (b'{"sender": "abc", "message": "hi", "metadata": [1]}', {}),
])
def test_malformed_requests_are_a_400_with_a_sentence(stack, body, headers):
    answer = _post(stack, stack.token, data=body, headers=headers)
    assert answer.status_code == 400, answer.text[:200]
    assert answer.json()["error"].endswith(".")


def test_no_default_conversation_is_made(stack):
    _post(stack, stack.token, json={"message": "hello"})
    r = requests.get(f"{stack.url}/conversations/default/tracker", params={"token": stack.token}, timeout=30)
    assert not [e for e in r.json().get("events", []) if e.get("event") == "user"]


def test_body_problem_accepts_a_well_formed_message():
    assert body_problem(b'{"sender": "test-1:a_b.c", "message": "", "metadata": {"today": "2026-11-22"}}') is None
    assert body_problem(b'{"sender": "' + b"x" * 128 + b'", "message": "hi"}') is None
    assert body_problem(b'{"sender": "' + b"x" * 129 + b'", "message": "hi"}') is not None
