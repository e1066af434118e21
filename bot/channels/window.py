"""WhatsApp's 24-hour customer-service window: free-form messages only within 24 hours of the
person's last message; after that, only an approved template may be sent (bot/channels/outbound.py)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import channel_contacts

logger = logging.getLogger(__name__)
WINDOW = timedelta(hours=24)


def record_inbound(database_url: str, provider: str, sender_id: str, at: datetime | None = None) -> bool:
    """Note when the person last wrote. False when the database refused: the turn goes on (and
    fails honestly if the database is down), the window is then only shorter than it could be."""
    try:
        _record_inbound(database_url, provider, sender_id, at or datetime.now(timezone.utc))
    except sa.exc.SQLAlchemyError as exc:
        logger.error("Could not note an inbound message time: %s", type(exc).__name__)
        return False
    return True


def _record_inbound(database_url: str, provider: str, sender_id: str, at: datetime) -> None:
    key = conversation_key(sender_id)
    with get_engine(database_url).begin() as connection:
        updated = connection.execute(
            channel_contacts.update()
            .where(channel_contacts.c.provider == provider, channel_contacts.c.conversation_key == key)
            .values(last_inbound_at=at)
        ).rowcount
        if not updated:
            connection.execute(
                channel_contacts.insert().values(provider=provider, conversation_key=key, last_inbound_at=at)
            )


def window_open(database_url: str, provider: str, sender_id: str, now: datetime | None = None) -> bool:
    now = now or datetime.now(timezone.utc)
    with get_engine(database_url).connect() as connection:
        last = connection.execute(
            sa.select(channel_contacts.c.last_inbound_at).where(
                channel_contacts.c.provider == provider,
                channel_contacts.c.conversation_key == conversation_key(sender_id),
            )
        ).scalar_one_or_none()
    if last is None:
        return False
    return now - last < WINDOW
