"""After an urgent reply: go on with the questions only if the person wants to."""

from __future__ import annotations

from bot.conversation import replies
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows.choice import yes_or_no
from bot.conversation.state import Turn

NAME = "keep_going"


def start(turn: TurnBuilder) -> Turn:
    turn.update(flow=NAME)
    turn.say(replies.KEEP_GOING)
    return turn.done()


def handle(turn: TurnBuilder) -> Turn | None:
    """Yes asks the next question, no pauses; anything else (an answer, a question) is read as
    usual: writing on is wanting to go on."""
    yes = yes_or_no(turn)
    turn.update(flow=None)
    if yes is None:
        return None
    if yes:
        return turn.reask()
    turn.say(replies.PAUSED)
    return turn.done()
