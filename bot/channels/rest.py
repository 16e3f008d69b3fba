"""The REST channel (``/webhooks/rest/webhook``) with sanitised input."""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request

from bot.channels.wrap import OnNewMessage, sanitising


class SafeRestInput(RestInput):
    """Rasa's REST channel, keeping its name so the URL stays ``/webhooks/rest/webhook``."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return super().blueprint(sanitising(on_new_message))

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        # Testers and the widget may send metadata (e.g. the test clock); only a dict is kept.
        metadata = (request.json or {}).get("metadata")
        return metadata if isinstance(metadata, dict) else {}
