"""Table definitions for our own data. Alembic migrations in migrations/versions create them."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()


class UtcDateTime(sa.types.TypeDecorator):
    """A moment stored and read back as an aware UTC datetime on every database: SQLite keeps no
    zone and returns naive values, PostgreSQL returns them in the session's zone. Naive values are
    refused on the way in, so no caller has to guess a zone on the way out."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored: give its zone")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


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
    sa.Column("given_at", UtcDateTime(), nullable=False),
)

# Requests for a person: one open ticket per conversation at most (bot/handoff/tickets.py). From the
# moment it opens the bot is silent in that conversation (`bot_paused`) until an agent hands it back
# or, while nobody has claimed it, the person writes "menu". The sender id is kept because replies
# go to the person's own channel.
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
    # open (waiting for an agent), claimed, closed (handed back, with an outcome)
    sa.Column("status", sa.String(16), nullable=False, server_default="open", index=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("urgent", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("country", sa.String(2), nullable=True),  # the person's current country, for filters
    sa.Column("results", sa.Text, nullable=False, server_default="[]"),  # JSON [{pathway, status}]
    sa.Column("bot_paused", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("claimed_by", sa.Integer, sa.ForeignKey("staff_users.id"), nullable=True),
    sa.Column("claimed_at", UtcDateTime(), nullable=True),
    sa.Column("last_message_at", UtcDateTime(), nullable=True),  # the person's latest
    sa.Column("unclaimed_notice_at", UtcDateTime(), nullable=True),  # "nobody is free yet"
    sa.Column("closed_at", UtcDateTime(), nullable=True),
    sa.Column("outcome", sa.String(16), nullable=True),  # resolved | referred | no_answer
    sa.Column("resume", sa.String(16), nullable=True),  # where the bot goes on: pending | menu
    sa.Column("updated_at", UtcDateTime(), nullable=True),
)

# What staff write in a ticket: replies sent to the person (with how the channel took them) and
# private notes the person never sees. The person's own messages stay in Rasa's tracker.
ticket_messages = sa.Table(
    "ticket_messages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # reply | note
    sa.Column("staff_user_id", sa.Integer, sa.ForeignKey("staff_users.id"), nullable=True),
    sa.Column("body", sa.Text, nullable=False),
    # replies: sending (recorded before the channel is called), then sent | template | refused | failed
    sa.Column("delivery", sa.String(16), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    # the reply form's one-time token: a double click on "send" is recorded, and sent, once
    sa.Column("submission", sa.String(64), nullable=True),
    sa.UniqueConstraint("ticket_id", "submission", name="uq_ticket_messages_submission"),
)

# Helpline staff and editors. Passwords are argon2 hashes; repeated failures lock the account.
staff_users = sa.Table(
    "staff_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # agent | editor | admin
    sa.Column("language", sa.String(8), nullable=False, server_default="es"),  # of the console
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", UtcDateTime(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("last_login_at", UtcDateTime(), nullable=True),
)

# Server-side console sessions. Only a SHA-256 of the cookie's token is stored.
staff_sessions = sa.Table(
    "staff_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("last_seen_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
)

# Every staff action: who, what, when, which conversation. Never message bodies.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UtcDateTime(), nullable=False, index=True),
    sa.Column("staff_user_id", sa.Integer, nullable=True),  # none for a failed login
    sa.Column("username", sa.String(64), nullable=False),  # kept readable if the user is removed
    sa.Column("action", sa.String(48), nullable=False),
    sa.Column("ticket_id", sa.Integer, nullable=True),
    sa.Column("conversation_key", sa.String(64), nullable=True),
    sa.Column("detail", sa.String(255), nullable=False, server_default=""),
)

# A feed of what changed in the queue (a ticket opened, a message arrived, a claim, a reply, a
# close), read by every web instance's live updates (bot/console/live.py) by polling past the last id.
console_changes = sa.Table(
    "console_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UtcDateTime(), nullable=False),
    sa.Column("ticket_id", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(24), nullable=False),
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
    sa.Column("received_at", UtcDateTime(), nullable=False),
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
    sa.Column("failed_at", UtcDateTime(), nullable=False),
)

# When each WhatsApp conversation last wrote to us: free-form messages are allowed only within
# 24 hours of it (WhatsApp's customer-service window); later, only approved templates.
channel_contacts = sa.Table(
    "channel_contacts",
    metadata,
    sa.Column("provider", sa.String(32), primary_key=True),
    sa.Column("conversation_key", sa.String(64), primary_key=True),
    sa.Column("last_inbound_at", UtcDateTime(), nullable=False),
)

# Messages for people on the web chat (/chat), which has no provider to push to: sent from outside a
# turn (a staff reply, a reminder), they wait here until the page asks for them (bot/chat/routes.py).
web_outbox = sa.Table(
    "web_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
)

# A single row (id 1) that /health rewrites to prove the database takes writes (bot/db/health.py).
health_checks = sa.Table(
    "health_checks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("checked_at", UtcDateTime(), nullable=False),
)

# Scheduled jobs that must run once across instances (the retention purge): the instance whose
# atomic UPDATE takes an expired lease runs the job; the others skip it (bot/db/leases.py).
job_leases = sa.Table(
    "job_leases",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(128), nullable=False),  # host, port and process of the winner
    sa.Column("expires_at", UtcDateTime(), nullable=False),
)

# A single row (id 1): POST /admin/kb/reload increments `generation`, and every process on every
# host reloads the knowledge base when it sees a new one (bot/kb/store.py).
kb_reloads = sa.Table(
    "kb_reloads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("requested_at", UtcDateTime(), nullable=True),
)

# Visits booked at one-stop centres (bot/appointments/bookings.py). A seat of a slot is held by at
# most one active booking: the partial unique index leaves cancelled rows out, so cancelling frees
# the seat while the row (and its seat number) stays for the centre's day list. The conversation key
# and sender id are emptied when the person's data is erased; the slot stays taken, without identity.
# `request_key` is the confirm button's idempotency key: a double tap finds the first booking.
_ACTIVE_BOOKING = sa.text("status IN ('booked', 'attended', 'no_show')")
bookings = sa.Table(
    "bookings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("centre_id", sa.String(64), nullable=False),
    sa.Column("service", sa.String(64), nullable=False),
    sa.Column("start", UtcDateTime(), nullable=False),  # UTC
    sa.Column("seat", sa.Integer, nullable=False),  # 1 .. the centre's seats per slot
    sa.Column("conversation_key", sa.String(64), nullable=True, index=True),
    sa.Column("sender_id", sa.String(255), nullable=True),  # for reminders through the person's channel
    sa.Column("language", sa.String(8), nullable=False),
    # booked | cancelled (by the person, or erased) | attended | no_show (marked by staff)
    sa.Column("status", sa.String(16), nullable=False, server_default="booked"),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("cancelled_at", UtcDateTime(), nullable=True),
    sa.Column("reminded_at", UtcDateTime(), nullable=True),
    sa.Column("request_key", sa.String(64), nullable=True, unique=True),
    sa.Column("ics_token", sa.String(64), nullable=True, unique=True),  # /visit/<token>.ics
    sa.Column("marked_at", UtcDateTime(), nullable=True),  # attended / no-show recorded
    sa.Column("marked_by", sa.Integer, nullable=True),  # the staff user who recorded it
    sa.Index("ix_bookings_centre_start", "centre_id", "start"),
    sa.Index(
        "uq_bookings_active_seat",
        "centre_id",
        "start",
        "seat",
        unique=True,
        sqlite_where=_ACTIVE_BOOKING,
        postgresql_where=_ACTIVE_BOOKING,
    ),
)

# Slots or whole days a centre takes out of booking (bot/appointments/blocks.py). `day` is the
# centre's local calendar day; `start` the blocked slot (UTC), or NULL for the whole day. A block
# stops new bookings; bookings already made stay, and the day list shows them.
slot_blocks = sa.Table(
    "slot_blocks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("centre_id", sa.String(64), nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("start", UtcDateTime(), nullable=True),
    sa.Column("reason", sa.String(200), nullable=True),
    sa.Column("created_by", sa.Integer, nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Index("ix_slot_blocks_centre_day", "centre_id", "day"),
)

# The editors' workflow (bot/editorial/). A draft holds the whole text of one KB file as the editor
# would publish it; `row_version` is bumped on every write so two editors acting at once cannot
# overwrite each other (compare-and-set). status: draft | submitted | published | rejected | withdrawn.
kb_drafts = sa.Table(
    "kb_drafts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("pathway_id", sa.String(64), nullable=False, index=True),
    sa.Column("path", sa.String(255), nullable=False),  # relative to the KB directory
    sa.Column("base_version", sa.Integer, nullable=True),  # the published version it started from
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("summary", sa.String(500), nullable=False, server_default=""),
    sa.Column("sources", sa.JSON, nullable=False),  # the URLs the editor cites for this change
    sa.Column("kind", sa.String(16), nullable=False, server_default="edit"),  # edit | restore
    sa.Column("restore_of", sa.Integer, nullable=True),  # the version a restore brings back
    sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
    sa.Column("author_id", sa.Integer, nullable=True),
    sa.Column("author", sa.String(64), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("submitted_at", UtcDateTime(), nullable=True),
    sa.Column("reviewer_id", sa.Integer, nullable=True),
    sa.Column("reviewer", sa.String(64), nullable=True),
    sa.Column("reviewed_at", UtcDateTime(), nullable=True),
    sa.Column("review_note", sa.String(500), nullable=True),
    sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
    sa.Index("ix_kb_drafts_status", "status"),
)

# Published versions of the KB: every process on every host serves the files on disk overlaid with
# the latest published text of each file here, so all hosts agree without sharing a disk.
# kind: edit | restore | verification | import.
kb_versions = sa.Table(
    "kb_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # the version number
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("pathway_id", sa.String(64), nullable=True, index=True),
    sa.Column("summary", sa.String(500), nullable=False, server_default=""),
    sa.Column("changes", sa.JSON, nullable=False),  # field paths that changed, e.g. "status.2.status"
    sa.Column("sources", sa.JSON, nullable=False),  # URLs cited
    sa.Column("author_id", sa.Integer, nullable=True),
    sa.Column("author", sa.String(64), nullable=False),
    sa.Column("reviewer_id", sa.Integer, nullable=True),
    sa.Column("reviewer", sa.String(64), nullable=True),
    sa.Column("draft_id", sa.Integer, nullable=True),
    sa.Column("published_at", UtcDateTime(), nullable=False),
)

kb_version_files = sa.Table(
    "kb_version_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("kb_versions.id"), nullable=False),
    sa.Column("path", sa.String(255), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("previous_text", sa.Text, nullable=True),
    sa.UniqueConstraint("version_id", "path", name="uq_kb_version_files_version_path"),
    sa.Index("ix_kb_version_files_path_version", "path", "version_id"),
)

# The source watch (bot/editorial/watch/): the last text seen at each source URL, and the changes
# found between fetches, which flag the pathways citing the URL until an editor resolves them.
source_pages = sa.Table(
    "source_pages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.String(1000), nullable=False, unique=True),
    sa.Column("etag", sa.String(255), nullable=True),
    sa.Column("last_modified", sa.String(64), nullable=True),
    sa.Column("text", sa.Text, nullable=True),  # the extracted text of the last successful fetch
    sa.Column("digest", sa.String(64), nullable=True),
    sa.Column("status", sa.Integer, nullable=True),  # the last HTTP status
    sa.Column("error", sa.String(255), nullable=True),
    sa.Column("fetched_at", UtcDateTime(), nullable=True),
    sa.Column("changed_at", UtcDateTime(), nullable=True),
)

source_changes = sa.Table(
    "source_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.String(1000), nullable=False),
    sa.Column("pathway_ids", sa.JSON, nullable=False),
    sa.Column("before", sa.Text, nullable=False),
    sa.Column("after", sa.Text, nullable=False),
    sa.Column("detected_at", UtcDateTime(), nullable=False),
    sa.Column("resolved_at", UtcDateTime(), nullable=True),
    sa.Column("resolved_by", sa.String(64), nullable=True),
    sa.Column("resolved_by_id", sa.Integer, nullable=True),
    sa.Index("ix_source_changes_open", "resolved_at"),
)
