"""booking desk: what the conversation, the reminders, the calendar file and the centres' staff add
to bookings, and the slots or days a centre blocks.

- bookings.ics_token: the unguessable part of the booking's calendar-file address (/visit/<token>.ics).
- bookings.marked_at / marked_by: when and by which staff member attended or no-show was recorded.
- slot_blocks: a slot (start) or a whole local day (start NULL) a centre takes out of booking.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("ics_token", sa.String(64), nullable=True))
        batch.add_column(sa.Column("marked_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("marked_by", sa.Integer, nullable=True))
        batch.create_unique_constraint("uq_bookings_ics_token", ["ics_token"])
    op.create_index("ix_bookings_centre_start", "bookings", ["centre_id", "start"])
    op.create_table(
        "slot_blocks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("centre_id", sa.String(64), nullable=False),
        sa.Column("day", sa.Date, nullable=False),  # the centre's local calendar day
        sa.Column("start", sa.DateTime(timezone=True), nullable=True),  # NULL: the whole day
        sa.Column("reason", sa.String(200), nullable=True),
        sa.Column("created_by", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_slot_blocks_centre_day", "slot_blocks", ["centre_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_slot_blocks_centre_day", table_name="slot_blocks")
    op.drop_table("slot_blocks")
    op.drop_index("ix_bookings_centre_start", table_name="bookings")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_constraint("uq_bookings_ics_token", type_="unique")
        batch.drop_column("marked_by")
        batch.drop_column("marked_at")
        batch.drop_column("ics_token")
