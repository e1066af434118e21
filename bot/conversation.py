"""One turn of the questionnaire, as plain Python: state and message in, new state and replies out.

The Rasa action in actions/ only translates between the tracker and these objects, so the
dialogue logic is testable without Rasa and the engine alone decides which question comes next.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.eligibility.engine import evaluate, next_question
from bot.i18n.answers import parse_country, parse_language, parse_option
from bot.kb.model import KnowledgeBase, Question
from bot.settings import SUPPORTED_LANGUAGES

LANGUAGE = "language"  # the pending question before any fact is asked


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


def _read_answer(question: Question, text: str, answer: str | None) -> Any:
    # Country is the only question type the KB schema admits so far (see bot/kb/schema.py).
    if answer and len(answer) == 2 and answer.isalpha():
        return answer.upper()
    return parse_option(text, question.options) or parse_country(text)


def _continue(kb: KnowledgeBase, state: State, today: date) -> tuple[State, Reply]:
    fact = next_question(kb, state.facts, today)
    if fact is not None:
        return replace(state, pending=fact), _ask(fact)
    outcomes = evaluate(kb, state.facts, today)
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
        value = _read_answer(kb.questions[state.pending], text, answer)
        if value is None:
            return Turn(state, [Reply("utter_not_understood"), _ask(state.pending)])
        state = replace(state, facts={**state.facts, state.pending: value}, pending=None)
    state, reply = _continue(kb, state, today)
    replies.append(reply)
    return Turn(state, replies, consent_now)
