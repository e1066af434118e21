"""One SQLAlchemy engine per process and database URL, in the 2.0 style (future=True)."""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine


@cache
def get_engine(database_url: str) -> Engine:
    if database_url.startswith("sqlite"):
        engine = sa.create_engine(
            database_url, future=True, connect_args={"timeout": 30, "check_same_thread": False}
        )

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            # Three processes share the file: WAL lets readers and one writer work at once.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return sa.create_engine(database_url, future=True, pool_pre_ping=True)
