"""Alembic creates our tables on SQLite (and on PostgreSQL when DATABASE_URL points at one)."""

import os
import uuid

import pytest
import sqlalchemy as sa

from bot.consent import conversation_key, record_consent
from bot.db.engine import get_engine
from bot.db.migrate import upgrade


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
