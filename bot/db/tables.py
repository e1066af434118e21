"""Table definitions for our own data. Alembic migrations in migrations/versions create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# One row each time a person is shown the consent notice. The conversation key is a keyed HMAC of
# the channel's sender id (bot/consent.py), so this table holds no phone numbers.
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
    sa.Column("reason", sa.String(32), nullable=False),  # asked | misunderstood | urgent
    sa.Column("facts", sa.Text, nullable=False),  # JSON of the answers collected so far
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Provider message ids: a webhook retry of a message being or already processed is acknowledged,
# never answered twice; one whose turn never finished is processed again. `state` is 'processing'
# while an instance (`owner`) handles it, then 'done'. The conversation key lets erasure find the
# person's rows (provider ids are personal data too).
inbound_messages = sa.Table(
    "inbound_messages",
    metadata,
    sa.Column("provider", sa.String(32), primary_key=True),
    sa.Column("message_id", sa.String(128), primary_key=True),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("conversation_key", sa.String(64), nullable=True, index=True),
    sa.Column("state", sa.String(16), nullable=False, server_default="done"),  # processing | done
    sa.Column("owner", sa.String(64), nullable=True),  # the Rasa instance that claimed it
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

# A single row (id 1) that /health rewrites to prove the database takes writes (bot/db/health.py).
health_checks = sa.Table(
    "health_checks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
)

# Scheduled jobs that must run once across instances (the retention purge): the instance whose
# atomic UPDATE takes an expired lease runs the job; the others skip it (bot/db/leases.py).
job_leases = sa.Table(
    "job_leases",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(128), nullable=False),  # host, port and process of the winner
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

# A single row (id 1): POST /admin/kb/reload increments `generation`, and every process on every
# host reloads the knowledge base when it sees a new one (bot/kb/store.py).
kb_reloads = sa.Table(
    "kb_reloads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True),
)
