"""A conversation's whole history as staff read it: the person's and the bot's messages from Rasa's
tracker (the `events` table), merged in time with the staff's replies and private notes.

Rasa stores each event's JSON in `data` ({"text": ..., "timestamp": ...}); bot events without text
(buttons-only or custom payloads such as the handoff status) say nothing a person read and are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.db.engine import get_engine
from bot.db.tables import staff_users, ticket_messages

EVENTS = "events"  # Rasa's SQL tracker store table (bot/rasa_plugins/tracker_store.py)
PERSON, BOT, REPLY, NOTE = "person", "bot", "reply", "note"
MAX_EVENTS = 5000  # the newest this many events; a longer history is cut at its start
_EVENT_KINDS = {"user": PERSON, "bot": BOT}


class HasConversation(Protocol):
    sender_id: str
    conversation_key: str


@dataclass(frozen=True)
class Entry:
    """One line of the transcript."""

    at: datetime
    kind: str  # person | bot | reply | note
    text: str
    staff: str | None = None  # who wrote a reply or note
    delivery: str | None = None  # a reply's: sent | template | refused | failed


def _events(connection: Connection, sender_id: str) -> list[Entry]:
    if not sa.inspect(connection).has_table(EVENTS):  # Rasa has not written anything yet
        return []
    rows = connection.execute(
        sa.text(
            f"SELECT id, type_name, timestamp, data FROM {EVENTS} WHERE sender_id = :s"
            " AND type_name IN ('user', 'bot') ORDER BY id DESC LIMIT :n"
        ),
        {"s": sender_id, "n": MAX_EVENTS},
    ).all()
    entries = []
    for row in reversed(rows):
        try:
            data = json.loads(row.data or "{}")
        except ValueError:
            continue
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            continue
        at = datetime.fromtimestamp(float(data.get("timestamp") or row.timestamp), tz=timezone.utc)
        entries.append(Entry(at=at, kind=_EVENT_KINDS[row.type_name], text=text))
    return entries


def _staff_messages(connection: Connection, key: str) -> list[Entry]:
    rows = connection.execute(
        sa.select(ticket_messages, staff_users.c.username)
        .select_from(
            ticket_messages.outerjoin(staff_users, staff_users.c.id == ticket_messages.c.staff_user_id)
        )
        .where(ticket_messages.c.conversation_key == key)
        .order_by(ticket_messages.c.id)
    ).all()
    return [
        Entry(
            at=row.created_at,
            kind=REPLY if row.kind == "reply" else NOTE,
            text=row.body,
            staff=row.username,
            delivery=row.delivery,
        )
        for row in rows
    ]


def transcript(database_url: str, ticket: HasConversation) -> list[Entry]:
    """Everything said in the ticket's conversation (on any of its tickets), oldest first."""
    with get_engine(database_url).connect() as connection:
        entries = _events(connection, ticket.sender_id) + _staff_messages(connection, ticket.conversation_key)
    # sorted() is stable: at the same instant, the tracker's order stays and staff lines follow it.
    return sorted(entries, key=lambda entry: entry.at)
