"""Table definitions for our own data. Alembic migrations in migrations/versions create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# One row each time a person is shown the consent notice. The conversation key is a hash of the
# channel's sender id, so this table holds no phone numbers.
consents = sa.Table(
    "consents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("notice_version", sa.String(32), nullable=False),
    sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
)

# Requests for a person (asked, or after repeated misunderstanding). The staff console (a later
# issue) works from this table; the sender id is kept because replies go to the person's channel.
tickets = sa.Table(
    "tickets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),  # asked | misunderstood
    sa.Column("facts", sa.Text, nullable=False),  # JSON of the answers collected so far
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Provider message ids already processed: a webhook retry is acknowledged, never answered twice.
inbound_messages = sa.Table(
    "inbound_messages",
    metadata,
    sa.Column("provider", sa.String(32), primary_key=True),
    sa.Column("message_id", sa.String(128), primary_key=True),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
)

# Replies a provider would not take after retries: recorded, never silently dropped.
outbound_failures = sa.Table(
    "outbound_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("provider", sa.String(32), nullable=False),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.Integer, nullable=True),  # HTTP status, or None when unreachable
    sa.Column("error", sa.String(255), nullable=False),
    sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
)

# When each WhatsApp conversation last wrote to us: free-form messages are allowed only within
# 24 hours of it (WhatsApp's customer-service window); later, only approved templates.
channel_contacts = sa.Table(
    "channel_contacts",
    metadata,
    sa.Column("provider", sa.String(32), primary_key=True),
    sa.Column("conversation_key", sa.String(64), primary_key=True),
    sa.Column("last_inbound_at", sa.DateTime(timezone=True), nullable=False),
)
