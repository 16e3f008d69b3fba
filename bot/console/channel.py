"""The operator console, served by the Rasa server as a custom channel at ``/console``.

It lives in the Rasa process because only that process can push to a resident's socket and
run the assistant for a conversation; Rasa's HTTP API token is therefore never needed by,
or sent to, a browser. Every page and API answers 401 (API) or redirects to sign-in (pages)
without a session; every state change needs the console's own origin (bot/console/auth.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic_cors.core import SANIC_CORS_EVALUATED
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.auth import (COOKIE, SESSION_SECONDS, ConsoleAuth, Session, came_over_https, client_source,
                              same_origin)
from bot.console.canned import canned_replies
from bot.channels.socketio import history_from_events
from bot.console.card import case_card, clean_correction, editable_label
from bot.console.events import stream_changes
from bot.console.pages import console_page, login_page
from bot.console.throttle import SignInPaused
from bot.handoff import runtime
from shared import words
from shared.handoff.changes import CHANGES
from shared.settings import redis_url
from shared import several_instances
from bot.scale_out.change_relay import ChangeRelay
from bot.handoff.runtime import Runtime, in_store
from shared.handoff.store import HandoffStore

logger = logging.getLogger("asb.console")

STATIC = Path(__file__).with_name("static")
PUBLIC_STATIC = {"console.css": "text/css"}
PRIVATE_STATIC = {"console.js": "application/javascript"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    # Not no-referrer: with it Chromium sends "Origin: null" on form posts, and the origin
    # check (bot/console/auth.py) is the CSRF defence.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
MAX_MESSAGE_CHARS = 2000


def _html(body: str, status: int = 200, headers: dict | None = None) -> HTTPResponse:
    return response.html(body, status=status, headers={**SECURITY_HEADERS, **(headers or {})})


def _json(body: Any, status: int = 200) -> HTTPResponse:
    return response.json(body, status=status, headers=SECURITY_HEADERS)


class ConsoleInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "console"

    def url_prefix(self) -> Text:
        return "/console"

    def blueprint(self, on_new_message: Callable[..., Awaitable[Any]]) -> Blueprint:
        auth = ConsoleAuth()
        bp = Blueprint("operator_console", url_prefix=self.url_prefix())

        several_instances.check()
        relay: dict[str, ChangeRelay] = {}

        @bp.listener("before_server_start")
        async def start(app: Any, _loop: Any) -> None:
            Runtime.app = app
            Runtime.store = HandoffStore()
            url = redis_url()
            if url:  # several instances: consoles hear the changes made on the others
                relay["redis"] = ChangeRelay(url)
                await relay["redis"].start()

        @bp.middleware("request")
        async def no_cross_origin_reads(request: Request) -> None:
            # Rasa opens CORS, with credentials, on every route for the widget's origins; the
            # widget's site is the same site, so its scripts could read the queue and
            # transcripts with the operator's cookie. Marking the request as already evaluated
            # is sanic-cors's own way to leave a response without CORS headers.
            setattr(request.ctx, SANIC_CORS_EVALUATED, "1")

        @bp.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            CHANGES.close_all()  # open event streams end now, not at their next beat
            if "redis" in relay:
                await relay.pop("redis").stop()

        def store() -> HandoffStore:
            return Runtime.store

        def api(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
            """Signed-in operators only; POSTs only from the console page itself."""

            async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                session = await in_store(auth.session, request)
                if session is None:
                    return _json({"error": words.text("console_sign_in_first")}, status=401)
                if request.method == "POST" and (not same_origin(request) or request.headers.get("x-console") != "1"):
                    return _json({"error": "refused"}, status=403)
                return await handler(request, session, *args, **kwargs)

            wrapped.__name__ = handler.__name__
            return wrapped

        # --- pages ----------------------------------------------------------------------

        @bp.route("/", methods=["GET"])
        async def index(request: Request) -> HTTPResponse:
            session = await in_store(auth.session, request)
            if session is None:
                return response.redirect("/console/login", status=303, headers=SECURITY_HEADERS)
            return _html(console_page(session.display))

        @bp.route("/login", methods=["GET"])
        async def login_form(_: Request) -> HTTPResponse:
            return _html(login_page())

        @bp.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            if not same_origin(request):
                return _html(login_page(words.text("console_sign_in_from_here")), status=403)
            name = (request.form.get("name") or "").strip()[:64]
            password = (request.form.get("password") or "")[:200]
            try:
                token = await in_store(auth.login, name, password, client_source(request))
            except SignInPaused as paused:
                logger.info("console sign-in paused")
                return _html(login_page(paused.message()), status=429,
                             headers={"Retry-After": str(paused.retry_after)})
            if token is None:
                logger.info("console sign-in refused")
                return _html(login_page(words.text("console_sign_in_refused")), status=401)
            await in_store(store().sign_in, name)
            logger.info("console sign-in operator=%s", name)
            resp = response.redirect("/console/", status=303, headers=SECURITY_HEADERS)
            resp.cookies[COOKIE] = token
            cookie = resp.cookies[COOKIE]
            cookie["httponly"] = True
            cookie["samesite"] = "Strict"
            cookie["path"] = "/console"
            cookie["max-age"] = SESSION_SECONDS
            if came_over_https(request):
                cookie["secure"] = True
            return resp

        @bp.route("/logout", methods=["POST"])
        async def logout(request: Request) -> HTTPResponse:
            if same_origin(request):
                operator = await in_store(auth.logout, request.cookies.get(COOKIE))
                if operator:
                    await in_store(store().sign_out, operator)
            resp = response.redirect("/console/login", status=303, headers=SECURITY_HEADERS)
            del resp.cookies[COOKIE]
            return resp

        @bp.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name in PRIVATE_STATIC and await in_store(auth.session, request) is None:
                return _json({"error": words.text("console_sign_in_first")}, status=401)
            kind = PUBLIC_STATIC.get(name) or PRIVATE_STATIC.get(name)
            if kind is None:
                return _json({"error": words.text("console_not_found")}, status=404)
            return response.text((STATIC / name).read_text(), content_type=kind, headers=SECURITY_HEADERS)

        # --- API ------------------------------------------------------------------------

        @bp.route("/api/me", methods=["GET"])
        @api
        async def me(request: Request, session: Session) -> HTTPResponse:
            return _json({"operator": session.operator, "display": session.display,
                          "canned": [{"title": t, "text": x} for t, x in canned_replies()]})

        @bp.route("/api/events", methods=["GET"])
        @api
        async def events(request: Request, session: Session) -> None:
            async def beat() -> None:
                await in_store(store().touch_presence, session.operator)

            await in_store(store().touch_presence, session.operator)
            async def signed_in() -> bool:
                return await in_store(auth.session, request) is not None

            await stream_changes(request, SECURITY_HEADERS, signed_in, beat)

        @bp.route("/api/queue", methods=["GET"])
        @api
        async def queue(request: Request, session: Session) -> HTTPResponse:
            s = store()
            await in_store(s.touch_presence, session.operator)  # reading the queue (or the live feed) is being signed in
            items = await in_store(s.queue)
            now = time.time()
            return _json({
                "operators_present": await in_store(s.operators_present),
                "availability": await in_store(s.availability),
                "items": [{"session_id": h.session_id, "status": h.status, "reason": h.reason, "risk": h.risk,
                           "waiting_seconds": int(now - h.requested_at), "taken_by": h.taken_by,
                           "mine": h.taken_by == session.operator} for h in items],
            })

        @bp.route("/api/conversations/<session_id>", methods=["GET"])
        @api
        async def conversation(request: Request, session: Session, session_id: str) -> HTTPResponse:
            handoff = await in_store(store().get, session_id)
            if handoff is None:
                return _json({"error": words.text("console_not_found")}, status=404)
            slots, events = await runtime.conversation(session_id)
            return _json({
                "session_id": session_id,
                "status": handoff.status,
                "reason": handoff.reason,
                "risk": handoff.risk,
                "taken_by": handoff.taken_by,
                "mine": handoff.status == "taken" and handoff.taken_by == session.operator,
                "card": case_card(slots),
                "transcript": history_from_events(events),
            })

        def holding(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
            """Only the operator who holds the conversation; anyone else gets 409."""

            async def wrapped(request: Request, session: Session, session_id: str) -> HTTPResponse:
                holder = await in_store(store().holder, session_id)
                if holder != session.operator:
                    return _json({"error": words.text("console_taken_by_someone_else" if holder else "console_not_taken")}, status=409)
                return await handler(request, session, session_id)

            wrapped.__name__ = handler.__name__
            return wrapped

        @bp.route("/api/conversations/<session_id>/take", methods=["POST"])
        @api
        async def take(request: Request, session: Session, session_id: str) -> HTTPResponse:
            if not await in_store(store().take, session_id, session.operator):
                return _json({"error": words.text("console_already_taken")}, status=409)
            await runtime.send_staff_message(session_id, words.text("staff_joined", name=session.display),
                                             session.operator)
            logger.info("conversation=%s taken operator=%s", session_id, session.operator)
            return _json({"status": "taken"})

        @bp.route("/api/conversations/<session_id>/send", methods=["POST"])
        @api
        @holding
        async def send(request: Request, session: Session, session_id: str) -> HTTPResponse:
            text = (request.json or {}).get("text") if isinstance(request.json, dict) else None
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_MESSAGE_CHARS:
                return _json({"error": words.text("console_message_length")}, status=400)
            await runtime.send_staff_message(session_id, text.strip(), session.operator)
            return _json({"sent": True})

        @bp.route("/api/conversations/<session_id>/correct", methods=["POST"])
        @api
        @holding
        async def correct(request: Request, session: Session, session_id: str) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            value = clean_correction(body.get("slot"), body.get("value"))
            if value is None:
                return _json({"error": words.text("console_value_refused")}, status=400)
            await runtime.set_slot(session_id, body["slot"], value)
            await in_store(store().record, session_id, session.operator, words.text("audit_corrected", label=editable_label(body["slot"])))
            return _json({"corrected": body["slot"]})

        async def _give_back(session: Session, session_id: str, action_name: str, audit: str) -> HTTPResponse:
            if not await in_store(store().finish, session_id, session.operator, "returned", audit):
                return _json({"error": words.text("console_not_taken")}, status=409)
            await runtime.run_assistant_action(session_id, action_name)
            logger.info("conversation=%s %s operator=%s", session_id, action_name, session.operator)
            return _json({"status": "returned"})

        @bp.route("/api/conversations/<session_id>/handback", methods=["POST"])
        @api
        @holding
        async def handback(request: Request, session: Session, session_id: str) -> HTTPResponse:
            return await _give_back(session, session_id, "action_handback", words.text("audit_handed_back"))

        @bp.route("/api/conversations/<session_id>/start-intake", methods=["POST"])
        @api
        @holding
        async def start_intake(request: Request, session: Session, session_id: str) -> HTTPResponse:
            return await _give_back(session, session_id, "action_start_intake_for_resident",
                                    words.text("audit_started_intake"))

        @bp.route("/api/conversations/<session_id>/close", methods=["POST"])
        @api
        @holding
        async def close(request: Request, session: Session, session_id: str) -> HTTPResponse:
            await runtime.send_staff_message(
                session_id, words.text("staff_left", name=session.display), session.operator)
            await in_store(store().finish, session_id, session.operator, "closed", words.text("audit_closed"))
            return _json({"status": "closed"})

        return bp
