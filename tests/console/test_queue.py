"""The queue's order and filters, and the transcript's merge of tracker events with staff lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.consent import conversation_key
from bot.console.queue import channel_of, filter_choices, list_queue
from bot.console.transcript import BOT, NOTE, PERSON, REPLY, transcript
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import staff_users, ticket_messages, tickets
from tests.helpers.rasa_events import create_events_table

T0 = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _pseudonym_key(pseudonym_key_is):
    pseudonym_key_is("console-queue-tests-key")


@pytest.fixture
def url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    upgrade(url)
    create_events_table(url)
    return url


def _staff(url: str, username: str) -> int:
    with get_engine(url).begin() as connection:
        return connection.execute(
            staff_users.insert().values(
                username=username, password_hash="x", role="agent", language="es", created_at=T0
            )
        ).inserted_primary_key[0]


def _ticket(url: str, sender: str, minutes: int, **values) -> int:
    row = {
        "conversation_key": conversation_key(sender),
        "sender_id": sender,
        "channel": "rest",
        "language": "es",
        "reason": "asked",
        "facts": "{}",
        "summary": "",
        "status": "open",
        "created_at": T0 + minutes * MINUTE,
    } | values
    with get_engine(url).begin() as connection:
        return connection.execute(tickets.insert().values(**row)).inserted_primary_key[0]


def test_urgent_first_then_oldest_and_closed_left_out(url):
    ana = _staff(url, "ana")
    old = _ticket(url, "web-old", 0)
    new = _ticket(url, "sms:+573001112233", 5, status="claimed", claimed_by=ana)
    urgent_new = _ticket(url, "telegram:42", 9, urgent=True, reason="urgent")
    urgent_old = _ticket(url, "whatsapp:+573001112244", 7, urgent=True)
    _ticket(url, "web-closed", -30, status="closed")

    rows = list_queue(url)

    assert [r.id for r in rows] == [urgent_old, urgent_new, old, new]
    assert [r.channel for r in rows] == ["whatsapp", "telegram", "web", "sms"]
    assert rows[3].claimed_by_name == "ana" and rows[3].status == "claimed"
    assert rows[0].created_at == T0 + 7 * MINUTE  # aware UTC, even from SQLite


def test_filters_by_language_channel_and_country(url):
    es_co = _ticket(url, "whatsapp_cloud:+573001110000", 0, country="CO")
    pt_br = _ticket(url, "whatsapp:+5511999990000", 1, language="pt", country="BR")
    ht_web = _ticket(url, "web-abc", 2, language="ht", country="CO")
    sms = _ticket(url, "sms:+573001112233", 3)

    assert [r.id for r in list_queue(url, language="pt")] == [pt_br]
    assert [r.id for r in list_queue(url, channel="whatsapp")] == [es_co, pt_br]
    assert [r.id for r in list_queue(url, channel="web")] == [ht_web]
    assert [r.id for r in list_queue(url, channel="sms")] == [sms]
    assert [r.id for r in list_queue(url, country="co")] == [es_co, ht_web]
    assert [r.id for r in list_queue(url, language="ht", country="CO", channel="web")] == [ht_web]
    assert list_queue(url, channel="fax") == []
    choices = filter_choices(url)
    assert choices.languages == ("es", "ht", "pt")
    assert choices.channels == ("whatsapp", "sms", "web")
    assert choices.countries == ("BR", "CO")


def test_channel_of_reads_the_sender_id_prefix():
    assert channel_of("whatsapp_cloud:+57300") == "whatsapp"
    assert channel_of("whatsappX+57300") == "web"
    assert channel_of("telegram:99") == "telegram"


@dataclass(frozen=True)
class _Conversation:
    sender_id: str
    conversation_key: str


def _event(url: str, sender: str, type_name: str, at: datetime, data: dict | str) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(
            sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, :k, :t, :d)"),
            {
                "s": sender,
                "k": type_name,
                "t": at.timestamp(),
                "d": data if isinstance(data, str) else json.dumps(data),
            },
        )


def test_transcript_merges_person_bot_replies_and_notes_in_time(url):
    sender = "telegram:77"
    ana = _staff(url, "ana")
    ticket_id = _ticket(url, sender, 0)
    _event(
        url,
        sender,
        "user",
        T0,
        {"event": "user", "text": "quiero hablar con una persona", "timestamp": T0.timestamp()},
    )
    _event(url, sender, "bot", T0 + 1 * MINUTE, {"event": "bot", "text": "Una persona te va a escribir."})
    _event(
        url,
        sender,
        "bot",
        T0 + 2 * MINUTE,
        {"event": "bot", "text": None, "data": {"custom": {"handoff": {}}}},
    )
    _event(url, sender, "action", T0 + 2 * MINUTE, {"event": "action", "name": "action_listen"})
    _event(url, sender, "user", T0 + 6 * MINUTE, {"event": "user", "text": "¿hay alguien?"})
    _event(url, "telegram:other", "user", T0 + 3 * MINUTE, {"event": "user", "text": "otra persona"})
    _event(url, sender, "user", T0 + 7 * MINUTE, "not json")
    with get_engine(url).begin() as connection:
        for minutes, kind, body, delivery in (
            (5, "note", "llamar mañana", None),
            (8, "reply", "Hola, soy Ana", "sent"),
        ):
            connection.execute(
                ticket_messages.insert().values(
                    ticket_id=ticket_id,
                    conversation_key=conversation_key(sender),
                    kind=kind,
                    staff_user_id=ana,
                    body=body,
                    delivery=delivery,
                    created_at=T0 + minutes * MINUTE,
                )
            )

    entries = transcript(url, _Conversation(sender, conversation_key(sender)))

    assert [(e.kind, e.text, e.staff, e.delivery) for e in entries] == [
        (PERSON, "quiero hablar con una persona", None, None),
        (BOT, "Una persona te va a escribir.", None, None),
        (NOTE, "llamar mañana", "ana", None),
        (PERSON, "¿hay alguien?", None, None),
        (REPLY, "Hola, soy Ana", "ana", "sent"),
    ]
    assert entries[1].at == T0 + MINUTE  # the column's time when the JSON has none
    assert all(e.at.tzinfo is not None for e in entries)


def test_transcript_without_a_tracker_table_has_only_staff_lines(tmp_path):
    url = f"sqlite:///{tmp_path / 'no-rasa.db'}"
    upgrade(url)
    assert transcript(url, _Conversation("web-x", conversation_key("web-x"))) == []
