"""The answer step: what the message says to the pending question, read from the turn's Reading."""

from __future__ import annotations

import re
from typing import Any

from bot.conversation import replies
from bot.conversation.builder import TurnBuilder, missing_precision
from bot.conversation.flows import offer_person
from bot.conversation.reading import Reading
from bot.conversation.state import Turn
from bot.i18n import lexicon
from bot.i18n.answers import is_none_of_these, parse_options
from bot.i18n.followups import Followup
from bot.i18n.text import contains_phrase, normalized
from bot.kb.model import NONE, UNKNOWN, KnowledgeBase, Question

NOT_UNDERSTOOD = object()
# The message names where the person is when asked where they are from ("estoy en Colombia"): it
# answers that other question, not this one.
OTHER_FACT = object()

_YEAR = re.compile(r"\b(\d{2}|\d{4})\b")
_CLAIM_WORDS = {claim: normalized(words) for claim, words in lexicon.CLAIM_WORDS.items()}
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{1,7})\)|\b([A-Z]{3,6})\b")


def _short_names(kb: KnowledgeBase, pathway_id: str) -> set[str]:
    """The short names people type for a programme ("CPP", "PPT", "TPS", "CHNV"), from its names."""
    try:
        names = kb.pathway(pathway_id).name.values()
    except KeyError:
        return set()
    return {(a or b).lower() for name in names for a, b in _ACRONYM.findall(name)}


def _read_list(turn: TurnBuilder) -> Any:
    """What a list question's reply picks: option numbers ("1 3"), "none", "I don't know", a no, a
    yes when only one thing was offered, or short names ("tuve el CPP")."""
    reading, options = turn.reading, turn.pending_options()
    offered = (*options, NONE, UNKNOWN)
    answer = reading.message.answer
    picked = [answer] if answer is not None else parse_options(reading.text, offered)
    if picked:
        if UNKNOWN in picked or NONE in picked:
            return (None if UNKNOWN in picked else []) if len(picked) == 1 else NOT_UNDERSTOOD
        return picked if all(p in options for p in picked) else NOT_UNDERSTOOD
    if reading.dont_know:
        return None
    if is_none_of_these(reading.text):
        return []
    yes = reading.yes_no()
    if yes is False:
        return []
    if yes is True and len(options) == 1:
        return list(options)
    words = set(reading.words.split())
    named = [option for option in options if words & _short_names(turn.kb, option)]
    named += [c for c in options if c in _CLAIM_WORDS and contains_phrase(reading.words, _CLAIM_WORDS[c])]
    return named or NOT_UNDERSTOOD


def _from_option(question: Question, value: str, reading: Reading) -> Any:
    if value == UNKNOWN:
        return None
    if question.type == "boolean":
        return {"yes": True, "no": False}.get(value, NOT_UNDERSTOOD)
    if question.type == "date":
        spoken = reading.date(question.fact, value)
        return spoken.value if spoken else NOT_UNDERSTOOD
    return value.upper() if len(value) == 2 and value.isalpha() else NOT_UNDERSTOOD


def _read_date(turn: TurnBuilder, question: Question) -> Any:
    """A date, with what is already known: asked for the month of a year already given, "marzo"
    means March of that year."""
    reading = turn.reading
    known = turn.state.facts.get(question.fact)
    missing = missing_precision(known)
    if missing == "day" and reading.words.isdigit() and 1 <= int(reading.words) <= 31:
        spoken = reading.date(question.fact, f"{int(reading.words)}/{known[5:7]}/{known[:4]}")
    elif missing and not _YEAR.search(reading.words):
        spoken = reading.date(question.fact, f"{reading.words} {known[:4]}")
    else:
        spoken = reading.date(question.fact)
    return spoken.value if spoken else None


def read_answer(turn: TurnBuilder) -> Any:
    """The fact value (None for "I don't know"), NOT_UNDERSTOOD, or OTHER_FACT."""
    reading = turn.reading
    question = turn.kb.questions[turn.state.pending]
    if question.type == "list":
        return _read_list(turn)
    if reading.option_value is not None:
        return _from_option(question, reading.option_value, reading)
    if question.type == "date":
        value = _read_date(turn, question)
    elif reading.dont_know:
        return None
    elif question.type == "boolean":
        value = reading.yes_no(question.fact)
    else:
        roles = reading.roles
        # A city or "estoy en X" is never a nationality. (The other way round is left alone: in
        # French "Argentine" is both the country and a demonym.)
        if question.fact == "nationality" and "nationality" not in roles and "current_country" in roles:
            return OTHER_FACT
        value = roles.get(question.fact) or reading.country
    if value is None and reading.dont_know:
        return None
    return NOT_UNDERSTOOD if value is None else value


def answer(turn: TurnBuilder) -> Turn | None:
    """The answer step: record the answer to the pending question and ask the next one."""
    fact = turn.state.pending
    if fact not in turn.kb.questions:
        return None
    if turn.reading.followup is not None and turn.reading.followup.topic == "term":
        return _short_answer(turn, turn.reading.followup)  # "¿qué es el PPT?" is not "I had the PPT"
    if turn.kb.questions[fact].type == "country" and (places := turn.reading.ambiguous_places):
        turn.say(replies.ASK_QUESTION, question=fact, choices=places)  # "Santiago": which country?
        return turn.done()
    value = read_answer(turn)
    if value is NOT_UNDERSTOOD:
        return _not_understood(turn)
    understood: dict[str, Any] = {}
    if value is not OTHER_FACT:
        if fact in turn.state.facts:  # a date given more precisely
            turn.correct({fact: value})
            understood[fact] = turn.state.facts[fact]
        else:
            understood.update(turn.absorb({fact: value}))
    understood.update(turn.absorb(turn.reading.stated))
    turn.note(understood)
    return turn.carry_on()


def _short_answer(turn: TurnBuilder, followup: Followup) -> Turn:
    """A need ("necesito trabajo") or a term ("¿qué es el PPT?") in the middle of the questions:
    a short answer, then the question again."""
    turn.say_followup(followup.topic, followup)
    return turn.reask()


def _not_understood(turn: TurnBuilder) -> Turn:
    """A reply that answers nothing: a vague time gets "which year?", a greeting a welcome back, a
    need or a term its short answer; otherwise "I did not understand", and a person after two."""
    reading, question = turn.reading, turn.kb.questions[turn.state.pending]
    if question.type == "date" and reading.vague_time and turn.state.misses == 0:
        turn.update(misses=1)
        return turn.ask_year()
    if reading.greeting:
        turn.say(replies.WELCOME_BACK)
        return turn.reask()
    followup = reading.followup
    if followup is not None and followup.topic in ("need", "term"):
        return _short_answer(turn, followup)
    misses = turn.state.misses + 1
    turn.update(misses=misses)
    if misses >= 2:
        return offer_person.start(turn)
    turn.say(replies.NOT_UNDERSTOOD)
    return turn.reask()
