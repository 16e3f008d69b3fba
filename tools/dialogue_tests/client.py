"""For testers (the dialogue runner): talking to a live assistant over Rasa's REST channel. Every failure becomes a
TransportError with a sentence a tester can act on, never a traceback."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote

import requests


class TransportError(Exception):
    """The assistant could not be reached, or answered with something unusable."""


class AssistantClient:
    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.token = token or None
        self.timeout = timeout
        self.session = requests.Session()
        if self.token:  # the REST channel needs the API token (bot/channels/rest.py)
            self.session.headers["Authorization"] = f"Bearer {self.token}"

    def close(self) -> None:
        self.session.close()

    def _request(self, method: str, path: str, what: str, timeout: Optional[float], **kwargs) -> Any:
        url = f"{self.url}{path}"
        wait = timeout or self.timeout
        try:
            response = self.session.request(method, url, timeout=wait, **kwargs)
        except requests.exceptions.Timeout:
            raise TransportError(f"no answer to {what} within {wait:g} seconds ({url})") from None
        except requests.exceptions.ConnectionError as exc:
            reason = "connection refused" if "refused" in str(exc).lower() else "cannot connect"
            raise TransportError(
                f"{reason}: nothing answered at {self.url} for {what}. Is the assistant running "
                f"(make run), and is --url right?"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise TransportError(f"{what} failed: {type(exc).__name__}: {exc}") from None
        if response.status_code in (401, 403):
            hint = "pass the server's token with --token" if not self.token else "check the --token value"
            raise TransportError(f"{what}: the server refused access (HTTP {response.status_code}); {hint}")
        if response.status_code != 200:
            body = response.text[:300].strip()
            raise TransportError(f"{what}: the server answered HTTP {response.status_code}: {body}")
        try:
            return response.json()
        except ValueError:
            raise TransportError(
                f"{what}: the server's answer was not JSON: {response.text[:200]!r}"
            ) from None

    def send(self, sender: str, message: str, metadata: dict, timeout: Optional[float] = None) -> list[dict]:
        """Send one message; return the assistant's messages."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        reply = self._request("POST", "/webhooks/rest/webhook", "the message", timeout, json=body)
        if not isinstance(reply, list) or not all(isinstance(m, dict) for m in reply):
            raise TransportError(
                f"the message: expected a JSON list of messages from the REST channel, got {str(reply)[:200]}"
            )
        return reply

    def slots(self, sender: str, timeout: Optional[float] = None) -> dict:
        """The conversation's current slots, from the tracker endpoint."""
        params = {"token": self.token} if self.token else None
        tracker = self._request(
            "GET", f"/conversations/{quote(sender, safe='')}/tracker", "the tracker request",
            timeout, params=params,
        )
        if not isinstance(tracker, dict) or not isinstance(tracker.get("slots"), dict):
            raise TransportError("the tracker request: the answer has no slots")
        return tracker["slots"]
