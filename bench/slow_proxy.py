"""For developers: a reverse proxy that answers only after a delay: a slow case system for the benchmark
(and, with no delay, a stopwatch in front of the action server: see bench/profile.py).

    python -m bench.slow_proxy --port P --upstream http://127.0.0.1:5080 [--delay 5]

Every request is forwarded unchanged (method, path, query, headers, body) after the delay;
the delay can be changed while running with ``POST /__proxy/delay`` (body: seconds), so one
stack measures both a fast and a slow case system. ``GET /__proxy/health`` answers at once,
with how many requests were forwarded and the seconds the upstream took over all of them.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from aiohttp import ClientSession, web

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


def make_app(upstream: str, delay: float) -> web.Application:
    state = {"delay": delay, "forwarded": 0, "upstream_seconds": 0.0}

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok", **state})

    async def set_delay(request: web.Request) -> web.Response:
        state["delay"] = float((await request.text()).strip() or 0)
        return web.json_response(state)

    async def forward(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(state["delay"])
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        started = time.perf_counter()
        async with request.app["client"].request(
            request.method, upstream + request.rel_url.path_qs, headers=headers, data=await request.read()
        ) as r:
            body = await r.read()
            state["forwarded"] += 1
            state["upstream_seconds"] += time.perf_counter() - started
            out = {k: v for k, v in r.headers.items() if k.lower() not in HOP_BY_HOP}
            return web.Response(status=r.status, body=body, headers=out)

    async def client(app: web.Application):
        app["client"] = ClientSession(auto_decompress=False)
        yield
        await app["client"].close()

    app = web.Application()
    app.cleanup_ctx.append(client)
    app.router.add_get("/__proxy/health", health)
    app.router.add_post("/__proxy/delay", set_delay)
    app.router.add_route("*", "/{tail:.*}", forward)
    return app


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--upstream", required=True)
    p.add_argument("--delay", type=float, default=0.0)
    args = p.parse_args()
    web.run_app(make_app(args.upstream.rstrip("/"), args.delay), host=args.host, port=args.port,
                print=None, access_log=None)


if __name__ == "__main__":
    main()
