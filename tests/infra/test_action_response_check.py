"""The action-response check built once accepts and refuses exactly what Rasa's does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError


@pytest.fixture(scope="module")
def remote_action():
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.endpoints import EndpointConfig

    original = RemoteAction._validate_action_result
    action = RemoteAction("action_x", EndpointConfig("http://127.0.0.1:1/webhook"))
    yield action, original
    RemoteAction._validate_action_result = original


GOOD = [
    {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]},
    {"events": [{"event": "slot", "name": "x", "value": None, "timestamp": None},
                {"event": "active_loop", "name": "intake_form"}, {"event": "followup", "name": "action_x"},
                {"event": "bot", "text": "hi", "data": {}, "metadata": {}}, {"event": "restart"},
                {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1.0}}}]},
    {"events": [], "responses": []},
    {"events": [{"event": "active_loop", "name": 5}]},  # Rasa's schema leaves a loop's name untyped
    {},
]
BAD = [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [{"event": "slot", "name": "x"}, {"event": ["slot"]}]},
    {"events": [{"event": "slot", "name": "x"}, "slot"]},
    {"events": [{"name": "x"}]},
    {"events": [{"event": "slot"}]},  # a slot event needs its name
    {"events": [{"event": "slot", "name": "x", "timestamp": "yesterday"}]},
    {"events": [{"event": "user", "parse_data": {"intent": "greet"}}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
    [],
]


def test_same_answers_as_rasa(remote_action):
    from bot.action_response_check import install
    from rasa.core.actions.action import RemoteAction

    action, rasa_check = remote_action
    install()
    assert RemoteAction._validate_action_result is not rasa_check
    for good in GOOD:
        assert action._validate_action_result(good) is True
        assert rasa_check(action, good) is True
    for bad in BAD:
        with pytest.raises(ValidationError) as ours:
            action._validate_action_result(bad)
        with pytest.raises(ValidationError) as theirs:
            rasa_check(action, bad)
        assert ours.value.message == theirs.value.message
        assert "Failed to validate Action server response" in ours.value.message
