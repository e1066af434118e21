"""A turn being built: the state as it changes, the replies and effects collected, and the moves
every step shares (record facts, ask what the engine needs next, show the results)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from bot.conversation import replies
from bot.conversation.desk import Desk
from bot.conversation.reading import Reading
from bot.conversation.state import LANGUAGE, Effect, Handoff, Message, Reply, State, Turn
from bot.eligibility.engine import Outcome, assess, list_options, list_options_among
from bot.i18n.followups import Followup
from bot.kb.facts import is_partial
from bot.kb.model import KnowledgeBase


def missing_precision(value: Any) -> str | None:
    """What a date given only in part still lacks: "month" for "2021", "day" for "2021-03"; None
    for a full date, an age's interval of birth dates, or anything else."""
    if not isinstance(value, str) or "/" in value or not is_partial(value):
        return None
    return "month" if len(value) == 4 else "day"


def stored(value: Any) -> Any:
    """Facts live in a Rasa slot, so dates are kept as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


class TurnBuilder:
    """Collects replies and effects while the state changes."""

    def __init__(
        self,
        kb: KnowledgeBase,
        state: State,
        message: Message,
        today: date,
        handoff: Handoff | None = None,
        desk: Desk | None = None,
    ) -> None:
        self.kb, self.state, self.message, self.today = kb, state, message, today
        self.handoff = handoff  # what became of the conversation's ticket, when it has one
        self.desk = desk  # the booking desk; None: this conversation cannot book
        self.reading = Reading(kb, message, state, today)
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []
        self._pending_options: list[str] | None = None

    def say(self, response: str, **args: Any) -> None:
        self.replies.append(Reply(response, args))

    def effect(self, effect: Effect) -> None:
        if effect not in self.effects:
            self.effects.append(effect)

    def update(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)

    def hand_off(self, effect: Effect) -> Turn:
        """Open (or reuse) a ticket and pause: a person will answer; the pending question waits."""
        self.effect(effect)
        self.update(handoff=True, flow=None)
        self.say(replies.HANDOFF_CREATED)
        return self.done()

    def done(self) -> Turn:
        return Turn(self.state, self.replies, tuple(self.effects))

    @property
    def typed(self) -> bool:
        """The person wrote free text (not a button, not option numbers): what was understood is
        said back."""
        reading = self.reading
        return reading.message.answer is None and reading.option_value is None and not reading.numbers_only

    # -- facts ---------------------------------------------------------------------------------
    def absorb(self, facts: dict[str, Any]) -> dict[str, Any]:
        """Record facts not yet known, in the order given; never overwrites. Returns what was new."""
        new = {}
        for fact, value in facts.items():
            if fact not in self.state.facts:
                new[fact] = stored(value)
                self.update(
                    facts={**self.state.facts, fact: new[fact]},
                    answered=(*self.state.answered, fact),
                )
        return new

    def correct(self, facts: dict[str, Any]) -> None:
        """Replace facts the person corrected; the results are worked out again."""
        answered = tuple(f for f in self.state.answered if f not in facts) + tuple(facts)
        self.update(facts={**self.state.facts, **{f: stored(v) for f, v in facts.items()}}, answered=answered)

    def note(self, understood: dict[str, Any]) -> None:
        """Say back what was understood from free text ("Anotado: llegaste en noviembre de 2024")."""
        shown = {fact: value for fact, value in understood.items() if fact in self.kb.questions}
        if shown and self.typed:
            self.say(replies.UNDERSTOOD, understood=shown, on=self.today.isoformat())

    def say_why(self) -> None:
        """The conditions of the results shown, in plain sentences."""
        state = self.state
        self.say(replies.WHY, results=list(state.results), facts=state.facts, on=self.today.isoformat())

    def say_followup(self, topic: str, followup: Followup | None = None) -> None:
        """A short answer about a pathway, a term or a need (bot/nlg/followup.py)."""
        state = self.state
        self.say(
            replies.FOLLOWUP,
            topic=topic,
            pathway=followup.pathway if followup else None,
            term=followup.term if followup else None,
            need=followup.need if followup else None,
            results=list(state.results),
            facts=state.facts,
            on=self.today.isoformat(),
            country=state.facts.get("current_country"),
        )

    # -- the questionnaire ---------------------------------------------------------------------
    def pending_options(self) -> list[str]:
        """What the pending list question offers this person (worked out once per turn)."""
        if self._pending_options is None:
            question = self.kb.questions.get(self.state.pending or "")
            if question is None or question.type != "list":
                self._pending_options = []
            else:
                self._pending_options = list_options(self.kb, self.state.facts, self.today, question.fact)
        return self._pending_options

    def carry_on(self) -> Turn:
        """Ask what the engine needs next, or present the results."""
        outcomes, fact = assess(self.kb, self.state.facts, self.today)
        if fact is not None:
            self.update(pending=fact, misses=0)
            return self.ask(outcomes)
        results = tuple({"pathway": o.pathway.id, "status": o.status} for o in outcomes)
        self.update(pending=None, misses=0, results=results)
        self.say(
            replies.RESULTS,
            results=list(results),
            on=self.today.isoformat(),
            country=self.state.facts.get("current_country"),
            facts=self.state.facts,
        )
        return self.done()

    def ask(self, outcomes: list[Outcome] | None = None) -> Turn:
        """Ask the pending question: a list question with the options that matter to this person,
        a date known only vaguely with the precision it still needs."""
        fact = self.state.pending
        question = self.kb.questions[fact]
        args: dict[str, Any] = {"question": fact}
        known = self.state.facts.get(fact)
        if question.type == "list":
            if outcomes is not None:
                args["options"] = list_options_among(self.kb, outcomes, fact)
            else:
                args["options"] = self.pending_options()
            if not args["options"]:
                del args["options"]
        elif question.type == "date" and (missing := missing_precision(known)):
            args.update(
                {"precision": missing, "year": int(known)}
                if missing == "month"
                else {"precision": missing, "month": known}
            )
        self.say(replies.ASK_QUESTION, **args)
        return self.done()

    def ask_year(self) -> Turn:
        """A time with no year ("antes de la pandemia"): ask the year, once, without a miss."""
        self.say(replies.ASK_QUESTION, question=self.state.pending, precision="year")
        return self.done()

    def reask(self) -> Turn:
        pending = self.state.pending
        if pending in self.kb.questions:
            if pending not in self.state.facts or missing_precision(self.state.facts[pending]):
                return self.ask()
            return self.carry_on()  # answered meanwhile (an urgent message that also answered it)
        if self.state.pending == LANGUAGE:
            self.say(replies.ASK_LANGUAGE)
            return self.done()
        return self.carry_on()
