"""A small static server for the widget and the demonstration page (aiohttp).

Serves:
- ``/`` the demonstration "ASB Case Review" page with the widget on it;
- ``/widget.js``, ``/widget.css`` the widget; ``/vendor/socket.io.min.js`` the pinned
  socket.io browser client (from ``webchat/vendor/`` if vendored there, else from
  ``node_modules`` after ``npm ci``);
- ``/config.js`` the widget's configuration, from the environment (see docs/webchat.md);
- ``/health`` for the supervisor.

Every response carries a strict Content-Security-Policy: no inline script, and the page may
connect only to itself and the Rasa server.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict
from urllib.parse import urlsplit

from aiohttp import web

from shared import settings as env

HERE = Path(__file__).resolve().parent


def widget_config() -> Dict[str, Any]:
    """What the page's widget is told (server URL, area, exit URL, colours...)."""
    config: Dict[str, Any] = {
        "serverUrl": env.webchat_server_url(),
        "area": env.webchat_area(),
        "exitUrl": env.webchat_exit_url(),
        # Off unless the host site asks: GOV.UK's "Exit this page" uses Shift three times, and
        # Escape is also how people close a menu or a dialog, so it would throw them out.
        "escapeExits": env.webchat_escape_exits(),
        "openOnLoad": env.webchat_open_on_load(),
        "colours": {"brand": env.webchat_brand()},
        "socketioClientUrl": "/vendor/socket.io.min.js",
    }
    today = env.webchat_test_today()
    if today and env.clock_under_test():
        config["testToday"] = today
    return config


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def security_headers(config: Dict[str, Any]) -> Dict[str, str]:
    server = _origin(config["serverUrl"])
    ws = server.replace("https://", "wss://").replace("http://", "ws://")
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {server} {ws}; frame-ancestors 'none'; base-uri 'none'; "
            "form-action 'self'; object-src 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def socketio_client_path() -> Path:
    vendored = HERE / "vendor" / "socket.io.min.js"
    if vendored.exists():
        return vendored
    return HERE / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"


def make_app() -> web.Application:
    config = widget_config()
    headers = security_headers(config)
    files = {
        "/": (HERE / "demo" / "index.html", "text/html"),
        "/demo/demo.css": (HERE / "demo" / "demo.css", "text/css"),
        "/widget.js": (HERE / "widget.js", "application/javascript"),
        "/widget.css": (HERE / "widget.css", "text/css"),
    }

    @web.middleware
    async def add_headers(request: web.Request, handler: Any) -> web.StreamResponse:
        resp = await handler(request)
        resp.headers.update(headers)
        return resp

    app = web.Application(middlewares=[add_headers])

    def serve(path: Path, content_type: str) -> Any:
        async def handler(_: web.Request) -> web.Response:
            return web.Response(body=path.read_bytes(), content_type=content_type, charset="utf-8")

        return handler

    for route, (path, ctype) in files.items():
        app.router.add_get(route, serve(path, ctype))

    async def vendor(_: web.Request) -> web.Response:
        path = socketio_client_path()
        if not path.exists():
            raise web.HTTPNotFound(text="socket.io client missing: run bin/ensure-webchat (npm ci in webchat)")
        return web.Response(body=path.read_bytes(), content_type="application/javascript", charset="utf-8")

    async def config_js(_: web.Request) -> web.Response:
        # JSON is valid JavaScript; "<" is escaped so nothing can close a script element.
        body = "window.ASBChatConfig = " + json.dumps(config).replace("<", "\\u003c") + ";\n"
        return web.Response(text=body, content_type="application/javascript")

    async def health(_: web.Request) -> web.Response:
        # Healthy only while it can serve the whole widget: a page whose chat cannot connect
        # must not let `make run` say "running".
        if not socketio_client_path().exists():
            return web.json_response({"status": "socket.io client missing"}, status=503)
        return web.json_response({"status": "ok"})

    app.router.add_get("/vendor/socket.io.min.js", vendor)
    app.router.add_get("/config.js", config_js)
    app.router.add_get("/health", health)
    app.router.add_get("/favicon.ico", lambda _: web.Response(status=204))
    return app


MISSING_CLIENT = ("the chat widget's socket.io client is not installed ({path}): "
                  "run bin/ensure-webchat (make run does), i.e. npm ci in webchat")


def run(host: str, port: int) -> None:
    path = socketio_client_path()
    if not path.exists():  # fail at once, with the fix, rather than serve a chat that cannot connect
        raise SystemExit(MISSING_CLIENT.format(path=path))
    web.run_app(make_app(), host=host, port=port, access_log=None, print=None)
