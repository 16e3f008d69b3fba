"""outbox: the applications table as shared/outbox/{store,queue}.py made it before issue 18.

A database they made is adopted as it is: only a missing table, a missing delivery column
(queue.py added those on a worker's first start) or the index is created.

Revision ID: outbox_0001
"""

import sqlalchemy as sa

from shared.storage.migrate import add_columns_if_missing, create_index_if_missing, create_table_if_missing

revision = "outbox_0001"
down_revision = None
branch_labels = ("outbox",)
depends_on = None


def _delivery_columns() -> list:
    return [
        sa.Column("lease_until", sa.Text), sa.Column("lease_owner", sa.Text), sa.Column("last_attempt_at", sa.Text),
        sa.Column("last_http_status", sa.Integer), sa.Column("delivered_at", sa.Text),
        sa.Column("rejected_at", sa.Text),
        sa.Column("config_error", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("purged_at", sa.Text),
    ]


def upgrade() -> None:
    created = create_table_if_missing(
        "applications",
        sa.Column("application_id", sa.Text, primary_key=True),
        sa.Column("reference", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'pending'")),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("next_attempt_at", sa.Text),
        sa.Column("case_reference", sa.Text),
        sa.Column("last_error", sa.Text),
        *_delivery_columns(),
    )
    if not created:
        add_columns_if_missing("applications", *_delivery_columns())
    create_index_if_missing("applications_due", "applications", ["status", "next_attempt_at"])


def downgrade() -> None:
    raise NotImplementedError("the outbox is never downgraded: it holds applications not yet delivered")
