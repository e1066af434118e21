"""The booking desk the conversation uses (bot/conversation/desk.py), bound to one person, one
database and the moment of the turn. Nothing is queried until the conversation asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.appointments import bookings
from bot.appointments.bookings import AlreadyBooked, Booking, Full
from bot.appointments.schedule import Schedule
from bot.kb.model import KnowledgeBase

HORIZON_DAYS = 60  # how far ahead free times are looked for


@dataclass
class BookingDesk:
    database_url: str
    kb: KnowledgeBase
    sender_id: str
    language: str
    now: datetime

    def _schedule(self, centre_id: str) -> Schedule | None:
        centre = self.kb.centres.get(centre_id)
        if centre is None or centre.booking is None or not centre.booking.takes_bookings:
            return None
        return centre.booking.schedule

    def open_slots(self, centre_id: str, after: datetime | None, limit: int) -> list[datetime]:
        schedule = self._schedule(centre_id)
        if schedule is None:
            return []
        start = max(after or self.now, self.now)
        return bookings.open_slots(self.database_url, centre_id, schedule, start, limit, HORIZON_DAYS)

    def book(self, centre_id: str, start: datetime, service: str, key: str) -> Booking | Full | AlreadyBooked:
        schedule = self._schedule(centre_id)
        if schedule is None:
            return Full(start)
        url, person = self.database_url, self.sender_id
        return bookings.book(url, centre_id, schedule, start, service, person, self.language, key, self.now)

    def find(self, code: str) -> Booking | None:
        return bookings.find(self.database_url, code)

    def upcoming(self) -> list[Booking]:
        return bookings.upcoming(self.database_url, self.sender_id, self.now)

    def cancel(self, code: str) -> Booking | None:
        return bookings.cancel(self.database_url, code, self.now)

    def reschedule(self, code: str, start: datetime, key: str) -> Booking | Full | None:
        booking = self.find(code)
        schedule = self._schedule(booking.centre_id) if booking else None
        if schedule is None:
            return None
        return bookings.reschedule(self.database_url, code, self.sender_id, start, schedule, key, self.now)
