"""Whether the database takes writes: /health must not say "ok" while every turn fails to save.

`SELECT 1` succeeds on a read-only or full database; this check really writes (rewrites the single
row of `health_checks`) and commits, within a few seconds.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.engine import get_engine
from bot.db.tables import health_checks

logger = logging.getLogger(__name__)
TIMEOUT_MS = 5000  # a check waits this long for a lock, not the engine's 30 s
SQLITE_BUSY_TIMEOUT_MS = 30000  # the engine's own `timeout`, restored after the check


def _sqlite_busy_timeout(connection: sa.engine.Connection, milliseconds: int) -> None:
    # On the DB-API connection, outside SQLAlchemy's transaction handling.
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
    finally:
        cursor.close()


def _upsert(dialect: str, now: datetime) -> sa.sql.Executable:
    values = {"id": 1, "checked_at": now}
    if dialect == "sqlite":
        statement = sqlite.insert(health_checks).values(**values)
    elif dialect == "postgresql":
        statement = postgresql.insert(health_checks).values(**values)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported (bot/settings.py)
        return health_checks.update().where(health_checks.c.id == 1).values(checked_at=now)
    return statement.on_conflict_do_update(index_elements=["id"], set_={"checked_at": now})


def _reason(exc: Exception) -> str:
    # The driver's message about our own fixed statement ("attempt to write a readonly database",
    # "database is locked", "no such table: health_checks"); it holds no personal data.
    cause = exc.orig if isinstance(exc, sa.exc.DBAPIError) and exc.orig is not None else exc
    message = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return f"{type(cause).__name__}: {message}"[:200] if message else type(cause).__name__


def check_database_writable(database_url: str) -> tuple[bool, str | None]:
    """(True, None) once a row was written and committed; else (False, reason). Never raises.
    The reason names the error (class and the driver's first line), never values."""
    try:
        engine = get_engine(database_url)
        dialect = engine.dialect.name
        with engine.connect() as connection:
            if dialect == "sqlite":
                _sqlite_busy_timeout(connection, TIMEOUT_MS)
            try:
                with connection.begin():
                    if dialect == "postgresql":
                        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {TIMEOUT_MS}")
                    connection.execute(_upsert(dialect, datetime.now(timezone.utc)))
            finally:
                if dialect == "sqlite":
                    _sqlite_busy_timeout(connection, SQLITE_BUSY_TIMEOUT_MS)
    except Exception as exc:  # noqa: BLE001 - any failure means "not writable", reported not raised
        reason = _reason(exc)
        logger.error("health: the database does not take writes (%s)", reason)
        return False, reason
    return True, None


def database_writable(database_url: str) -> bool:
    """True when a write to the database was committed just now. Never raises."""
    return check_database_writable(database_url)[0]
