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
