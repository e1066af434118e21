"""Erasure on request and purge after the retention period remove exactly what they should."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.consent import conversation_key, record_consent
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.handoff.tickets import open_ticket
from bot.privacy import erase_conversation, purge_expired

NOW = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)


def _database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'privacy.db'}"
    upgrade(url)
    with get_engine(url).begin() as connection:  # the columns of Rasa's SQL tracker store we use
        connection.execute(
            sa.text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp REAL)"
            )
        )
    return url


def _add_event(url: str, sender: str, when: datetime) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(
            sa.text("INSERT INTO events (sender_id, type_name, timestamp) VALUES (:s, 'user', :t)"),
            {"s": sender, "t": when.timestamp()},
        )


def _count(url: str, sql: str, **params) -> int:
    with get_engine(url).connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def test_erasure_removes_one_conversation_and_nothing_else(tmp_path) -> None:
    url = _database(tmp_path)
    for sender in ("+573001112233", "+573004445566"):
        _add_event(url, sender, NOW)
        record_consent(url, sender, "twilio", "es")
        open_ticket(url, sender, "twilio", "es", "asked", {"nationality": "VE"})
    erase_conversation(url, "+573001112233")
    gone, kept = conversation_key("+573001112233"), conversation_key("+573004445566")
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = '+573001112233'") == 0
    assert _count(url, "SELECT COUNT(*) FROM consents WHERE conversation_key = :k", k=gone) == 0
    assert _count(url, "SELECT COUNT(*) FROM tickets WHERE conversation_key = :k", k=gone) == 0
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = '+573004445566'") == 1
    assert _count(url, "SELECT COUNT(*) FROM consents WHERE conversation_key = :k", k=kept) == 1
    assert _count(url, "SELECT COUNT(*) FROM tickets WHERE conversation_key = :k", k=kept) == 1


def test_purge_removes_conversations_idle_longer_than_the_retention(tmp_path) -> None:
    url = _database(tmp_path)
    _add_event(url, "old", NOW - timedelta(days=120))
    _add_event(url, "mixed", NOW - timedelta(days=120))
    _add_event(url, "mixed", NOW - timedelta(days=3))  # came back recently: kept whole
    _add_event(url, "recent", NOW - timedelta(days=1))
    assert purge_expired(url, retention_days=90, now=NOW) == 1
    remaining = {
        r for (r,) in get_engine(url).connect().execute(sa.text("SELECT DISTINCT sender_id FROM events"))
    }
    assert remaining == {"mixed", "recent"}


def test_purge_works_before_rasa_created_its_table(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    assert purge_expired(url, retention_days=90, now=NOW) == 0


def test_ticket_summary_reads_at_a_glance(tmp_path) -> None:
    url = _database(tmp_path)
    ticket_id = open_ticket(
        url, "+5511999990000", "rest", "pt", "misunderstood", {"nationality": "HT", "fear_of_return": None}
    )
    with get_engine(url).connect() as connection:
        summary = connection.execute(
            sa.text("SELECT summary FROM tickets WHERE id = :i"), {"i": ticket_id}
        ).scalar_one()
    assert summary == "nationality: HT; fear_of_return: does not know"
