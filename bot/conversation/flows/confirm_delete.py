"""Confirm before erasing: "borrar mis datos" asks, yes erases, anything else cancels."""

from __future__ import annotations

from bot.conversation import replies
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows.choice import yes_or_no
from bot.conversation.state import Effect, State, Turn

NAME = "confirm_delete"


def start(turn: TurnBuilder) -> Turn:
    turn.update(flow=NAME)
    turn.say(replies.CONFIRM_DELETE)
    return turn.done()


def handle(turn: TurnBuilder) -> Turn | None:
    yes = yes_or_no(turn)
    turn.update(flow=None)
    if yes:
        turn.effect(Effect.ERASE)
        turn.state = State()
        turn.say(replies.DATA_DELETED)
        return turn.done()
    turn.say(replies.DELETE_CANCELLED)
    if yes is None and turn.reading.command:  # another command: cancelled, then it runs
        return None
    return turn.reask()
