"""inbound_messages (webhook deduplication) and outbound_failures (replies providers refused)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_messages",
        sa.Column("provider", sa.String(32), primary_key=True),
        sa.Column("message_id", sa.String(128), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "outbound_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("conversation_key", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("error", sa.String(255), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_outbound_failures_conversation_key", "outbound_failures", ["conversation_key"])


def downgrade() -> None:
    op.drop_index("ix_outbound_failures_conversation_key", table_name="outbound_failures")
    op.drop_table("outbound_failures")
    op.drop_table("inbound_messages")
