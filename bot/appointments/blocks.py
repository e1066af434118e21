"""Slots and days a centre takes out of booking: a staff member is away, the office closes early.

A block stops new bookings (free slots leave it out, and booking refuses it in the same transaction
that takes the seat); bookings already made stay, and the staff day list shows them so the centre
can call the people. A whole-day block is kept by the centre's local day, so it covers every slot
of that day whatever the time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.appointments.schedule import Schedule
from bot.db.engine import get_engine
from bot.db.tables import slot_blocks


@dataclass(frozen=True)
class Block:
    id: int
    centre_id: str
    day: date
    start: datetime | None  # UTC; None: the whole day
    reason: str | None


def block(
    database_url: str,
    centre_id: str,
    schedule: Schedule,
    day: date,
    start: datetime | None = None,
    reason: str | None = None,
    created_by: int | None = None,
    now: datetime | None = None,
) -> Block:
    """Block one slot (`start`, on `day`) or the whole `day`. Blocking what is already blocked
    returns the existing block."""
    if start is not None:
        start = start.astimezone(timezone.utc)
        if start.astimezone(ZoneInfo(schedule.timezone)).date() != day:
            raise ValueError("the slot is not on that day")
    with get_engine(database_url).begin() as connection:
        for existing in _blocks(connection, centre_id, day, day):
            if existing.start == start:
                return existing
        values = {
            "centre_id": centre_id,
            "day": day,
            "start": start,
            "reason": (reason or "").strip()[:200] or None,
            "created_by": created_by,
            "created_at": now or datetime.now(timezone.utc),
        }
        new_id = connection.execute(slot_blocks.insert().values(**values)).inserted_primary_key[0]
    return Block(new_id, centre_id, day, start, values["reason"])


def unblock(database_url: str, centre_id: str, block_id: int) -> bool:
    with get_engine(database_url).begin() as connection:
        deleted = connection.execute(
            slot_blocks.delete().where(slot_blocks.c.id == block_id, slot_blocks.c.centre_id == centre_id)
        ).rowcount
    return deleted == 1


def _blocks(connection: Connection, centre_id: str, first: date, last: date) -> list[Block]:
    rows = connection.execute(
        sa.select(slot_blocks)
        .where(slot_blocks.c.centre_id == centre_id, slot_blocks.c.day >= first, slot_blocks.c.day <= last)
        .order_by(slot_blocks.c.day, slot_blocks.c.start)
    )
    return [Block(row.id, row.centre_id, row.day, row.start, row.reason) for row in rows]


def blocks_between(database_url: str, centre_id: str, first: date, last: date) -> list[Block]:
    """The centre's blocks on local days first..last (inclusive)."""
    with get_engine(database_url).connect() as connection:
        return _blocks(connection, centre_id, first, last)


def is_blocked(connection: Connection, centre_id: str, schedule: Schedule, start: datetime) -> bool:
    """Whether the slot at `start` is blocked, by itself or by its whole day (inside a transaction)."""
    day = start.astimezone(ZoneInfo(schedule.timezone)).date()
    start = start.astimezone(timezone.utc)
    return any(b.start is None or b.start == start for b in _blocks(connection, centre_id, day, day))


def blocked_starts(
    database_url: str, centre_id: str, schedule: Schedule, start_from: datetime, start_to: datetime
) -> tuple[set[datetime], set[date]]:
    """Blocked slot starts (UTC) and whole blocked local days around [start_from, start_to)."""
    zone = ZoneInfo(schedule.timezone)
    first = start_from.astimezone(zone).date() - timedelta(days=1)
    last = start_to.astimezone(zone).date() + timedelta(days=1)
    found = blocks_between(database_url, centre_id, first, last)
    return {b.start for b in found if b.start is not None}, {b.day for b in found if b.start is None}
