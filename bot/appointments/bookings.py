"""Bookings of visits: a seat of a slot is never given twice, on SQLite and PostgreSQL alike.

The database decides, not the code that reads first: a partial unique index on (centre, start, seat)
over active bookings (bot/db/tables.py) rejects the second of two people who picked the same seat at
the same moment. The loser's transaction rolls back and it tries again with the seats now held,
until it gets one or finds the slot full; each retry means someone else got a seat, so the retries
are bounded by the seats of a slot. A confirm carries an idempotency key (`request_key`, also
unique), so a double tap, or a channel's retry of the same message, finds the first booking.

"At most one future booking per person per centre" is checked in the booking's transaction. It is
a rule for people, not a race between them: the same person confirming two different slots at the
same instant could, on SQLite, get both; the index still guarantees no seat is shared.

The code is what proves a booking is yours, on any channel: a person who booked on WhatsApp can
cancel or move the visit by SMS with it (codes are random, from `secrets`, and channels rate-limit
messages). A blocked slot or day (bot/appointments/blocks.py) is refused in the same transaction.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from bot.appointments.blocks import blocked_starts, is_blocked
from bot.appointments.codes import new_code, normalise_code
from bot.appointments.schedule import Schedule
from bot.appointments.slots import free_slots, is_slot_start
from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import bookings

log = logging.getLogger(__name__)

ACTIVE_STATUSES = ("booked", "attended", "no_show")  # statuses that hold a seat (the index's WHERE)
EXTRA_ATTEMPTS = 3  # beyond one per seat: a code collision, a concurrent double tap


@dataclass(frozen=True)
class Booking:
    code: str
    centre_id: str
    service: str
    start: datetime  # UTC; shown in the centre's zone
    seat: int
    language: str
    status: str  # booked | cancelled | attended | no_show
    sender_id: str | None  # None once the person's data is erased
    ics_token: str | None = None  # the calendar file's address: /visit/<token>.ics


@dataclass(frozen=True)
class Full:
    """`start` cannot be booked: no seat is left, or it is past or no longer a slot. Offer others."""

    start: datetime


@dataclass(frozen=True)
class AlreadyBooked:
    """The person already has a future booking at this centre: change or cancel it instead."""

    booking: Booking


class _Abandon(Exception):
    """Roll the transaction back and give up (the booking being replaced was cancelled meanwhile)."""


def _booking(row: Row) -> Booking:
    values = {field: getattr(row, field) for field in Booking.__dataclass_fields__}
    return Booking(**values)


def _holder(centre_id: str, service: str, sender_id: str, language: str, request_key: str | None) -> dict:
    """What a new booking row says about its visit and the person holding it."""
    return {
        "centre_id": centre_id,
        "service": service,
        "conversation_key": conversation_key(sender_id),
        "sender_id": sender_id,
        "language": language,
        "request_key": request_key,
    }


def _by_request_key(connection: Connection, request_key: str | None) -> Booking | None:
    if not request_key:
        return None
    row = connection.execute(sa.select(bookings).where(bookings.c.request_key == request_key)).first()
    return _booking(row) if row else None


def _future_booking(
    connection: Connection, centre_id: str, key: str, now: datetime, code: str | None = None
) -> Row | None:
    """The person's booking still to come at this centre (the one with `code`, when given)."""
    query = sa.select(bookings).where(
        bookings.c.centre_id == centre_id,
        bookings.c.conversation_key == key,
        bookings.c.status == "booked",
        bookings.c.start > now,
    )
    if code is not None:
        query = query.where(bookings.c.code == code)
    return connection.execute(query.order_by(bookings.c.start).limit(1)).first()


def _take_seat(
    connection: Connection, schedule: Schedule, values: dict, start: datetime, now: datetime
) -> Booking | Full:
    """Insert a booking in the lowest seat free at `start`; the unique index settles any race."""
    held = set(
        connection.execute(
            sa.select(bookings.c.seat).where(
                bookings.c.centre_id == values["centre_id"],
                bookings.c.start == start,
                bookings.c.status.in_(ACTIVE_STATUSES),
            )
        ).scalars()
    )
    seat = next((seat for seat in range(1, schedule.seats + 1) if seat not in held), None)
    if seat is None:
        return Full(start)
    row = {
        **values,
        "code": new_code(),
        "start": start,
        "seat": seat,
        "status": "booked",
        "created_at": now,
        "ics_token": secrets.token_urlsafe(24),
    }
    connection.execute(bookings.insert().values(**row))
    return Booking(**{field: row[field] for field in Booking.__dataclass_fields__})


def _offered(connection: Connection, centre: str, schedule: Schedule, start: datetime, now: datetime) -> bool:
    if start.tzinfo is None or start <= now or not is_slot_start(schedule, start):
        return False
    return not is_blocked(connection, centre, schedule, start)


def book(
    database_url: str,
    centre_id: str,
    schedule: Schedule,
    start: datetime,
    service: str,
    sender_id: str,
    language: str,
    request_key: str | None,
    now: datetime | None = None,
) -> Booking | Full | AlreadyBooked:
    """Book the lowest free seat at `start`, or say why not. Repeating a request_key returns its booking."""
    now = now or datetime.now(timezone.utc)
    values = _holder(centre_id, service, sender_id, language, request_key)
    key = values["conversation_key"]
    engine = get_engine(database_url)
    for _attempt in range(schedule.seats + EXTRA_ATTEMPTS):
        try:
            with engine.begin() as connection:
                if (repeated := _by_request_key(connection, request_key)) is not None:
                    return repeated
                if not _offered(connection, centre_id, schedule, start, now):
                    return Full(start)
                if (existing := _future_booking(connection, centre_id, key, now)) is not None:
                    return AlreadyBooked(_booking(existing))
                return _take_seat(connection, schedule, values, start.astimezone(timezone.utc), now)
        except sa.exc.IntegrityError:
            log.debug("booking conflict at a slot of %s; trying again", centre_id)
    return Full(start)  # lost every attempt: the slot is as good as full


def reschedule(
    database_url: str,
    code: str,
    sender_id: str,
    new_start: datetime,
    schedule: Schedule,
    request_key: str | None,
    now: datetime | None = None,
) -> Booking | Full | None:
    """Move the booking `code` to `new_start`: the new booking (with a new code, held by the person
    writing now, `sender_id`) is made and the old one cancelled in one transaction, or nothing
    changes. None: no booking still to come has that code."""
    now = now or datetime.now(timezone.utc)
    engine = get_engine(database_url)
    for _attempt in range(schedule.seats + EXTRA_ATTEMPTS):
        try:
            with engine.begin() as connection:
                if (repeated := _by_request_key(connection, request_key)) is not None:
                    return repeated
                old = connection.execute(
                    sa.select(bookings).where(
                        bookings.c.code == normalise_code(code),
                        bookings.c.status == "booked",
                    )
                ).first()
                if old is None or old.start <= now:
                    return None
                same = old.start == new_start
                if same or not _offered(connection, old.centre_id, schedule, new_start, now):
                    return Full(new_start)
                values = _holder(old.centre_id, old.service, sender_id, old.language, request_key)
                moved = _take_seat(connection, schedule, values, new_start.astimezone(timezone.utc), now)
                if isinstance(moved, Booking):
                    cancelled = connection.execute(
                        bookings.update()
                        .where(bookings.c.id == old.id, bookings.c.status == "booked")
                        .values(status="cancelled", cancelled_at=now)
                    ).rowcount
                    if cancelled != 1:
                        raise _Abandon
                return moved
        except sa.exc.IntegrityError:
            log.debug("booking conflict while rescheduling; trying again")
        except _Abandon:
            return None
    return Full(new_start)


def cancel(database_url: str, code: str, now: datetime | None = None) -> Booking | None:
    """Cancel the booking `code` (only one still to come); its seat is free again.

    Returns the booking as it now is (cancelling twice is harmless), or None when no booking has `code`.
    """
    now = now or datetime.now(timezone.utc)
    code = normalise_code(code)
    with get_engine(database_url).begin() as connection:
        connection.execute(
            bookings.update()
            .where(
                bookings.c.code == code,
                bookings.c.status == "booked",
                bookings.c.start > now,
            )
            .values(status="cancelled", cancelled_at=now)
        )
        row = connection.execute(sa.select(bookings).where(bookings.c.code == code)).first()
    return _booking(row) if row else None


def upcoming(database_url: str, sender_id: str, now: datetime | None = None) -> list[Booking]:
    """The person's bookings still to come, soonest first (for "cancel my appointment" without a code)."""
    now = now or datetime.now(timezone.utc)
    query = (
        sa.select(bookings)
        .where(
            bookings.c.conversation_key == conversation_key(sender_id),
            bookings.c.status == "booked",
            bookings.c.start > now,
        )
        .order_by(bookings.c.start)
    )
    with get_engine(database_url).connect() as connection:
        return [_booking(row) for row in connection.execute(query)]


def open_slots(
    database_url: str, centre_id: str, schedule: Schedule, after: datetime, limit: int, horizon_days: int = 30
) -> list[datetime]:
    """The next `limit` starts after `after` a person can book: free seats, not blocked (centre's zone)."""
    until = after + timedelta(days=horizon_days + 2)
    held = taken(database_url, centre_id, after, until)
    starts, days = blocked_starts(database_url, centre_id, schedule, after, until)
    held.update({start: schedule.seats for start in starts})
    schedule = replace(schedule, closed=schedule.closed | days) if days else schedule
    return free_slots(schedule, held, after, limit, horizon_days)


def find(database_url: str, code: str) -> Booking | None:
    """The booking with this code, as typed by a person ("ab-c2 3d") or printed."""
    with get_engine(database_url).connect() as connection:
        row = connection.execute(sa.select(bookings).where(bookings.c.code == normalise_code(code))).first()
    return _booking(row) if row else None


def taken(database_url: str, centre_id: str, start_from: datetime, start_to: datetime) -> dict[datetime, int]:
    """Seats held per slot start (UTC) in [start_from, start_to): the input of slots.free_slots."""
    query = (
        sa.select(bookings.c.start, sa.func.count())
        .where(
            bookings.c.centre_id == centre_id,
            bookings.c.status.in_(ACTIVE_STATUSES),
            bookings.c.start >= start_from.astimezone(timezone.utc),
            bookings.c.start < start_to.astimezone(timezone.utc),
        )
        .group_by(bookings.c.start)
    )
    with get_engine(database_url).connect() as connection:
        return {start: count for start, count in connection.execute(query)}
