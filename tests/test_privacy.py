"""Erasure on request and purge after the retention period remove exactly what they should."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.consent import conversation_key, record_consent
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import (
    audit_log,
    bookings,
    channel_contacts,
    consents,
    inbound_messages,
    outbound_failures,
    staff_users,
    tickets,
    web_outbox,
)
from bot.handoff.tickets import add_note, open_ticket, record_reply
from bot.privacy import PurgeCounts, erase_conversation, purge_expired
from tests.helpers.rasa_events import create_events_table

NOW = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _pseudonym_key(pseudonym_key_is):
    pseudonym_key_is("privacy-tests-key")


def _database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'privacy.db'}"
    upgrade(url)
    create_events_table(url)
    return url


def _add_event(url: str, sender: str, when: datetime, text: str = "hola") -> None:
    with get_engine(url).begin() as connection:
        connection.execute(
            sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, :d)"),
            {"s": sender, "t": when.timestamp(), "d": text},
        )


def _insert(url: str, table: sa.Table, **values) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(table.insert().values(**values))


def _add_consent(url: str, sender: str, when: datetime) -> None:
    _insert(
        url,
        consents,
        conversation_key=conversation_key(sender),
        channel="sms",
        language="es",
        notice_version="v",
        given_at=when,
    )


def _add_ticket(url: str, sender: str, when: datetime) -> None:
    _insert(
        url,
        tickets,
        conversation_key=conversation_key(sender),
        sender_id=sender,
        channel="sms",
        language="es",
        reason="asked",
        facts="{}",
        summary="",
        created_at=when,
    )


def _add_channel_rows(url: str, sender: str, when: datetime, message_id: str, state: str = "done") -> None:
    key = conversation_key(sender)
    _insert(url, channel_contacts, provider="whatsapp", conversation_key=key, last_inbound_at=when)
    _insert(
        url,
        outbound_failures,
        provider="whatsapp",
        conversation_key=key,
        status=500,
        error="HTTP 500",
        failed_at=when,
    )
    _insert(
        url,
        inbound_messages,
        provider="whatsapp",
        message_id=message_id,
        received_at=when,
        conversation_key=key,
        state=state,
        owner="host:5005/abc",
    )


def _count(url: str, sql: str, **params) -> int:
    with get_engine(url).connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def _rows_keyed(url: str, key: str) -> dict[str, int]:
    return {
        table: _count(url, f"SELECT COUNT(*) FROM {table} WHERE conversation_key = :k", k=key)
        for table in KEYED
    }


KEYED = (
    "consents",
    "tickets",
    "ticket_messages",
    "channel_contacts",
    "outbound_failures",
    "inbound_messages",
    "web_outbox",
)


def _add_staff(url: str) -> int:
    with get_engine(url).begin() as connection:
        return connection.execute(
            staff_users.insert().values(username="ana", password_hash="x", role="agent", created_at=NOW)
        ).inserted_primary_key[0]


def _add_handoff(url: str, sender: str, staff: int, when: datetime = NOW) -> int:
    """A ticket with a note, the console changes they made, a web chat message and an audit row."""
    ticket = open_ticket(url, sender, "whatsapp", "es", "asked", {"nationality": "VE"}, now=when)
    add_note(url, ticket, staff, "llamar mañana", now=when)
    _insert(url, web_outbox, conversation_key=conversation_key(sender), body="hola", created_at=when)
    _insert(
        url,
        audit_log,
        at=when,
        staff_user_id=staff,
        username="ana",
        action="note",
        ticket_id=ticket,
        conversation_key=conversation_key(sender),
    )
    return ticket


def _changes_of(url: str, ticket: int) -> int:
    return _count(url, "SELECT COUNT(*) FROM console_changes WHERE ticket_id = :t", t=ticket)


# --- erasure ---------------------------------------------------------------------------------


def test_erasure_removes_everything_keyed_to_one_person_and_nothing_else(tmp_path) -> None:
    url = _database(tmp_path)
    gone, kept = "whatsapp:+573001112233", "whatsapp:+573004445566"
    staff = _add_staff(url)
    handoffs = {}
    for number, sender in enumerate((gone, kept)):
        _add_event(url, sender, NOW)
        _add_event(url, sender, NOW)
        record_consent(url, sender, "whatsapp", "es")
        handoffs[sender] = _add_handoff(url, sender, staff)
        _add_channel_rows(url, sender, NOW, message_id=f"wamid.{number}")
    deleted = erase_conversation(url, gone)
    # two events, one row in each of our seven keyed tables, two console changes (opened, note)
    assert deleted == 2 + 7 + 2
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=gone) == 0
    assert set(_rows_keyed(url, conversation_key(gone)).values()) == {0}
    assert _changes_of(url, handoffs[gone]) == 0
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=kept) == 2
    assert set(_rows_keyed(url, conversation_key(kept)).values()) == {1}
    assert _changes_of(url, handoffs[kept]) == 2
    # who did what stays (it holds no message), for both
    assert _count(url, "SELECT COUNT(*) FROM audit_log") == 2


def test_erasure_reaches_a_ticket_by_its_sender_id_too(tmp_path) -> None:
    url = _database(tmp_path)
    _insert(
        url,
        tickets,
        conversation_key="0" * 64,  # keyed some other way (e.g. before a key change)
        sender_id="sms:+573001112233",
        channel="sms",
        language="es",
        reason="asked",
        facts="{}",
        summary="",
        created_at=NOW,
    )
    assert erase_conversation(url, "sms:+573001112233") == 1
    assert _count(url, "SELECT COUNT(*) FROM tickets") == 0


def test_erasure_raises_when_the_database_refuses_and_deletes_nothing(tmp_path) -> None:
    """Review reproduction 3: never "deleted" while the rows are still there."""
    url = _database(tmp_path)
    sender = "ro-erase-0001"
    for _ in range(3):
        _add_event(url, sender, NOW)
    record_consent(url, sender, "rest", "es")
    read_only = f"sqlite:///file:{tmp_path / 'privacy.db'}?mode=ro&uri=true"
    with pytest.raises(sa.exc.OperationalError):
        erase_conversation(read_only, sender)
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=sender) == 3
    assert _rows_keyed(url, conversation_key(sender))["consents"] == 1


def test_erasure_is_all_or_nothing(tmp_path) -> None:
    url = _database(tmp_path)
    sender = "sms:+573001112233"
    _add_event(url, sender, NOW)
    record_consent(url, sender, "sms", "es")
    with get_engine(url).begin() as connection:  # a later table of the same transaction fails
        connection.execute(
            sa.text(
                "CREATE TRIGGER no_delete BEFORE DELETE ON outbound_failures"
                " BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    _add_channel_rows(url, sender, NOW, message_id="SM1")
    with pytest.raises(sa.exc.DatabaseError):
        erase_conversation(url, sender)
    assert _count(url, "SELECT COUNT(*) FROM events") == 1
    assert _rows_keyed(url, conversation_key(sender))["consents"] == 1


def test_erasure_works_before_rasa_created_its_table(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    record_consent(url, "web-abc", "rest", "es")
    assert erase_conversation(url, "web-abc") == 1


# --- retention -------------------------------------------------------------------------------


def test_retention_applies_to_each_event_of_an_active_conversation(tmp_path) -> None:
    """Review reproduction 9: half of an active conversation is 100 days old. The old events go,
    the recent ones stay, and the consent row stays because it still covers data."""
    url = _database(tmp_path)
    sender = "sms:+573001150001"
    for number in range(28):
        _add_event(url, sender, NOW - timedelta(days=100) + number * timedelta(minutes=1), "me llamo Rosa")
    for number in range(29):
        _add_event(url, sender, NOW - timedelta(hours=1) + number * timedelta(minutes=1), "estoy en Colombia")
    _add_consent(url, sender, NOW - timedelta(days=100))
    counts = purge_expired(url, retention_days=90, now=NOW)
    assert counts.events == 28
    assert counts.consents == 0
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=sender) == 29
    assert _count(url, "SELECT COUNT(*) FROM events WHERE data = 'me llamo Rosa'") == 0
    assert _rows_keyed(url, conversation_key(sender))["consents"] == 1


def test_an_idle_conversation_goes_with_its_consent(tmp_path) -> None:
    url = _database(tmp_path)
    _add_event(url, "idle", NOW - timedelta(days=120))
    _add_consent(url, "idle", NOW - timedelta(days=120))
    _add_consent(url, "new", NOW - DAY)  # recent: kept even before the first event is saved
    counts = purge_expired(url, retention_days=90, now=NOW)
    assert (counts.events, counts.consents) == (1, 1)
    assert _count(url, "SELECT COUNT(*) FROM events") == 0
    assert _rows_keyed(url, conversation_key("idle"))["consents"] == 0
    assert _rows_keyed(url, conversation_key("new"))["consents"] == 1


def test_an_old_consent_stays_while_a_ticket_of_its_conversation_remains(tmp_path) -> None:
    url = _database(tmp_path)
    _add_consent(url, "sms:+573001150002", NOW - timedelta(days=100))
    _add_ticket(url, "sms:+573001150002", NOW - timedelta(days=10))
    assert purge_expired(url, retention_days=90, now=NOW).consents == 0


def test_purge_removes_old_tickets_contacts_failures_and_message_ids(tmp_path) -> None:
    url = _database(tmp_path)
    old, recent = "whatsapp:+573001150003", "whatsapp:+573001150004"
    _add_ticket(url, old, NOW - timedelta(days=91))
    _add_ticket(url, recent, NOW - timedelta(days=89))
    _add_channel_rows(url, old, NOW - timedelta(days=91), message_id="wamid.old")
    _add_channel_rows(url, recent, NOW - timedelta(days=3), message_id="wamid.recent")
    _insert(url, inbound_messages, provider="telegram", message_id="8", received_at=NOW - 8 * DAY)
    counts = purge_expired(url, retention_days=90, now=NOW)
    assert counts == PurgeCounts(tickets=1, channel_contacts=1, outbound_failures=1, inbound_messages=2)
    assert _rows_keyed(url, conversation_key(old)) == dict.fromkeys(KEYED, 0)
    assert _rows_keyed(url, conversation_key(recent)) == {
        "consents": 0,
        "tickets": 1,
        "ticket_messages": 0,
        "channel_contacts": 1,
        "outbound_failures": 1,
        "inbound_messages": 1,
        "web_outbox": 0,
    }


def test_purge_takes_old_handoffs_with_their_messages_and_changes(tmp_path) -> None:
    url = _database(tmp_path)
    staff = _add_staff(url)
    old, recent = "sms:+573001150005", "sms:+573001150006"
    old_ticket = _add_handoff(url, old, staff, NOW - timedelta(days=91))
    recent_ticket = _add_handoff(url, recent, staff, NOW - timedelta(days=91))
    record_reply(url, recent_ticket, staff, "ya te llamo", "sent", now=NOW - DAY)  # still active
    counts = purge_expired(url, retention_days=90, now=NOW)
    # old: the ticket, its note, both changes; recent: its 91-day-old note and changes; both outboxes
    assert (counts.tickets, counts.ticket_messages, counts.console_changes, counts.web_outbox) == (1, 2, 4, 2)
    assert _rows_keyed(url, conversation_key(old)) == dict.fromkeys(KEYED, 0)
    assert _rows_keyed(url, conversation_key(recent))["tickets"] == 1
    assert _rows_keyed(url, conversation_key(recent))["ticket_messages"] == 1  # the recent reply
    assert (_changes_of(url, old_ticket), _changes_of(url, recent_ticket)) == (0, 1)
    assert _count(url, "SELECT COUNT(*) FROM audit_log") == 2


def test_message_ids_are_kept_a_week_at_most_and_never_while_in_a_turn(tmp_path) -> None:
    url = _database(tmp_path)
    for message_id, age, state in (
        ("six-days", 6 * DAY, "done"),
        ("eight-days", 8 * DAY, "done"),
        ("processing-now", timedelta(minutes=30), "processing"),
    ):
        _insert(
            url,
            inbound_messages,
            provider="twilio",
            message_id=message_id,
            received_at=NOW - age,
            state=state,
        )
    assert purge_expired(url, retention_days=90, now=NOW).inbound_messages == 1
    remaining = {r for (r,) in get_engine(url).connect().execute(sa.select(inbound_messages.c.message_id))}
    assert remaining == {"six-days", "processing-now"}
    # A retention shorter than a week wins.
    assert purge_expired(url, retention_days=1, now=NOW).inbound_messages == 1
    remaining = {r for (r,) in get_engine(url).connect().execute(sa.select(inbound_messages.c.message_id))}
    assert remaining == {"processing-now"}


def test_purge_logs_counts_never_ids(tmp_path, caplog) -> None:
    url = _database(tmp_path)
    sender = "sms:+573001150005"
    _add_event(url, sender, NOW - timedelta(days=100))
    _add_consent(url, sender, NOW - timedelta(days=100))
    _add_channel_rows(url, sender, NOW - timedelta(days=100), message_id="SM573001150005")
    with caplog.at_level(logging.DEBUG, logger="bot.privacy"):
        counts = purge_expired(url, retention_days=90, now=NOW)
        erase_conversation(url, sender)
    assert counts.total == 5
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "deleted 1 events, 1 consents" in logged
    assert "573001150005" not in logged
    assert conversation_key(sender) not in logged


def test_purge_works_before_rasa_created_its_table(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    _add_consent(url, "web-abc", NOW - timedelta(days=100))
    assert purge_expired(url, retention_days=90, now=NOW) == PurgeCounts(consents=1)


def test_ticket_summary_reads_at_a_glance(tmp_path) -> None:
    url = _database(tmp_path)
    ticket_id = open_ticket(
        url, "+5511999990000", "rest", "pt", "misunderstood", {"nationality": "HT", "fear_of_return": None}
    )
    with get_engine(url).connect() as connection:
        summary = connection.execute(
            sa.text("SELECT summary FROM tickets WHERE id = :i"), {"i": ticket_id}
        ).scalar_one()
    assert summary == "nationality=HT; fear_of_return=?"


def _add_booking(url: str, sender: str, start: datetime, code: str, seat: int = 1) -> None:
    _insert(
        url,
        bookings,
        code=code,
        centre_id="crai_sao_paulo",
        service="regularisation",
        start=start,
        seat=seat,
        conversation_key=conversation_key(sender),
        sender_id=sender,
        language="pt",
        status="booked",
        created_at=start - timedelta(days=3),
    )


def _booking_rows(url: str) -> list[tuple]:
    with get_engine(url).connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                sa.select(
                    bookings.c.code, bookings.c.conversation_key, bookings.c.sender_id, bookings.c.status
                ).order_by(bookings.c.code)
            )
        ]


def test_erasure_keeps_a_booking_without_identity(tmp_path) -> None:
    url = _database(tmp_path)
    sender, other = "whatsapp:+5511900000001", "whatsapp:+5511900000002"
    _add_booking(url, sender, NOW + timedelta(days=2), "ABC234")
    _add_booking(url, other, NOW + timedelta(days=2), "XYZ789", seat=2)

    erase_conversation(url, sender)

    # the centre still sees the slot taken (so it is never booked twice), not by whom
    assert _booking_rows(url) == [
        ("ABC234", None, None, "booked"),
        ("XYZ789", conversation_key(other), other, "booked"),
    ]


def test_purge_takes_bookings_older_than_the_retention(tmp_path) -> None:
    url = _database(tmp_path)
    sender = "telegram:5550101"
    _add_booking(url, sender, NOW - timedelta(days=91), "OLD234")
    _add_booking(url, sender, NOW - timedelta(days=89), "NEW234")

    counts = purge_expired(url, retention_days=90, now=NOW)

    assert counts.bookings == 1
    assert [row[0] for row in _booking_rows(url)] == ["NEW234"]
