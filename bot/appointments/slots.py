"""Free slots: the next visit starts a centre can offer, from its weekly hours and what is booked.

Pure: no database. Openings are wall-clock times in the centre's zone, so a slot is computed on the
local calendar and only then placed on the time line. Across a daylight-saving change, a wall time
that does not exist that night is skipped (nobody can be at the door at 02:30 on a spring-forward
night), and one that happens twice is offered once, at its first occurrence.

Every instant is compared in UTC: Python compares two datetimes of the same zone by wall time and
ignores `fold`, which would confuse the two 01:30s of an autumn night.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.appointments.schedule import Schedule


def _placed(day: date, minute_of_day: int, zone: ZoneInfo) -> datetime | None:
    """The instant (UTC) of a wall time, or None when that wall time does not exist on `day`."""
    hours, minutes = divmod(minute_of_day, 60)
    wall = datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone)  # fold=0: first occurrence
    instant = wall.astimezone(timezone.utc)
    if instant.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return None  # skipped by a spring-forward change
    return instant


def day_starts(schedule: Schedule, day: date) -> list[datetime]:
    """Every slot start (UTC, ascending) of a local calendar day, ignoring bookings."""
    if day in schedule.closed:
        return []
    zone = ZoneInfo(schedule.timezone)
    starts: set[datetime] = set()
    for opening in schedule.hours.get(day.weekday(), ()):
        first = opening.start.hour * 60 + opening.start.minute
        last = opening.end.hour * 60 + opening.end.minute - schedule.slot_minutes
        for minute in range(first, last + 1, schedule.slot_minutes):
            instant = _placed(day, minute, zone)
            if instant is not None:
                starts.add(instant)
    return sorted(starts)


def is_slot_start(schedule: Schedule, start: datetime) -> bool:
    """Whether `start` is one of the schedule's slot starts (the day's hours, not a closed day)."""
    local_day = start.astimezone(ZoneInfo(schedule.timezone)).date()
    return start.astimezone(timezone.utc) in day_starts(schedule, local_day)


def _days(first: date, count: int) -> Iterator[date]:
    for offset in range(count):
        yield first + timedelta(days=offset)


def free_slots(
    schedule: Schedule,
    taken: Mapping[datetime, int],
    after: datetime,
    limit: int,
    horizon_days: int = 30,
) -> list[datetime]:
    """The next `limit` starts strictly after `after` with a seat left, in the centre's zone.

    `taken` counts active bookings per start (any zone; see bookings.taken). Nothing is offered
    more than `horizon_days` after `after`, so a centre that is full or closed for months answers
    quickly with fewer (or no) slots.
    """
    if after.tzinfo is None:
        raise ValueError("`after` must be timezone-aware")
    zone = ZoneInfo(schedule.timezone)
    taken_utc = {start.astimezone(timezone.utc): count for start, count in taken.items()}
    after_utc = after.astimezone(timezone.utc)
    until = after_utc + timedelta(days=horizon_days)
    found: list[datetime] = []
    # One day more than the horizon: the local date of `after` can be the day before its UTC date.
    for day in _days(after_utc.astimezone(zone).date(), horizon_days + 2):
        for start in day_starts(schedule, day):
            if start <= after_utc or start >= until or taken_utc.get(start, 0) >= schedule.seats:
                continue
            found.append(start.astimezone(zone))
            if len(found) >= limit:
                return found
    return found
