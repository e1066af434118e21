"""When the helpline answers, how long people usually wait, and when an unclaimed request is
worth a word to the person: read from the deployment's settings.

HELPLINE_HOURS is a list of openings separated by ";", each days then times:
"mon-fri 09:00-18:00; sat 09:00-13:00", "mon,wed 08:00-12:00,14:00-17:00", "mon-sun 00:00-24:00".
Times are in HELPLINE_TIMEZONE (an IANA name); an opening ends before its end time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from bot.settings import Settings

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = "mon-sun 00:00-24:00"
DAY_MINUTES = 24 * 60
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Opening:
    """Days from `first` to `last` (0 = Monday; may wrap past Sunday), from `start` to `end`
    (minutes after midnight, end up to 24:00)."""

    first: int
    last: int
    start: int
    end: int

    @property
    def days(self) -> tuple[int, ...]:
        return tuple((self.first + i) % 7 for i in range((self.last - self.first) % 7 + 1))


def _minutes(text: str, spec: str) -> int:
    match = _TIME.match(text)
    if not match or int(match[1]) > 24 or int(match[2]) > 59 or (int(match[1]) == 24 and int(match[2])):
        raise ValueError(f"{text!r} in {spec!r} is not a time of day (HH:MM, 00:00 to 24:00)")
    return int(match[1]) * 60 + int(match[2])


def _day(text: str, spec: str) -> int:
    if text not in DAYS:
        raise ValueError(f"{text!r} in {spec!r} is not a day; use {', '.join(DAYS)}")
    return DAYS.index(text)


def parse_hours(text: str) -> tuple[Opening, ...]:
    """The openings HELPLINE_HOURS describes; ValueError naming the part that is wrong."""
    openings = []
    for spec in (part.strip() for part in text.lower().split(";")):
        if not spec:
            continue
        days_part, _, times_part = spec.partition(" ")
        if not times_part.strip():
            raise ValueError(f"{spec!r} needs days and times, like 'mon-fri 09:00-18:00'")
        for days in days_part.split(","):
            first, _, last = days.partition("-")
            first_day = _day(first, spec)
            last_day = _day(last, spec) if last else first_day
            for times in times_part.replace(" ", "").split(","):
                start, dash, end = times.partition("-")
                if not dash:
                    raise ValueError(f"{times!r} in {spec!r} is not a time range like 09:00-18:00")
                opening = Opening(first_day, last_day, _minutes(start, spec), _minutes(end, spec))
                if opening.start >= opening.end:
                    raise ValueError(f"{times!r} in {spec!r} ends before it starts")
                openings.append(opening)
    if not openings:
        raise ValueError("no opening hours given; like 'mon-fri 09:00-18:00; sat 09:00-13:00'")
    return tuple(openings)


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone, like America/Bogota") from None


@dataclass(frozen=True)
class Helpline:
    openings: tuple[Opening, ...]
    timezone: ZoneInfo
    wait_minutes: int
    unclaimed_after: timedelta

    @property
    def always_open(self) -> bool:
        covered = {day for o in self.openings if o.start == 0 and o.end == DAY_MINUTES for day in o.days}
        return len(covered) == 7

    def is_open(self, now: datetime) -> bool:
        """Whether a person answers at `now` (an aware datetime), in the helpline's own time zone."""
        local = now.astimezone(self.timezone)
        minute = local.hour * 60 + local.minute
        return any(local.weekday() in o.days and o.start <= minute < o.end for o in self.openings)


@lru_cache(maxsize=8)
def _helpline(hours: str, zone: str, wait: int, unclaimed: int) -> Helpline:
    return Helpline(parse_hours(hours), parse_timezone(zone), wait, timedelta(minutes=unclaimed))


def helpline(settings: Settings) -> Helpline:
    """The helpline as this deployment configured it (settings were validated on reading)."""
    return _helpline(
        settings.helpline_hours,
        settings.helpline_timezone,
        settings.helpline_wait_minutes,
        settings.handoff_unclaimed_minutes,
    )
