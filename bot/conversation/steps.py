"""The steps of a turn, in the order they are tried. Each returns the finished turn or None to let
the next one look at the message (bot/conversation/turn.py runs them).

paused → safety → channel events → first contact → open flow → correction → command → language →
answer → after the results.
"""

from __future__ import annotations

import re
from typing import Any

from bot.conversation import replies
from bot.conversation.answering import NOT_UNDERSTOOD, OTHER_FACT, read_answer
from bot.conversation.builder import TurnBuilder
from bot.conversation.flows import confirm_delete, handle_open_flow
from bot.conversation.state import LANGUAGE, Effect, Handoff, Turn

_FULL_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{4}-\d{2}-\d{2}")
# Danger that makes a "do you fear going back?" answer a yes by itself.
_FEAR_CATEGORIES = {"threat_to_life", "persecution", "violence"}


def _greet_in(turn: TurnBuilder, language: str) -> None:
    """The language is known: the consent notice, once."""
    turn.update(language=language)
    if turn.state.pending == LANGUAGE:
        turn.update(pending=None)
    if not turn.state.consent_shown:
        turn.update(consent_shown=True)
        turn.effect(Effect.CONSENT)
        turn.say(replies.CONSENT)


# -- the pause -------------------------------------------------------------------------------------
def paused(turn: TurnBuilder) -> Turn | None:
    """While a ticket holds the conversation the bot says nothing: the message goes to the console
    (danger in it escalates the ticket). Erasure always works; "menu" takes the person back to the
    assistant while nobody has claimed the ticket. Once handed back, the turn goes on from the
    pending question, or from the menu."""
    if not turn.state.handoff:
        return None
    status = turn.handoff
    if status in (None, Handoff.RESUME, Handoff.RESUME_MENU):
        turn.update(handoff=False)
        if status is Handoff.RESUME_MENU:
            turn.update(facts={}, answered=(), pending=None, results=(), misses=0, flow=None, booking={})
            if turn.reading.command != "start_over":  # else the command itself says so
                turn.say(replies.RESTARTED)
        return None
    if status is Handoff.RELEASED:
        return None  # the ticket waits in the queue; the assistant talks meanwhile
    reading = turn.reading
    command = reading.command or reading.nlu_command
    if turn.state.flow == confirm_delete.NAME:
        if confirm_delete.handle(turn) is not None and Effect.ERASE in turn.effects:
            return turn.done()
        turn.replies = [r for r in turn.replies if r.response == replies.DELETE_CANCELLED]
        if not turn.replies:
            turn.say(replies.DELETE_CANCELLED)
        return turn.done()
    if command == "delete_data":
        return confirm_delete.start(turn)
    if command == "start_over" and status is Handoff.WAITING:
        turn.effect(Effect.RELEASE)
        return None  # and "menu" does what it always does
    turn.effect(Effect.HANDOFF_MESSAGE)
    if reading.danger:
        turn.effect(Effect.URGENT)
    turn.say(replies.HANDOFF_WAITING, status=status.value)
    return turn.done()


# -- safety ---------------------------------------------------------------------------------------
def safety(turn: TurnBuilder) -> Turn | None:
    """Danger first, every turn: acknowledge, give the contacts for the person's country, keep
    what the message says, and open an urgent ticket: a person will answer."""
    reading = turn.reading
    new = [c for c in reading.danger if c not in turn.state.urgent]
    if not new:
        return None
    state = turn.state
    if state.language is None and (language := reading.language_switch or reading.detected_language):
        turn.update(language=language)
    kept = _answer_if_any(turn)
    feared = bool(_FEAR_CATEGORIES & set(new))
    fear = feared and (state.pending == "fear_of_return" or reading.yes_no("fear_of_return") is True)
    if "fear_of_return" not in kept and fear:
        kept.update(turn.absorb({"fear_of_return": True}))  # "they will kill me if I go back"
    kept.update(turn.absorb(reading.stated))
    turn.update(urgent=(*turn.state.urgent, *new))
    country = turn.state.facts.get("current_country")
    turn.say(
        replies.URGENT,
        categories=list(reading.danger),
        country=country,
        region=turn.state.facts.get("current_region"),
    )
    if turn.state.language is not None and not turn.state.consent_shown:
        _greet_in(turn, turn.state.language)  # the consent notice, after what cannot wait
    if turn.state.language is None:
        turn.update(pending=LANGUAGE)  # asked again when the bot talks again
    return turn.hand_off(Effect.URGENT)


def _answer_if_any(turn: TurnBuilder) -> dict[str, Any]:
    """The pending question's answer, when the message also gives one."""
    if turn.state.pending not in turn.kb.questions:
        return {}
    value = read_answer(turn)
    if value is NOT_UNDERSTOOD or value is OTHER_FACT:
        return {}
    return turn.absorb({turn.state.pending: value})


# -- what the channel sent -------------------------------------------------------------------------
def channel_events(turn: TurnBuilder) -> Turn | None:
    """A shared location fills the country; a photo or voice note cannot be read: say so."""
    message, state = turn.message, turn.state
    if message.intent == "shared_location" and message.location_country and state.language:
        if "current_country" not in state.facts:  # never overrides what the person said
            turn.absorb({"current_country": message.location_country})
            turn.say(replies.LOCATION_NOTED, country=message.location_country)
            return turn.carry_on()
        return turn.reask()
    if message.intent in ("media", "shared_location"):
        turn.say(replies.TEXT_ONLY)
        if state.language:
            return turn.reask()
        turn.update(pending=LANGUAGE)
        turn.say(replies.ASK_LANGUAGE)
        return turn.done()
    return None


# -- first contact ---------------------------------------------------------------------------------
def first_contact(turn: TurnBuilder) -> Turn | None:
    """No language yet: a choice at the menu, a language named, or one recognised from any ordinary
    first message ("ola bns tardes", "soy d venezuela toy en lima"), whose facts are kept."""
    if turn.state.language is not None:
        return None
    reading = turn.reading
    chosen = reading.language_choice if reading.at_language_menu else reading.language_switch
    language = chosen or reading.detected_language
    if language is None:
        turn.update(pending=LANGUAGE)
        turn.say(replies.ASK_LANGUAGE)
        return turn.done()
    _greet_in(turn, language)
    if chosen is None:
        turn.note(turn.absorb(reading.stated))
    return turn.carry_on()


def open_flow(turn: TurnBuilder) -> Turn | None:
    return handle_open_flow(turn)


# -- corrections ----------------------------------------------------------------------------------
def correction(turn: TurnBuilder) -> Turn | None:
    """ "No, perdón, soy colombiana", "no, estoy en Ecuador", "I meant 2019": a fact already given
    is stated again differently, at any point; it is replaced and the results worked out again."""
    reading, state = turn.reading, turn.state
    answering = state.pending in turn.kb.questions and not reading.correction_cue
    if answering and read_answer(turn) not in (NOT_UNDERSTOOD, OTHER_FACT):
        return None  # "Argentine" at "where are you now?" answers it, it corrects nothing
    changed = {
        fact: value
        for fact, value in reading.stated.items()
        if fact in state.facts and fact != state.pending and state.facts[fact] != value
    }
    if not changed and (reading.correction_cue or _only_a_date(turn)):
        changed = _corrected_date(turn)
    if not changed:
        return None
    if "current_country" in changed and "current_region" not in reading.stated:
        changed.setdefault("current_region", None)
    turn.correct(changed)
    facts = {f: v for f, v in turn.state.facts.items() if not (f == "current_region" and v is None)}
    turn.update(facts=facts, results=())
    turn.note({f: turn.state.facts.get(f) for f in changed if f in facts})
    turn.absorb(reading.stated)
    return turn.carry_on()


def _only_a_date(turn: TurnBuilder) -> bool:
    """A full date typed at a question that is not about a date ("01/06/2022" after going back one
    step too far): it corrects the date given before."""
    question = turn.kb.questions.get(turn.state.pending or "")
    if question is None or question.type == "date":
        return False
    return bool(_FULL_DATE.fullmatch(turn.reading.text.strip()))


def _corrected_date(turn: TurnBuilder) -> dict[str, Any]:
    """ "I meant 2019": the date answered last, read again."""
    dates = [
        f for f in turn.state.answered if turn.kb.questions.get(f) and turn.kb.questions[f].type == "date"
    ]
    if not dates or turn.state.pending == dates[-1]:
        return {}
    spoken = turn.reading.date(dates[-1])
    if spoken is None or spoken.value == turn.state.facts.get(dates[-1]):
        return {}
    return {dates[-1]: spoken.value}


# -- commands -------------------------------------------------------------------------------------
def command(turn: TurnBuilder) -> Turn | None:
    """A command the words make; or NLU's, when the message answers nothing else."""
    intent = turn.reading.command
    if intent is None and (second := turn.reading.nlu_command):
        answers = turn.state.pending in turn.kb.questions and read_answer(turn) is not NOT_UNDERSTOOD
        intent = None if answers or turn.reading.states_something else second
    if intent is None:
        return None
    state = turn.state
    if intent == "start_over":
        turn.update(facts={}, answered=(), pending=None, results=(), misses=0, flow=None, booking={})
        turn.say(replies.RESTARTED)
        return turn.carry_on()
    if intent == "go_back":
        return _go_back(turn)
    if intent == "change_language":
        turn.update(pending=LANGUAGE, flow=None)
        turn.say(replies.ASK_LANGUAGE)
        return turn.done()
    if intent == "human":
        return turn.hand_off(Effect.TICKET_ASKED)
    if intent == "delete_data":
        return confirm_delete.start(turn)
    # why
    if state.results and state.pending is None:
        turn.say_why()
        return turn.done()
    if state.pending in turn.kb.questions:
        turn.say(replies.WHY_QUESTION, question=state.pending)
        return turn.reask()
    turn.say(replies.WHY_NOTHING)
    return turn.reask()


def _go_back(turn: TurnBuilder) -> Turn:
    state = turn.state
    if not state.answered:
        turn.say(replies.NOTHING_TO_UNDO)
        return turn.reask()
    last = state.answered[-1]
    facts = {k: v for k, v in state.facts.items() if k != last}
    turn.update(facts=facts, answered=state.answered[:-1], results=(), misses=0, pending=last)
    turn.say(replies.WENT_BACK)
    return turn.reask()


# -- language -------------------------------------------------------------------------------------
def language(turn: TurnBuilder) -> Turn | None:
    """At the menu: the language chosen (or recognised from what the person wrote instead).
    Anywhere: "mejor en español", "english please"."""
    reading = turn.reading
    if reading.at_language_menu:
        chosen = reading.language_choice or reading.language_switch or reading.detected_language
        if chosen is None:
            turn.say(replies.ASK_LANGUAGE)
            return turn.done()
        turn.update(language=chosen, pending=None)
        turn.say(replies.LANGUAGE_CHANGED)
        turn.absorb(reading.stated)
        return turn.carry_on()
    switch = reading.language_switch
    if switch is None:
        return None
    turn.update(language=switch)
    turn.say(replies.LANGUAGE_CHANGED)
    return turn.reask()


# -- after the results ----------------------------------------------------------------------------
def after_results(turn: TurnBuilder) -> Turn | None:
    """The results have been shown: new facts update them; "why", costs, places, terms, needs and
    thanks get a short answer; anything else an honest "I can't answer that; here is who can"."""
    state, reading = turn.state, turn.reading
    if state.pending is not None:
        return None
    new = turn.absorb(reading.stated)  # "¿dónde queda en Arequipa?" also says where they are
    followup = reading.followup
    asks = followup is not None or reading.asks_why
    if not state.results or reading.asks_for_results or (new and not asks):
        turn.note(new)
        return turn.carry_on()
    if reading.asks_why or (followup is not None and followup.topic == "why"):
        turn.say_why()
    else:
        turn.say_followup(followup.topic if followup else "other", followup)
    return turn.done()
