"""Tickets: a conversation handed to the helpline, from the request to the hand back.

At most one ticket per conversation is not closed: asking again, or danger, reuses it. Every
write records a console change in the same transaction (bot/handoff/changes.py), and the writes
that several agents may race for (claim, hand back) are a single conditional UPDATE whose row
count decides, so they stay atomic on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import ticket_messages, tickets
from bot.handoff.changes import record_change

REASONS = ("asked", "misunderstood", "urgent")
OUTCOMES = ("resolved", "referred", "no_answer")
RESUMES = ("pending", "menu")
DELIVERIES = ("sending", "sent", "template", "refused", "failed")


class DuplicateSubmission(RuntimeError):
    """The same reply form was submitted twice (a double click): it was recorded the first time."""


@dataclass(frozen=True)
class Ticket:
    id: int
    conversation_key: str
    sender_id: str
    channel: str
    language: str
    reason: str
    facts: dict[str, Any]
    summary: str
    status: str  # open | claimed | closed
    created_at: datetime
    urgent: bool
    country: str | None
    results: list[dict[str, Any]]
    bot_paused: bool
    claimed_by: int | None
    claimed_at: datetime | None
    last_message_at: datetime | None
    unclaimed_notice_at: datetime | None
    closed_at: datetime | None
    outcome: str | None
    resume: str | None
    updated_at: datetime | None


def summary(facts: dict[str, Any]) -> str:
    """A compact line of the answers so far, free of words in any language ("nationality=VE;
    fear_of_return=?"): the console says the facts in the agent's language itself."""
    return "; ".join(f"{fact}={_value(value)}" for fact, value in facts.items())


def _value(value: Any) -> str:
    if value is None:
        return "?"  # asked; the person does not know
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _ticket(row: Any) -> Ticket:
    values = dict(row._mapping)
    values["facts"] = json.loads(values["facts"] or "{}")
    values["results"] = json.loads(values["results"] or "[]")
    values["urgent"], values["bot_paused"] = bool(values["urgent"]), bool(values["bot_paused"])
    return Ticket(**values)


def _active(connection: Connection, key: str) -> Any:
    query = (
        sa.select(tickets.c.id, tickets.c.urgent, tickets.c.bot_paused)
        .where(tickets.c.conversation_key == key, tickets.c.status != "closed")
        .order_by(tickets.c.id.desc())
        .limit(1)
    )
    return connection.execute(query).first()


def open_ticket(
    database_url: str,
    sender_id: str,
    channel: str,
    language: str,
    reason: str,
    facts: dict[str, Any],
    results: Iterable[dict[str, Any]] = (),
    country: str | None = None,
    now: datetime | None = None,
) -> int:
    """The conversation's ticket: its open one, refreshed and paused again (danger makes it urgent),
    or a new one. Returns its id."""
    if reason not in REASONS:
        raise ValueError(f"unknown ticket reason {reason!r}")
    now = now or datetime.now(timezone.utc)
    key = conversation_key(sender_id)
    urgent = reason == "urgent"
    context = {
        "language": language,
        "facts": json.dumps(facts, ensure_ascii=False),
        "summary": summary(facts),
        "results": json.dumps(list(results), ensure_ascii=False),
        "country": country
        or (facts.get("current_country") if isinstance(facts.get("current_country"), str) else None),
        "bot_paused": True,
        "updated_at": now,
    }
    with get_engine(database_url).begin() as connection:
        existing = _active(connection, key)
        if existing is not None:
            escalates = urgent and not existing.urgent
            connection.execute(
                tickets.update()
                .where(tickets.c.id == existing.id)
                .values(**context, urgent=bool(existing.urgent) or urgent)
            )
            # asked again after going on with the assistant: it waits again, like a new one
            kind = "escalated" if escalates else ("message" if existing.bot_paused else "opened")
            record_change(connection, existing.id, kind, now)
            return int(existing.id)
        result = connection.execute(
            tickets.insert().values(
                **context,
                conversation_key=key,
                sender_id=sender_id,
                channel=channel[:32],
                reason=reason,
                status="open",
                urgent=urgent,
                created_at=now,
            )
        )
        ticket_id = int(result.inserted_primary_key[0])
        record_change(connection, ticket_id, "opened", now)
        return ticket_id


def get_ticket(database_url: str, ticket_id: int) -> Ticket | None:
    with get_engine(database_url).connect() as connection:
        row = connection.execute(sa.select(tickets).where(tickets.c.id == ticket_id)).first()
    return _ticket(row) if row is not None else None


def conversation_ticket(database_url: str, sender_id: str) -> Ticket | None:
    """The conversation's latest ticket, whatever its status (None once erased or purged)."""
    query = (
        sa.select(tickets)
        .where(tickets.c.conversation_key == conversation_key(sender_id))
        .order_by(tickets.c.id.desc())
        .limit(1)
    )
    with get_engine(database_url).connect() as connection:
        row = connection.execute(query).first()
    return _ticket(row) if row is not None else None


def _change_if(
    database_url: str, ticket_id: int, condition: Any, values: dict[str, Any], kind: str, now: datetime
) -> bool:
    """One conditional UPDATE; the change is recorded only when it took the row."""
    with get_engine(database_url).begin() as connection:
        taken = connection.execute(
            tickets.update().where(tickets.c.id == ticket_id, condition).values(**values, updated_at=now)
        ).rowcount
        if taken != 1:
            return False
        record_change(connection, ticket_id, kind, now)
        return True


def claim(database_url: str, ticket_id: int, staff_user_id: int, now: datetime | None = None) -> bool:
    """Take an open ticket; of two agents claiming at once exactly one gets True. Pauses the bot
    again if the person had gone on with the assistant meanwhile."""
    now = now or datetime.now(timezone.utc)
    values = {"status": "claimed", "claimed_by": staff_user_id, "claimed_at": now, "bot_paused": True}
    return _change_if(database_url, ticket_id, tickets.c.status == "open", values, "claimed", now)


def unclaim(database_url: str, ticket_id: int, staff_user_id: int, now: datetime | None = None) -> bool:
    """Put a claimed ticket back in the queue; only its holder can."""
    now = now or datetime.now(timezone.utc)
    condition = sa.and_(tickets.c.status == "claimed", tickets.c.claimed_by == staff_user_id)
    values = {"status": "open", "claimed_by": None, "claimed_at": None}
    return _change_if(database_url, ticket_id, condition, values, "unclaimed", now)


def hand_back(
    database_url: str,
    ticket_id: int,
    outcome: str,
    resume: str,
    now: datetime | None = None,
) -> bool:
    """Close the ticket with its outcome; the bot takes the next message from the pending question
    (`resume="pending"`) or from the menu. False when it was already closed. (Who closed it is the
    audit log's business: bot/console/audit.py.)"""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; one of {', '.join(OUTCOMES)}")
    if resume not in RESUMES:
        raise ValueError(f"unknown resume {resume!r}; one of {', '.join(RESUMES)}")
    now = now or datetime.now(timezone.utc)
    values = {"status": "closed", "outcome": outcome, "resume": resume, "bot_paused": False, "closed_at": now}
    return _change_if(database_url, ticket_id, tickets.c.status != "closed", values, "closed", now)


def release(database_url: str, ticket_id: int, now: datetime | None = None) -> bool:
    """The person wrote "menu" while nobody had claimed the ticket: the bot talks again, the
    ticket stays in the queue. False once an agent has it."""
    now = now or datetime.now(timezone.utc)
    condition = sa.and_(tickets.c.status == "open", tickets.c.bot_paused.is_(True))
    return _change_if(database_url, ticket_id, condition, {"bot_paused": False}, "released", now)


def record_message(database_url: str, ticket_id: int, now: datetime | None = None) -> bool:
    """The person wrote while paused: when, for the queue's order and the live console (the text
    itself stays in the conversation's history)."""
    now = now or datetime.now(timezone.utc)
    return _change_if(
        database_url, ticket_id, tickets.c.status != "closed", {"last_message_at": now}, "message", now
    )


def _add_message(
    database_url: str,
    ticket_id: int,
    kind: str,
    staff_user_id: int,
    body: str,
    delivery: str | None,
    now: datetime,
    submission: str | None = None,
) -> int:
    try:
        return _insert_message(database_url, ticket_id, kind, staff_user_id, body, delivery, now, submission)
    except sa.exc.IntegrityError:
        if submission is None:
            raise
        raise DuplicateSubmission(f"ticket {ticket_id} already has submission {submission!r}") from None


def _insert_message(
    database_url: str,
    ticket_id: int,
    kind: str,
    staff_user_id: int,
    body: str,
    delivery: str | None,
    now: datetime,
    submission: str | None,
) -> int:
    with get_engine(database_url).begin() as connection:
        key = connection.execute(
            sa.select(tickets.c.conversation_key).where(tickets.c.id == ticket_id)
        ).scalar()
        if key is None:
            raise LookupError(f"no ticket {ticket_id}")
        result = connection.execute(
            ticket_messages.insert().values(
                ticket_id=ticket_id,
                conversation_key=key,
                kind=kind,
                staff_user_id=staff_user_id,
                body=body,
                delivery=delivery,
                created_at=now,
                submission=submission,
            )
        )
        connection.execute(tickets.update().where(tickets.c.id == ticket_id).values(updated_at=now))
        record_change(connection, ticket_id, kind, now)
        return int(result.inserted_primary_key[0])


def add_note(
    database_url: str, ticket_id: int, staff_user_id: int, body: str, now: datetime | None = None
) -> int:
    """A private note for the team; the person never sees it. Raises LookupError for no ticket."""
    return _add_message(
        database_url, ticket_id, "note", staff_user_id, body, None, now or datetime.now(timezone.utc)
    )


def record_reply(
    database_url: str,
    ticket_id: int,
    staff_user_id: int,
    body: str,
    delivery: str,
    now: datetime | None = None,
    submission: str | None = None,
) -> int:
    """A reply to the person, with how their channel took it ("sending" until it is known: record
    first, then send, so that a second submission of the same form (`submission`, its one-time
    token) raises DuplicateSubmission instead of reaching the person twice)."""
    if delivery not in DELIVERIES:
        raise ValueError(f"unknown delivery {delivery!r}; one of {', '.join(DELIVERIES)}")
    now = now or datetime.now(timezone.utc)
    return _add_message(database_url, ticket_id, "reply", staff_user_id, body, delivery, now, submission)


def set_delivery(database_url: str, message_id: int, delivery: str, now: datetime | None = None) -> bool:
    """How the channel took a recorded reply; the console shows it live."""
    if delivery not in DELIVERIES:
        raise ValueError(f"unknown delivery {delivery!r}; one of {', '.join(DELIVERIES)}")
    with get_engine(database_url).begin() as connection:
        ticket_id = connection.execute(
            sa.select(ticket_messages.c.ticket_id).where(ticket_messages.c.id == message_id)
        ).scalar()
        if ticket_id is None:
            return False
        connection.execute(
            ticket_messages.update().where(ticket_messages.c.id == message_id).values(delivery=delivery)
        )
        record_change(connection, ticket_id, "reply", now)
        return True
