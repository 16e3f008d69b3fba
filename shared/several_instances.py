"""Refuse to start one of several instances on settings only it would have.

One instance makes its own session-signing secret (var/session-secret) and keeps its data in
SQLite files in var/. With several, each would sign widget sessions the others refuse and
keep an outbox no other worker reads: a resident moved to another instance (a restart, the
balancer) would lose the conversation. So with ASB_REDIS_HOST set, the secrets and the
database must be given, the same to every instance.
"""

from __future__ import annotations

from shared import settings

REQUIRED = (
    ("ASB_SESSION_SECRET", settings.session_secret,
     "the key signing widget sessions; each instance would otherwise make its own"),
    ("ASB_DATABASE_URL", settings.database_url,
     "the shared database for the outbox, handoff queue and ended sessions"),
)


class NotShareable(RuntimeError):
    pass


def check() -> None:
    """Raise NotShareable when several instances are configured without what they must share."""
    if not settings.several_instances():
        return
    missing = [f"{name} ({why})" for name, read, why in REQUIRED if not read()]
    if missing:
        raise NotShareable(
            "ASB_REDIS_HOST is set, so this is one of several instances, and each needs the same "
            "value of: " + "; ".join(missing) + " (docs/scale-out.md)"
        )
