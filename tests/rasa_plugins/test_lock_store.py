"""The lock store is Redis when REDIS_URL is set, in memory otherwise; both hand out locks."""

import os
import threading
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


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set (CI sets it)")
def test_two_instances_drawing_tickets_at_once_never_share_one() -> None:
    """Two lock stores (two Rasa instances) on one Redis, each drawing tickets for the same
    conversation as fast as it can: every ticket is drawn once."""
    conversation = f"test-{uuid.uuid4()}"
    stores = [ConfiguredLockStore(), ConfiguredLockStore()]
    drawn: list[list[int]] = [[], []]
    start = threading.Barrier(2)

    def draw(number: int) -> None:
        start.wait(timeout=10)
        for _ in range(100):
            drawn[number].append(stores[number].issue_ticket(conversation))

    threads = [threading.Thread(target=draw, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    tickets = drawn[0] + drawn[1]
    assert len(tickets) == 200 and len(set(tickets)) == 200
    assert stores[0].get_lock(conversation).last_issued == 199
    stores[0].delete_lock(conversation)
