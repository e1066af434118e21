"""action_handle_turn: hands each message to bot.conversation, returns its replies, rendered here in
the person's language, and the slots that changed, and carries out its effects (consent record,
ticket, erasure). While a ticket holds the conversation it tells the core what became of it
(bot/handoff/pause.py); a paused turn sends only `custom.handoff`, which no channel turns into text.

Replies are rendered in this process (bot/nlg/responses.py) rather than by one NLG call per message
from Rasa, and only changed slots are returned, so each turn stores fewer events: both measured in
bench/results (issue 11).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from bot.appointments.calendar import calendar_link
from bot.appointments.desk import BookingDesk
from bot.consent import record_consent
from bot.conversation import Effect, Message, State, replies, take_turn
from bot.conversation.state import ERASE_SLOT, state_from_slots, state_to_slots
from bot.handoff.pause import handoff_of
from bot.handoff.tickets import Ticket, conversation_ticket, open_ticket, record_message, release
from bot.kb import KnowledgeBase
from bot.kb.store import KnowledgeBaseStore, store_for
from bot.nlg.responses import Renderer
from bot.settings import get_settings

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _store() -> KnowledgeBaseStore:
    return store_for(get_settings())


@lru_cache(maxsize=1)
def _renderer() -> Renderer:
    return Renderer(_store(), get_settings())


def knowledge_base() -> KnowledgeBase:
    """The current KB; edits to pathways_kb/ are picked up without restart (bot/kb/store.py)."""
    return _store().get()


# Load at start-up: an invalid knowledge base stops the action server with the list of errors
# instead of failing the first conversation.
_store()


def _state(tracker: Tracker, kb: KnowledgeBase) -> State:
    """The conversation's state; results about pathways no longer in the KB (edited since) are dropped."""
    state = state_from_slots(tracker.get_slot)
    known = {p.id for p in kb.pathways}
    results = tuple(r for r in state.results if r.get("pathway") in known)
    return state if len(results) == len(state.results) else replace(state, results=results)


def _message(tracker: Tracker) -> Message:
    latest = tracker.latest_message
    intent = latest.get("intent") or {}
    entities = {
        e.get("entity"): e["value"] for e in latest.get("entities", []) if isinstance(e.get("value"), str)
    }
    country = entities.get("country")
    return Message(
        text=latest.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        answer=entities.get("answer"),
        location_country=country.upper() if country and len(country) == 2 else None,
    )


def _changed_slots(tracker: Tracker, after: State) -> list[dict[str, Any]]:
    """SlotSet events for the slots whose stored value differs from the new one (the others stay)."""
    new = state_to_slots(after)
    return [SlotSet(name, value) for name, value in new.items() if tracker.get_slot(name) != value]


_TICKET_REASONS = {
    Effect.TICKET_ASKED: "asked",
    Effect.TICKET_MISUNDERSTOOD: "misunderstood",
    Effect.URGENT: "urgent",
}


class ActionHandleTurn(Action):
    def name(self) -> str:
        return "action_handle_turn"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        settings = get_settings()
        kb = knowledge_base()
        before = _state(tracker, kb)
        ticket: Ticket | None = None
        if before.handoff:  # only then: ordinary turns make no query
            ticket = conversation_ticket(settings.database_url, tracker.sender_id)
        handoff = handoff_of(ticket) if before.handoff else None
        language = before.language or settings.default_language
        now = datetime.now(timezone.utc)
        # The booking desk queries nothing unless the conversation books, finds or cancels a visit.
        desk = BookingDesk(settings.database_url, kb, tracker.sender_id, language, now)
        turn = take_turn(kb, before, _message(tracker), date.today(), handoff, desk)
        # A reply in the language chosen this turn; after an erasure, in the one just used.
        language = turn.state.language or before.language or settings.default_language
        renderer = _renderer()
        for reply in turn.replies:
            arguments = reply.args
            if reply.response == replies.BOOKING_CONFIRMED and arguments.get("ics_token"):
                link = calendar_link(settings, tracker.sender_id, arguments["ics_token"])
                arguments = {**arguments, "link": link} if link else arguments
            message = renderer.render(reply.response, language, arguments)
            dispatcher.utter_message(
                text=message.get("text"),
                buttons=message.get("buttons") or [],
                json_message=message.get("custom"),
            )
        channel = tracker.get_latest_input_channel() or "unknown"
        events = _changed_slots(tracker, turn.state)
        for effect in turn.effects:
            if effect is Effect.CONSENT:
                record_consent(settings.database_url, tracker.sender_id, channel, language)
            elif effect in _TICKET_REASONS:
                facts = turn.state.facts if effect is Effect.URGENT else before.facts
                reason = _TICKET_REASONS[effect]
                url, results = settings.database_url, turn.state.results
                open_ticket(url, tracker.sender_id, channel, language, reason, facts, results)
            elif effect is Effect.HANDOFF_MESSAGE and ticket is not None:
                record_message(settings.database_url, ticket.id)
            elif effect is Effect.RELEASE and ticket is not None:
                release(settings.database_url, ticket.id)
            elif effect is Effect.ERASE:
                events.append(SlotSet(ERASE_SLOT, True))  # the tracker store erases after saving
        logger.info(
            "turn: intent=%s pending=%s facts=%d replies=%d effects=%s",
            tracker.latest_message.get("intent", {}).get("name"),
            turn.state.pending,
            len(turn.state.facts),
            len(turn.replies),
            ",".join(e.value for e in turn.effects) or "-",
        )
        return events
