"""The tables as the stores query them (SQLAlchemy Core). The migrations
(shared/storage/migrations/versions) make them; a test checks the two agree
(tests/storage/test_migrations.py)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
Text, Integer, Float = sa.Text, sa.Integer, sa.Float

# -- outbox (shared/outbox) -------------------------------------------------------------------
applications = sa.Table(
    "applications", metadata,
    sa.Column("application_id", Text, primary_key=True),
    sa.Column("reference", Text, nullable=False, unique=True),
    sa.Column("created_at", Text, nullable=False),
    sa.Column("payload", Text, nullable=False),
    sa.Column("status", Text, nullable=False, server_default="pending"),
    sa.Column("attempts", Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", Text),
    sa.Column("case_reference", Text),
    sa.Column("last_error", Text),
    sa.Column("lease_until", Text),
    sa.Column("lease_owner", Text),
    sa.Column("last_attempt_at", Text),
    sa.Column("last_http_status", Integer),
    sa.Column("delivered_at", Text),
    sa.Column("rejected_at", Text),
    sa.Column("config_error", Integer, nullable=False, server_default="0"),
    sa.Column("purged_at", Text),
)

# -- handoff (shared/handoff) -----------------------------------------------------------------
handoffs = sa.Table(
    "handoffs", metadata,
    sa.Column("session_id", Text, primary_key=True),
    sa.Column("status", Text, nullable=False),
    sa.Column("reason", Text, nullable=False),
    sa.Column("risk", Integer, nullable=False, server_default="0"),
    sa.Column("requested_at", Float, nullable=False),
    sa.Column("taken_by", Text),
    sa.Column("updated_at", Float, nullable=False),
)
audit = sa.Table(
    "audit", metadata,
    sa.Column("id", Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", Text, nullable=False),
    sa.Column("at", Float, nullable=False),
    sa.Column("operator", Text),
    sa.Column("action", Text, nullable=False),
    sqlite_autoincrement=True,
)
presence = sa.Table(
    "presence", metadata,
    sa.Column("operator", Text, primary_key=True),
    sa.Column("last_seen", Float, nullable=False),
)
operators = sa.Table(
    "operators", metadata,
    sa.Column("name", Text, primary_key=True),
    sa.Column("display", Text, nullable=False),
    sa.Column("password_hash", Text, nullable=False),
    sa.Column("updated_at", Float, nullable=False),
)
operator_sessions = sa.Table(
    "operator_sessions", metadata,
    sa.Column("token_sha256", Text, primary_key=True),
    sa.Column("operator", Text, nullable=False),
    sa.Column("display", Text, nullable=False),
    sa.Column("expires", Float, nullable=False),
)

# -- ended chat sessions (shared/privacy/ended_sessions.py) -----------------------------------
ended = sa.Table(
    "ended", metadata,
    sa.Column("session_id", Text, primary_key=True),
    sa.Column("ended_at", Float, nullable=False),
)

# -- the reference case system (case_system/store.py) -----------------------------------------
cases = sa.Table(
    "cases", metadata,
    sa.Column("seq", Integer, primary_key=True, autoincrement=True),
    sa.Column("application_id", Text, nullable=False, unique=True),
    sa.Column("case_reference", Text, unique=True),
    sa.Column("body_sha256", Text, nullable=False),
    sa.Column("body", Text, nullable=False),
    sa.Column("received_at", Text, nullable=False),
    sa.Column("year", Integer, nullable=False),
    sa.Column("reference", Text),
    sa.Column("area", Text),
    sa.Column("outcome", Text),
    sa.Column("routes", Text, nullable=False, server_default="[]"),
    sqlite_autoincrement=True,
)
decisions = sa.Table(
    "decisions", metadata,
    sa.Column("application_id", Text, sa.ForeignKey("cases.application_id"), primary_key=True),
    sa.Column("threshold_met", Integer, nullable=False),
    sa.Column("review_held", Integer),
    sa.Column("recommendations_made", Integer),
    sa.Column("decided_on", Text),
    sa.Column("notes", Text),
    sa.Column("recorded_at", Text, nullable=False),
)

TABLES = {
    "outbox": (applications,),
    "handoff": (handoffs, audit, presence, operators, operator_sessions),
    "ended_sessions": (ended,),
    "case_system": (cases, decisions),
}
