"""A centre's day list, attended / no-show marks (two staff at once end in a defined state) and the
CSV rows, on SQLite and, when DATABASE_URL points at one, PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bot.appointments.attendance import (
    Changed,
    Marked,
    booked_today,
    csv_cell,
    csv_rows,
    day_list,
    day_window,
    mark,
)
from bot.appointments.bookings import Booking, book, cancel
from bot.appointments.schedule import Opening, Schedule
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import bookings

ZONE = "America/Sao_Paulo"
SAO_PAULO = ZoneInfo(ZONE)
NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)  # Monday 09:00 in São Paulo
DAY = date(2026, 12, 1)
TEN = datetime(2026, 12, 1, 10, tzinfo=SAO_PAULO)
NINE = datetime(2026, 12, 1, 9, tzinfo=SAO_PAULO)
SCHEDULE = Schedule(
    timezone=ZONE, hours={d: (Opening(time(9), time(17)),) for d in range(5)}, slot_minutes=30, seats=2
)


def _book(url: str, sender: str, start: datetime, centre: str = "crai-sp") -> Booking:
    made = book(url, centre, SCHEDULE, start, "legal_aid", sender, "ht", f"k-{sender}", now=NOW)
    assert isinstance(made, Booking)
    return made


def test_the_day_list_is_in_time_order_with_cancelled_ones_and_nothing_personal(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        late = _book(url, "whatsapp:+5511900000001", TEN)
        early = _book(url, "sms:+5511900000002", NINE)
        second = _book(url, "telegram:3", TEN)
        gone = _book(url, "web-4", datetime(2026, 12, 1, 16, 30, tzinfo=SAO_PAULO))
        _book(url, "web-5", datetime(2026, 12, 2, 9, tzinfo=SAO_PAULO))  # the next day
        _book(url, "web-6", NINE, centre="other")
        cancel(url, gone.code, now=NOW)

        rows = day_list(url, "crai-sp", DAY, ZONE)

        assert [(r.code, r.start, r.seat, r.status) for r in rows] == [
            (early.code, datetime(2026, 12, 1, 12, tzinfo=timezone.utc), 1, "booked"),
            (late.code, datetime(2026, 12, 1, 13, tzinfo=timezone.utc), 1, "booked"),
            (second.code, datetime(2026, 12, 1, 13, tzinfo=timezone.utc), 2, "booked"),
            (gone.code, datetime(2026, 12, 1, 19, 30, tzinfo=timezone.utc), 1, "cancelled"),
        ]
        assert {(r.service, r.language, r.marked_at) for r in rows} == {("legal_aid", "ht", None)}
        assert not hasattr(rows[0], "sender_id")


def test_a_local_day_spans_its_own_hours_across_daylight_saving() -> None:
    # New York springs forward on 2026-03-08: that local day lasts 23 hours.
    assert day_window(date(2026, 3, 8), "America/New_York") == (
        datetime(2026, 3, 8, 5, tzinfo=timezone.utc),
        datetime(2026, 3, 9, 4, tzinfo=timezone.utc),
    )


def test_marking_records_who_and_when_and_can_be_changed(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        made = _book(url, "web-mark", TEN)
        at = datetime(2026, 12, 1, 13, 5, tzinfo=timezone.utc)

        first = mark(url, "crai-sp", made.code, "booked", "attended", staff_id=7, now=at)
        assert isinstance(first, Marked) and first.booking.status == "attended"
        assert first.booking.marked_at == at
        changed = mark(url, "crai-sp", made.code, "attended", "no_show", staff_id=8, now=at)
        assert isinstance(changed, Marked) and changed.booking.status == "no_show"

        with get_engine(url).connect() as connection:
            row = connection.execute(sa.select(bookings).where(bookings.c.code == made.code)).one()
        assert (row.status, row.marked_by) == ("no_show", 8)


def test_two_staff_marking_at_once_the_second_sees_the_first(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        made = _book(url, "web-race", TEN)

        first = mark(url, "crai-sp", made.code, "booked", "no_show", staff_id=1, now=NOW)
        second = mark(url, "crai-sp", made.code, "booked", "attended", staff_id=2, now=NOW)

        assert isinstance(first, Marked)
        assert isinstance(second, Changed) and second.booking.status == "no_show"
        assert day_list(url, "crai-sp", DAY, ZONE)[0].status == "no_show"


def test_cancelled_or_unknown_or_another_centres_bookings_are_not_marked(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        made = _book(url, "web-cancel", TEN)
        cancel(url, made.code, now=NOW)

        refused = mark(url, "crai-sp", made.code, "cancelled", "attended", staff_id=1, now=NOW)
        assert isinstance(refused, Changed) and refused.booking.status == "cancelled"
        assert mark(url, "crai-sp", "NOPE1234", "booked", "attended", staff_id=1, now=NOW) is None
        assert mark(url, "other", made.code, "booked", "attended", staff_id=1, now=NOW) is None
        assert day_list(url, "crai-sp", DAY, ZONE)[0].status == "cancelled"


def test_todays_count_is_per_centre_on_its_own_local_day(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        _book(url, "web-a", TEN)
        _book(url, "web-b", TEN)
        gone = _book(url, "web-c", NINE)
        cancel(url, gone.code, now=NOW)
        _book(url, "web-d", datetime(2026, 12, 2, 9, tzinfo=SAO_PAULO))
        # 23:30 on 1 December in São Paulo is already 2 December in UTC and in Madrid.
        morning = datetime(2026, 12, 1, 11, tzinfo=timezone.utc)
        zones = {"crai-sp": ZONE, "empty": "Europe/Madrid"}

        assert booked_today(url, zones, now=morning) == {"crai-sp": 2, "empty": 0}
        late = datetime(2026, 12, 2, 2, 30, tzinfo=timezone.utc)
        assert booked_today(url, zones, now=late) == {"crai-sp": 2, "empty": 0}
        assert booked_today(url, {}, now=late) == {}


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text() -> None:
    assert [csv_cell(v) for v in ("=SUM(A1)", "+1", "-2", "@x", "\tx", "AB12", 3, None)] == [
        "'=SUM(A1)",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "AB12",
        "3",
        "",
    ]
    assert csv_rows([("10:00", "=HYPERLINK()", "Legal aid", "Kreyòl", "booked", 1)]) == [
        ["time", "code", "service", "language", "status", "seat"],
        ["10:00", "'=HYPERLINK()", "Legal aid", "Kreyòl", "booked", "1"],
    ]
