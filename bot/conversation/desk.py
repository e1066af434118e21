"""What the conversation asks of the booking desk: free times, booking, finding, cancelling and
moving a visit. The core stays free of the database: the adapter passes a desk bound to the person
and the moment of the turn (bot/appointments/desk.py), and a conversation without one never offers
to book (pure tests, or a deployment without centres)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.appointments.bookings import AlreadyBooked, Booking, Full


class Desk(Protocol):
    now: datetime

    def open_slots(self, centre_id: str, after: datetime | None, limit: int) -> list[datetime]:
        """The next free starts after `after` (or now), in the centre's zone."""

    def book(self, centre_id: str, start: datetime, service: str, key: str) -> Booking | Full | AlreadyBooked:
        """Book `start`; the same `key` again returns the same booking (a double tap books once)."""

    def find(self, code: str) -> Booking | None: ...

    def upcoming(self) -> list[Booking]:
        """The person's bookings still to come."""

    def cancel(self, code: str) -> Booking | None: ...

    def reschedule(self, code: str, start: datetime, key: str) -> Booking | Full | None: ...
