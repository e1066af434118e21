"""Erasing a person's data on request, and purging everything older than the retention period.

Erasure removes the conversation's tracker events (Rasa's `events` table) and our rows about it
(consents, tickets). It runs in the tracker store right after Rasa has saved the turn that asked
for it, inside the conversation lock, so nothing re-creates what was deleted.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import consents, tickets

logger = logging.getLogger(__name__)
EVENTS = "events"  # Rasa's SQL tracker store table


def _has_events_table(connection: Connection) -> bool:
    return sa.inspect(connection).has_table(EVENTS)


def erase_conversation(database_url: str, sender_id: str) -> None:
    key = conversation_key(sender_id)
    with get_engine(database_url).begin() as connection:
        if _has_events_table(connection):
            connection.execute(sa.text(f"DELETE FROM {EVENTS} WHERE sender_id = :s"), {"s": sender_id})
        connection.execute(consents.delete().where(consents.c.conversation_key == key))
        connection.execute(tickets.delete().where(tickets.c.conversation_key == key))
    logger.info("Erased a conversation on the person's request")


def purge_expired(database_url: str, retention_days: int, now: datetime | None = None) -> int:
    """Delete conversations idle for longer than the retention, and our rows older than it.
    Returns the number of conversations purged."""
    now = now or datetime.now(timezone.utc)
    cutoff = now - timedelta(days=retention_days)
    purged = 0
    with get_engine(database_url).begin() as connection:
        if _has_events_table(connection):
            stale = (
                connection.execute(
                    sa.text(f"SELECT sender_id FROM {EVENTS} GROUP BY sender_id HAVING MAX(timestamp) < :t"),
                    {"t": cutoff.timestamp()},
                )
                .scalars()
                .all()
            )
            for sender_id in stale:
                connection.execute(sa.text(f"DELETE FROM {EVENTS} WHERE sender_id = :s"), {"s": sender_id})
            purged = len(stale)
        connection.execute(consents.delete().where(consents.c.given_at < cutoff))
        connection.execute(tickets.delete().where(tickets.c.created_at < cutoff))
    if purged:
        logger.info("Retention: purged %d conversations idle for more than %d days", purged, retention_days)
    return purged
