"""handoff: operators (were var/operators.json) and their console sessions (were one Rasa
server's memory), so any instance signs an operator in and keeps them signed in.

The operators file, when there is one, is copied in by shared/handoff/operators.py the first
time it finds this table empty.

Revision ID: handoff_0002
"""

import sqlalchemy as sa

from shared.storage.migrate import create_index_if_missing, create_table_if_missing

revision = "handoff_0002"
down_revision = "handoff_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_table_if_missing(
        "operators",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("display", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    create_table_if_missing(
        "operator_sessions",
        sa.Column("token_sha256", sa.Text, primary_key=True),  # the cookie itself is never stored
        sa.Column("operator", sa.Text, nullable=False),
        sa.Column("display", sa.Text, nullable=False),
        sa.Column("expires", sa.Float, nullable=False),
    )
    create_index_if_missing("operator_sessions_expires", "operator_sessions", ["expires"])


def downgrade() -> None:
    raise NotImplementedError("not downgraded: operators would be lost")
