"""The booking flow's memory and the moves its steps share.

`state.booking` is a dict: the step, the choices made so far, what was offered (option values, so
that "2" or a button means the same thing on the next turn), and whether booking was offered yet.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.appointments.bookings import Booking
from bot.conversation.builder import TurnBuilder
from bot.conversation.state import Turn
from bot.i18n.text import normalize

NAME = "booking"
MISSED = object()  # a step's answer to a message that answers nothing it asked


def memory(turn: TurnBuilder) -> dict[str, Any]:
    return dict(turn.state.booking)


def step_to(turn: TurnBuilder, step: str, **values: Any) -> None:
    """Move to `step`, keeping what the flow knows and adding `values`."""
    turn.update(flow=NAME, booking={**memory(turn), **values, "step": step, "misses": 0})


def close(turn: TurnBuilder) -> None:
    """End the flow; only the fact that booking was offered is remembered."""
    offered = {"offered": True} if turn.state.booking.get("offered") else {}
    turn.update(flow=None, booking=offered)


def carry_on(turn: TurnBuilder) -> Turn:
    """After the flow has said its piece: back to the waiting question, if any."""
    return turn.reask() if turn.state.pending else turn.done()


def start_of(value: str) -> datetime:
    return datetime.fromisoformat(value)


def about(booking: Booking, turn: TurnBuilder) -> dict[str, Any]:
    """A booking as replies name it: code, centre, and its start on the centre's clock."""
    centre = turn.kb.centres.get(booking.centre_id)
    start = booking.start
    if centre is not None and centre.booking is not None:
        start = start.astimezone(ZoneInfo(centre.booking.schedule.timezone))
    return {"code": booking.code, "centre": booking.centre_id, "start": start.isoformat()}


def pick(turn: TurnBuilder, options: list[str], labels: dict[str, str] | None = None) -> str | None:
    """A button's value, an option number, or words naming one option (a centre's name, a city)."""
    reading = turn.reading
    if reading.message.answer in options:
        return reading.message.answer
    if (chosen := reading.options(options)) is not None:
        return chosen
    words = reading.words
    if labels and len(words) >= 3:
        named = [value for value, label in labels.items() if value in options and words in normalize(label)]
        if len(named) == 1:
            return named[0]
    return None


def _is_time(value: Any) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _visit(value: Any, turn: TurnBuilder) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("code"), str)
        and value.get("centre") in turn.kb.centres
        and _is_time(value.get("start"))
    )


def is_sound(turn: TurnBuilder) -> bool:
    """Whether the flow's memory holds what its step needs: a slot edited by hand, a centre
    removed from the KB since, or a stored value of the wrong type closes the flow instead of
    failing the turn."""
    booking = turn.state.booking
    step = booking.get("step")
    if not isinstance(booking.get("misses", 0), int):
        return False
    centre_known = booking.get("centre") in turn.kb.centres
    options = booking.get("options")
    if step in ("service", "centre", "pick", "manage") and not _texts(options):
        return False
    if step == "slot":
        return centre_known and _texts(options) and all(_is_time(o) for o in options if o != "later")
    if step in ("confirm", "booked"):
        chosen = isinstance(booking.get("service"), str) or isinstance(booking.get("moving"), str)
        keyed = isinstance(booking.get("key"), str)
        return centre_known and _is_time(booking.get("start")) and keyed and chosen
    if step in ("cancel", "manage"):
        return isinstance(booking.get("code"), str) and _visit(booking.get("shown"), turn)
    if step == "pick":
        shown = booking.get("shown")
        return isinstance(shown, list) and all(_visit(v, turn) for v in shown)
    return True
