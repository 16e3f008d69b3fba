"""A scriptable stand-in for the case system, for fault injection in the delivery tests.

`python tests/delivery/fake_receiver.py --port P [--upstream URL]`

POST /_control/script {"steps": [...], "default": {...}} sets what the next requests get;
each step is one of
  {"status": 500}                          answer with this status (JSON error body)
  {"delay": 10, "status": 201}             wait, then answer
  {"proxy": true}                          forward to the upstream (the real case system) and relay its answer
  {"proxy": true, "hold": 60}              forward, then hold the answer (the worker is killed meanwhile)
GET /_control/log lists what was received: idempotency key and what was done.
"""

from __future__ import annotations

import argparse
import asyncio
import json

import aiohttp
from aiohttp import web

FORWARD = ("Authorization", "Content-Type", "Idempotency-Key", "X-ASB-Timestamp", "X-ASB-Signature")


def make_app(upstream: str | None) -> web.Application:
    state = {"steps": [], "default": {"proxy": True} if upstream else {"status": 503}, "log": []}

    async def script(request: web.Request) -> web.Response:
        data = await request.json()
        state["steps"] = list(data.get("steps", []))
        state["default"] = data.get("default", state["default"])
        return web.json_response({"ok": True})

    async def log(request: web.Request) -> web.Response:
        return web.json_response(state["log"])

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def receive(request: web.Request) -> web.Response:
        raw = await request.read()
        step = state["steps"].pop(0) if state["steps"] else state["default"]
        entry = {"key": request.headers.get("Idempotency-Key"), "step": step, "answered": None}
        state["log"].append(entry)
        if step.get("delay"):
            await asyncio.sleep(step["delay"])
        if step.get("proxy"):
            async with aiohttp.ClientSession() as s:
                async with s.post(f"{upstream}/applications", data=raw,
                                  headers={h: request.headers[h] for h in FORWARD if h in request.headers}) as r:
                    text, status = await r.text(), r.status
            entry["upstream"] = status
            if step.get("hold"):
                entry["answered"] = "holding"
                await asyncio.sleep(step["hold"])
            entry["answered"] = status
            return web.Response(text=text, status=status, content_type="application/json")
        status = step.get("status", 503)
        entry["answered"] = status
        body = step.get("body") or {"error": {"code": f"injected_{status}", "message": "injected by the test"}}
        return web.Response(text=json.dumps(body), status=status, content_type="application/json",
                            headers=step.get("headers") or {})

    app = web.Application(client_max_size=4 * 1024 * 1024)
    app.add_routes([web.post("/_control/script", script), web.get("/_control/log", log),
                    web.get("/_control/health", health), web.post("/applications", receive)])
    return app


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--upstream")
    a = p.parse_args()
    web.run_app(make_app(a.upstream), host="127.0.0.1", port=a.port, access_log=None, print=None, shutdown_timeout=0.5)
