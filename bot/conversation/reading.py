"""Reading the answer to the pending question (and any other facts the message states plainly)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.i18n.answers import is_dont_know, parse_date, parse_option, parse_yes_no
from bot.kb.model import UNKNOWN, KnowledgeBase, Question

NOT_UNDERSTOOD = object()


def _from_option(question: Question, value: str, today: date) -> Any:
    if value == UNKNOWN:
        return None
    if question.type == "boolean":
        return {"yes": True, "no": False}.get(value, NOT_UNDERSTOOD)
    if question.type == "date":
        return parse_date(value, today) or NOT_UNDERSTOOD
    return value.upper() if len(value) == 2 and value.isalpha() else NOT_UNDERSTOOD


def read_answer(kb: KnowledgeBase, question: Question, text: str, answer: str | None, today: date) -> Any:
    """The fact value (None for "I don't know"), or NOT_UNDERSTOOD."""
    if answer is not None:
        return _from_option(question, answer, today)
    option = parse_option(text, question.answer_options)
    if option is not None:
        return _from_option(question, option, today)
    if is_dont_know(text):
        return None
    if question.type == "boolean":
        value = parse_yes_no(text)
    elif question.type == "date":
        value = parse_date(text, today)
    else:
        value = kb.places.roles(text).get(question.fact) or kb.places.country(text)
    return NOT_UNDERSTOOD if value is None else value


def stated_facts(kb: KnowledgeBase, text: str) -> dict[str, str]:
    """Country facts the wording makes clear ("soy venezolana", "estoy en Cúcuta")."""
    return {fact: code for fact, code in kb.places.roles(text).items() if fact in kb.questions}


def stored(value: Any) -> Any:
    """Facts live in a Rasa slot, so dates are kept as ISO text."""
    return value.isoformat() if isinstance(value, date) else value
