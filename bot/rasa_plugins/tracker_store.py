"""Rasa's SQL tracker store, with erasure, honest failures and no values in its error messages.

- A turn that confirmed "delete my data" is not saved: the whole conversation is erased instead
  (bot/privacy.py), in one transaction. If that fails, the error reaches the channel, which tells
  the person it did not happen; the conversation is still waiting for the confirmation.
- The engine hides SQL parameters, so an error logged by anyone never carries a message or id.
- The language of each saved turn is remembered, to apologise in it when a later turn fails.
- Cheaper per turn (issue 11): SQLite connections are pooled, and a save appends the events the
  turn added after those it read (Rasa counts the stored rows again with a query instead; under
  the conversation's lock nobody else writes in between).
"""

from __future__ import annotations

import itertools
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.inbound import forget, remember_language
from bot.conversation.state import ERASE_SLOT
from bot.db.engine import apply_sqlite_pragmas, sqlite_engine_kwargs
from bot.privacy import erase_conversation
from bot.settings import get_settings

_LOADED = "_pathways_events_loaded"  # set on a tracker read from the store: how many events it had


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        sqlite = url.get_backend_name() == "sqlite"
        kwargs = sqlite_engine_kwargs() if sqlite else create_engine_kwargs(url)
        self.engine = sa.create_engine(url, hide_parameters=True, **kwargs)
        if sqlite:
            sa.event.listen(self.engine, "connect", apply_sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None and not fetch_events_from_all_sessions:
            setattr(tracker, _LOADED, len(tracker.events))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        loaded = getattr(tracker, _LOADED, None)
        if loaded is None:  # a new conversation, or a tracker built elsewhere: count the rows
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, loaded, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(ERASE_SLOT):
            erase_conversation(get_settings().database_url, tracker.sender_id)
            forget(tracker.sender_id)
            return
        await super().save(tracker)
        setattr(tracker, _LOADED, len(tracker.events))  # saved: a later save appends after these
        remember_language(tracker.sender_id, tracker.get_slot("language"))
