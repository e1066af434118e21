"""A Rasa lock store that is Redis when REDIS_URL is set and in-memory otherwise.

Rasa's own Redis lock store takes host/port/db fields rather than a URL, and endpoints.yml cannot
switch types on whether a variable is set; this class does both from one setting.

Rasa changes a conversation's ticket lock by reading it, changing it and writing it back, with
nothing to stop two Rasa instances doing so at the same moment: both can draw the same ticket and
answer one person's two messages at once. With Redis, every such change here holds a short Redis
mutex for the conversation (SET NX with an expiry, redis-py's Lock), so tickets stay unique across
instances. One process needs nothing more: its changes never wait between read and write.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any
from urllib.parse import unquote, urlsplit

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore

from bot.settings import get_settings

logger = logging.getLogger(__name__)
MUTEX_EXPIRY_S = 10  # a crashed holder frees it by itself
MUTEX_WAIT_S = 10  # then the turn fails and the person is told to repeat (never two at once)


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

    def _mutex(self, conversation_id: str) -> Any:
        if not isinstance(self.backend, RedisLockStore):
            return contextlib.nullcontext()
        name = f"{self.backend.key_prefix}{conversation_id}:tickets"
        return self.backend.red.lock(name, timeout=MUTEX_EXPIRY_S, blocking_timeout=MUTEX_WAIT_S)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
