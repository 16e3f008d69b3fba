"""ended_sessions: chat sessions the resident ended, as shared/privacy/ended_sessions.py made
the table before issue 18 (adopted as it is when present).

Revision ID: ended_sessions_0001
"""

import sqlalchemy as sa

from shared.storage.migrate import create_table_if_missing

revision = "ended_sessions_0001"
down_revision = None
branch_labels = ("ended_sessions",)
depends_on = None


def upgrade() -> None:
    create_table_if_missing(
        "ended",
        sa.Column("session_id", sa.Text, primary_key=True),
        sa.Column("ended_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("not downgraded: ended sessions would be accepted again")
