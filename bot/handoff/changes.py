"""The feed of queue changes (a ticket opened, a message arrived, a claim, a reply, a close) that
every web instance's live console reads by polling past the last id it has seen.

A change is written in the same transaction as the ticket write it reports, so the feed never
announces what did not happen, and never misses what did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.db.engine import get_engine
from bot.db.tables import console_changes

# opened | escalated | message | released | claimed | unclaimed | reply | note | closed
KINDS = frozenset(
    {"opened", "escalated", "message", "released", "claimed", "unclaimed", "reply", "note", "closed"}
)


@dataclass(frozen=True)
class Change:
    id: int
    ticket_id: int
    kind: str
    at: datetime


def record_change(connection: Connection, ticket_id: int, kind: str, now: datetime | None = None) -> None:
    """Add a change inside the caller's transaction."""
    if kind not in KINDS:
        raise ValueError(f"unknown console change {kind!r}")
    connection.execute(
        console_changes.insert().values(ticket_id=ticket_id, kind=kind, at=now or datetime.now(timezone.utc))
    )


def changes_since(database_url: str, after_id: int, limit: int = 200) -> list[Change]:
    """Changes with an id above `after_id`, oldest first, at most `limit`."""
    query = (
        sa.select(
            console_changes.c.id, console_changes.c.ticket_id, console_changes.c.kind, console_changes.c.at
        )
        .where(console_changes.c.id > after_id)
        .order_by(console_changes.c.id)
        .limit(max(1, min(limit, 1000)))
    )
    with get_engine(database_url).connect() as connection:
        return [Change(*row) for row in connection.execute(query)]


def last_change_id(database_url: str) -> int:
    """The newest change's id (0 when there is none): where a new live view starts."""
    with get_engine(database_url).connect() as connection:
        return int(connection.execute(sa.select(sa.func.max(console_changes.c.id))).scalar() or 0)
