"""handoff: the queue, the audit trail and operator presence as shared/handoff/store.py made
them before issue 18 (adopted as they are when present).

Revision ID: handoff_0001
"""

import sqlalchemy as sa

from shared.storage.migrate import create_index_if_missing, create_table_if_missing

revision = "handoff_0001"
down_revision = None
branch_labels = ("handoff",)
depends_on = None


def upgrade() -> None:
    create_table_if_missing(
        "handoffs",
        sa.Column("session_id", sa.Text, primary_key=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("risk", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("requested_at", sa.Float, nullable=False),
        sa.Column("taken_by", sa.Text),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    create_table_if_missing(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.Text, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("operator", sa.Text),
        sa.Column("action", sa.Text, nullable=False),
        sqlite_autoincrement=True,  # ids are never reused: the trail's order is its ids'
    )
    create_index_if_missing("audit_session", "audit", ["session_id"])
    create_table_if_missing(
        "presence",
        sa.Column("operator", sa.Text, primary_key=True),
        sa.Column("last_seen", sa.Float, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("the audit trail is never downgraded")
