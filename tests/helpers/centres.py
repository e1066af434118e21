"""A centre for tests: weekdays 09:00–17:00 in the given zone, bookable for legal aid."""

from __future__ import annotations

from datetime import date, time

from bot.appointments.schedule import Opening, Schedule
from bot.kb.model import Centre, CentreBooking


def weekday_centre(
    zone: str,
    centre_id: str = "centre_test",
    address: str | None = "Rua Teste, 1",
    name: str = "Centro de prueba",
    city: str = "São Paulo",
    slot_minutes: int = 30,
    seats: int = 3,
    languages: tuple[str, ...] = ("es", "pt", "ht"),
) -> Centre:
    weekdays = {day: (Opening(time(9), time(17)),) for day in range(5)}
    schedule = Schedule(timezone=zone, hours=weekdays, slot_minutes=slot_minutes, seats=seats)
    return Centre(
        id=centre_id,
        name=name,
        city=city,
        country="BR",
        address=address,
        phone=None,
        web=None,
        hours=None,
        services={},
        sources=(),
        last_verified=date(2026, 7, 2),
        needs_review=None,
        booking=CentreBooking(schedule, True, ("legal_aid",), languages, ()),
    )
