"""Booking a visit to a centre, as a flow of its own: offered after the results, asked for in
words ("quiero una cita"), or a visit named by its code ("cancelar ABC234").

The steps live in booking_new (a new visit) and booking_visit (one already booked); this module
routes the open step's answer and gives a plain miss one more chance: anything the person says
instead (a command, a question, new facts) closes the flow and the turn goes on as usual.
"""

from __future__ import annotations

from bot.conversation import bookable, replies
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows import booking_new, booking_visit
from bot.conversation.flows.booking_memory import MISSED, NAME, close, is_sound, memory
from bot.conversation.state import Turn

__all__ = ["NAME", "handle", "offer_after_results", "request", "start"]

STEPS = {**booking_new.STEPS, **booking_visit.STEPS}
start = booking_new.start
request = booking_visit.request


def offer_after_results(turn: TurnBuilder) -> bool:
    """After the results, once per conversation: offer to book when a centre near the person takes
    bookings. Returns whether the offer was made."""
    state = turn.state
    if turn.desk is None or state.flow is not None or state.booking.get("offered") or state.handoff:
        return False
    if not bookable.bookable_centres(turn.kb, state.facts, state.results):
        return False
    turn.update(flow=NAME, booking={"offered": True, "step": "offer"})
    turn.say(replies.BOOKING_OFFER)
    return True


def handle(turn: TurnBuilder) -> Turn | None:
    step = turn.state.booking.get("step")
    if turn.desk is None or step not in STEPS or not is_sound(turn):
        close(turn)
        return None
    finished = STEPS[step](turn)
    return _missed(turn) if finished is MISSED else finished


def _missed(turn: TurnBuilder) -> Turn | None:
    reading = turn.reading
    remembered = memory(turn)
    something_else = reading.command or reading.nlu_command or reading.states_something or reading.followup
    if something_else or remembered.get("misses", 0) >= 1:
        close(turn)
        return None
    turn.update(booking={**remembered, "misses": 1})
    turn.say(replies.NOT_UNDERSTOOD)
    _repeat(turn)
    return turn.done()


def _repeat(turn: TurnBuilder) -> None:
    """The open step's question again, with the same options."""
    booking = turn.state.booking
    step = booking.get("step")
    if step == "offer":
        turn.say(replies.BOOKING_OFFER)
    elif step == "service":
        services = list(booking.get("options") or [])
        turn.say(replies.BOOKING_ASK_SERVICE, services=services, suggested=booking.get("suggested"))
    elif step == "centre":
        turn.say(replies.BOOKING_ASK_CENTRE, centres=list(booking.get("options") or []))
    elif step == "slot":
        booking_new.say_slots(turn)
    elif step == "confirm":
        booking_new.say_confirm(turn)
    elif step == "cancel":
        turn.say(replies.BOOKING_CONFIRM_CANCEL, **booking["shown"])
    elif step == "manage":
        turn.say(replies.BOOKING_SHOW, **booking["shown"])
    elif step == "pick":
        turn.say(replies.BOOKING_PICK, bookings=booking["shown"])
