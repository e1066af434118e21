"""The day-before reminder of a visit: once, in the person's language, through their channel.

A booking is due from 10:00 the day before the visit on the centre's clock (the person lives there
too) until the visit starts; one made after that moment gets none, its confirmation is fresh. Every
web instance runs `send_due_reminders` (bot/web.py): an instance sends a reminder only when its
conditional UPDATE of `reminded_at` took the row, so two instances, or two runs, never send it twice.
A reminder is sent at most once: a provider failure is logged, not retried (a late or second
reminder would confuse more than a missing one helps).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import bookings
from bot.i18n.catalogs import translate
from bot.i18n.display import visit_time
from bot.kb.model import Centre, KnowledgeBase
from bot.nlg.message_ids import N_
from bot.settings import Settings

logger = logging.getLogger(__name__)

REMIND_AT = time(10)  # on the day before the visit, centre's local time
LOOK_AHEAD = timedelta(days=2)  # a reminder is never due for a visit further away than this
BATCH = 200  # bookings looked at per run, soonest first; the rest wait for the next run

TOMORROW = N_("booking.reminder.tomorrow")
TODAY = N_("booking.reminder.today")  # the service was down at 10:00 the day before
CODE_AND_CHANGES = N_("booking.how_to_change")


def remind_from(start: datetime, zone: ZoneInfo) -> datetime:
    """10:00 on the day before the visit, on the centre's clock (daylight saving included)."""
    day_before = start.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(day_before, REMIND_AT, tzinfo=zone)


def reminder_text(centre: Centre, code: str, start: datetime, language: str, now: datetime) -> str:
    """The reminder in `language`: when and where, the address when known, the code and how to
    cancel or change (with the words the conversation recognises)."""
    zone = ZoneInfo(centre.booking.schedule.timezone) if centre.booking else timezone.utc
    local = start.astimezone(zone)
    msgid = TODAY if now.astimezone(zone).date() == local.date() else TOMORROW
    parts = [translate(language, msgid, when=visit_time(local, language), centre=centre.name)]
    if centre.address:
        address = centre.address.strip()
        parts.append(address if address.endswith((".", "!", "?")) else f"{address}.")
    parts.append(translate(language, CODE_AND_CHANGES, code=code))
    return " ".join(parts)


def _candidates(database_url: str, now: datetime) -> list[Any]:
    query = (
        sa.select(
            bookings.c.id,
            bookings.c.code,
            bookings.c.centre_id,
            bookings.c.start,
            bookings.c.sender_id,
            bookings.c.language,
            bookings.c.created_at,
        )
        .where(
            bookings.c.status == "booked",
            bookings.c.sender_id.is_not(None),
            bookings.c.reminded_at.is_(None),
            bookings.c.start > now,
            bookings.c.start <= now + LOOK_AHEAD,
        )
        .order_by(bookings.c.start, bookings.c.id)
        .limit(BATCH)
    )
    with get_engine(database_url).connect() as connection:
        return list(connection.execute(query))


def _claim(database_url: str, booking_id: int, now: datetime) -> bool:
    """Record the reminder as sent; True only for the one caller whose UPDATE took the row."""
    with get_engine(database_url).begin() as connection:
        claimed = connection.execute(
            bookings.update()
            .where(
                bookings.c.id == booking_id,
                bookings.c.reminded_at.is_(None),
                bookings.c.status == "booked",
                bookings.c.sender_id.is_not(None),
            )
            .values(reminded_at=now)
        ).rowcount
    return claimed == 1


def is_due(start: datetime, created_at: datetime, zone: ZoneInfo, now: datetime) -> bool:
    moment = remind_from(start, zone)
    return moment <= now < start and created_at <= moment


async def send_due_reminders(settings: Settings, kb: KnowledgeBase, now: datetime) -> int:
    """Send every due reminder once; returns how many the outbound layer took."""
    from bot.channels.outbound import Delivery, send_text  # the channels' layer (loaded on first use)

    sent = 0
    for row in await asyncio.to_thread(_candidates, settings.database_url, now):
        centre = kb.centres.get(row.centre_id)
        if centre is None or centre.booking is None:
            logger.warning(
                "Booking %s at %s: the centre is no longer bookable in the KB", row.id, row.centre_id
            )
            continue
        start = row.start
        if not is_due(start, row.created_at, ZoneInfo(centre.booking.schedule.timezone), now):
            continue
        if not await asyncio.to_thread(_claim, settings.database_url, row.id, now):
            continue  # another instance (or run) has it
        text = reminder_text(centre, row.code, start, row.language, now)
        try:
            result = await send_text(settings, row.sender_id, text, row.language)
        except Exception as exc:  # one person's channel failing must not stop the others' reminders
            logger.error("Reminder for booking %s failed: %s", row.id, type(exc).__name__)
            continue
        if result.delivery in (Delivery.SENT, Delivery.TEMPLATE):
            sent += 1
        else:
            logger.warning("Reminder for booking %s not delivered: %s", row.id, result.reason)
    return sent
