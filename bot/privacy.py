"""Erasing a person's data on request, and purging everything older than the retention period.

Erasure removes everything keyed to the conversation in one transaction: its tracker events
(Rasa's `events` table) and our rows about it (consents, tickets with their staff messages and
console changes, channel_contacts, outbound_failures, inbound_messages, web_outbox). The audit log
stays: it records who did what, never what was said. It raises when the database refuses, so the caller never
tells the person their data is gone when it is not.

Retention applies to each row's own age: an active conversation loses its events older than the
retention, like an idle one. A consent record lives as long as the data it covers: it goes once it
is older than the retention and nothing of its conversation is left. Provider message ids are
kept at most a week (deduplicating retries needs no more), or less when the retention is shorter.
A ticket's age is its last activity; its staff messages and console changes go with it.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import (
    bookings,
    channel_contacts,
    consents,
    console_changes,
    inbound_messages,
    outbound_failures,
    ticket_messages,
    tickets,
    web_outbox,
)

logger = logging.getLogger(__name__)
EVENTS = "events"  # Rasa's SQL tracker store table
DEDUPE_DAYS = 7  # the longest a provider retries a webhook (WhatsApp Cloud: 7 days)
PROCESSING_GRACE = timedelta(hours=1)  # a message claimed this recently may still be in its turn
_CHUNK = 500  # ids per DELETE ... IN (...), well under SQLite's parameter limit

# In deletion order: a ticket's staff messages before the ticket.
KEYED_TABLES = (
    consents,
    ticket_messages,
    tickets,
    channel_contacts,
    outbound_failures,
    inbound_messages,
    web_outbox,
)


def _has_events_table(connection: Connection) -> bool:
    return sa.inspect(connection).has_table(EVENTS)


def erase_conversation(database_url: str, sender_id: str) -> int:
    """Delete everything keyed to `sender_id`, in one transaction. Returns the number of rows
    deleted (tracker events included). Raises (SQLAlchemyError) when anything could not be
    deleted; then nothing was."""
    key = conversation_key(sender_id)
    deleted = 0
    with get_engine(database_url).begin() as connection:
        if _has_events_table(connection):
            result = connection.execute(
                sa.text(f"DELETE FROM {EVENTS} WHERE sender_id = :s"), {"s": sender_id}
            )
            deleted += result.rowcount
        ticket_ids = connection.execute(
            sa.select(tickets.c.id).where(
                sa.or_(tickets.c.conversation_key == key, tickets.c.sender_id == sender_id)
            )
        ).scalars()
        deleted += _delete_in(connection, console_changes.c.ticket_id, list(ticket_ids))
        for table in KEYED_TABLES:
            condition = table.c.conversation_key == key
            if table is tickets:  # tickets also hold the sender id itself
                condition = sa.or_(condition, tickets.c.sender_id == sender_id)
            deleted += connection.execute(table.delete().where(condition)).rowcount
        # A booking stays, without identity: the centre still sees the slot taken, not by whom; its
        # calendar file (found by ics_token) goes.
        deleted += connection.execute(
            bookings.update()
            .where(sa.or_(bookings.c.conversation_key == key, bookings.c.sender_id == sender_id))
            .values(conversation_key=None, sender_id=None, ics_token=None)
        ).rowcount
    logger.info("Erased a conversation on the person's request (%d rows)", deleted)
    return deleted


def _delete_in(connection: Connection, column: sa.Column, ids: list[int]) -> int:
    """DELETE the rows whose `column` is one of `ids`, in chunks."""
    return sum(
        connection.execute(column.table.delete().where(column.in_(ids[start : start + _CHUNK]))).rowcount
        for start in range(0, len(ids), _CHUNK)
    )


def _purge_tickets(connection: Connection, cutoff: datetime) -> dict[str, int]:
    """Tickets whose last activity is older than the cutoff, with their messages and changes; and
    any staff message or change older than it."""
    last_activity = sa.func.coalesce(tickets.c.updated_at, tickets.c.created_at)
    doomed = list(connection.execute(sa.select(tickets.c.id).where(last_activity < cutoff)).scalars())
    counts = {
        "console_changes": _delete_in(connection, console_changes.c.ticket_id, doomed),
        "ticket_messages": _delete_in(connection, ticket_messages.c.ticket_id, doomed),
        "tickets": _delete_in(connection, tickets.c.id, doomed),
    }
    counts["ticket_messages"] += connection.execute(
        ticket_messages.delete().where(ticket_messages.c.created_at < cutoff)
    ).rowcount
    counts["console_changes"] += connection.execute(
        console_changes.delete().where(console_changes.c.at < cutoff)
    ).rowcount
    return counts


@dataclass(frozen=True)
class PurgeCounts:
    """Rows deleted by one retention purge, per table."""

    events: int = 0
    consents: int = 0
    tickets: int = 0
    channel_contacts: int = 0
    outbound_failures: int = 0
    inbound_messages: int = 0
    ticket_messages: int = 0
    console_changes: int = 0
    web_outbox: int = 0
    bookings: int = 0

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def _live_keys(connection: Connection, has_events: bool) -> set[str]:
    """Conversation keys that still have data after the purge (events or any of our rows)."""
    keys: set[str] = set()
    if has_events:
        senders = connection.execute(sa.text(f"SELECT DISTINCT sender_id FROM {EVENTS}")).scalars()
        keys.update(conversation_key(s) for s in senders if s is not None)
    for table in (
        tickets,
        ticket_messages,
        channel_contacts,
        outbound_failures,
        inbound_messages,
        web_outbox,
        bookings,
    ):
        found = connection.execute(sa.select(table.c.conversation_key).distinct()).scalars()
        keys.update(k for k in found if k is not None)
    return keys


def _purge_consents(connection: Connection, cutoff: datetime, has_events: bool) -> int:
    candidates = connection.execute(
        sa.select(consents.c.id, consents.c.conversation_key).where(consents.c.given_at < cutoff)
    ).all()
    if not candidates:
        return 0
    live = _live_keys(connection, has_events)
    doomed = [row_id for row_id, key in candidates if key not in live]
    deleted = 0
    for start in range(0, len(doomed), _CHUNK):
        chunk = doomed[start : start + _CHUNK]
        deleted += connection.execute(consents.delete().where(consents.c.id.in_(chunk))).rowcount
    return deleted


def purge_expired(database_url: str, retention_days: int, now: datetime | None = None) -> PurgeCounts:
    """Delete every row older than the retention period (see the module docstring), in one
    transaction. Returns how many rows went from each table; logs only those counts."""
    now = now or datetime.now(timezone.utc)
    cutoff = now - timedelta(days=retention_days)
    dedupe_cutoff = max(cutoff, now - timedelta(days=DEDUPE_DAYS))
    counts: dict[str, int] = {}
    with get_engine(database_url).begin() as connection:
        has_events = _has_events_table(connection)
        counts["events"] = (
            connection.execute(
                sa.text(f"DELETE FROM {EVENTS} WHERE timestamp < :t"), {"t": cutoff.timestamp()}
            ).rowcount
            if has_events
            else 0
        )
        counts.update(_purge_tickets(connection, cutoff))
        for table, column in (
            (channel_contacts, channel_contacts.c.last_inbound_at),
            (outbound_failures, outbound_failures.c.failed_at),
            (web_outbox, web_outbox.c.created_at),
            (bookings, bookings.c.start),  # a visit older than the retention, whatever became of it
        ):
            counts[table.name] = connection.execute(table.delete().where(column < cutoff)).rowcount
        in_flight = sa.and_(
            inbound_messages.c.state == "processing",
            inbound_messages.c.received_at >= now - PROCESSING_GRACE,
        )
        counts["inbound_messages"] = connection.execute(
            inbound_messages.delete().where(
                inbound_messages.c.received_at < dedupe_cutoff, sa.not_(in_flight)
            )
        ).rowcount
        counts["consents"] = _purge_consents(connection, cutoff, has_events)
    result = PurgeCounts(**counts)
    if result.total:
        logger.info(
            "Retention (%d days): deleted %d events, %d consents, %d tickets, %d channel contacts, "
            "%d outbound failures, %d inbound message ids, %d staff messages, %d console changes, "
            "%d web chat messages, %d bookings",
            retention_days,
            result.events,
            result.consents,
            result.tickets,
            result.channel_contacts,
            result.outbound_failures,
            result.inbound_messages,
            result.ticket_messages,
            result.console_changes,
            result.web_outbox,
            result.bookings,
        )
    return result
