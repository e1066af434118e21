"""Helpline hours: parsing HELPLINE_HOURS, clear errors, and "open now" in the helpline's time zone."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.handoff.hours import Opening, helpline, parse_hours
from bot.settings import Settings, SettingsError

HOURS = "mon-fri 09:00-18:00; sat 09:00-13:00"


def _line(**env: str):
    return helpline(Settings.from_env({"HELPLINE_HOURS": HOURS, **env}))


def test_parsing_days_ranges_lists_and_split_days() -> None:
    assert parse_hours(HOURS) == (Opening(0, 4, 540, 1080), Opening(5, 5, 540, 780))
    assert parse_hours("mon,wed 08:00-12:00,14:00-17:30") == (
        Opening(0, 0, 480, 720),
        Opening(0, 0, 840, 1050),
        Opening(2, 2, 480, 720),
        Opening(2, 2, 840, 1050),
    )
    assert parse_hours("fri-mon 20:00-24:00")[0].days == (4, 5, 6, 0)


@pytest.mark.parametrize(
    ("hours", "says"),
    [
        ("mon-fri 9-18", "'9' in 'mon-fri 9-18' is not a time of day"),
        ("lun-vie 09:00-18:00", "'lun' in 'lun-vie 09:00-18:00' is not a day"),
        ("mon-fri", "needs days and times"),
        ("mon 18:00-09:00", "ends before it starts"),
        ("mon 09:00-24:30", "is not a time of day"),
        (" ; ", "no opening hours given"),
    ],
)
def test_invalid_hours_say_what_is_wrong(hours: str, says: str) -> None:
    with pytest.raises(SettingsError, match="HELPLINE_HOURS") as error:
        Settings.from_env({"HELPLINE_HOURS": hours})
    assert says in str(error.value)


def test_invalid_time_zone_and_numbers() -> None:
    with pytest.raises(SettingsError, match="HELPLINE_TIMEZONE: 'America/Cucuta' is not an IANA time zone"):
        Settings.from_env({"HELPLINE_TIMEZONE": "America/Cucuta"})
    with pytest.raises(SettingsError, match="HELPLINE_WAIT_MINUTES"):
        Settings.from_env({"HELPLINE_WAIT_MINUTES": "soon"})
    with pytest.raises(SettingsError, match="HANDOFF_UNCLAIMED_MINUTES=0 is outside"):
        Settings.from_env({"HANDOFF_UNCLAIMED_MINUTES": "0"})


def test_defaults_answer_always() -> None:
    settings = Settings.from_env({})
    line = helpline(settings)
    assert (
        settings.helpline_timezone,
        settings.helpline_wait_minutes,
        settings.handoff_unclaimed_minutes,
    ) == (
        "America/Bogota",
        30,
        20,
    )
    assert line.always_open and line.is_open(datetime(2026, 12, 6, 3, 0, tzinfo=timezone.utc))


def test_open_is_judged_in_the_helplines_time_zone() -> None:
    bogota = _line()
    # Monday 30 Nov 2026: 13:59 UTC is 08:59 in Bogotá (UTC-5), 14:00 UTC is 09:00.
    assert not bogota.is_open(datetime(2026, 11, 30, 13, 59, tzinfo=timezone.utc))
    assert bogota.is_open(datetime(2026, 11, 30, 14, 0, tzinfo=timezone.utc))
    assert not bogota.is_open(datetime(2026, 11, 30, 23, 0, tzinfo=timezone.utc))  # 18:00: closed
    # Saturday 5 Dec, 17:30 UTC = 12:30 in Bogotá: open; Sunday never.
    assert bogota.is_open(datetime(2026, 12, 5, 17, 30, tzinfo=timezone.utc))
    assert not bogota.is_open(datetime(2026, 12, 6, 15, 0, tzinfo=timezone.utc))
    # Saturday 01:00 UTC is still Friday 20:00 in Bogotá, and 02:00 on Saturday in Madrid.
    late = datetime(2026, 12, 5, 1, 0, tzinfo=timezone.utc)
    assert not bogota.is_open(late)
    assert not _line(HELPLINE_TIMEZONE="Europe/Madrid").is_open(late)
    assert _line(HELPLINE_TIMEZONE="Europe/Madrid").is_open(datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc))
    assert not bogota.always_open
