"""The helpline console: tickets that pause the bot and can be claimed, handed back and closed;
staff replies and notes; staff users, sessions and the audit log; a feed of queue changes; the web chat's outbox.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TICKET_COLUMNS = (
    ("urgent", sa.Boolean, {"nullable": False, "server_default": sa.false()}),
    ("country", sa.String(2), {"nullable": True}),
    ("results", sa.Text, {"nullable": False, "server_default": "[]"}),
    ("bot_paused", sa.Boolean, {"nullable": False, "server_default": sa.true()}),
    ("claimed_by", sa.Integer, {"nullable": True}),
    ("claimed_at", sa.DateTime(timezone=True), {"nullable": True}),
    ("last_message_at", sa.DateTime(timezone=True), {"nullable": True}),
    ("unclaimed_notice_at", sa.DateTime(timezone=True), {"nullable": True}),
    ("closed_at", sa.DateTime(timezone=True), {"nullable": True}),
    ("outcome", sa.String(16), {"nullable": True}),
    ("resume", sa.String(16), {"nullable": True}),
    ("updated_at", sa.DateTime(timezone=True), {"nullable": True}),
)


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False, server_default="es"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
    )
    with op.batch_alter_table("tickets") as batch:
        for name, kind, options in TICKET_COLUMNS:
            batch.add_column(sa.Column(name, kind, **options))
        batch.create_foreign_key("fk_tickets_claimed_by", "staff_users", ["claimed_by"], ["id"])
        batch.create_index("ix_tickets_status", ["status"])
    op.create_table(
        "ticket_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("staff_user_id", sa.Integer, sa.ForeignKey("staff_users.id"), nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("delivery", sa.String(16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submission", sa.String(64), nullable=True),
        sa.UniqueConstraint("ticket_id", "submission", name="uq_ticket_messages_submission"),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("staff_user_id", sa.Integer, nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("ticket_id", sa.Integer, nullable=True),
        sa.Column("conversation_key", sa.String(64), nullable=True),
        sa.Column("detail", sa.String(255), nullable=False, server_default=""),
    )
    op.create_table(
        "console_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ticket_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
    )
    op.create_table(
        "web_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("web_outbox")
    op.drop_table("console_changes")
    op.drop_table("audit_log")
    op.drop_table("staff_sessions")
    op.drop_table("ticket_messages")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_index("ix_tickets_status")
        batch.drop_constraint("fk_tickets_claimed_by", type_="foreignkey")
        for name, _kind, _options in reversed(TICKET_COLUMNS):
            batch.drop_column(name)
    op.drop_table("staff_users")
