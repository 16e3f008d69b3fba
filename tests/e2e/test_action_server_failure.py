"""The action server failing, frozen or forged, against the real processes (issue 16, items 5-6).

Its own Rasa and action server (the shared stack must not lose its action server): a frozen
(SIGSTOP) or killed action server gets the resident the sorry message within 6 s, and the
conversation carries on at the same question once it is back; a call to the action server
without the Rasa server's secret is refused.
"""

from __future__ import annotations

import os
import signal
import time
import uuid

import pytest
import requests

from bot.action_failure import sorry
from launcher.services import product
from launcher.supervisor import wait_healthy
from live_stack import live_stack

SORRY_START = "Sorry, something went wrong on our side"


@pytest.fixture(scope="module")
def own(tmp_path_factory, model_path):
    with live_stack(tmp_path_factory.mktemp("var"), tmp_path_factory.mktemp("logs"), model_path,
                    services=product) as stack:
        yield stack


def _actions(stack):
    for service, proc in stack.supervisor.procs:
        if service.name == "actions":
            return service, proc
    raise AssertionError("no action server")


def _texts(reply: list[dict]) -> str:
    return " ".join(m.get("text") or "" for m in reply)


def _timed_say(stack, sender, text):
    started = time.monotonic()
    reply = stack.say(sender, text)
    return reply, time.monotonic() - started


def _to_first_form_question(stack, sender) -> str:
    assert "automated assistant" in _texts(stack.say(sender, "hello"))
    question = _texts(stack.say(sender, "yes"))  # reported before -> the first form question
    assert "England or Wales" in question, question
    return question


def test_frozen_action_server_gets_the_sorry_message_and_the_conversation_carries_on(own):
    sender = f"test-{uuid.uuid4().hex}"
    _to_first_form_question(own, sender)
    _, proc = _actions(own)
    os.killpg(proc.pid, signal.SIGSTOP)
    try:
        reply, seconds = _timed_say(own, sender, "yes")
    finally:
        os.killpg(proc.pid, signal.SIGCONT)
    assert _texts(reply) == sorry()
    print(f"frozen action server: sorry after {seconds:.2f} s")
    assert seconds < 6.0, seconds
    # Back: the same answer is taken at the same question, not a new conversation.
    after = _texts(own.say(sender, "yes"))
    assert SORRY_START not in after
    assert "automated assistant" not in after
    assert "England or Wales" not in after  # answered: the form moved on
    events = own.tracker(sender)["events"]
    assert sum(1 for e in events if e["event"] == "bot" and e.get("text") == sorry()) == 1


def test_dead_action_server_gets_the_sorry_message_and_a_restart_carries_on(own):
    sender = f"test-{uuid.uuid4().hex}"
    _to_first_form_question(own, sender)
    service, proc = _actions(own)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    reply, seconds = _timed_say(own, sender, "yes")
    assert _texts(reply) == sorry()
    assert seconds < 6.0, seconds
    restarted = own.supervisor.start(service)
    wait_healthy(service.health_url, 120, restarted)
    after = _texts(own.say(sender, "yes"))
    assert SORRY_START not in after and "England or Wales" not in after


def test_a_call_without_the_rasa_servers_secret_is_refused(own):
    url = f"http://127.0.0.1:{own.ports['actions']}"
    forged = {"next_action": "action_submit_application", "sender_id": "forged", "version": "3.6.21",
              "tracker": {"sender_id": "forged", "slots": {}, "events": [], "latest_message": {}},
              "domain": {}}
    assert requests.get(f"{url}/health", timeout=10).status_code == 200
    assert requests.post(f"{url}/webhook", json=forged, timeout=10).status_code == 401
    wrong = {"X-ASB-Action-Token": "0" * 64}
    assert requests.post(f"{url}/webhook", json=forged, headers=wrong, timeout=10).status_code == 401
    assert requests.get(f"{url}/actions", timeout=10).status_code == 401
    # The secret is what makes the difference: with it the same server lists its actions.
    right = {"X-ASB-Action-Token": own.env["ASB_ACTION_SERVER_TOKEN"]}
    listed = requests.get(f"{url}/actions", headers=right, timeout=10)
    assert listed.status_code == 200
    assert {"name": "action_submit_application"} in listed.json()
