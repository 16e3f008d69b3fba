"""The REST channel (``/webhooks/rest/webhook``): for testers, the dialogue runner and the
benchmark, never for residents (they use the socket.io widget with server-issued sessions).

Rasa's stock channel trusts whatever ``sender`` the caller names, so anyone who can reach
the port can read and drive another resident's conversation, and a request without a
sender lands in one shared "default" conversation. Here:

- every message needs the Rasa HTTP API token (``Authorization: Bearer <token>`` or Rasa's
  own ``?token=``), compared in constant time: only staff tools hold it;
- the body must be a JSON object with a ``sender`` (1-128 letters, digits, ``. _ : -``) and
  a string ``message``; ``metadata``, if given, an object. Anything else is a 400 with a
  sentence saying what is wrong, never a 500 or a default conversation;
- input is sanitised like every channel's (bot/channels/wrap.py).
"""

from __future__ import annotations

import hmac
import json
import re
from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.wrap import OnNewMessage, sanitising

SENDER_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def body_problem(raw: bytes) -> Optional[str]:
    """Why this body is not a message the channel takes, or None when it is."""
    try:
        body = json.loads(raw or b"")
    except ValueError:
        return "The body must be JSON: {\"sender\": \"...\", \"message\": \"...\"}."
    if not isinstance(body, dict):
        return "The body must be a JSON object with \"sender\" and \"message\"."
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return "\"sender\" must be 1-128 letters, digits, '.', '_', ':' or '-'."
    if not isinstance(body.get("message"), str):
        return "\"message\" must be a string."
    if "metadata" in body and body["metadata"] is not None and not isinstance(body["metadata"], dict):
        return "\"metadata\" must be an object."
    return None


def _given_token(request: Request) -> str:
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        return auth[len("Bearer "):].strip()
    return request.args.get("token", "")


class SafeRestInput(RestInput):
    """Rasa's REST channel, keeping its name so the URL stays ``/webhooks/rest/webhook``."""

    def __init__(self, token: Optional[str] = None) -> None:
        if token is None:
            from shared.settings import Settings

            token = Settings().rasa_api_token()
        self._token = token.encode()

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeRestInput":
        return cls()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = super().blueprint(sanitising(on_new_message))

        @bp.middleware("request")
        async def staff_and_well_formed_only(request: Request) -> Optional[HTTPResponse]:
            if request.method != "POST":
                return None  # the channel's health check
            if not hmac.compare_digest(_given_token(request).encode(), self._token):
                return response.json(
                    {"error": "The REST channel needs the server's API token (Authorization: Bearer ...)."},
                    status=401,
                )
            problem = body_problem(request.body)
            if problem:
                return response.json({"error": problem}, status=400)
            return None

        return bp

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        # Testers may send metadata (e.g. the test clock); only a dict is kept.
        metadata = (request.json or {}).get("metadata")
        return metadata if isinstance(metadata, dict) else {}
