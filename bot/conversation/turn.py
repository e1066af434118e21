"""One turn: language, consent, global commands, the pending question, then what the engine says next.

Global commands (menu/restart, back, language, a person, delete my data, why) come from NLU
intents and work at any point; an answer that plainly reads as an answer to the pending question
wins over a command NLU is unsure of.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from difflib import get_close_matches

from bot.conversation.reading import NOT_UNDERSTOOD, OTHER_FACT, read_answer, stated_facts, stored
from bot.conversation.state import (
    CONFIRM_DELETE,
    LANGUAGE,
    OFFER_HUMAN,
    Effect,
    Message,
    Reply,
    State,
    Turn,
)
from bot.eligibility.engine import Outcome, assess, list_options, list_options_among
from bot.i18n import lexicon
from bot.i18n.answers import detect_language, parse_language, parse_option, parse_yes_no
from bot.i18n.text import contains_phrase, normalize, normalized
from bot.kb.model import KnowledgeBase
from bot.settings import SUPPORTED_LANGUAGES

COMMANDS = ("start_over", "go_back", "change_language", "human", "delete_data", "why")
COMMAND_CONFIDENCE = 0.6  # below this an intent is not trusted as a command
YES_NO = ("yes", "no")


def _options(kb: KnowledgeBase, state: State, today: date) -> list[str]:
    """What the pending list question offers this person (empty for other questions)."""
    question = kb.questions.get(state.pending or "")
    if question is None or question.type != "list":
        return []
    return list_options(kb, state.facts, today, question.fact)


class _TurnBuilder:
    """Collects replies and effects while the state changes."""

    def __init__(self, kb: KnowledgeBase, state: State, message: Message, today: date) -> None:
        self.kb, self.state, self.message, self.today = kb, state, message, today
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []
        self._pending_options: list[str] | None = None

    def read(self, answer: str | None) -> object:
        """The pending question's answer read from the message (a list question's options are
        worked out once per turn, against the facts the question was asked with)."""
        if self._pending_options is None:
            self._pending_options = _options(self.kb, self.state, self.today)
        question = self.kb.questions[self.state.pending]
        return read_answer(self.kb, question, self.message.text, answer, self.today, self._pending_options)

    def say(self, response: str, **args) -> None:
        self.replies.append(Reply(response, args))

    def update(self, **changes) -> None:
        self.state = replace(self.state, **changes)

    def done(self) -> Turn:
        return Turn(self.state, self.replies, tuple(self.effects))

    # -- the questionnaire -------------------------------------------------------------------
    def absorb(self, facts: dict) -> None:
        """Record facts not yet known, in the order given; a fact is never overwritten here."""
        for fact, value in facts.items():
            if fact not in self.state.facts:
                self.update(
                    facts={**self.state.facts, fact: stored(value)},
                    answered=(*self.state.answered, fact),
                )

    def carry_on(self) -> Turn:
        """Ask what the engine needs next, or present the results."""
        outcomes, fact = assess(self.kb, self.state.facts, self.today)
        if fact is not None:
            self.update(pending=fact, misses=0)
            return self.ask(outcomes)
        results = tuple({"pathway": o.pathway.id, "status": o.status} for o in outcomes)
        self.update(pending=None, misses=0, results=results)
        self.say(
            "utter_results",
            results=list(results),
            on=self.today.isoformat(),
            country=self.state.facts.get("current_country"),
            facts=self.state.facts,
        )
        return self.done()

    def ask(self, outcomes: list[Outcome] | None = None) -> Turn:
        """Ask the pending question (a list question with the options that matter to this person,
        from `outcomes` when the caller has just evaluated them)."""
        question = self.kb.questions[self.state.pending]
        if question.type != "list":
            options = []
        elif outcomes is not None:
            options = list_options_among(self.kb, outcomes, question.fact)
        else:
            options = _options(self.kb, self.state, self.today)
        self.say(
            "utter_ask_question", question=self.state.pending, **({"options": options} if options else {})
        )
        return self.done()

    def reask(self) -> Turn:
        if self.state.pending in self.kb.questions:
            return self.ask()
        if self.state.pending == LANGUAGE:
            self.say("utter_ask_language")
            return self.done()
        return self.carry_on()

    # -- language ----------------------------------------------------------------------------
    def read_language(self, allow_detection: bool) -> tuple[str | None, bool]:
        """The language chosen or detected, and whether it was detected from free text."""
        message = self.message
        if message.answer in SUPPORTED_LANGUAGES:
            return message.answer, False
        if self.state.pending == LANGUAGE and (choice := parse_option(message.text, SUPPORTED_LANGUAGES)):
            return choice, False
        named = parse_language(message.text, SUPPORTED_LANGUAGES)
        if named or not allow_detection:
            return named, False
        detected = detect_language(message.text, SUPPORTED_LANGUAGES)
        return detected, detected is not None

    def first_contact(self) -> Turn:
        language, detected = self.read_language(allow_detection=self.state.pending is None)
        if language is None:
            self.update(pending=LANGUAGE)
            self.say("utter_ask_language")
            return self.done()
        self.update(language=language, pending=None)
        if not self.state.consent_shown:
            self.update(consent_shown=True)
            self.effects.append(Effect.CONSENT)
            self.say("utter_consent")
        if detected:  # "hola, soy venezolana y estoy en Cúcuta"; but "español" names a language only
            self.absorb(stated_facts(self.kb, self.message.text, self.state.facts.get("current_country")))
        return self.carry_on()

    # -- commands ----------------------------------------------------------------------------
    def command(self, intent: str) -> Turn:
        if intent == "start_over":
            self.update(facts={}, answered=(), pending=None, results=(), misses=0, flow=None)
            self.say("utter_restarted")
            return self.carry_on()
        if intent == "go_back":
            if not self.state.answered:
                self.say("utter_nothing_to_undo")
                return self.reask()
            last = self.state.answered[-1]
            facts = {k: v for k, v in self.state.facts.items() if k != last}
            self.update(facts=facts, answered=self.state.answered[:-1], results=(), misses=0)
            self.update(pending=last)
            self.say("utter_went_back")
            return self.reask()
        if intent == "change_language":
            self.update(pending=LANGUAGE, flow=None)
            self.say("utter_ask_language")
            return self.done()
        if intent == "human":
            self.effects.append(Effect.TICKET_ASKED)
            self.say("utter_handoff_created")
            return self.reask()
        if intent == "delete_data":
            self.update(flow=CONFIRM_DELETE)
            self.say("utter_confirm_delete")
            return self.done()
        # why
        if self.state.results and self.state.pending is None:
            self.say(
                "utter_why",
                results=list(self.state.results),
                facts=self.state.facts,
                on=self.today.isoformat(),
            )
            return self.done()
        if self.state.pending in self.kb.questions:
            self.say("utter_why_question", question=self.state.pending)
            return self.reask()
        self.say("utter_why_nothing")
        return self.reask()

    # -- flows: confirmations that interrupt the questionnaire ----------------------------------
    def flow_answer(self) -> Turn | None:
        """Handle a yes/no to an open confirmation; None when the message is not a yes or no."""
        message = self.message
        choice = message.answer if message.answer in YES_NO else parse_option(message.text, YES_NO)
        yes = {"yes": True, "no": False}.get(choice) if choice else parse_yes_no(message.text)
        if yes is None:
            return None
        flow = self.state.flow
        self.update(flow=None)
        if flow == CONFIRM_DELETE:
            if yes:
                self.effects.append(Effect.ERASE)
                self.state = State()
                self.say("utter_data_deleted")
                return self.done()
            self.say("utter_delete_cancelled")
            return self.reask()
        # OFFER_HUMAN
        self.update(misses=0)
        if yes:
            self.effects.append(Effect.TICKET_MISUNDERSTOOD)
            self.say("utter_handoff_created")
        else:
            self.say("utter_handoff_declined")
        return self.reask()

    # -- answers -----------------------------------------------------------------------------
    def answer(self) -> Turn:
        fact = self.state.pending
        value = self.read(self.message.answer)
        if value is NOT_UNDERSTOOD:
            misses = self.state.misses + 1
            self.update(misses=misses)
            if misses >= 2:
                self.update(flow=OFFER_HUMAN)
                self.say("utter_offer_human")
                return self.done()
            self.say("utter_not_understood")
            return self.reask()
        if value is not OTHER_FACT:
            self.absorb({fact: value})
        self.absorb(stated_facts(self.kb, self.message.text, self.state.facts.get("current_country")))
        return self.carry_on()


def _is_command(message: Message) -> bool:
    return message.intent in COMMANDS and message.confidence >= COMMAND_CONFIDENCE and message.answer is None


_GREETINGS = normalized(lexicon.GREETINGS)
_COMMAND_WORDS = {intent: normalized(words) for intent, words in lexicon.COMMAND_WORDS.items()}
_COMMAND_SINGLE_WORDS = {
    intent: [w for w in words if " " not in w and len(w) >= 4] for intent, words in _COMMAND_WORDS.items()
}


def _greets(message: Message) -> bool:
    return message.intent == "greet" and contains_phrase(normalize(message.text), _GREETINGS)


def _command_words(message: Message) -> str | None:
    """ "exact" when the text contains a word of the command NLU chose (any language), "close"
    when it contains a near misspelling of one ("borar" for "borrar"), else None."""
    words = normalize(message.text)
    if contains_phrase(words, _COMMAND_WORDS[message.intent]):
        return "exact"
    single = _COMMAND_SINGLE_WORDS[message.intent]
    tokens = [t for t in words.split() if len(t) >= 4]
    return "close" if any(get_close_matches(t, single, n=1, cutoff=0.8) for t in tokens) else None


def _command_wins(turn: _TurnBuilder) -> bool:
    """NLU chooses which command; the text must name it. A misspelt command word counts only when
    the text is not also an answer: "Argentine" is close to "agente" but answers the question."""
    if not _is_command(turn.message):
        return False
    named = _command_words(turn.message)
    if named == "exact":
        return True
    if named is None:
        return False
    if turn.state.pending in turn.kb.questions:
        return turn.read(None) is NOT_UNDERSTOOD
    return True


def take_turn(kb: KnowledgeBase, state: State, message: Message, today: date) -> Turn:
    """Read the person's message and decide what to say next."""
    turn = _TurnBuilder(kb, state, message, today)
    if message.intent == "shared_location" and message.location_country and state.language:
        if "current_country" not in state.facts:  # never overrides what the person said
            turn.absorb({"current_country": message.location_country})
            turn.say("utter_location_noted", country=message.location_country)
            return turn.carry_on()
        return turn.reask()
    if message.intent in ("media", "shared_location"):  # only text can be read: say so, ask again
        turn.say("utter_text_only")
        return turn.reask() if state.language else turn.first_contact()
    if state.language is None:
        return turn.first_contact()
    if state.flow in (CONFIRM_DELETE, OFFER_HUMAN):
        handled = turn.flow_answer()
        if handled is not None:
            return handled
        if state.flow == CONFIRM_DELETE and not _is_command(message):
            turn.update(flow=None)
            turn.say("utter_delete_cancelled")
            return turn.reask()
        turn.update(flow=None)
    if _command_wins(turn) and not (state.pending == LANGUAGE and turn.read_language(False)):
        return turn.command(message.intent)
    if state.pending == LANGUAGE:
        language, _ = turn.read_language(allow_detection=False)
        if language is None:
            turn.say("utter_ask_language")
            return turn.done()
        turn.update(language=language, pending=None)
        turn.say("utter_language_changed")
        return turn.carry_on()
    # "hola" after a pause: welcome back. But a greeting-looking answer ("El Salvador") is an answer.
    greeting = _greets(message) and state.pending in kb.questions and not message.answer
    if greeting and turn.read(None) is NOT_UNDERSTOOD:
        turn.say("utter_welcome_back")
        return turn.reask()
    if state.pending in kb.questions:
        return turn.answer()
    turn.absorb(stated_facts(kb, message.text, state.facts.get("current_country")))
    return turn.carry_on()
