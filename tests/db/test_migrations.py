"""Alembic creates our tables on SQLite (and on PostgreSQL when DATABASE_URL points at one)."""

import hashlib
import os
import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.consent import conversation_key, record_consent
from bot.db.engine import get_engine
from bot.db.migrate import alembic_config, upgrade
from bot.db.tables import metadata


def _urls(tmp_path):
    urls = [f"sqlite:///{tmp_path / 'sub' / 'test.db'}"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        urls.append(os.environ["DATABASE_URL"])
    return urls


def test_upgrade_creates_tables_and_is_idempotent(tmp_path) -> None:
    for url in _urls(tmp_path):
        upgrade(url)
        upgrade(url)
        tables = set(sa.inspect(get_engine(url)).get_table_names())
        assert {"consents", "assistant_alembic_version"} <= tables, url


def test_consent_is_recorded_without_the_sender_id(tmp_path) -> None:
    for url in _urls(tmp_path):
        upgrade(url)
        sender = f"+57300{uuid.uuid4().int % 10**7:07d}"
        record_consent(url, sender, "rest", "es")
        with get_engine(url).connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT conversation_key, channel, language FROM consents WHERE conversation_key = :k"
                ),
                {"k": conversation_key(sender)},
            ).all()
        assert rows == [(conversation_key(sender), "rest", "es")]
        assert sender not in rows[0][0]


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI always provides PostgreSQL")
def test_ci_provides_postgresql() -> None:
    assert os.environ.get("DATABASE_URL", "").startswith("postgresql"), "CI must export DATABASE_URL"


def test_tables_py_mirrors_the_migrations(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        with get_engine(url).connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "version_table": "assistant_alembic_version",
                    "compare_type": True,
                    "include_object": lambda obj, name, type_, reflected, compare_to: (
                        not (type_ == "table" and reflected and compare_to is None)
                    ),
                },
            )
            assert compare_metadata(context, metadata) == [], url
        columns = {c["name"]: c for c in sa.inspect(get_engine(url)).get_columns("inbound_messages")}
        assert {"conversation_key", "state", "owner"} <= set(columns), url
        assert "done" in str(columns["state"]["default"]), url
        assert not columns["state"]["nullable"], url


def _sha256(sender: str) -> str:
    return hashlib.sha256(sender.encode()).hexdigest()


def _at_0004_with_old_keys(url: str) -> None:
    """A database as revision 0004 left it: keys are bare SHA-256 of the sender ids."""
    command.upgrade(alembic_config(url), "0004")
    when = datetime(2026, 11, 1, tzinfo=timezone.utc)
    with get_engine(url).begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
                " type_name VARCHAR(255), timestamp FLOAT)"
            )
        )
        for number, sender in enumerate(("whatsapp:+573001110001", "telegram:555000111", "web-abc")):
            connection.execute(
                sa.text(
                    "INSERT INTO events (id, sender_id, type_name, timestamp) VALUES (:i, :s, 'user', 1)"
                ),
                {"i": number + 1, "s": sender},
            )
        # A ticket whose conversation's events are gone: its sender id is still known.
        for sender in ("whatsapp:+573001110001", "sms:+573001110009"):
            connection.execute(
                sa.text(
                    "INSERT INTO tickets (conversation_key, sender_id, channel, language, reason, facts,"
                    " summary, status, created_at)"
                    " VALUES (:k, :s, 'whatsapp', 'es', 'asked', '{}', '', 'open', :t)"
                ),
                {"k": _sha256(sender), "s": sender, "t": when},
            )
        for sender in ("whatsapp:+573001110001", "telegram:555000111", "web-erased"):
            connection.execute(
                sa.text(
                    "INSERT INTO consents (conversation_key, channel, language, notice_version, given_at)"
                    " VALUES (:k, 'x', 'es', 'v', :t)"
                ),
                {"k": _sha256(sender), "t": when},
            )
        for sender in ("whatsapp:+573001110001", "whatsapp:+573001119999"):  # the second was erased
            connection.execute(
                sa.text(
                    "INSERT INTO channel_contacts (provider, conversation_key, last_inbound_at)"
                    " VALUES ('whatsapp', :k, :t)"
                ),
                {"k": _sha256(sender), "t": when},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO outbound_failures (provider, conversation_key, status, error, failed_at)"
                    " VALUES ('whatsapp', :k, 500, 'HTTP 500', :t)"
                ),
                {"k": _sha256(sender), "t": when},
            )
        connection.execute(
            sa.text(
                "INSERT INTO inbound_messages (provider, message_id, received_at)"
                " VALUES ('telegram', '1', :t)"
            ),
            {"t": when},
        )


def _keys(url: str, table: str) -> set[str]:
    with get_engine(url).connect() as connection:
        return set(connection.execute(sa.text(f"SELECT conversation_key FROM {table}")).scalars())


def test_0005_rekeys_known_senders_and_deletes_orphans(empty_databases) -> None:
    for url in empty_databases:
        _at_0004_with_old_keys(url)
        upgrade(url)
        key = conversation_key
        assert _keys(url, "consents") == {key("whatsapp:+573001110001"), key("telegram:555000111")}, url
        assert _keys(url, "tickets") == {key("whatsapp:+573001110001"), key("sms:+573001110009")}, url
        assert _keys(url, "channel_contacts") == {key("whatsapp:+573001110001")}, url
        assert _keys(url, "outbound_failures") == {key("whatsapp:+573001110001")}, url
        assert key("whatsapp:+573001110001") != _sha256("whatsapp:+573001110001")
        with get_engine(url).connect() as connection:
            rows = connection.execute(
                sa.text("SELECT provider, message_id, state, owner, conversation_key FROM inbound_messages")
            ).all()
            assert rows == [("telegram", "1", "done", None, None)], url
            assert connection.execute(sa.text("SELECT COUNT(*) FROM health_checks")).scalar_one() == 0
        upgrade(url)  # idempotent: nothing left to re-key, nothing deleted
        assert _keys(url, "consents") == {key("whatsapp:+573001110001"), key("telegram:555000111")}, url


def test_0005_downgrade_restores_the_old_keys_and_schema(empty_databases) -> None:
    for url in empty_databases:
        _at_0004_with_old_keys(url)
        upgrade(url)
        command.downgrade(alembic_config(url), "0004")
        assert _keys(url, "consents") == {_sha256("whatsapp:+573001110001"), _sha256("telegram:555000111")}
        inspector = sa.inspect(get_engine(url))
        assert "health_checks" not in inspector.get_table_names(), url
        assert {c["name"] for c in inspector.get_columns("inbound_messages")} == {
            "provider",
            "message_id",
            "received_at",
        }, url
        upgrade(url)
        assert _keys(url, "consents") == {
            conversation_key("whatsapp:+573001110001"),
            conversation_key("telegram:555000111"),
        }, url


def test_0005_without_rasa_events_table(empty_databases) -> None:
    for url in empty_databases:
        command.upgrade(alembic_config(url), "0004")
        record_consent_at_0004 = sa.text(
            "INSERT INTO consents (conversation_key, channel, language, notice_version, given_at)"
            " VALUES (:k, 'x', 'es', 'v', :t)"
        )
        with get_engine(url).begin() as connection:
            connection.execute(
                record_consent_at_0004, {"k": _sha256("web-x"), "t": datetime.now(timezone.utc)}
            )
        upgrade(url)  # no events table, no tickets: every old row is an orphan
        assert _keys(url, "consents") == set(), url
