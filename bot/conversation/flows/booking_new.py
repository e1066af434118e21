"""A new visit: the service (suggested from the results), the centre (nearest first), a free time
(a few at once, or later ones), confirm; then the code and what to bring.

A confirm carries a key made when the time was chosen: pressing "yes" twice, or a channel
delivering the same message twice, finds the first booking instead of making a second one. A time
taken by someone else meanwhile is answered with the next free ones.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from bot.appointments.bookings import AlreadyBooked, Full
from bot.conversation import bookable, replies
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows.booking_memory import (
    MISSED,
    about,
    carry_on,
    close,
    memory,
    pick,
    start_of,
    step_to,
)
from bot.conversation.flows.choice import yes_or_no
from bot.conversation.state import Turn

SHOWN = 4  # free times offered at once
LATER = "later"


def start(turn: TurnBuilder) -> Turn:
    """Booking begins (the offer accepted, or "quiero una cita"): the service first."""
    state = turn.state
    centres = bookable.bookable_centres(turn.kb, state.facts, state.results)
    if not centres:
        close(turn)
        turn.say(replies.BOOKING_NO_CENTRE, country=state.facts.get("current_country"))
        if "current_country" not in state.facts and "current_country" in turn.kb.questions:
            turn.update(pending="current_country")
        return carry_on(turn)
    suggested = bookable.suggested_service(turn.kb, state.results)
    services = bookable.services_offered(centres, suggested)
    suggested = suggested if suggested in services else None  # only what a centre here offers
    step_to(turn, "service", offered=True, options=services, suggested=suggested)
    turn.say(replies.BOOKING_ASK_SERVICE, services=services, suggested=suggested)
    return turn.done()


def _ask_centre(turn: TurnBuilder, service: str) -> Turn:
    state = turn.state
    centres = bookable.bookable_centres(turn.kb, state.facts, state.results, service)
    if not centres:
        close(turn)
        turn.say(replies.BOOKING_NO_CENTRE, country=state.facts.get("current_country"), service=service)
        return carry_on(turn)
    if len(centres) == 1:
        step_to(turn, "centre", service=service)
        return ask_slot(turn, centres[0].id)
    ids = [c.id for c in centres]
    step_to(turn, "centre", service=service, options=ids)
    turn.say(replies.BOOKING_ASK_CENTRE, centres=ids)
    return turn.done()


def ask_slot(turn: TurnBuilder, centre: str, after: datetime | None = None, taken: bool = False) -> Turn:
    """The next free times at `centre` (after `after`), and "later" when there are more."""
    starts = turn.desk.open_slots(centre, after, SHOWN + 1)
    if not starts:
        close(turn)
        turn.say(replies.BOOKING_NO_SLOTS, centre=centre)
        return carry_on(turn)
    shown = [s.isoformat() for s in starts[:SHOWN]]
    more = len(starts) > SHOWN
    step_to(turn, "slot", centre=centre, options=[*shown, LATER] if more else shown)
    say_slots(turn, taken)
    return turn.done()


def say_slots(turn: TurnBuilder, taken: bool = False) -> None:
    booking = turn.state.booking
    options = list(booking.get("options") or [])
    turn.say(
        replies.BOOKING_ASK_SLOT,
        centre=booking.get("centre"),
        slots=[o for o in options if o != LATER],
        more=LATER in options,
        taken=taken,
        moving=booking.get("moving"),
    )


def say_confirm(turn: TurnBuilder) -> None:
    booking = turn.state.booking
    turn.say(
        replies.BOOKING_CONFIRM,
        centre=booking["centre"],
        start=booking["start"],
        service=booking.get("service"),
        moving=booking.get("moving"),
    )


# -- the steps ------------------------------------------------------------------------------------
def on_offer(turn: TurnBuilder) -> Any:
    yes = yes_or_no(turn)
    if yes is None:
        close(turn)
        return None
    if yes:
        return start(turn)
    close(turn)
    turn.say(replies.BOOKING_NOT_BOOKED)
    return carry_on(turn)


def on_service(turn: TurnBuilder) -> Any:
    service = pick(turn, list(turn.state.booking.get("options") or []))
    return MISSED if service is None else _ask_centre(turn, service)


def on_centre(turn: TurnBuilder) -> Any:
    options = list(turn.state.booking.get("options") or [])
    labels = {cid: f"{c.name} {c.city}" for cid, c in turn.kb.centres.items() if cid in options}
    centre = pick(turn, options, labels)
    return MISSED if centre is None else ask_slot(turn, centre)


def on_slot(turn: TurnBuilder) -> Any:
    booking = turn.state.booking
    options = list(booking.get("options") or [])
    chosen = pick(turn, options)
    if chosen is None:
        return MISSED
    if chosen == LATER:
        last = start_of([o for o in options if o != LATER][-1])
        return ask_slot(turn, booking["centre"], after=last)
    step_to(turn, "confirm", start=chosen, key=secrets.token_hex(8))
    say_confirm(turn)
    return turn.done()


def on_confirm(turn: TurnBuilder) -> Any:
    yes = yes_or_no(turn)
    if yes is None:
        return MISSED
    if not yes:
        close(turn)
        turn.say(replies.BOOKING_NOT_BOOKED)
        return carry_on(turn)
    return _book(turn, memory(turn))


def on_booked(turn: TurnBuilder) -> Any:
    """Just booked: the same "yes" again (a double tap, a repeated delivery) shows the same booking.
    While a question of the questionnaire waits, only the confirm button counts (a typed "yes"
    answers the question)."""
    pressed = turn.reading.message.answer == "yes"
    if pressed or (turn.state.pending is None and yes_or_no(turn) is True):
        return _book(turn, memory(turn))
    close(turn)
    return None


def _book(turn: TurnBuilder, booking: dict[str, Any]) -> Turn:
    start_at, key = start_of(booking["start"]), booking["key"]
    if booking.get("moving"):
        result = turn.desk.reschedule(booking["moving"], start_at, key)
    else:
        result = turn.desk.book(booking["centre"], start_at, booking["service"], key)
    if isinstance(result, Full):
        return ask_slot(turn, booking["centre"], taken=True)
    if isinstance(result, AlreadyBooked):
        close(turn)
        turn.say(replies.BOOKING_EXISTS, **about(result.booking, turn))
        return carry_on(turn)
    if result is None:  # the visit being moved was cancelled or has passed meanwhile
        close(turn)
        turn.say(replies.BOOKING_UNKNOWN, code=booking.get("moving"))
        return carry_on(turn)
    step_to(turn, "booked", code=result.code)
    centre = turn.kb.centres.get(result.centre_id)
    turn.say(
        replies.BOOKING_CONFIRMED,
        **about(result, turn),
        service=result.service,
        pathway=bookable.pathway_to_prepare(centre, turn.state.results) if centre else None,
        ics_token=result.ics_token,
        moved=booking.get("moving"),
    )
    return carry_on(turn)


STEPS = {
    "offer": on_offer,
    "service": on_service,
    "centre": on_centre,
    "slot": on_slot,
    "confirm": on_confirm,
    "booked": on_booked,
}
