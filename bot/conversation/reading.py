"""Reading the answer to the pending question (and any other facts the message states plainly)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.i18n.answers import (
    is_dont_know,
    is_none_of_these,
    parse_date,
    parse_option,
    parse_options,
    parse_yes_no,
)
from bot.i18n.text import normalize
from bot.kb.model import NONE, UNKNOWN, KnowledgeBase, Question

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


_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{1,7})\)|\b([A-Z]{3,6})\b")


def _short_names(kb: KnowledgeBase, pathway_id: str) -> set[str]:
    """The short names people type for a programme ("CPP", "PPT", "TPS", "CHNV"), from its names."""
    try:
        names = kb.pathway(pathway_id).name.values()
    except KeyError:
        return set()
    return {normalize(a or b) for name in names for a, b in _ACRONYM.findall(name)}


def _read_list(kb: KnowledgeBase, text: str, answer: str | None, options: Sequence[str]) -> Any:
    """What a list question's reply picks: option numbers ("1 3"), "none", "I don't know", a no, a
    yes when only one thing was offered, or short names ("tuve el CPP")."""
    offered = (*options, NONE, UNKNOWN)
    picked = [answer] if answer is not None else parse_options(text, offered)
    if picked:
        if UNKNOWN in picked or NONE in picked:
            return (None if UNKNOWN in picked else []) if len(picked) == 1 else NOT_UNDERSTOOD
        return picked if all(p in options for p in picked) else NOT_UNDERSTOOD
    if is_dont_know(text):
        return None
    if is_none_of_these(text):
        return []
    yes = parse_yes_no(text)
    if yes is False:
        return []
    if yes is True and len(options) == 1:
        return list(options)
    words = set(normalize(text).split())
    named = [option for option in options if words & _short_names(kb, option)]
    return named or NOT_UNDERSTOOD


def read_answer(
    kb: KnowledgeBase,
    question: Question,
    text: str,
    answer: str | None,
    today: date,
    options: Sequence[str] = (),
) -> Any:
    """The fact value (None for "I don't know"), NOT_UNDERSTOOD, or OTHER_FACT. `options` are what
    a list question offered this person."""
    if question.type == "list":
        return _read_list(kb, text, answer, options)
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


def stated_facts(kb: KnowledgeBase, text: str, country: str | None = None) -> dict[str, str]:
    """Country facts the wording makes clear ("soy venezolana", "estoy en Cúcuta"), and the state or
    province of a city or region it names ("Houston" -> US-TX) in the person's country."""
    roles = kb.places.roles(text)
    facts = {fact: code for fact, code in roles.items() if fact in kb.questions}
    here = roles.get("current_country") or country
    if here and (region := kb.places.region(text, here)):
        facts["current_region"] = region
    return facts


def stored(value: Any) -> Any:
    """Facts live in a Rasa slot, so dates are kept as ISO text."""
    return value.isoformat() if isinstance(value, date) else value
