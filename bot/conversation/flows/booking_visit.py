"""A visit already booked: found by its code ("cancelar ABC234", "chanje ABC234", the code alone)
from any channel, or among the person's own upcoming visits ("cancelar mi cita"); then cancel
(after a yes), change the time (the new-booking steps, moving this one), or keep it."""

from __future__ import annotations

import re
from typing import Any

from bot.appointments.bookings import Booking
from bot.appointments.codes import CODE_LENGTH, looks_like_code, normalise_code
from bot.conversation import replies
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows.booking_memory import MISSED, about, carry_on, close, pick, step_to
from bot.conversation.flows.booking_new import ask_slot, start
from bot.conversation.flows.choice import yes_or_no
from bot.conversation.state import Turn
from bot.i18n import lexicon
from bot.i18n.text import normalized

CANCEL, CHANGE, KEEP = "cancel", "change", "keep"
_ACTION_WORDS = {action: normalized(words) for action, words in lexicon.BOOKING_WORDS.items()}
_ORDINARY = frozenset(normalized(lexicon.COMMAND_FILLER + lexicon.BOOKING_FILLER)) | frozenset(
    word for words in _ACTION_WORDS.values() for phrase in words for word in phrase.split()
)


def _codes_in(text: str) -> list[str]:
    """What in the message could be a booking code ("ABC234", "abc-234", "ABC 234"), at most three."""
    found: list[str] = []
    words = re.findall(r"[A-Za-z0-9]+", text)
    candidates = [*words, *(a + b for a, b in zip(words, words[1:], strict=False))]
    for candidate in candidates:
        code = normalise_code(candidate)
        ordinary = candidate.lower() in _ORDINARY or code in found
        if looks_like_code(code) and not ordinary:
            found.append(code)
    return found[:3]


def _action(turn: TurnBuilder) -> str | None:
    """cancel, change or book, when the message says one of them."""
    words = f" {turn.reading.words} "
    for action in (CANCEL, CHANGE, "book"):
        if any(f" {phrase} " in words for phrase in _ACTION_WORDS[action]):
            return action
    return None


def _only_a_request(turn: TurnBuilder, code: str | None = None) -> bool:
    """The message is a booking request and nothing else: its words are action words, filler and
    the code ("quiero cancelar mi cita", "anile ABC234"), so a sentence that merely contains "cita"
    is not taken for one."""
    # the code as typed: whole, or in two words ("ABC 234"); not any word whose letters it contains
    code = code or ""
    pieces = {piece for cut in range(CODE_LENGTH) for piece in (code[:cut], code[cut:]) if piece}
    rest = [w for w in turn.reading.words.split() if normalise_code(w) not in pieces]
    return all(word in _ORDINARY for word in rest)


def request(turn: TurnBuilder) -> Turn | None:
    """A booking asked for, or a visit named by its code. None: the message is something else."""
    if turn.desk is None or turn.state.language is None or turn.reading.command or turn.reading.danger:
        return None
    action = _action(turn)
    for code in _codes_in(turn.reading.text):
        if not (action or _only_a_request(turn, code)):
            break
        if action is None and turn.reading.states_something:  # "Panama": an answer, not a code
            break
        booking = turn.desk.find(code)
        if booking is not None:
            return _act_on(turn, booking, action)
        if action in (CANCEL, CHANGE) and _only_a_request(turn, code):
            turn.say(replies.BOOKING_UNKNOWN, code=code)
            return carry_on(turn)
    if action is None or not _only_a_request(turn):
        return None
    if action == "book":
        return start(turn)
    return _own_visits(turn, action)


def _own_visits(turn: TurnBuilder, action: str) -> Turn:
    """ "Cancelar mi cita" with no code: the person's own upcoming visits."""
    visits = turn.desk.upcoming()
    if not visits:
        turn.say(replies.BOOKING_UNKNOWN, code=None)
        return carry_on(turn)
    if len(visits) == 1:
        return _act_on(turn, visits[0], action)
    shown = [about(v, turn) for v in visits[:6]]
    step_to(turn, "pick", action=action, options=[v.code for v in visits[:6]], shown=shown)
    turn.say(replies.BOOKING_PICK, bookings=shown)
    return turn.done()


def _act_on(turn: TurnBuilder, booking: Booking, action: str | None) -> Turn:
    if booking.status != "booked" or booking.start <= turn.desk.now:
        close(turn)
        turn.say(replies.BOOKING_OVER, **about(booking, turn), status=booking.status)
        return carry_on(turn)
    if action == CANCEL:
        step_to(turn, "cancel", code=booking.code, shown=about(booking, turn))
        turn.say(replies.BOOKING_CONFIRM_CANCEL, **about(booking, turn))
        return turn.done()
    if action == CHANGE:
        step_to(turn, "slot", moving=booking.code, service=booking.service)
        return ask_slot(turn, booking.centre_id)
    step_to(turn, "manage", code=booking.code, options=[CANCEL, CHANGE, KEEP], shown=about(booking, turn))
    turn.say(replies.BOOKING_SHOW, **about(booking, turn))
    return turn.done()


# -- the steps ------------------------------------------------------------------------------------
def on_pick(turn: TurnBuilder) -> Any:
    booking = turn.state.booking
    code = pick(turn, list(booking.get("options") or []))
    if code is None:
        return MISSED
    found = turn.desk.find(code)
    if found is None:
        close(turn)
        turn.say(replies.BOOKING_UNKNOWN, code=code)
        return turn.done()
    return _act_on(turn, found, booking.get("action"))


def on_manage(turn: TurnBuilder) -> Any:
    booking = turn.state.booking
    chosen = pick(turn, [CANCEL, CHANGE, KEEP]) or _action(turn)
    if chosen not in (CANCEL, CHANGE, KEEP):
        return MISSED
    if chosen == KEEP:
        close(turn)
        turn.say(replies.BOOKING_KEPT, code=booking.get("code"))
        return carry_on(turn)
    found = turn.desk.find(booking.get("code") or "")
    if found is None:
        close(turn)
        return None
    return _act_on(turn, found, chosen)


def on_cancel(turn: TurnBuilder) -> Any:
    yes = yes_or_no(turn)
    if yes is None:
        return MISSED
    code = turn.state.booking.get("code") or ""
    close(turn)
    if not yes:
        turn.say(replies.BOOKING_KEPT, code=code)
        return carry_on(turn)
    cancelled = turn.desk.cancel(code)
    if cancelled is None:
        turn.say(replies.BOOKING_UNKNOWN, code=code)
    elif cancelled.status != "cancelled":
        turn.say(replies.BOOKING_OVER, **about(cancelled, turn), status=cancelled.status)
    else:
        turn.say(replies.BOOKING_CANCELLED, **about(cancelled, turn))
    return carry_on(turn)


STEPS = {"pick": on_pick, "manage": on_manage, "cancel": on_cancel}
