"""Bookings never share a seat; a double tap books once; cancel and reschedule by code."""

from __future__ import annotations

import logging
import threading
import time as clock
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.appointments import bookings as booking_module
from bot.appointments.blocks import block, unblock
from bot.appointments.bookings import (
    AlreadyBooked,
    Booking,
    Full,
    book,
    cancel,
    find,
    open_slots,
    reschedule,
    taken,
    upcoming,
)
from bot.appointments.schedule import Opening, Schedule
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import bookings, metadata

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)  # Monday 09:00 in São Paulo
SLOT = datetime(2026, 12, 1, 10, tzinfo=SAO_PAULO)  # Tuesday 10:00
LATER = datetime(2026, 12, 1, 10, 30, tzinfo=SAO_PAULO)


def schedule(seats: int = 2) -> Schedule:
    weekdays = {day: (Opening(time(9), time(17)),) for day in range(5)}
    return Schedule(timezone="America/Sao_Paulo", hours=weekdays, slot_minutes=30, seats=seats)


def booked(url: str, sender: str, start: datetime = SLOT, seats: int = 2, key: str | None = None):
    return book(
        url, "crai-sp", schedule(seats), start, "legal_aid", sender, "pt", key or f"k-{sender}", now=NOW
    )


def test_bookings_table_mirrors_its_migration(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        with get_engine(url).connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = [d for d in compare_metadata(context, metadata) if "bookings" in repr(d)]
        assert differences == [], url


def test_a_booking_takes_the_lowest_seat_and_is_found_by_its_code(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        first, second = booked(url, "+5511900000001"), booked(url, "+5511900000002")
        assert isinstance(first, Booking) and isinstance(second, Booking), url
        assert (first.seat, second.seat, first.status) == (1, 2, "booked")
        assert first.start == SLOT.astimezone(timezone.utc) == datetime(2026, 12, 1, 13, tzinfo=timezone.utc)
        typed = f"{first.code[:3].lower()}-{first.code[3:]}"
        assert find(url, typed) == first
        assert find(url, "ZZZZZZ") is None
        assert booked(url, "+5511900000003") == Full(SLOT)
        assert taken(url, "crai-sp", NOW, NOW + timedelta(days=7)) == {SLOT.astimezone(timezone.utc): 2}
        assert taken(url, "other-centre", NOW, NOW + timedelta(days=7)) == {}


def test_a_double_tap_books_once(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        first = booked(url, "+5511900000001", key="confirm-1")
        again = booked(url, "+5511900000001", key="confirm-1")
        assert again == first, url
        with get_engine(url).connect() as connection:
            assert connection.execute(sa.select(sa.func.count()).select_from(bookings)).scalar_one() == 1


def test_one_future_booking_per_person_per_centre(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        first = booked(url, "+5511900000001")
        second = booked(url, "+5511900000001", start=LATER, key="another-tap")
        assert second == AlreadyBooked(first), url
        elsewhere = book(
            url, "cade-bog", schedule(), LATER, "documents", "+5511900000001", "es", "k3", now=NOW
        )
        assert isinstance(elsewhere, Booking) and elsewhere.centre_id == "cade-bog"


def test_past_and_unscheduled_starts_are_not_booked(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        assert booked(url, "a", start=NOW - timedelta(days=1)) == Full(NOW - timedelta(days=1))
        saturday = datetime(2026, 12, 5, 10, tzinfo=SAO_PAULO)
        assert booked(url, "b", start=saturday) == Full(saturday)
        off_grid = datetime(2026, 12, 1, 10, 10, tzinfo=SAO_PAULO)
        assert booked(url, "c", start=off_grid) == Full(off_grid)


def test_the_code_cancels_from_any_channel_and_frees_the_seat(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        first = booked(url, "+5511900000001")
        booked(url, "+5511900000002")
        assert cancel(url, "ZZZZZZ", now=NOW) is None, url
        cancelled = cancel(url, first.code.lower(), now=NOW)  # typed on another channel: no sender
        assert cancelled is not None and cancelled.status == "cancelled"
        assert cancel(url, first.code, now=NOW) == cancelled  # twice is harmless
        third = booked(url, "+5511900000003")
        assert isinstance(third, Booking) and third.seat == 1  # the cancelled booking's seat
        assert taken(url, "crai-sp", NOW, NOW + timedelta(days=7)) == {SLOT.astimezone(timezone.utc): 2}


def test_reschedule_moves_the_booking_in_one_transaction(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        first = booked(url, "+5511900000001")
        moved = reschedule(url, first.code, "+5511900000001", LATER, schedule(), "move-1", now=NOW)
        assert isinstance(moved, Booking) and moved.start == LATER.astimezone(timezone.utc), url
        assert moved.code != first.code and moved.seat == 1
        assert find(url, first.code).status == "cancelled"
        assert reschedule(url, first.code, "+5511900000001", LATER, schedule(), "move-1", now=NOW) == moved
        assert reschedule(url, "ZZZZZZ", "+5511900000001", SLOT, schedule(), "move-2", now=NOW) is None
        by_sms = reschedule(url, moved.code, "sms:+5511900000001", SLOT, schedule(), "move-3", now=NOW)
        assert isinstance(by_sms, Booking) and by_sms.sender_id == "sms:+5511900000001"
        assert upcoming(url, "sms:+5511900000001", now=NOW) == [by_sms]
        assert upcoming(url, "+5511900000001", now=NOW) == []


def test_blocked_slots_and_days_are_neither_offered_nor_booked(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        block(url, "crai-sp", schedule(), SLOT.date(), SLOT)
        assert booked(url, "a") == Full(SLOT), url
        after = datetime(2026, 12, 1, 9, 59, tzinfo=SAO_PAULO)
        offered = open_slots(url, "crai-sp", schedule(), after, 3)
        assert offered[0] == LATER and SLOT not in offered
        wednesday = datetime(2026, 12, 2, 9, tzinfo=SAO_PAULO)
        whole = block(url, "crai-sp", schedule(), wednesday.date(), reason="training")
        assert block(url, "crai-sp", schedule(), wednesday.date()) == whole  # blocking twice: one block
        nine_thirty = datetime(2026, 12, 2, 9, 30, tzinfo=SAO_PAULO)
        assert booked(url, "b", start=nine_thirty) == Full(nine_thirty)
        late = datetime(2026, 12, 1, 16, 30, tzinfo=SAO_PAULO)
        assert open_slots(url, "crai-sp", schedule(), late, 1) == [datetime(2026, 12, 3, 9, tzinfo=SAO_PAULO)]
        assert unblock(url, "crai-sp", whole.id) and not unblock(url, "crai-sp", whole.id)
        assert isinstance(booked(url, "c", start=nine_thirty), Booking)


def test_reschedule_to_a_full_slot_changes_nothing(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        mine = booked(url, "+5511900000001", seats=1)
        booked(url, "+5511900000002", start=LATER, seats=1)
        result = reschedule(url, mine.code, "+5511900000001", LATER, schedule(1), "move-1", now=NOW)
        assert result == Full(LATER), url
        assert find(url, mine.code) == mine
        with get_engine(url).connect() as connection:
            assert connection.execute(sa.select(sa.func.count()).select_from(bookings)).scalar_one() == 2


class _Retries(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self._lock_count = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._lock_count:
            self.count += 1


def _race(url: str, seats: int, attempts: int) -> tuple[list[object], int, float]:
    """Every attempt starts at once (a barrier); returns the results, the retries and the seconds taken."""
    results: list[object] = []
    start_together = threading.Barrier(attempts)
    retries = _Retries()

    def attempt(n: int) -> None:
        start_together.wait()
        results.append(booked(url, f"racer-{n}", seats=seats))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    booking_module.log.addHandler(retries)
    booking_module.log.setLevel(logging.DEBUG)
    began = clock.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        booking_module.log.removeHandler(retries)
        booking_module.log.setLevel(logging.NOTSET)
    return results, retries.count, clock.perf_counter() - began


def test_200_simultaneous_attempts_at_the_last_10_seats(empty_databases) -> None:
    seats, attempts = 30, 200
    for url in empty_databases:
        upgrade(url)
        for n in range(seats - 10):
            assert isinstance(booked(url, f"early-{n}", seats=seats), Booking)
        results, retries, elapsed = _race(url, seats, attempts)
        winners = [result for result in results if isinstance(result, Booking)]
        print(
            f"\n[{url.split(':')[0]}] {attempts} attempts at the last 10 of {seats} seats: "
            f"{len(winners)} booked, {results.count(Full(SLOT))} full, {retries} retries, {elapsed:.2f} s"
        )
        assert len(results) == attempts, url
        assert len(winners) == 10 and results.count(Full(SLOT)) == 190, url
        assert sorted(winner.seat for winner in winners) == list(range(21, 31))
        with get_engine(url).connect() as connection:
            rows = connection.execute(sa.select(bookings.c.seat, bookings.c.status)).all()
        assert sorted(seat for seat, _status in rows) == list(range(1, 31))
        assert {status for _seat, status in rows} == {"booked"}
        # The 190 who lost are offered the next free times: the full slot is no longer among them.
        offered = open_slots(url, "crai-sp", schedule(seats), SLOT - timedelta(minutes=1), 8)
        assert offered[0] == LATER and SLOT not in offered
