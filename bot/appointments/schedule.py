"""When a centre receives people: what slot computation needs from a centre's YAML file.

Times are wall-clock times in the centre's own time zone (an IANA name), so a change to or from
daylight-saving time moves nothing people read on the centre's door.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()


@dataclass(frozen=True)
class Opening:
    """One opening range of a day: people may start a visit from `start` until `end` minus a slot."""

    start: time
    end: time


@dataclass(frozen=True)
class Schedule:
    timezone: str  # IANA name, e.g. "America/Sao_Paulo"
    hours: dict[int, tuple[Opening, ...]]  # weekday (0 = Monday) -> its opening ranges; absent = closed
    slot_minutes: int  # length of one visit
    seats: int  # people received at the same time (desks)
    closed: frozenset[date] = field(default_factory=frozenset)  # holidays and other closed days
