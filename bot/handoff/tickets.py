"""Opening a ticket when someone asks for a person or the bot could not understand them."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import tickets


def summary(facts: dict[str, Any]) -> str:
    """One line a helpline agent can read at a glance: the answers so far."""
    if not facts:
        return "no answers yet"
    return "; ".join(
        f"{fact}: {'does not know' if value is None else value}" for fact, value in facts.items()
    )


def open_ticket(
    database_url: str, sender_id: str, channel: str, language: str, reason: str, facts: dict[str, Any]
) -> int:
    with get_engine(database_url).begin() as connection:
        result = connection.execute(
            tickets.insert().values(
                conversation_key=conversation_key(sender_id),
                sender_id=sender_id,
                channel=channel[:32],
                language=language,
                reason=reason,
                facts=json.dumps(facts, ensure_ascii=False),
                summary=summary(facts),
                status="open",
                created_at=datetime.now(timezone.utc),
            )
        )
        return int(result.inserted_primary_key[0])
