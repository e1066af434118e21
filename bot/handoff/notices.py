"""Telling a person that nobody has taken their request yet: once per ticket, across instances.

Every web instance runs `notify_unclaimed` periodically (bot/web.py). A ticket is due when it is
open, unclaimed, still pausing the bot, older than HANDOFF_UNCLAIMED_MINUTES and not yet noticed;
the instance whose conditional UPDATE of `unclaimed_notice_at` takes the row sends the notice, so
two instances never send it twice. Tickets opened outside hours are marked without a message: the
person was already told nobody is there (handoff.created_closed).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import tickets
from bot.handoff.hours import helpline
from bot.i18n.catalogs import translate

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)
BATCH = 50  # tickets looked at per run; the rest wait for the next one


def _due(database_url: str, cutoff: datetime) -> list[Any]:
    query = (
        sa.select(tickets.c.id, tickets.c.sender_id, tickets.c.language, tickets.c.created_at)
        .where(_due_condition(cutoff))
        .order_by(tickets.c.created_at)
        .limit(BATCH)
    )
    with get_engine(database_url).connect() as connection:
        return list(connection.execute(query))


def _due_condition(cutoff: datetime) -> Any:
    return sa.and_(
        tickets.c.status == "open",
        tickets.c.bot_paused.is_(True),
        tickets.c.unclaimed_notice_at.is_(None),
        tickets.c.created_at < cutoff,
    )


def _take(database_url: str, ticket_id: int, cutoff: datetime, now: datetime) -> bool:
    """Mark the notice as sent; True only for the one caller whose UPDATE took the row."""
    with get_engine(database_url).begin() as connection:
        taken = connection.execute(
            tickets.update()
            .where(tickets.c.id == ticket_id, _due_condition(cutoff))
            .values(unclaimed_notice_at=now)
        ).rowcount
    return taken == 1


async def _send(settings: Settings, sender_id: str, text: str, language: str) -> str:
    from bot.channels.outbound import send_text  # the channels' outbound layer (loaded on first use)

    result = await send_text(settings, sender_id, text, language)
    return result.delivery.value


async def notify_unclaimed(settings: Settings, now: datetime | None = None) -> int:
    """Send handoff.unclaimed for every due ticket; returns how many were sent."""
    now = now or datetime.now(timezone.utc)
    line = helpline(settings)
    cutoff = now - line.unclaimed_after
    sent = 0
    for row in await asyncio.to_thread(_due, settings.database_url, cutoff):
        if not await asyncio.to_thread(_take, settings.database_url, row.id, cutoff, now):
            continue  # another instance has it
        if not line.is_open(row.created_at):
            continue
        text = translate(row.language, "handoff.unclaimed", settings.locales_dir)
        delivery = await _send(settings, row.sender_id, text, row.language)
        logger.info("Unclaimed notice for ticket %d: %s", row.id, delivery)
        sent += 1
    return sent
