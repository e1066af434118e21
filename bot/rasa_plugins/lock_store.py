"""A Rasa lock store that is Redis when REDIS_URL is set and in-memory otherwise.

Rasa's own Redis lock store takes host/port/db fields rather than a URL, and endpoints.yml cannot
switch types on whether a variable is set; this class does both from one setting.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote, urlsplit

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

from bot.settings import get_settings

logger = logging.getLogger(__name__)


def redis_kwargs(url: str) -> dict[str, Any]:
    """RedisLockStore arguments from a redis:// or rediss:// URL."""
    parts = urlsplit(url)
    db = parts.path.lstrip("/")
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int(db) if db else 1,
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


class ConfiguredLockStore(LockStore):
    """Delegates to RedisLockStore or InMemoryLockStore, chosen by REDIS_URL."""

    def __init__(self, endpoint_config: Any = None) -> None:
        redis_url = get_settings().redis_url
        if redis_url:
            kwargs = redis_kwargs(redis_url)
            self.backend: LockStore = RedisLockStore(**kwargs)
            logger.info("Lock store: Redis at %s:%s db %s", kwargs["host"], kwargs["port"], kwargs["db"])
        else:
            self.backend = InMemoryLockStore()
            logger.info("Lock store: in memory (single Rasa process)")

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return self.backend.get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self.backend.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self.backend.save_lock(lock)
