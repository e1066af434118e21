"""Rasa's SQL tracker store, plus erasure: once a turn that asked to delete the person's data is
saved, the whole conversation is deleted (see bot/privacy.py)."""

from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import erase_conversation
from bot.settings import get_settings

ERASE_SLOT = "erase_requested"


class ErasableSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if tracker.get_slot(ERASE_SLOT):
            erase_conversation(get_settings().database_url, tracker.sender_id)
