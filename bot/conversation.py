"""One turn of the questionnaire, as plain Python: state and message in, new state and replies out.

The Rasa action in actions/ only translates between the tracker and these objects, so the
dialogue logic is testable without Rasa and the engine alone decides which question comes next.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.eligibility.engine import assess
from bot.i18n.answers import (
    is_dont_know,
    parse_country,
    parse_date,
    parse_language,
    parse_option,
    parse_yes_no,
)
from bot.kb.model import KnowledgeBase, Question
from bot.settings import SUPPORTED_LANGUAGES

LANGUAGE = "language"  # the pending question before any fact is asked
UNKNOWN = "unknown"  # the option value for "I don't know"
BOOLEAN_OPTIONS = ("yes", "no", UNKNOWN)
DATE_OPTIONS = (UNKNOWN,)
NOT_UNDERSTOOD = object()


@dataclass(frozen=True)
class Reply:
    """A response for the NLG endpoint to render: its name and its arguments."""

    response: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class State:
    language: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    pending: str | None = None
    consent_shown: bool = False


@dataclass(frozen=True)
class Turn:
    state: State
    replies: list[Reply]
    consent_now: bool = False  # the consent notice was shown in this turn


def _ask_language() -> Reply:
    return Reply("utter_ask_language")


def _ask(fact: str) -> Reply:
    return Reply("utter_ask_question", {"question": fact})


def _read_language(text: str, answer: str | None) -> str | None:
    if answer in SUPPORTED_LANGUAGES:
        return answer
    return parse_option(text, SUPPORTED_LANGUAGES) or parse_language(text)


def options_for(question: Question) -> tuple[str, ...]:
    """The numbered options a question offers: its countries, yes/no/unknown, or unknown for dates."""
    if question.type == "boolean":
        return BOOLEAN_OPTIONS
    if question.type == "date":
        return DATE_OPTIONS
    return question.options


def _from_option(question: Question, value: str) -> Any:
    if value == UNKNOWN:
        return None
    if question.type == "boolean":
        return value == "yes"
    if question.type == "date":
        return parse_date(value) or NOT_UNDERSTOOD
    return value.upper() if len(value) == 2 and value.isalpha() else NOT_UNDERSTOOD


def _read_answer(question: Question, text: str, answer: str | None, demonyms: dict[str, str]) -> Any:
    """The fact value (None for "I don't know"), or NOT_UNDERSTOOD."""
    if answer is not None:
        return _from_option(question, answer)
    option = parse_option(text, options_for(question))
    if option is not None:
        return _from_option(question, option)
    if is_dont_know(text):
        return None
    if question.type == "boolean":
        value = parse_yes_no(text)
    elif question.type == "date":
        value = parse_date(text)
    else:
        value = parse_country(text, demonyms)
    return NOT_UNDERSTOOD if value is None else value


def _stored(value: Any) -> Any:
    """Facts live in a Rasa slot, so dates are kept as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def _continue(kb: KnowledgeBase, state: State, today: date) -> tuple[State, Reply]:
    outcomes, fact = assess(kb, state.facts, today)
    if fact is not None:
        return replace(state, pending=fact), _ask(fact)
    results = [{"pathway": o.pathway.id, "status": o.status} for o in outcomes]
    return replace(state, pending=None), Reply("utter_results", {"results": results, "on": today.isoformat()})


def take_turn(kb: KnowledgeBase, state: State, text: str, answer: str | None, today: date) -> Turn:
    """Read the person's message against the pending question and decide what to say next."""
    replies: list[Reply] = []
    consent_now = False
    if state.language is None:
        language = _read_language(text, answer)
        if language is None:
            return Turn(replace(state, pending=LANGUAGE), [_ask_language()])
        state = replace(state, language=language, pending=None)
        if not state.consent_shown:
            state = replace(state, consent_shown=True)
            replies.append(Reply("utter_consent"))
            consent_now = True
    elif state.pending in kb.questions:
        value = _read_answer(kb.questions[state.pending], text, answer, kb.demonyms)
        if value is NOT_UNDERSTOOD:
            return Turn(state, [Reply("utter_not_understood"), _ask(state.pending)])
        state = replace(state, facts={**state.facts, state.pending: _stored(value)}, pending=None)
    state, reply = _continue(kb, state, today)
    replies.append(reply)
    return Turn(state, replies, consent_now)
