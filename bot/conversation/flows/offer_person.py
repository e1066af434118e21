"""After two answers in a row were not understood: offer a person from the helpline."""

from __future__ import annotations

from bot.conversation import replies
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows.choice import yes_or_no
from bot.conversation.state import Effect, Turn

NAME = "offer_human"


def start(turn: TurnBuilder) -> Turn:
    turn.update(flow=NAME)
    turn.say(replies.OFFER_HUMAN)
    return turn.done()


def handle(turn: TurnBuilder) -> Turn | None:
    """Yes opens a ticket, no goes on; anything else closes the offer and is read as usual (the
    person may simply answer the question instead)."""
    yes = yes_or_no(turn)
    turn.update(flow=None)
    if yes is None:
        return None
    turn.update(misses=0)
    if yes:
        return turn.hand_off(Effect.TICKET_MISUNDERSTOOD)
    turn.say(replies.HANDOFF_DECLINED)
    return turn.reask()
