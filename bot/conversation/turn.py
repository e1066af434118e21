"""One turn: the message is read once, then each step in STEPS may take the turn, in order.

paused → safety → channel events → first contact → open flow → booking → correction → command →
language → answer → after the results. Results shown in a turn are followed, once, by the offer to
book a visit (bot/conversation/flows/booking.py) when the adapter gave the turn a booking desk.
A step returns the finished turn, or None to let the next one look; the steps
share the turn's Reading (bot/conversation/reading.py) and never re-read the text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.conversation import replies, steps
from bot.conversation.answering import answer
from bot.conversation.builder import TurnBuilder
from bot.conversation.desk import Desk
from bot.conversation.flows import booking
from bot.conversation.state import Handoff, Message, State, Turn
from bot.kb.model import KnowledgeBase

Step = Callable[[TurnBuilder], Turn | None]

STEPS: tuple[Step, ...] = (
    steps.paused,
    steps.safety,
    steps.channel_events,
    steps.first_contact,
    steps.open_flow,
    booking.request,
    steps.correction,
    steps.command,
    steps.language,
    answer,
    steps.after_results,
)


def take_turn(
    kb: KnowledgeBase,
    state: State,
    message: Message,
    today: date,
    handoff: Handoff | None = None,
    desk: Desk | None = None,
) -> Turn:
    """Read the person's message and decide what to say next. `handoff` is what became of the
    conversation's ticket while `state.handoff` (None: no ticket any more); `desk` books visits."""
    turn = TurnBuilder(kb, state, message, today, handoff, desk)
    finished = _first_answer(turn)
    shown = any(reply.response == replies.RESULTS for reply in finished.replies)
    if shown and not finished.effects and booking.offer_after_results(turn):
        return turn.done()
    return finished


def _first_answer(turn: TurnBuilder) -> Turn:
    for step in STEPS:
        finished = step(turn)
        if finished is not None:
            return finished
    return turn.carry_on()
