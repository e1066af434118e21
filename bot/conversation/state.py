"""What the conversation remembers between turns, what a turn receives, and what it produces.

`State` is the one definition of the conversation's memory: the Rasa slots in domain/core.yml and
the action that reads and writes them are derived from its fields (`SLOTS`), and a test checks the
domain against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any

LANGUAGE = "language"  # the pending question when the language is being chosen


class Effect(str, Enum):
    """Things the adapter must do outside the conversation: record, open a ticket, erase."""

    CONSENT = "consent"
    TICKET_ASKED = "ticket_asked"
    TICKET_MISUNDERSTOOD = "ticket_misunderstood"
    URGENT = "urgent"  # an urgent ticket: danger was recognised (escalates an open one)
    ERASE = "erase"
    HANDOFF_MESSAGE = "handoff_message"  # the person wrote while the bot is paused: tell the console
    RELEASE = "release"  # "menu" while nobody has claimed the ticket: the bot talks again


class Handoff(str, Enum):
    """What became of the conversation's ticket; the adapter looks it up only while
    `State.handoff` says there is one (bot/handoff/pause.py)."""

    WAITING = "waiting"  # in the queue, the bot paused
    CLAIMED = "claimed"  # an agent has it: everything the person writes goes to them
    RELEASED = "released"  # still in the queue, but the person went on with the assistant
    RESUME = "resume"  # handed back, or gone: the message answers the pending question
    RESUME_MENU = "resume_menu"  # handed back to the menu: start over first


@dataclass(frozen=True)
class Message:
    """What the person sent: the text, what NLU thought it was, and a pressed button's value."""

    text: str
    intent: str | None = None
    confidence: float = 0.0
    answer: str | None = None  # the value of a button (payload /inform{"answer": ...})
    location_country: str | None = None  # the country of a shared location


@dataclass(frozen=True)
class Reply:
    """A response for the NLG endpoint to render: its name (bot/conversation/replies.py) and arguments."""

    response: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class State:
    language: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)  # JSON-safe: dates as ISO text, maybe partial
    answered: tuple[str, ...] = ()  # facts in the order they were answered, for "back"
    pending: str | None = None  # the question waiting for an answer (a fact, or LANGUAGE)
    flow: str | None = None  # the open flow that interrupts the questionnaire (bot/conversation/flows)
    misses: int = 0  # misunderstood answers to the pending question
    results: tuple[dict[str, str], ...] = ()  # the last results shown, for "why" and follow-ups
    consent_shown: bool = False
    urgent: tuple[str, ...] = ()  # danger categories already acknowledged (an urgent ticket is open)
    handoff: bool = False  # a ticket is not closed yet: the bot may be paused (bot/handoff/pause.py)
    booking: dict[str, Any] = field(default_factory=dict)  # the booking flow's own state (flows/booking.py)


# State field -> Rasa slot name (the same unless listed).
_SLOT_NAMES = {"pending": "pending_question"}
SLOTS: dict[str, str] = {f.name: _SLOT_NAMES.get(f.name, f.name) for f in fields(State)}
# Not part of the state: set by the action when the person confirmed erasure, read by the tracker
# store (bot/rasa_plugins/tracker_store.py), which then erases the conversation instead of saving it.
ERASE_SLOT = "erase_requested"


def _sequence(value: Any) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else ()


def state_from_slots(get) -> State:
    """The state from slot values (`get(slot_name)`), tolerating missing or malformed slots."""
    raw = {name: get(slot) for name, slot in SLOTS.items()}
    facts = raw["facts"] if isinstance(raw["facts"], dict) else {}
    booking = raw["booking"] if isinstance(raw["booking"], dict) else {}
    try:
        misses = int(raw["misses"] or 0)
    except (TypeError, ValueError, OverflowError):
        misses = 0
    text = {k: raw[k] if isinstance(raw[k], str) else None for k in ("language", "pending", "flow")}
    return State(
        facts=dict(facts),
        booking=dict(booking),
        answered=tuple(a for a in _sequence(raw["answered"]) if isinstance(a, str)),
        misses=max(0, min(misses, 1000)),
        results=tuple(r for r in _sequence(raw["results"]) if isinstance(r, dict)),
        consent_shown=bool(raw["consent_shown"]),
        handoff=raw["handoff"] is True,
        urgent=tuple(c for c in _sequence(raw["urgent"]) if isinstance(c, str)),
        **text,
    )


def state_to_slots(state: State) -> dict[str, Any]:
    """Slot name -> JSON-safe value, for every field of the state."""
    values = {f.name: getattr(state, f.name) for f in fields(State)}
    values["misses"] = float(state.misses)
    for name in ("answered", "results", "urgent"):
        values[name] = list(values[name])
    return {SLOTS[name]: value for name, value in values.items()}


@dataclass(frozen=True)
class Turn:
    state: State
    replies: list[Reply]
    effects: tuple[Effect, ...] = ()
