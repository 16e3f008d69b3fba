"""case_system: cases and caseworkers' decisions, as case_system/store.py made them before
issue 18 (adopted as they are when present).

Revision ID: case_system_0001
"""

import sqlalchemy as sa

from shared.storage.migrate import create_table_if_missing

revision = "case_system_0001"
down_revision = None
branch_labels = ("case_system",)
depends_on = None


def upgrade() -> None:
    create_table_if_missing(
        "cases",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("application_id", sa.Text, nullable=False, unique=True),
        sa.Column("case_reference", sa.Text, unique=True),
        sa.Column("body_sha256", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("reference", sa.Text),
        sa.Column("area", sa.Text),
        sa.Column("outcome", sa.Text),
        sa.Column("routes", sa.Text, nullable=False, server_default=sa.text("'[]'")),
        sqlite_autoincrement=True,  # the case reference is made from seq: never reuse one
    )
    create_table_if_missing(
        "decisions",
        sa.Column("application_id", sa.Text, sa.ForeignKey("cases.application_id"), primary_key=True),
        sa.Column("threshold_met", sa.Integer, nullable=False),
        sa.Column("review_held", sa.Integer),
        sa.Column("recommendations_made", sa.Integer),
        sa.Column("decided_on", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("recorded_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("the case system's records are never downgraded")
