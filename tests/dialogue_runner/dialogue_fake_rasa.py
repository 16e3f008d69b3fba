"""A small fake of Rasa's REST channel and tracker endpoint, for testing the dialogue runner.

It answers from a script: exact message text -> list of bot messages (and optionally slots
to set), records every request it received, and can require a token, stall or fail.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional
from urllib.parse import parse_qs, unquote, urlparse


def yes_no(text: str) -> dict:
    return {
        "text": text,
        "buttons": [
            {"title": "Yes", "payload": '/inform{"choice":"yes"}'},
            {"title": "No", "payload": '/inform{"choice":"no"}'},
        ],
    }


# The default script: a few turns shaped like the real assistant's.
DEFAULT_SCRIPT: dict[str, dict] = {
    "hello": {
        "reply": [
            {"text": "Hello. I'm an automated assistant. It is not for emergencies: call 999.\n"
                     "Press \"Leave this site\" to leave quickly."},
            yes_no("Have you already reported this problem?"),
        ],
    },
    '/inform{"choice":"yes"}': {
        "reply": [{
            "text": "Who is asking for the review?",
            "buttons": [
                {"title": "Me - it's happening to me", "payload": '/inform{"choice":"self"}'},
                {"title": "I'm asking for someone else", "payload": '/inform{"choice":"on_behalf"}'},
            ],
        }],
        "slots": {"reported_before": "yes"},
    },
    '/inform{"choice":"self"}': {
        "reply": [{"text": "In your own words, what is happening?"}],
        "slots": {"applicant_type": "self"},
    },
    "He's outside my door now": {
        "reply": [
            {"text": "If you are in danger now, call 999. If you can't speak, press 55."},
            {"text": "When you're ready, we can carry on."},
        ],
    },
    "three reports": {
        "reply": [{"text": "Your application meets the threshold."}],
        "slots": {"assessment": {"outcome": "met", "routes_met": ["statutory"]}, "reports_count": 3},
    },
    "silence": {"reply": []},
    "picture": {"reply": [{"image": "https://example.org/<script>.png"}]},
}


@dataclass
class FakeRasa:
    script: dict[str, dict] = field(default_factory=lambda: json.loads(json.dumps(DEFAULT_SCRIPT)))
    token: Optional[str] = None
    delay_seconds: dict[str, float] = field(default_factory=dict)  # message -> stall
    fail_status: Optional[int] = None  # answer every webhook call with this HTTP status
    not_json: bool = False
    # message -> callable(sender, message, metadata) -> reply; overrides the script
    handlers: dict[str, Callable[[str, str, dict], list]] = field(default_factory=dict)
    received: list[dict] = field(default_factory=list)
    tracker_requests: list[dict] = field(default_factory=list)
    slots: dict[str, dict] = field(default_factory=dict)  # sender -> slots
    port: int = 0
    _server: Optional[ThreadingHTTPServer] = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reply_to(self, sender: str, message: str, metadata: dict) -> list:
        if message in self.handlers:
            return self.handlers[message](sender, message, metadata)
        if message.startswith("echo:"):
            return [{"text": message[5:]}]
        entry = self.script.get(message)
        if entry is None:
            return [{"text": "Sorry, I didn't understand that."}]
        with self._lock:
            self.slots.setdefault(sender, {}).update(entry.get("slots", {}))
        return entry["reply"]

    def start(self) -> "FakeRasa":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: Any, raw: bool = False) -> None:
                data = body.encode() if raw else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if raw else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                if urlparse(self.path).path != "/webhooks/rest/webhook":
                    return self._send(404, {"error": "not found"})
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.received.append(body)
                message = body.get("message", "")
                if message in fake.delay_seconds:
                    time.sleep(fake.delay_seconds[message])
                if fake.fail_status:
                    return self._send(fake.fail_status, "Internal Server Error", raw=True)
                if fake.not_json:
                    return self._send(200, "<html>hello</html>", raw=True)
                sender = body.get("sender", "")
                reply = fake.reply_to(sender, message, body.get("metadata") or {})
                self._send(200, [dict(m, recipient_id=sender) for m in reply])

            def do_GET(self) -> None:
                parsed = urlparse(self.path)
                parts = parsed.path.strip("/").split("/")
                if len(parts) != 3 or parts[0] != "conversations" or parts[2] != "tracker":
                    return self._send(404, {"error": "not found"})
                query = parse_qs(parsed.query)
                with fake._lock:
                    fake.tracker_requests.append({"sender": unquote(parts[1]), "query": query})
                if fake.token and query.get("token") != [fake.token]:
                    return self._send(401, {"message": "User is not authenticated."})
                sender = unquote(parts[1])
                self._send(200, {"sender_id": sender, "slots": fake.slots.get(sender, {}), "events": []})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def messages(self) -> list[str]:
        return [b.get("message") for b in self.received]
