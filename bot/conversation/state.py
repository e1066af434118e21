"""What the conversation remembers between turns, what a turn receives, and what it produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

LANGUAGE = "language"  # the pending question when the language is being chosen
CONFIRM_DELETE = "confirm_delete"  # flows that interrupt the questionnaire
OFFER_HUMAN = "offer_human"


class Effect(str, Enum):
    """Things the adapter must do outside the conversation: record, open a ticket, erase."""

    CONSENT = "consent"
    TICKET_ASKED = "ticket_asked"
    TICKET_MISUNDERSTOOD = "ticket_misunderstood"
    ERASE = "erase"


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
    """A response for the NLG endpoint to render: its name and its arguments."""

    response: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class State:
    language: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)  # JSON-safe: dates as ISO text
    answered: tuple[str, ...] = ()  # facts in the order they were answered, for "back"
    pending: str | None = None  # the question waiting for an answer
    flow: str | None = None  # CONFIRM_DELETE or OFFER_HUMAN while one is open
    misses: int = 0  # misunderstood answers to the pending question
    results: tuple[dict[str, str], ...] = ()  # the last results shown, for "why"
    consent_shown: bool = False


@dataclass(frozen=True)
class Turn:
    state: State
    replies: list[Reply]
    effects: tuple[Effect, ...] = ()
