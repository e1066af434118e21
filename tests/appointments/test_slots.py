"""Free slots in the centre's zone: time zones, daylight-saving changes, closed days, full slots, horizon."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.schedule import Opening, Schedule
from bot.appointments.slots import free_slots, is_slot_start

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
BOGOTA = ZoneInfo("America/Bogota")
NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc
WEEKDAYS_ONLY = range(5)


def weekly(zone: str, start: time, end: time, days=WEEKDAYS_ONLY, slot=30, seats=2, closed=()) -> Schedule:
    return Schedule(
        timezone=zone,
        hours={day: (Opening(start, end),) for day in days},
        slot_minutes=slot,
        seats=seats,
        closed=frozenset(closed),
    )


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_sao_paulo_next_slots_after_a_moment_in_the_morning() -> None:
    schedule = weekly("America/Sao_Paulo", time(9), time(12))
    after = datetime(2026, 11, 30, 10, 10, tzinfo=SAO_PAULO)  # a Monday
    slots = free_slots(schedule, {}, after, limit=4)
    assert [slot.isoformat() for slot in slots] == [
        "2026-11-30T10:30:00-03:00",
        "2026-11-30T11:00:00-03:00",
        "2026-11-30T11:30:00-03:00",  # the last start: a visit must end by 12:00
        "2026-12-01T09:00:00-03:00",
    ]
    assert all(slot.tzinfo == SAO_PAULO for slot in slots)


def test_a_start_equal_to_after_is_not_offered() -> None:
    schedule = weekly("America/Sao_Paulo", time(9), time(12))
    after = datetime(2026, 11, 30, 10, 30, tzinfo=SAO_PAULO)
    assert free_slots(schedule, {}, after, limit=1)[0] == datetime(2026, 11, 30, 11, tzinfo=SAO_PAULO)


def test_bogota_skips_the_weekend_and_a_closed_holiday() -> None:
    # 8 December (Tuesday) is a public holiday in Colombia.
    schedule = weekly("America/Bogota", time(8), time(9), slot=60, closed=[date(2026, 12, 8)])
    friday_evening = datetime(2026, 12, 4, 18, tzinfo=BOGOTA)
    slots = free_slots(schedule, {}, friday_evening, limit=3)
    assert slots == [
        datetime(2026, 12, 7, 8, tzinfo=BOGOTA),
        datetime(2026, 12, 9, 8, tzinfo=BOGOTA),
        datetime(2026, 12, 10, 8, tzinfo=BOGOTA),
    ]
    assert slots[0].astimezone(UTC) == utc(2026, 12, 7, 13)


def test_after_in_another_zone_is_the_same_instant() -> None:
    # 01:30 UTC on Tuesday is still Monday 20:30 in Bogotá: Monday's evening slot is offered.
    schedule = weekly("America/Bogota", time(20), time(21), slot=60)
    assert free_slots(schedule, {}, utc(2026, 12, 1, 0, 30), limit=1) == [
        datetime(2026, 11, 30, 20, tzinfo=BOGOTA)
    ]
    assert free_slots(schedule, {}, utc(2026, 12, 1, 1, 30), limit=1) == [
        datetime(2026, 12, 1, 20, tzinfo=BOGOTA)
    ]


def test_full_slots_are_skipped_whatever_zone_taken_is_in() -> None:
    schedule = weekly("America/Sao_Paulo", time(9), time(11), seats=2)
    after = datetime(2026, 11, 30, 8, tzinfo=SAO_PAULO)
    taken = {
        utc(2026, 11, 30, 12): 2,  # 09:00 in São Paulo: full
        datetime(2026, 11, 30, 9, 30, tzinfo=SAO_PAULO): 1,  # one seat left
        datetime(2026, 11, 30, 8, tzinfo=BOGOTA): 2,  # 08:00 in Bogotá = 10:00 in São Paulo: full
    }
    slots = free_slots(schedule, taken, after, limit=3)
    assert [slot.strftime("%d %H:%M") for slot in slots] == ["30 09:30", "30 10:30", "01 09:00"]


def test_new_york_spring_forward_skips_the_hour_that_does_not_exist() -> None:
    # Sunday 8 March 2026: at 02:00 clocks go to 03:00.
    schedule = weekly("America/New_York", time(0), time(5), days=[6], slot=60)
    slots = free_slots(schedule, {}, datetime(2026, 3, 7, 12, tzinfo=NEW_YORK), limit=4)
    assert [slot.isoformat() for slot in slots] == [
        "2026-03-08T00:00:00-05:00",
        "2026-03-08T01:00:00-05:00",
        "2026-03-08T03:00:00-04:00",
        "2026-03-08T04:00:00-04:00",
    ]
    assert [slot.astimezone(UTC).hour for slot in slots] == [5, 6, 7, 8]
    assert is_slot_start(schedule, utc(2026, 3, 8, 7)) is True


def test_new_york_fall_back_offers_the_doubled_hour_once() -> None:
    # Sunday 1 November 2026: at 02:00 clocks go back to 01:00, so 01:00-02:00 happens twice.
    schedule = weekly("America/New_York", time(0), time(3), days=[6], slot=30)
    slots = free_slots(schedule, {}, datetime(2026, 10, 31, 12, tzinfo=NEW_YORK), limit=7)
    assert [slot.astimezone(UTC).strftime("%d %H:%M") for slot in slots] == [
        "01 04:00",  # 00:00 EDT
        "01 04:30",
        "01 05:00",  # 01:00 EDT, the first 01:00
        "01 05:30",
        "01 07:00",  # 02:00 EST: the second 01:00 and 01:30 (06:00, 06:30 UTC) are not offered again
        "01 07:30",
        "08 05:00",  # next Sunday, 00:00 EST
    ]
    assert [slot.strftime("%H:%M %Z") for slot in slots[2:5]] == ["01:00 EDT", "01:30 EDT", "02:00 EST"]
    assert is_slot_start(schedule, utc(2026, 11, 1, 6)) is False


def test_weekday_wall_times_stay_put_across_the_change() -> None:
    schedule = weekly("America/New_York", time(9), time(10), slot=60)
    slots = free_slots(schedule, {}, datetime(2026, 3, 6, 0, tzinfo=NEW_YORK), limit=2)
    assert slots == [datetime(2026, 3, 6, 9, tzinfo=NEW_YORK), datetime(2026, 3, 9, 9, tzinfo=NEW_YORK)]
    assert [slot.astimezone(UTC).hour for slot in slots] == [14, 13]


def test_the_horizon_bounds_the_search() -> None:
    mondays_only = weekly("America/Sao_Paulo", time(9), time(10), days=[0], slot=60)
    after = datetime(2026, 11, 30, 12, tzinfo=SAO_PAULO)  # Monday, after closing
    assert free_slots(mondays_only, {}, after, limit=5, horizon_days=6) == []
    assert free_slots(mondays_only, {}, after, limit=5, horizon_days=7) == [
        datetime(2026, 12, 7, 9, tzinfo=SAO_PAULO)
    ]
    assert len(free_slots(mondays_only, {}, after, limit=50, horizon_days=30)) == 4  # 7, 14, 21, 28 Dec
    closed_for_months = weekly(
        "America/Sao_Paulo",
        time(9),
        time(10),
        closed=[date(2026, 11, 30) + timedelta(days=n) for n in range(90)],
    )
    assert free_slots(closed_for_months, {}, after, limit=5) == []


def test_a_naive_after_is_refused() -> None:
    with pytest.raises(ValueError):
        free_slots(weekly("America/Bogota", time(8), time(9)), {}, datetime(2026, 12, 1), limit=1)
