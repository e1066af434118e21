"""The lock store is Redis when REDIS_URL is set, in memory otherwise; both hand out locks."""

import os
import uuid

import pytest
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore

from bot.rasa_plugins.lock_store import ConfiguredLockStore, redis_kwargs


def test_redis_url_is_parsed() -> None:
    assert redis_kwargs("rediss://:s%40cret@cache.internal:6380/3") == {
        "host": "cache.internal",
        "port": 6380,
        "db": 3,
        "username": None,
        "password": "s@cret",
        "use_ssl": True,
    }
    assert redis_kwargs("redis://127.0.0.1")["db"] == 1  # Rasa's default lock database


def test_in_memory_without_redis(monkeypatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    store = ConfiguredLockStore()
    assert isinstance(store.backend, InMemoryLockStore)
    ticket = store.issue_ticket("conversation-a")
    assert store.get_lock("conversation-a").last_issued == ticket
    store.delete_lock("conversation-a")
    assert store.get_lock("conversation-a") is None


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set (CI sets it)")
def test_real_redis_lock_round_trip() -> None:
    store = ConfiguredLockStore()
    assert isinstance(store.backend, RedisLockStore)
    conversation = f"test-{uuid.uuid4()}"
    ticket = store.issue_ticket(conversation)
    assert store.get_lock(conversation).last_issued == ticket
    store.delete_lock(conversation)
    assert store.get_lock(conversation) is None
