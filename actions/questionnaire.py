"""action_handle_turn: hands each message to bot.conversation and returns its replies and slots."""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from bot.consent import record_consent
from bot.conversation import State, take_turn
from bot.kb import KnowledgeBase
from bot.kb.store import KnowledgeBaseStore, store_for
from bot.settings import get_settings

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _store() -> KnowledgeBaseStore:
    return store_for(get_settings())


def knowledge_base() -> KnowledgeBase:
    """The current KB; edits to pathways_kb/ are picked up without restart (bot/kb/store.py)."""
    return _store().get()


# Load at start-up: an invalid knowledge base stops the action server with the list of errors
# instead of failing the first conversation.
_store()


def _state(tracker: Tracker) -> State:
    return State(
        language=tracker.get_slot("language"),
        facts=dict(tracker.get_slot("facts") or {}),
        pending=tracker.get_slot("pending_question"),
        consent_shown=bool(tracker.get_slot("consent_shown")),
    )


def _button_answer(tracker: Tracker) -> str | None:
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "answer" and isinstance(entity.get("value"), str):
            return entity["value"]
    return None


class ActionHandleTurn(Action):
    def name(self) -> str:
        return "action_handle_turn"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        settings = get_settings()
        text = tracker.latest_message.get("text") or ""
        turn = take_turn(knowledge_base(), _state(tracker), text, _button_answer(tracker), date.today())
        state = turn.state
        language = state.language or settings.default_language
        for reply in turn.replies:
            dispatcher.utter_message(response=reply.response, language=language, **reply.args)
        if turn.consent_now:
            channel = tracker.get_latest_input_channel() or "unknown"
            record_consent(settings.database_url, tracker.sender_id, channel, language)
        logger.info(
            "turn: pending=%s facts=%d replies=%d",
            state.pending,
            len(state.facts),
            len(turn.replies),
        )
        return [
            SlotSet("language", state.language),
            SlotSet("facts", state.facts),
            SlotSet("pending_question", state.pending),
            SlotSet("consent_shown", state.consent_shown),
        ]
