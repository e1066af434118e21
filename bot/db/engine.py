"""One SQLAlchemy engine per process and database URL, in the 2.0 style (future=True).

Every engine is created with `hide_parameters=True`, so an SQL error in a log shows the statement
but never the values (sender ids, message texts). On SQLite, `apply_sqlite_pragmas` runs on every
new connection; attach it to any other engine on the same file (Rasa's tracker store) with
`sa.event.listen(engine, "connect", apply_sqlite_pragmas)`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine


def apply_sqlite_pragmas(dbapi_connection: Any, _connection_record: Any = None) -> None:
    """The settings every SQLite connection to our database needs (a "connect" event listener)."""
    cursor = dbapi_connection.cursor()
    try:
        # Three processes share the file: WAL lets readers and one writer work at once.
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a crashed process loses
        # nothing, a power cut may lose the last commits but never corrupts the file (SQLite's own
        # advice for WAL). Every turn commits twice; a full sync each time held the Rasa loop.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted rows (erasure, retention) are overwritten with zeros, not left in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def sqlite_engine_kwargs() -> dict[str, Any]:
    """Connections kept open and shared between threads: SQLAlchemy 1.4 would otherwise open the
    file and run the pragmas again for every session, a few percent of every turn (issue 11)."""
    return {"poolclass": sa.pool.QueuePool, "connect_args": {"timeout": 30, "check_same_thread": False}}


@cache
def get_engine(database_url: str) -> Engine:
    if database_url.startswith("sqlite"):
        engine = sa.create_engine(database_url, future=True, hide_parameters=True, **sqlite_engine_kwargs())
        sa.event.listen(engine, "connect", apply_sqlite_pragmas)
        return engine
    return sa.create_engine(database_url, future=True, pool_pre_ping=True, hide_parameters=True)
