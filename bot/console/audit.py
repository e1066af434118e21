"""The audit log: every staff action, who did it, when, and which conversation. Never message bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import audit_log

if TYPE_CHECKING:
    from bot.console.auth import Staff

PAGE_SIZE = 100
DETAIL_MAX = 255


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    staff_user_id: int | None
    username: str
    action: str
    ticket_id: int | None
    conversation_key: str | None
    detail: str


def record(
    database_url: str,
    staff: Staff | None,
    action: str,
    *,
    ticket_id: int | None = None,
    conversation_key: str | None = None,
    detail: str = "",
    username: str | None = None,
    now: datetime | None = None,
) -> None:
    """Append one entry. `username` names who tried when there is no staff member (a failed login)."""
    with get_engine(database_url).begin() as connection:
        connection.execute(
            audit_log.insert().values(
                at=now or datetime.now(timezone.utc),
                staff_user_id=staff.id if staff else None,
                username=(staff.username if staff else username or "")[:64],
                action=action[:48],
                ticket_id=ticket_id,
                conversation_key=conversation_key,
                detail=detail[:DETAIL_MAX],
            )
        )


def entries(
    database_url: str,
    *,
    username: str | None = None,
    action: str | None = None,
    ticket_id: int | None = None,
    page: int = 1,
) -> tuple[list[Entry], bool]:
    """One page of entries, newest first, and whether an older page exists."""
    query = sa.select(audit_log).order_by(audit_log.c.id.desc())
    if username:
        query = query.where(audit_log.c.username == username)
    if action:
        query = query.where(audit_log.c.action == action)
    if ticket_id is not None:
        query = query.where(audit_log.c.ticket_id == ticket_id)
    query = query.offset((max(page, 1) - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(query).mappings().all()
    found = [
        Entry(**{name: row[name] for name in Entry.__dataclass_fields__})  # type: ignore[arg-type]
        for row in rows[:PAGE_SIZE]
    ]
    return found, len(rows) > PAGE_SIZE


def actions(database_url: str) -> list[str]:
    """Every action recorded so far, for the filter."""
    with get_engine(database_url).connect() as connection:
        return list(
            connection.execute(
                sa.select(audit_log.c.action).distinct().order_by(audit_log.c.action)
            ).scalars()
        )
