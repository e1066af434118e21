"""bookings: visits booked at one-stop centres, one active booking per centre, slot start and seat.

The unique index is partial (active statuses only), so a cancelled booking frees its seat and keeps
its row for the centre's records. SQLite (3.8+) and PostgreSQL both enforce partial unique indexes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ACTIVE = sa.text("status IN ('booked', 'attended', 'no_show')")


def upgrade() -> None:
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("centre_id", sa.String(64), nullable=False),
        sa.Column("service", sa.String(64), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seat", sa.Integer, nullable=False),
        sa.Column("conversation_key", sa.String(64), nullable=True, index=True),
        sa.Column("sender_id", sa.String(255), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="booked"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("request_key", sa.String(64), nullable=True, unique=True),
    )
    op.create_index(
        "uq_bookings_active_seat",
        "bookings",
        ["centre_id", "start", "seat"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_bookings_active_seat", table_name="bookings")
    op.drop_table("bookings")
