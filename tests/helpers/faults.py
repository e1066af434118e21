"""Faults a running stack must survive: a database that refuses writes, a process that dies.

`refusing_writes(url)` makes every table refuse INSERT, UPDATE and DELETE through triggers (the
processes run as root, so file modes cannot make SQLite read-only; triggers work the same on
SQLite and PostgreSQL), and removes them afterwards.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from bot.db.engine import get_engine

TABLES = (
    "events",
    "consents",
    "tickets",
    "inbound_messages",
    "channel_contacts",
    "outbound_failures",
    "health_checks",
)


@contextlib.contextmanager
def refusing_writes(database_url: str) -> Iterator[None]:
    engine = get_engine(database_url)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        present = [t for t in TABLES if sa.inspect(connection).has_table(t)]
        if postgres:
            connection.execute(
                sa.text(
                    "CREATE OR REPLACE FUNCTION test_refuse_writes() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$"
                )
            )
        for table in present:
            if postgres:
                connection.execute(
                    sa.text(
                        f"CREATE TRIGGER test_refuse_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                        "FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_writes()"
                    )
                )
            else:
                for verb in ("INSERT", "UPDATE", "DELETE"):
                    connection.execute(
                        sa.text(
                            f"CREATE TRIGGER test_refuse_{table}_{verb.lower()} BEFORE {verb} ON {table} "
                            "BEGIN SELECT RAISE(ABORT, 'writes refused by the test'); END"
                        )
                    )
    try:
        yield
    finally:
        with engine.begin() as connection:
            for table in present:
                if postgres:
                    connection.execute(sa.text(f"DROP TRIGGER IF EXISTS test_refuse_{table} ON {table}"))
                else:
                    for verb in ("insert", "update", "delete"):
                        connection.execute(sa.text(f"DROP TRIGGER IF EXISTS test_refuse_{table}_{verb}"))


def child_pid(group_pids: list[int], marker: str) -> int:
    """The process of the stack whose command line contains `marker` (e.g. "bot.action_server")."""
    for pid in group_pids:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in cmdline and "bot.stack" not in cmdline:
            return pid
    raise LookupError(f"no process running {marker}")


def kill(pid: int, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
