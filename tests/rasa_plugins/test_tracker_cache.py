"""A tracker kept between turns is used only while the database holds what it held when the
tracker was saved: another Rasa instance's turn, a deletion or a failed turn sends the next turn
back to the stored events (bot/rasa_plugins/tracker_cache.py). On SQLite, and on PostgreSQL when
DATABASE_URL points at one (as in CI)."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation.state import ERASE_SLOT
from bot.db.migrate import upgrade
from bot.rasa_plugins.tracker_cache import Stamp, TrackerCache
from bot.rasa_plugins.tracker_store import ErasableSQLTrackerStore
from bot.settings import PROJECT_ROOT

SENDER = "cache-test"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(PROJECT_ROOT / "domain")


def _store(url: str, domain: Domain) -> ErasableSQLTrackerStore:
    parts = sa.engine.make_url(url)
    if parts.get_backend_name() == "sqlite":
        return ErasableSQLTrackerStore(domain, dialect="sqlite", db=parts.database)
    return ErasableSQLTrackerStore(
        domain,
        dialect="postgresql",
        host=parts.host,
        port=parts.port,
        db=parts.database,
        username=parts.username,
        password=parts.password,
    )


def _first_turn(domain: Domain) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hola", {"name": "greet", "confidence": 0.9}),
        ActionExecuted("action_handle_turn"),
        BotUttered("¿En qué idioma?"),
        SlotSet("language", "es"),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events(SENDER, events, domain.slots)


async def _turn(store: ErasableSQLTrackerStore, text: str, save: bool = True) -> DialogueStateTracker:
    tracker = await store.retrieve(SENDER)
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_handle_turn"))
    tracker.update(BotUttered(f"ok {text}"))
    tracker.update(ActionExecuted("action_listen"))
    if save:
        await store.save(tracker)
    return tracker


def _texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def _counting_rebuilds():
    """Counts the trackers rebuilt from stored events (not taken from a cache)."""
    rebuilt = []
    from_dict = DialogueStateTracker.from_dict

    def counting(*args, **kwargs):
        rebuilt.append(args[0])
        return from_dict(*args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(DialogueStateTracker, "from_dict", staticmethod(counting))
    return rebuilt, patch


async def _kept_and_fresh(store, other, domain: Domain) -> tuple[DialogueStateTracker, ...]:
    await store.save(_first_turn(domain))  # a new session: not kept
    await _turn(store, "Venezuela")  # read from the database once, then kept
    saved = await _turn(store, "Brasil")
    kept = await store.retrieve(SENDER)
    assert kept is saved
    return kept, await other.retrieve(SENDER)


def test_the_next_turn_uses_the_saved_tracker_and_it_matches_the_stored_one(empty_databases, domain) -> None:
    for url in empty_databases:
        store, other = _store(url, domain), _store(url, domain)
        rebuilt, patch = _counting_rebuilds()
        try:
            kept, fresh = asyncio.run(_kept_and_fresh(store, other, domain))
        finally:
            patch.undo()
            other.engine.dispose()
        assert rebuilt == [SENDER, SENDER]  # the turn after the new session, and the other store
        assert _texts(kept) == _texts(fresh) == ["hola", "Venezuela", "Brasil"]
        assert [e.as_dict() for e in kept.events] == [e.as_dict() for e in fresh.events]
        assert kept.current_slot_values() == fresh.current_slot_values()
        store.engine.dispose()


async def _across_two_instances(one, two, domain: Domain) -> list[str]:
    await one.save(_first_turn(domain))
    await _turn(one, "Venezuela")
    await _turn(one, "Brasil")  # kept by instance one
    await _turn(two, "Perú")  # the same person's next message reaches instance two
    return _texts(await _turn(one, "Chile"))


def test_another_instances_turn_in_between_is_not_missed(empty_databases, domain) -> None:
    for url in empty_databases:
        one, two = _store(url, domain), _store(url, domain)
        texts = asyncio.run(_across_two_instances(one, two, domain))
        assert texts == ["hola", "Venezuela", "Brasil", "Perú", "Chile"]
        with one.engine.connect() as connection:
            stored = connection.execute(sa.text("SELECT count(*) FROM events WHERE type_name = 'user'"))
            assert stored.scalar() == 5  # every message once
        one.engine.dispose()
        two.engine.dispose()


async def _deleted_meanwhile(store, domain: Domain) -> DialogueStateTracker | None:
    await store.save(_first_turn(domain))
    await _turn(store, "Venezuela")
    await _turn(store, "Brasil")
    with store.engine.begin() as connection:  # an erasure from the console, or the purge
        connection.execute(sa.text("DELETE FROM events WHERE sender_id = :s"), {"s": SENDER})
    return await store.retrieve(SENDER)


def test_events_deleted_meanwhile_are_not_brought_back(empty_databases, domain) -> None:
    for url in empty_databases:
        store = _store(url, domain)
        assert asyncio.run(_deleted_meanwhile(store, domain)) is None
        store.engine.dispose()


def test_a_turn_that_failed_before_saving_leaves_nothing_behind(tmp_path, domain) -> None:
    store = _store(f"sqlite:///{tmp_path / 'trackers.db'}", domain)

    async def conversation() -> list[str]:
        await store.save(_first_turn(domain))
        await _turn(store, "Venezuela")
        await _turn(store, "Brasil")
        await _turn(store, "half-applied", save=False)  # the action server failed mid-turn
        return _texts(await _turn(store, "Chile"))

    assert asyncio.run(conversation()) == ["hola", "Venezuela", "Brasil", "Chile"]


def test_an_erased_conversation_is_not_kept(tmp_path, domain, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'trackers.db'}"
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", url)
    upgrade(url)
    store = _store(url, domain)

    async def conversation() -> DialogueStateTracker | None:
        await store.save(_first_turn(domain))
        await _turn(store, "Venezuela")
        tracker = await _turn(store, "Brasil", save=False)
        tracker.update(SlotSet(ERASE_SLOT, True))
        await store.save(tracker)
        return await store.retrieve(SENDER)

    assert asyncio.run(conversation()) is None
    assert len(store.cache) == 0


def test_the_cache_holds_at_most_its_size_and_hands_a_tracker_out_once(domain) -> None:
    cache = TrackerCache(2)
    trackers = {name: DialogueStateTracker(name, domain.slots) for name in "abc"}
    for name, tracker in trackers.items():
        cache.keep(name, Stamp(1, 1), tracker)
    assert len(cache) == 2 and cache.take("a") is None  # the least recently saved left
    assert cache.take("c") == (Stamp(1, 1), trackers["c"])
    assert cache.take("c") is None
    TrackerCache(0).keep("a", Stamp(1, 1), trackers["a"])  # size 0: nothing kept, no error
    assert len(TrackerCache(0)) == 0


def test_a_tracker_saved_too_long_ago_is_not_kept(domain, monkeypatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr("bot.rasa_plugins.tracker_cache.time.monotonic", lambda: clock[0])
    cache = TrackerCache(10, max_age_s=60)
    cache.keep("a", Stamp(1, 1), DialogueStateTracker("a", domain.slots))
    cache.keep("b", Stamp(1, 2), DialogueStateTracker("b", domain.slots))
    clock[0] += 61
    assert cache.take("a") is None  # too old to be handed out
    cache.keep("c", Stamp(1, 3), DialogueStateTracker("c", domain.slots))
    assert len(cache) == 1 and cache.take("c") is not None  # and "b" left at the next save


async def _ours_and_rasas(store, domain: Domain) -> tuple[DialogueStateTracker, DialogueStateTracker]:
    from rasa.core.tracker_store import SQLTrackerStore

    await store.save(_first_turn(domain))
    await _turn(store, "Venezuela")
    tracker = await store.retrieve(SENDER)
    tracker.update(ActionExecuted("action_session_start"))  # the session expired: a new one
    tracker.update(SessionStarted())
    tracker.update(SlotSet("language", "es"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    await _turn(store, "Brasil")
    store.cache.take(SENDER)
    return await store.retrieve(SENDER), await SQLTrackerStore._retrieve(store, SENDER, False)


def test_the_latest_session_is_read_as_rasa_reads_it(empty_databases, domain) -> None:
    for url in empty_databases:
        store = _store(url, domain)
        ours, rasas = asyncio.run(_ours_and_rasas(store, domain))
        assert _texts(ours) == ["Brasil"]
        assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasas.events]
        store.engine.dispose()


async def _new_conversation(store, other, first: DialogueStateTracker) -> DialogueStateTracker:
    tracker = await store.get_or_create_tracker(SENDER, append_action_listen=False)
    for event in first.events:
        tracker.update(event)
    await store.save(tracker)
    await _turn(store, "Venezuela")
    return await other.retrieve(SENDER)


def test_a_new_conversation_is_stored_once_from_its_first_event(tmp_path, domain) -> None:
    url = f"sqlite:///{tmp_path / 'trackers.db'}"
    store, other = _store(url, domain), _store(url, domain)
    first_turn = _first_turn(domain)
    stored = asyncio.run(_new_conversation(store, other, first_turn))
    assert _texts(stored) == ["hola", "Venezuela"]
    first = [e.as_dict() for e in first_turn.events][1:]  # from its session_started on
    assert [e.as_dict() for e in stored.events][: len(first)] == first
