"""Console sign-in: scrypt-checked passwords, random session cookies, CSRF by origin.

Sessions live in this process's memory: restarting the Rasa server signs operators out,
which is the safe way round. The cookie is HttpOnly and SameSite=Strict, scoped to /console;
every state-changing request must come from the console's own origin and carry the
``X-Console`` header (a cross-site form cannot send one without a CORS pre-flight).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Optional

from sanic.request import Request

from bot.console.throttle import SignInThrottle
from shared.handoff.operators import Operators
from shared.settings import trusted_proxies

COOKIE = "asb_console"
SESSION_SECONDS = 10 * 60 * 60  # a shift


@dataclass
class Session:
    operator: str
    display: str
    expires: float


class ConsoleAuth:
    def __init__(self, operators: Optional[Operators] = None, throttle: Optional[SignInThrottle] = None) -> None:
        self.operators = operators or Operators()
        self.throttle = throttle or SignInThrottle()
        self._sessions: dict[str, Session] = {}

    def login(self, name: str, password: str, source: str = "unknown") -> Optional[str]:
        """A new session token, or None for a wrong name or password. Raises SignInPaused
        (bot/console/throttle.py) while too many wrong passwords from `source` (the client's
        address) have paused signing in from there."""
        self.throttle.check(source)
        if not self.operators.verify(name, password):
            self.throttle.failed(source)
            return None
        self.throttle.succeeded(source)
        token = secrets.token_urlsafe(32)
        self._sessions[token] = Session(name, self.operators.display_name(name), time.time() + SESSION_SECONDS)
        return token

    def logout(self, token: Optional[str]) -> Optional[str]:
        session = self._sessions.pop(token, None) if token else None
        return session.operator if session else None

    def session(self, request: Request) -> Optional[Session]:
        token = request.cookies.get(COOKIE)
        session = self._sessions.get(token) if token else None
        if session is None:
            return None
        if session.expires < time.time():
            self._sessions.pop(token, None)
            return None
        return session


def client_source(request: Request) -> str:
    """The address a sign-in comes from: the peer, or - when the peer is one of the force's own
    reverse proxies (ASB_TRUSTED_PROXIES, space- or comma-separated; none by default) - the
    address that proxy says it forwarded for (the last X-Forwarded-For entry, the one it added)."""
    peer = request.ip or "unknown"
    trusted = trusted_proxies()
    forwarded = request.headers.get("x-forwarded-for", "")
    if peer in trusted and forwarded.strip():
        return forwarded.split(",")[-1].strip()[:64] or peer
    return peer


def same_origin(request: Request) -> bool:
    """A state-changing request must name this server as its origin (browsers always send
    Origin on POST) and, for the API, carry the console's header."""
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    if not origin or not host:
        return False
    return origin.split("://", 1)[-1] == host
