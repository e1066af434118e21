"""The helpline queue: the tickets waiting for a person or being answered, urgent first, then oldest.

Read straight from the database on every request, so several web instances show the same queue.
The channel a ticket came through is read from its sender id ("sms:+57…", "whatsapp:+57…",
"whatsapp_cloud:+57…", "telegram:123"; anything else is the web chat or the REST channel), which
says what staff care about: how the person will receive a reply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import staff_users, tickets

SMS, WHATSAPP, TELEGRAM, WEB = "sms", "whatsapp", "telegram", "web"
CHANNELS = (WHATSAPP, SMS, TELEGRAM, WEB)
# Sender id prefixes of each phone channel (bot/channels/: twilio.py, whatsapp_cloud.py, telegram.py).
PREFIXES = {SMS: ("sms:",), WHATSAPP: ("whatsapp:", "whatsapp_cloud:"), TELEGRAM: ("telegram:",)}
WAITING = ("open", "claimed")
MAX_ROWS = 500  # a queue longer than this is a crisis the list cannot fix; the count says so


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, with what staff need to pick the next person."""

    id: int
    urgent: bool
    created_at: datetime
    last_message_at: datetime | None
    language: str
    channel: str  # sms | whatsapp | telegram | web
    country: str | None
    reason: str  # asked | misunderstood | urgent
    status: str  # open | claimed
    claimed_by: int | None
    claimed_by_name: str | None
    facts: dict[str, Any] = field(default_factory=dict)  # the answers so far, for the one-line summary
    results: list[dict[str, Any]] = field(default_factory=list)


def channel_of(sender_id: str) -> str:
    """The channel a reply to `sender_id` goes through (one of CHANNELS)."""
    for channel, prefixes in PREFIXES.items():
        if sender_id.startswith(prefixes):
            return channel
    return WEB


def _channel_condition(channel: str) -> sa.ColumnElement[bool]:
    def starts(prefix: str) -> sa.ColumnElement[bool]:
        # LIKE would read the "_" of "whatsapp_cloud:" as a wildcard; compare the prefix itself.
        return sa.func.substr(tickets.c.sender_id, 1, len(prefix)) == prefix

    if channel == WEB:
        return sa.not_(sa.or_(*(starts(p) for prefixes in PREFIXES.values() for p in prefixes)))
    return sa.or_(*(starts(p) for p in PREFIXES[channel]))


def list_queue(
    database_url: str, language: str | None = None, channel: str | None = None, country: str | None = None
) -> list[QueueRow]:
    """Open and claimed tickets, urgent first then oldest, optionally only one language, channel or
    country (unknown filter values match nothing rather than everything)."""
    query = (
        sa.select(tickets, staff_users.c.username)
        .select_from(tickets.outerjoin(staff_users, staff_users.c.id == tickets.c.claimed_by))
        .where(tickets.c.status.in_(WAITING))
        .order_by(tickets.c.urgent.desc(), tickets.c.created_at, tickets.c.id)
        .limit(MAX_ROWS)
    )
    if language:
        query = query.where(tickets.c.language == language)
    if country:
        query = query.where(tickets.c.country == country.upper())
    if channel:
        if channel not in CHANNELS:
            return []
        query = query.where(_channel_condition(channel))
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(query).all()
    return [
        QueueRow(
            id=row.id,
            urgent=bool(row.urgent),
            created_at=row.created_at,
            last_message_at=row.last_message_at,
            language=row.language,
            channel=channel_of(row.sender_id),
            country=row.country,
            reason=row.reason,
            status=row.status,
            claimed_by=row.claimed_by,
            claimed_by_name=row.username,
            facts=_json(row.facts, dict),
            results=_json(row.results, list),
        )
        for row in rows
    ]


def _json(text: str | None, kind: type) -> Any:
    """A JSON column's value, or an empty one of `kind` when it is missing or malformed."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return kind()
    return value if isinstance(value, kind) else kind()


@dataclass(frozen=True)
class FilterChoices:
    """The values the queue's filters offer: those present among the waiting tickets."""

    languages: tuple[str, ...]
    channels: tuple[str, ...]
    countries: tuple[str, ...]


def filter_choices(database_url: str) -> FilterChoices:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(tickets.c.language, tickets.c.country, tickets.c.sender_id)
            .where(tickets.c.status.in_(WAITING))
            .limit(MAX_ROWS)
        ).all()
    present = {channel_of(row.sender_id) for row in rows}
    return FilterChoices(
        languages=tuple(sorted({row.language for row in rows})),
        channels=tuple(c for c in CHANNELS if c in present),
        countries=tuple(sorted({row.country for row in rows if row.country})),
    )


def staff_name(database_url: str, staff_id: int | None) -> str | None:
    """Who holds a ticket, by name (None for nobody, or a user since removed)."""
    if staff_id is None:
        return None
    with get_engine(database_url).connect() as connection:
        return connection.execute(
            sa.select(staff_users.c.username).where(staff_users.c.id == staff_id)
        ).scalar_one_or_none()
