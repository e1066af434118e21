"""A centre's day as its staff see it: who is expected when, who came, and the same list as CSV.

Staff see a booking's code, time, service, language, seat and status, never the person's sender id:
the code is what the person shows at the desk. Marking "attended" or "no-show" is a conditional
UPDATE on the status the staff member saw, so when two people mark the same visit at once the
first one counts and the second is shown what the first did, instead of silently overwriting it.
A mark can be changed between attended and no-show; a cancelled booking cannot be marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bot.appointments.bookings import ACTIVE_STATUSES
from bot.db.engine import get_engine
from bot.db.tables import bookings

MARKS = ("attended", "no_show")
MARKABLE = ("booked", *MARKS)  # a cancelled booking stays cancelled
CSV_HEADER = ("time", "code", "service", "language", "status", "seat")
# A spreadsheet runs a cell starting with one of these as a formula; the CSV quotes it as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class DayBooking:
    code: str
    start: datetime  # UTC
    service: str
    language: str
    seat: int
    status: str
    marked_at: datetime | None


@dataclass(frozen=True)
class Marked:
    """The mark was recorded (or the booking already had exactly that mark)."""

    booking: DayBooking


@dataclass(frozen=True)
class Changed:
    """The booking was not as the staff member saw it (a colleague marked it, the person cancelled):
    nothing was written; `booking` is how it is now."""

    booking: DayBooking


def day_window(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """The UTC instants where the centre's local `day` begins and the next one begins (a day can
    last 23 or 25 hours across a daylight-saving change)."""
    zone = ZoneInfo(zone_name)
    begin = datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(timezone.utc)
    return begin, end


def local_today(zone_name: str, now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(ZoneInfo(zone_name)).date()


def _day_booking(row: sa.Row) -> DayBooking:
    return DayBooking(
        code=row.code,
        start=row.start,
        service=row.service,
        language=row.language,
        seat=row.seat,
        status=row.status,
        marked_at=row.marked_at,
    )


_COLUMNS = (
    bookings.c.code,
    bookings.c.start,
    bookings.c.service,
    bookings.c.language,
    bookings.c.seat,
    bookings.c.status,
    bookings.c.marked_at,
)


def day_list(database_url: str, centre_id: str, day: date, zone_name: str) -> list[DayBooking]:
    """Every booking of the centre's local `day`, cancelled ones included, by time then seat."""
    begin, end = day_window(day, zone_name)
    query = (
        sa.select(*_COLUMNS)
        .where(bookings.c.centre_id == centre_id, bookings.c.start >= begin, bookings.c.start < end)
        .order_by(bookings.c.start, bookings.c.seat, bookings.c.id)
    )
    with get_engine(database_url).connect() as connection:
        return [_day_booking(row) for row in connection.execute(query)]


def booked_today(database_url: str, zones: Mapping[str, str], now: datetime | None = None) -> dict[str, int]:
    """Seats held today (booked, attended or no-show) per centre, each on its own local day.
    `zones` maps centre id -> IANA zone; centres without a booking are counted 0."""
    now = now or datetime.now(timezone.utc)
    counts = dict.fromkeys(zones, 0)
    if not zones:
        return counts
    # Every local "today" lies within a day and a half of now in UTC; one query, sorted out here.
    query = sa.select(bookings.c.centre_id, bookings.c.start).where(
        bookings.c.centre_id.in_(list(zones)),
        bookings.c.status.in_(ACTIVE_STATUSES),
        bookings.c.start >= now - timedelta(hours=36),
        bookings.c.start < now + timedelta(hours=36),
    )
    with get_engine(database_url).connect() as connection:
        for centre_id, start in connection.execute(query):
            zone = zones[centre_id]
            if start.astimezone(ZoneInfo(zone)).date() == local_today(zone, now):
                counts[centre_id] += 1
    return counts


def mark(
    database_url: str,
    centre_id: str,
    code: str,
    seen: str,
    outcome: str,
    staff_id: int,
    now: datetime | None = None,
) -> Marked | Changed | None:
    """Record that the person with booking `code` came (`attended`) or not (`no_show`).

    `seen` is the status the staff member's page showed; the UPDATE only happens while the
    booking still has it. None: the centre has no booking with that code."""
    if outcome not in MARKS:
        raise ValueError(f"unknown mark {outcome!r}; choose from {MARKS}")
    now = now or datetime.now(timezone.utc)
    mine = (bookings.c.centre_id == centre_id, bookings.c.code == code)
    with get_engine(database_url).begin() as connection:
        updated = 0
        if seen in MARKABLE:
            updated = connection.execute(
                bookings.update()
                .where(*mine, bookings.c.status == seen)
                .values(status=outcome, marked_at=now, marked_by=staff_id)
            ).rowcount
        row = connection.execute(sa.select(*_COLUMNS).where(*mine)).first()
    if row is None:
        return None
    current = _day_booking(row)
    if updated == 1 or (seen == outcome == current.status):
        return Marked(current)
    return Changed(current)


def csv_cell(value: object) -> str:
    """A value as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_rows(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    """The header, then each row, every cell guarded (see csv_cell)."""
    return [list(CSV_HEADER), *([csv_cell(value) for value in row] for row in rows)]
