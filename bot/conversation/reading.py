"""Reading the answer to the pending question (and any other facts the message states plainly)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.i18n.answers import is_dont_know, parse_date, parse_option, parse_yes_no
from bot.kb.model import UNKNOWN, KnowledgeBase, Question

NOT_UNDERSTOOD = object()
# The message names where the person is when asked where they are from ("estoy en Colombia"): it
# answers that other question, not this one.
OTHER_FACT = object()


def _from_option(question: Question, value: str, today: date) -> Any:
    if value == UNKNOWN:
        return None
    if question.type == "boolean":
        return {"yes": True, "no": False}.get(value, NOT_UNDERSTOOD)
    if question.type == "date":
        return parse_date(value, today) or NOT_UNDERSTOOD
    return value.upper() if len(value) == 2 and value.isalpha() else NOT_UNDERSTOOD


def read_answer(kb: KnowledgeBase, question: Question, text: str, answer: str | None, today: date) -> Any:
    """The fact value (None for "I don't know"), NOT_UNDERSTOOD, or OTHER_FACT."""
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
        roles = kb.places.roles(text)
        # A city or "estoy en X" is never a nationality. (The other way round is left alone: in
        # French "Argentine" is both the country and a demonym.)
        if question.fact == "nationality" and "nationality" not in roles and "current_country" in roles:
            return OTHER_FACT
        value = roles.get(question.fact) or kb.places.country(text)
    return NOT_UNDERSTOOD if value is None else value


def stated_facts(kb: KnowledgeBase, text: str) -> dict[str, str]:
    """Country facts the wording makes clear ("soy venezolana", "estoy en Cúcuta")."""
    return {fact: code for fact, code in kb.places.roles(text).items() if fact in kb.questions}


def stored(value: Any) -> Any:
    """Facts live in a Rasa slot, so dates are kept as ISO text."""
    return value.isoformat() if isinstance(value, date) else value
