"""Recording that a person was shown the consent notice (design.md section 9)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from bot.db.engine import get_engine
from bot.db.tables import consents

NOTICE_VERSION = "2026-11-24"


def conversation_key(sender_id: str) -> str:
    """A stable key for a conversation that does not reveal the sender id (often a phone number)."""
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest()


def record_consent(database_url: str, sender_id: str, channel: str, language: str) -> None:
    with get_engine(database_url).begin() as connection:
        connection.execute(
            consents.insert().values(
                conversation_key=conversation_key(sender_id),
                channel=channel[:32],
                language=language,
                notice_version=NOTICE_VERSION,
                given_at=datetime.now(timezone.utc),
            )
        )
