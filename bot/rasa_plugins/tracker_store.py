"""Rasa's SQL tracker store, with erasure, honest failures and no values in its error messages.

- A turn that confirmed "delete my data" is not saved: the whole conversation is erased instead
  (bot/privacy.py), in one transaction. If that fails, the error reaches the channel, which tells
  the person it did not happen; the conversation is still waiting for the confirmation.
- The engine hides SQL parameters, so an error logged by anyone never carries a message or id.
- The language of each saved turn is remembered, to apologise in it when a later turn fails.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.inbound import forget, remember_language
from bot.db.engine import apply_sqlite_pragmas
from bot.privacy import erase_conversation
from bot.settings import get_settings

ERASE_SLOT = "erase_requested"


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, hide_parameters=True, **create_engine_kwargs(url))
        if url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", apply_sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(ERASE_SLOT):
            erase_conversation(get_settings().database_url, tracker.sender_id)
            forget(tracker.sender_id)
            return
        await super().save(tracker)
        remember_language(tracker.sender_id, tracker.get_slot("language"))
