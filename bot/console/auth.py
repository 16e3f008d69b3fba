"""Console sign-in: scrypt-checked passwords, random session cookies, CSRF by origin.

Sessions are rows of the handoff database (shared/handoff/operators.OperatorSessions, only
the SHA-256 of the cookie is stored), so every Rasa server sharing it knows an operator who
signed in through another, and a restart keeps them signed in; a session ends after a shift
(``SESSION_SECONDS``) or on sign-out. Each method blocks on the database (and ``login`` on
scrypt): the console calls them off the event loop (bot/handoff/runtime.in_store). The cookie is HttpOnly and SameSite=Strict, scoped to /console;
every state-changing request must come from the console's own origin and carry the
``X-Console`` header (a cross-site form cannot send one without a CORS pre-flight).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sanic.request import Request

from bot.console.throttle import SignInThrottle
from shared.handoff.operators import Operators, OperatorSessions
from shared.settings import trusted_proxies

COOKIE = "asb_console"
SESSION_SECONDS = 10 * 60 * 60  # a shift


@dataclass
class Session:
    operator: str
    display: str
    expires: float


class ConsoleAuth:
    def __init__(self, operators: Optional[Operators] = None, throttle: Optional[SignInThrottle] = None,
                 sessions: Optional[OperatorSessions] = None) -> None:
        self.operators = operators or Operators()
        self.throttle = throttle or SignInThrottle()
        self.sessions = sessions or OperatorSessions(self.operators.location)

    def login(self, name: str, password: str, source: str = "unknown") -> Optional[str]:
        """A new session token, or None for a wrong name or password. Raises SignInPaused
        (bot/console/throttle.py) while too many wrong passwords from `source` (the client's
        address) have paused signing in from there."""
        self.throttle.check(source)
        if not self.operators.verify(name, password):
            self.throttle.failed(source)
            return None
        self.throttle.succeeded(source)
        return self.sessions.create(name, self.operators.display_name(name), SESSION_SECONDS)

    def logout(self, token: Optional[str]) -> Optional[str]:
        return self.sessions.end(token)

    def session(self, request: Request) -> Optional[Session]:
        found = self.sessions.get(request.cookies.get(COOKIE))
        return Session(found.operator, found.display, found.expires) if found else None


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


def came_over_https(request: Request) -> bool:
    """Whether the operator's browser used HTTPS: this server's own scheme, or - when the peer is
    one of the force's trusted reverse proxies (ASB_TRUSTED_PROXIES), which ended TLS - the
    scheme that proxy says it received (the last X-Forwarded-Proto entry, the one it added).
    Decides the session cookie's Secure flag: behind a TLS proxy this server itself sees http."""
    if request.scheme == "https":
        return True
    forwarded = request.headers.get("x-forwarded-proto", "")
    return (request.ip or "") in trusted_proxies() and forwarded.split(",")[-1].strip().lower() == "https"


def same_origin(request: Request) -> bool:
    """A state-changing request must name this server as its origin (browsers always send
    Origin on POST) and, for the API, carry the console's header."""
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    if not origin or not host:
        return False
    return origin.split("://", 1)[-1] == host
