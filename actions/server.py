"""The action server: rasa_sdk's app, answering only the Rasa server.

``rasa_sdk``'s own ``run`` binds every interface (``SANIC_HOST``) with CORS open to ``*``
and runs any action for anyone who can reach the port — a forged ``POST /webhook`` with
``action_submit_application`` would create and deliver an application. Here the same app
(``rasa_sdk.endpoint.create_app``, its public factory) is served with:

- no CORS (no browser has any business here);
- every route but ``/health`` requiring the shared secret the Rasa server sends in the
  ``X-ASB-Action-Token`` header (endpoints.yml), compared in constant time;
- its own bind address, ``ASB_ACTIONS_HOST`` (default ``ASB_HOST``, itself 127.0.0.1),
  so moving the public channel does not move this one.

Run as ``python -m actions.server --port 5055``; the secret comes from
``ASB_ACTION_SERVER_TOKEN`` (``make run`` makes one into ``var/`` and hands it to both
processes through their environment, never a command line).
"""

from __future__ import annotations

import argparse
import hmac
import logging

from sanic import Sanic, response
from sanic.request import Request

from shared import several_instances
from shared.settings import action_server_token_given, actions_host, actions_port, log_level

TOKEN_HEADER = "X-ASB-Action-Token"
OPEN_PATHS = frozenset({"/health"})
ACTION_PACKAGE = "actions.intake"

logger = logging.getLogger(__name__)


def guarded_app(token: str, package: str = ACTION_PACKAGE) -> Sanic:
    if not token:
        raise SystemExit("ASB_ACTION_SERVER_TOKEN is not set: the action server will not run unguarded")
    from rasa_sdk.endpoint import create_app

    app = create_app(package, cors_origins=None)
    expected = token.encode()

    @app.on_request
    async def only_the_rasa_server(request: Request):  # noqa: ANN202 - Sanic middleware
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(TOKEN_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            logger.warning("Refused an action-server call without the Rasa server's token")
            return response.json({"error": "unauthorised"}, status=401)
        return None

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=actions_port())
    parser.add_argument("--actions", default=ACTION_PACKAGE)
    args = parser.parse_args()
    host = actions_host()
    logging.basicConfig(level=log_level("INFO"))
    several_instances.check()  # its outbox must be the one every delivery worker reads
    app = guarded_app(action_server_token_given(), args.actions)
    logger.info("Action server on http://%s:%s", host, args.port)
    app.run(host=host, port=args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
