"""bot/request_json.py: what the Rasa server posts to the action server decodes to exactly
what the standard encoder's bytes decode to, and the patched sessions really use it."""

from __future__ import annotations

import asyncio
import json
import math

import pytest

from bot import request_json

PAYLOADS = [
    {"next_action": "validate_intake_form", "sender_id": "abc", "version": "3.6.21",
     "tracker": {"slots": {"location": "12 High St / flat 2", "count": 3, "score": 0.1, "none": None,
                           "flag": True, "list": ["a", "b"]},
                 "events": [{"event": "user", "timestamp": 1764484800.123456, "text": "noise at 2am — again 😡",
                             "parse_data": {"intent": {"name": "inform", "confidence": 0.9876543210123}}},
                            {"event": "slot", "name": "x", "value": 2.5e-08, "timestamp": 1e-05}]},
     "domain": {"responses": {"utter_x": [{"text": "Call 999 <now> & \"stay safe\" \\ '"}]}}},
    {"int_keys": {1: "one"}, "big": 2 ** 63, "neg": -0.0, "nested": [[[]], {}]},
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_decodes_to_what_the_standard_encoder_gives(payload):
    ours = request_json.dumps(payload)
    assert json.loads(ours) == json.loads(json.dumps(payload))
    assert ours != json.dumps(payload)  # ujson wrote it (no spaces), not the fallback


def test_what_ujson_refuses_goes_to_the_standard_encoder():
    assert math.isnan(json.loads(request_json.dumps({"x": math.nan}))["x"])  # as json.dumps writes it
    assert json.loads(request_json.dumps({"x": 2 ** 70})) == {"x": 2 ** 70}
    with pytest.raises(TypeError):
        request_json.dumps({"x": object()})


def test_rasa_endpoint_requests_are_sent_with_it(monkeypatch):
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)  # restored afterwards
    monkeypatch.setattr(request_json, "_installed", False)
    request_json.install()
    bodies = []

    async def webhook(request):
        bodies.append(await request.text())
        return web.json_response({"events": [], "responses": []})

    async def run():
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            answer = await EndpointConfig(f"http://127.0.0.1:{port}/webhook").request(json=PAYLOADS[0], method="post")
        finally:
            await runner.cleanup()
        return answer

    assert asyncio.run(run()) == {"events": [], "responses": []}
    assert json.loads(bodies[0]) == json.loads(json.dumps(PAYLOADS[0]))
    assert bodies[0] == request_json.dumps(PAYLOADS[0]) != json.dumps(PAYLOADS[0])


def test_the_action_call_is_what_rasa_builds_with_each_event_made_once(monkeypatch):
    import rasa.shared.core.events as ev
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from pathlib import Path

    ROOT = Path(__file__).resolve().parents[2]

    rasa_format = RemoteAction._action_call_format
    monkeypatch.setattr(RemoteAction, "_action_call_format", rasa_format)  # restored afterwards
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)
    monkeypatch.setattr(request_json, "_installed", False)
    request_json.install()
    domain = Domain.load(str(ROOT / "domain.yml"))
    events = [ev.ActionExecuted("action_session_start"), ev.SessionStarted(), ev.ActionExecuted("action_listen"),
              ev.UserUttered("noise again", {"name": "inform", "confidence": 0.9}, [{"entity": "x", "value": "y"}],
                             input_channel="socketio", message_id="m1"),
              ev.ActionExecuted("intake_form"), ev.ActiveLoop("intake_form"), ev.SlotSet("location", "High St"),
              ev.BotUttered("Where?", {"buttons": []}), ev.ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("resident", events, domain.slots)
    tracker.model_id = "model-1"
    action = RemoteAction("validate_intake_form", EndpointConfig("http://127.0.0.1:1/webhook"))

    def rasas():
        return rasa_format(action, tracker, domain)

    first = action._action_call_format(tracker, domain)
    assert first == rasas()
    tracker.update(ev.UserUttered("more", {"name": "affirm", "confidence": 0.8}))  # gets the model id
    tracker.update_with_events([ev.SlotSet("ongoing", True)], domain)  # gets a new timestamp
    second = action._action_call_format(tracker, domain)
    assert second == rasas()
    assert second["tracker"]["events"][-1]["metadata"]["model_id"] == "model-1"
    # The events already sent are not made again.
    assert all(a is b for a, b in zip(first["tracker"]["events"], second["tracker"]["events"]))
    events[6].timestamp += 1  # an event changed after all: made again
    third = action._action_call_format(tracker, domain)
    assert third == rasas() and third["tracker"]["events"][6] is not second["tracker"]["events"][6]
