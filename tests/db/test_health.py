"""The health check writes to the database: it reports a database that cannot take writes."""

from __future__ import annotations

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.health import check_database_writable, database_writable
from bot.db.migrate import upgrade


def _checked_at(url: str):
    with get_engine(url).connect() as connection:
        return connection.execute(sa.text("SELECT id, checked_at FROM health_checks")).all()


def test_a_writable_database_passes_and_keeps_one_row(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        assert database_writable(url), url
        first = _checked_at(url)
        assert check_database_writable(url) == (True, None), url
        second = _checked_at(url)
        assert [row[0] for row in first] == [row[0] for row in second] == [1], url
        assert second[0][1] >= first[0][1], url


def test_a_read_only_database_fails(tmp_path) -> None:
    path = tmp_path / "assistant.db"
    upgrade(f"sqlite:///{path}")
    assert database_writable(f"sqlite:///{path}")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    with get_engine(read_only).connect() as connection:  # it can still be read: SELECT 1 passes
        assert connection.execute(sa.text("SELECT 1")).scalar_one() == 1
    ok, reason = check_database_writable(read_only)
    assert not ok
    assert "readonly" in reason


def test_a_database_without_our_tables_fails(tmp_path) -> None:
    ok, reason = check_database_writable(f"sqlite:///{tmp_path / 'never-migrated.db'}")
    assert not ok
    assert "health_checks" in reason


def test_an_unreachable_database_fails_without_raising() -> None:
    assert not database_writable("sqlite:////nonexistent-directory/x/assistant.db")


def test_a_read_only_postgresql_database_fails(empty_databases) -> None:
    for url in empty_databases[1:]:  # PostgreSQL, when DATABASE_URL points at one
        upgrade(url)
        read_only = (
            sa.engine.make_url(url)
            .update_query_dict({"options": "-c default_transaction_read_only=on"})
            .render_as_string(hide_password=False)
        )
        ok, reason = check_database_writable(read_only)
        get_engine(read_only).dispose()
        assert not ok
        assert "read-only" in reason
