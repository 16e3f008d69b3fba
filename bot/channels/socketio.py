"""The socket.io channel the chat widget talks to: sanitised input, server-issued sessions.

Rasa's stock channel lets the browser name any ``session_id``; a resident who guessed or
copied someone else's id could read and write that conversation. Here the server issues
every session as a signed token ``<id>.<issued>.<hmac>``:

- ``session_request`` with a token this server signed (and has not ended) resumes that
  conversation; anything else gets a fresh token. The socket is bound to the session, and a
  message is accepted only from a bound socket whose token (if it sends one) matches.
- ``POST /webhooks/socketio/history`` (body: the token, ``text/plain`` so a browser sends it
  without a pre-flight) returns only the resident's and the assistant's texts of that
  conversation since it last restarted — never the Rasa HTTP API token or other events.
- ``POST /webhooks/socketio/end`` (body: the token; used with ``navigator.sendBeacon`` by
  the quick exit) and the socket event ``end_session`` end the conversation: a ``restart``
  event is recorded (the tracker store then erases what came before it: docs/privacy.md), the
  token is refused from then on, across restarts, and the sockets in it are dropped.
- Each message may carry a ``client_id`` (the widget's outbox resends a message until it is
  acknowledged): ``message_received`` tells the widget at once that it arrived, the handler's
  return value is the socket.io acknowledgement, sent once the message has been answered, and a resend of an id already seen is acknowledged again
  without being answered twice (:mod:`bot.channels.client_ids`). The id is kept in the
  message's metadata, so the history tells the widget which of its messages arrived.
- socket.io's own origin check uses ``ASB_ALLOWED_ORIGINS`` (python-engineio treats ``[]``,
  which the stock channel passes, as "no check at all", so any site could open a socket,
  WebSockets being outside the browser's CORS rules).

The signing secret comes from ``ASB_SESSION_SECRET`` or is made once into
``var/session-secret`` (like the API token in :mod:`shared.settings`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from rasa.shared.core.events import Restarted
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.action_failure import sorry
from bot.channels.client_ids import ClientIds, valid_client_id
from bot.channels.wrap import OnNewMessage, sanitising
from shared import several_instances
from bot.scale_out.socketio_manager import client_manager
from bot.handoff.runtime import Runtime, ended_by_resident
from shared import words
from shared.privacy.ended_sessions import EndedSessions
from shared.storage import blocking
from shared.secret_files import made_once
from shared.settings import DEFAULT_SESSION_MAX_AGE_S, Settings, session_max_age_s, session_secret

logger = logging.getLogger(__name__)

# How long a session token stays valid. A tab left open longer starts a new conversation.
DEFAULT_MAX_AGE_SECONDS = DEFAULT_SESSION_MAX_AGE_S
# Metadata a browser may send with a message: the host page's local area, and the test
# clock's "today" (honoured by the actions only when ASB_TEST_CLOCK=1). Nothing else passes.
ALLOWED_METADATA_KEYS = frozenset({"today", "area"})
MAX_TOKEN_CHARS = 200
# How long a resent message waits for its first arrival to be answered before it is
# acknowledged anyway (the first arrival is then still being answered, or failed).
RESEND_WAIT_SECONDS = 60.0
# Payloads the widget's own controls send, shown in the history as the widget showed them.
WIDGET_PAYLOADS = {"/start_again": "start_again_button"}  # payload -> words id


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def load_secret(settings: Optional[Settings] = None) -> bytes:
    """The HMAC key: ``ASB_SESSION_SECRET``, or made once and kept (0600) in var/."""
    value = session_secret()
    if value:
        return value.encode("utf-8")
    settings = settings or Settings()
    return made_once(Path(settings.var_dir) / "session-secret").encode("utf-8")


class SessionTokens:
    """Issue and check ``<id>.<issued>.<signature>`` tokens; remember ended sessions."""

    def __init__(self, secret: bytes, max_age: float = DEFAULT_MAX_AGE_SECONDS, ended: Optional[Any] = None) -> None:
        self._secret = secret
        self.max_age = max_age
        # A set, or shared.privacy.ended_sessions.EndedSessions (kept across restarts).
        self._ended: Set[str] = set() if ended is None else ended

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._secret, body.encode("ascii"), hashlib.sha256).digest())

    def issue(self) -> str:
        session_id = secrets.token_hex(16)  # 128 bits: not guessable
        body = f"{session_id}.{int(time.time())}"
        return f"{body}.{self._sign(body)}"

    def verify(self, token: Any) -> Optional[str]:
        """The session id the token names, or None if this server did not issue it (or it
        expired, or the conversation was ended)."""
        if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
            return None
        parts = token.split(".")
        if len(parts) != 3:
            return None
        session_id, issued, signature = parts
        body = f"{session_id}.{issued}"
        if not hmac.compare_digest(self._sign(body), signature):
            return None
        try:
            age = time.time() - int(issued)
        except ValueError:
            return None
        if age > self.max_age or age < -300 or session_id in self._ended:
            return None
        return session_id

    def end(self, session_id: str) -> None:
        self._ended.add(session_id)


def _button_titles(event: Dict[str, Any]) -> Dict[str, str]:
    buttons = (event.get("data") or {}).get("buttons") or []
    return {
        b.get("payload"): b.get("title")
        for b in buttons
        if isinstance(b, dict) and isinstance(b.get("payload"), str)
    }


def history_from_events(events: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The resident's and the assistant's messages since the conversation last restarted.

    A button the resident pressed is shown by its title, as the widget showed it. Staff
    messages (bot events whose metadata says ``{"from": "staff"}``) keep that speaker.
    """
    out: List[Dict[str, Any]] = []
    last_buttons: Dict[str, str] = {}
    for event in events:
        kind = event.get("event")
        if kind == "restart":
            out, last_buttons = [], {}
        elif kind == "user":
            text = event.get("text") or ""
            if text in last_buttons:
                text = last_buttons[text]
            elif text in WIDGET_PAYLOADS:
                text = words.text(WIDGET_PAYLOADS[text])
            elif text.startswith("/"):
                continue  # a payload the widget sent on its own (the opening /greet)
            entry = {"from": "user", "text": text}
            client_id = valid_client_id((event.get("metadata") or {}).get("client_id"))
            if client_id:
                entry["id"] = client_id  # lets the widget see which of its messages arrived
            out.append(entry)
        elif kind == "bot":
            metadata = event.get("metadata") or {}
            speaker = "staff" if metadata.get("from") == "staff" else "bot"
            last_buttons = _button_titles(event)
            parts = [p for p in (event.get("text") or "").strip().split("\n\n") if p]
            out.extend({"from": speaker, "text": part} for part in parts)
            buttons = (event.get("data") or {}).get("buttons") or []
            if buttons and parts:
                out[-1]["buttons"] = [
                    {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                    for b in buttons
                    if isinstance(b, dict)
                ]
    return out


def _cors_check(origins: Iterable[str]) -> Any:
    allowed = [o for o in origins if o]
    if "*" in allowed:
        return "*"
    # A callable, not a list: python-engineio treats an empty list as "check nothing".
    allowed_set = frozenset(allowed)
    return lambda origin, *_: origin in allowed_set


class SafeSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with server-issued, signed sessions (see module doc)."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Sessions are always rooms named by the session id: the server pushes to them.
        self.session_persistence = True
        self.tokens: Optional[SessionTokens] = None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        settings = Settings()
        handle = sanitising(on_new_message)
        tokens = SessionTokens(
            load_secret(settings),
            session_max_age_s(),
            ended=EndedSessions(settings.ended_sessions_location),
        )
        self.tokens = tokens
        client_ids = ClientIds()
        several_instances.check()  # one of several instances: same secret and database as the rest
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=_cors_check(settings.allowed_origins),
            client_manager=client_manager(),  # Redis when instances share it: any reaches any socket
        )
        # engine.io still refuses other origins, but leaves the CORS headers to the Rasa
        # server's own CORS handling (`--cors`, the same ASB_ALLOWED_ORIGINS): both adding
        # Access-Control-Allow-Origin gives a doubled header, which browsers reject.
        sio.eio._cors_headers = lambda environ: []
        blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        namespace = self.namespace
        Runtime.socketio = self  # the operator console pushes staff messages through it

        async def end_conversation(app: Any, session_id: str) -> None:
            await blocking(tokens.end, session_id)  # a database write: off the event loop
            await ended_by_resident(session_id)  # an operator holding it sees the resident left
            agent = getattr(app.ctx, "agent", None)
            if agent is not None and agent.tracker_store is not None:
                async with agent.lock_store.lock(session_id):
                    tracker = await agent.tracker_store.retrieve(session_id)
                    if tracker is not None:
                        tracker.update(Restarted())
                        await agent.tracker_store.save(tracker)
            await sio.emit("session_ended", {}, room=session_id, namespace=namespace)
            for sid, _ in list(sio.manager.get_participants(namespace or "/", session_id)):
                await sio.disconnect(sid, namespace=namespace)
            logger.info("socketio session ended by the resident")

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def _token_from_body(request: Request) -> Optional[str]:
            body = (request.body or b"")[:MAX_TOKEN_CHARS].decode("utf-8", "replace").strip()
            return await blocking(tokens.verify, body)

        @blueprint.route("/history", methods=["POST"])
        async def history(request: Request) -> HTTPResponse:
            session_id = await _token_from_body(request)
            if session_id is None:
                return response.json({"error": "unknown session"}, status=403)
            agent = request.app.ctx.agent
            tracker = await agent.tracker_store.retrieve_full_tracker(session_id)
            events = [e.as_dict() for e in tracker.events] if tracker else []
            return response.json(
                {"messages": history_from_events(events)},
                headers={"Cache-Control": "no-store"},
            )

        @blueprint.route("/end", methods=["POST"])
        async def end(request: Request) -> HTTPResponse:
            session_id = await _token_from_body(request)
            if session_id is not None:
                await end_conversation(request.app, session_id)
            # Same answer either way: a beacon cannot read it, and it reveals nothing.
            return response.empty(status=204)

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            return True

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            data = data if isinstance(data, dict) else {}
            token = data.get("session_id")
            session_id = await blocking(tokens.verify, token)  # looks up ended sessions
            resumed = session_id is not None
            if not resumed:
                token = tokens.issue()
                session_id = await blocking(tokens.verify, token)
            async with sio.session(sid, namespace=namespace) as session:
                old = session.get("session_id")
                if old and old != session_id:
                    await sio.leave_room(sid, old, namespace=namespace)
                session["session_id"] = session_id
                session["token"] = token
            await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit(
                "session_confirm",
                {"session_id": token, "resumed": resumed},
                room=sid,
                namespace=namespace,
            )

        @sio.on("end_session", namespace=namespace)
        async def end_session(sid: Text, data: Optional[Dict] = None) -> None:
            session = await sio.get_session(sid, namespace=namespace)
            session_id = session.get("session_id")
            if session_id:
                await end_conversation(blueprint_app["app"], session_id)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any = None) -> Optional[Dict[str, Any]]:
            data = data if isinstance(data, dict) else {}
            session = await sio.get_session(sid, namespace=namespace)
            session_id = session.get("session_id")
            claimed = data.get("session_id")
            if (
                session_id is None
                or await blocking(tokens.verify, session.get("token")) != session_id
                or (claimed is not None and await blocking(tokens.verify, claimed) != session_id)
            ):
                logger.warning("socketio message refused: session not issued by this server")
                await sio.emit("session_invalid", {}, room=sid, namespace=namespace)
                return {"error": "session_invalid"}
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            metadata = {
                k: v
                for k, v in (metadata if isinstance(metadata, dict) else {}).items()
                if k in ALLOWED_METADATA_KEYS and isinstance(v, str) and len(v) <= 40
            }
            client_id = valid_client_id(data.get("client_id"))
            if client_id:
                earlier = client_ids.claim(session_id, client_id)
                if earlier is not None:
                    # A resend (its acknowledgement was lost): answered once, acknowledged again.
                    try:
                        await asyncio.wait_for(asyncio.shield(earlier), RESEND_WAIT_SECONDS)
                    except asyncio.TimeoutError:
                        pass
                    return {"received": client_id, "resent": True}
                metadata["client_id"] = client_id
                # Received (the widget stops showing "Sending..."); the acknowledgement below
                # comes once it is answered, and lets the widget send its next message.
                await sio.emit("message_received", {"client_id": client_id}, room=sid, namespace=namespace)
            text = data.get("message")
            if not isinstance(text, str):
                # Every event is answered: a refusal the widget can act on, and the typing
                # indicator ends.
                await sio.emit("reply_done", {}, room=sid, namespace=namespace)
                return {"error": "message_must_be_text", "received": client_id}
            message = UserMessage(
                text,
                SocketIOOutput(sio, self.bot_message_evt),
                session_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            processed = False
            try:
                await handle(message)
                processed = True
            except Exception as error:  # noqa: BLE001 - the resident always gets words
                logger.error("socketio message failed (%s)", type(error).__name__)
                await sio.emit(self.bot_message_evt, {"text": sorry()}, room=session_id, namespace=namespace)
            finally:
                if client_id:
                    client_ids.finish(session_id, client_id, processed)
                # Lets the widget stop its typing indicator when the reply is complete.
                await sio.emit("reply_done", {}, room=session_id, namespace=namespace)
            return {"received": client_id} if client_id else None

        # The socket handlers need the Sanic app (for the agent); it is known once the
        # blueprint is registered.
        blueprint_app: Dict[str, Any] = {}

        @blueprint.listener("before_server_start")
        async def remember_app(app: Any, _loop: Any) -> None:
            blueprint_app["app"] = app

        return blueprint
