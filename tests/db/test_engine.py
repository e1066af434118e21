"""Every engine hides statement parameters from error messages; SQLite connections overwrite
deleted data (secure_delete), and the same settings can be attached to another engine."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.db.engine import apply_sqlite_pragmas, get_engine
from bot.db.migrate import upgrade


def test_sqlite_connections_use_wal_and_secure_delete(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'pragmas.db'}"
    with get_engine(url).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_pragmas_can_be_attached_to_another_engine(tmp_path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'rasa.db'}")
    sa.event.listen(engine, "connect", apply_sqlite_pragmas)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
    engine.dispose()


def test_errors_never_carry_parameter_values(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        row = {"provider": "twilio", "message_id": "SM-secret-573001112233", "received_at": "2026-11-30"}
        statement = sa.text(
            "INSERT INTO inbound_messages (provider, message_id, received_at)"
            " VALUES (:provider, :message_id, :received_at)"
        )
        with get_engine(url).begin() as connection:
            connection.execute(statement, row)
        with pytest.raises(sa.exc.IntegrityError) as failure, get_engine(url).begin() as connection:
            connection.execute(statement, row)
        assert "[SQL parameters hidden due to hide_parameters=True]" in str(failure.value), url
        if url.startswith("sqlite"):
            # PostgreSQL's own DETAIL line ("Key (...)=(...) already exists") still names key values:
            # error handlers must log the exception type, not its text.
            assert "573001112233" not in str(failure.value), url
