"""Recording that a person was shown the consent notice (design.md section 9)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone
from functools import cache

from bot.db.engine import get_engine
from bot.db.tables import consents
from bot.secrets import secret
from bot.settings import get_settings

NOTICE_VERSION = "2026-11-24"


@cache
def pseudonym_key() -> bytes:
    """The HMAC key of conversation keys (PSEUDONYM_KEY, else generated into var/secrets/), read once
    per process. Tests that change it call `pseudonym_key.cache_clear()`."""
    return secret(get_settings(), "pseudonym_key").encode("utf-8")


def conversation_key(sender_id: str) -> str:
    """A stable key for a conversation that does not reveal the sender id (often a phone number):
    HMAC-SHA256 with a secret key, so nobody without the key can test guessed numbers against it."""
    return hmac.new(pseudonym_key(), sender_id.encode("utf-8"), hashlib.sha256).hexdigest()


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
