"""One reading of one message: every step of a turn asks it, nothing reads the text twice.

The text is normalised once; each kind of meaning (danger, command words, a language switch, places,
dates, yes/no, a follow-up after the results) is worked out the first time a step asks for it and
kept. Steps never call the parsers themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from difflib import get_close_matches
from functools import cached_property
from typing import Any

from bot.conversation.state import LANGUAGE, Message, State
from bot.i18n import lexicon
from bot.i18n.answers import is_dont_know, parse_option, parse_options, parse_yes_no
from bot.i18n.dates import SpokenDate, is_vague_time, read_date
from bot.i18n.followups import Followup, classify_followup
from bot.i18n.languages import detect_language, parse_language, parse_language_switch
from bot.i18n.text import contains_phrase, normalize, normalized
from bot.kb.model import KnowledgeBase
from bot.safety.signals import danger_signals
from bot.settings import SUPPORTED_LANGUAGES

COMMANDS = ("start_over", "go_back", "change_language", "human", "delete_data", "why")
COMMAND_CONFIDENCE = 0.6  # below this an NLU intent is not even a second opinion

_COMMAND_PHRASES = {intent: normalized(words) for intent, words in lexicon.COMMAND_WORDS.items()}
_COMMAND_FILLER = normalized(lexicon.COMMAND_FILLER)
# Words of an intent's own phrases: "errei, voltar" is two ways of saying "back".
_COMMAND_OWN_WORDS = {
    intent: frozenset(word for phrase in phrases for word in phrase.split())
    for intent, phrases in _COMMAND_PHRASES.items()
}
_CORRECTION_CUES = normalized(lexicon.CORRECTION_CUES)
_HUMAN_REQUESTS = normalized(lexicon.HUMAN_REQUESTS)
_NO_WORDS = frozenset({"no", "nao", "non", "nope", "naum"})
_GREETINGS = normalized(lexicon.GREETINGS)
_SHOW_RESULTS = normalized(lexicon.SHOW_RESULTS)
_ENTRY_CUES = normalized(lexicon.ENTRY_CUES)
_BIRTH_CUES = normalized(lexicon.BIRTH_CUES)
_SINCE_CUES = normalized(lexicon.SINCE_CUES)
_WHY_WORDS = normalized(lexicon.WHY_WORDS)


def _command_in(words: list[str]) -> str | None:
    """The command a message is made of: its words are a command phrase plus filler ("quiero hablar
    con una persona", "borrar mis datos", "atrás"). A command word inside a sentence that says
    something else ("tengo miedo de volver", "gang yo ap touye moun") is not a command."""
    padded = f" {' '.join(words)} "
    for intent, phrases in _COMMAND_PHRASES.items():
        own = _COMMAND_OWN_WORDS[intent]
        for phrase in phrases:
            if f" {phrase} " not in padded:
                continue
            rest = padded.replace(f" {phrase} ", " ", 1).split()
            if all(word in _COMMAND_FILLER or word in own for word in rest):
                return intent
    return None


class Reading:
    """What one message says, read lazily and once."""

    def __init__(self, kb: KnowledgeBase, message: Message, state: State, today: date) -> None:
        self.kb, self.message, self.state, self.today = kb, message, state, today
        self.text = message.text or ""
        self.words = normalize(self.text)
        self._yes_no: dict[str | None, bool | None] = {}
        self._dates: dict[str, SpokenDate | None] = {}

    # -- safety and commands ------------------------------------------------------------------
    @cached_property
    def danger(self) -> tuple[str, ...]:
        """Danger categories the message signals (threats, trafficking, detention, no shelter…)."""
        return danger_signals(self.kb, self.text) if self.words else ()

    @cached_property
    def command(self) -> str | None:
        """The command the words make ("borrar mis datos", "quiero hablar con una persona")."""
        if self.message.answer is not None:
            return None
        if contains_phrase(self.words, _HUMAN_REQUESTS) and not self.danger:
            return "human"
        return _command_in(self.words.split())

    @cached_property
    def nlu_command(self) -> str | None:
        """NLU's command, as a second opinion, when the text names it or misspells its word
        ("borar mis dato"); the caller uses it only when the message answers nothing."""
        intent = self.message.intent
        if self.message.answer is not None or intent not in COMMANDS or self.danger:
            return None
        if self.message.confidence < COMMAND_CONFIDENCE:
            return None
        if contains_phrase(self.words, _COMMAND_PHRASES[intent]):
            return intent
        single = [w for w in _COMMAND_OWN_WORDS[intent] if len(w) >= 4]
        tokens = [t for t in self.words.split() if len(t) >= 4]
        return intent if any(get_close_matches(t, single, n=1, cutoff=0.8) for t in tokens) else None

    @cached_property
    def correction_cue(self) -> bool:
        """ "no, perdón…", "I meant…", "en fait…", "no, estoy en Ecuador": the person is correcting
        something (a "no" opening a longer message counts too)."""
        words = self.words.split()
        opens_with_no = len(words) >= 3 and words[0] in _NO_WORDS
        return opens_with_no or contains_phrase(" ".join(words[:4]), _CORRECTION_CUES)

    @cached_property
    def asks_why(self) -> bool:
        """ "¿por qué no me sale la visa V?", "why not TPS?": a why, with or without more words."""
        return contains_phrase(self.words, _WHY_WORDS)

    @cached_property
    def greeting(self) -> bool:
        return self.words in _GREETINGS or (
            self.message.intent == "greet" and contains_phrase(self.words, _GREETINGS)
        )

    @cached_property
    def asks_for_results(self) -> bool:
        return contains_phrase(self.words, _SHOW_RESULTS)

    # -- language ---------------------------------------------------------------------------
    @cached_property
    def language_choice(self) -> str | None:
        """A language picked at the menu: a button, a code or name, or an option number."""
        if self.message.answer in SUPPORTED_LANGUAGES:
            return self.message.answer
        named = parse_language(self.text, SUPPORTED_LANGUAGES)
        return named or parse_option(self.text, SUPPORTED_LANGUAGES)

    @cached_property
    def language_switch(self) -> str | None:
        """ "mejor en español", "english please", "fala português"."""
        return parse_language_switch(self.text, SUPPORTED_LANGUAGES)

    @cached_property
    def detected_language(self) -> str | None:
        return detect_language(self.text, SUPPORTED_LANGUAGES) if self.words else None

    # -- answers ----------------------------------------------------------------------------
    @cached_property
    def option_value(self) -> str | None:
        """The value of a pressed button or of an option number typed for the pending question."""
        if self.message.answer is not None:
            return self.message.answer
        question = self.kb.questions.get(self.state.pending or "")
        if question is None or question.type == "list":
            return None
        return parse_option(self.text, question.answer_options)

    @cached_property
    def numbers_only(self) -> bool:
        """ "2", "1 3", "1 y 3": option numbers, nothing to say back."""
        return parse_options(self.text, [str(n) for n in range(1, 100)]) is not None

    def options(self, offered: Sequence[str]) -> str | None:
        return parse_option(self.text, offered)

    @cached_property
    def dont_know(self) -> bool:
        return is_dont_know(self.text)

    def yes_no(self, fact: str | None = None) -> bool | None:
        if fact not in self._yes_no:
            self._yes_no[fact] = parse_yes_no(self.text, fact)
        return self._yes_no[fact]

    def date(self, fact: str, text: str | None = None) -> SpokenDate | None:
        key = fact if text is None else f"{fact}|{text}"
        if key not in self._dates:
            self._dates[key] = read_date(self.text if text is None else text, self.today, fact)
        return self._dates[key]

    @cached_property
    def vague_time(self) -> bool:
        return is_vague_time(self.text)

    @cached_property
    def roles(self) -> dict[str, str]:
        """Country facts the wording makes clear ("soy venezolana", "estoy en Cúcuta")."""
        return self.kb.places.roles(self.text)

    @cached_property
    def country(self) -> str | None:
        """The one country the text names, whatever its role."""
        return self.kb.places.country(self.text)

    @cached_property
    def ambiguous_places(self) -> list[str]:
        """The countries a bare, ambiguous place name may mean ("santiago": CL, DO, CU)."""
        return self.kb.places.ambiguous(self.text)

    def region(self, country: str | None) -> str | None:
        return self.kb.places.region(self.text, country)

    @cached_property
    def stated(self) -> dict[str, Any]:
        """Facts the message states plainly, whatever was asked: countries by their cues, the state
        or province of a city, and dates introduced by "llegué / cheguei / since / depi" or "nací"."""
        if self.language_switch:  # "an panyòl souple" names a language, not a nationality
            return {}
        facts: dict[str, Any] = {f: code for f, code in self.roles.items() if f in self.kb.questions}
        if "nationality" in facts and "current_country" not in facts:
            # "soy venezolana, Colombia": the one other country named is where they are
            others = {p.code for p in self.kb.places.find(self.text)} - {facts["nationality"]}
            if len(others) == 1:
                facts["current_country"] = others.pop()
        here = facts.get("current_country") or self.state.facts.get("current_country")
        if here and (region := self.region(here)):
            facts["current_region"] = region
        entry_cues = _ENTRY_CUES | _SINCE_CUES if "current_country" in facts else _ENTRY_CUES
        for fact, cues in (("entry_date", entry_cues), ("birth_date", _BIRTH_CUES)):
            clause = _after_cue(self.words, cues)
            if clause and fact in self.kb.questions and (spoken := self.date(fact, clause)):
                facts[fact] = spoken.value
        return facts

    @cached_property
    def states_something(self) -> bool:
        return bool(self.stated) or self.country is not None

    # -- after the results ------------------------------------------------------------------
    @cached_property
    def followup(self) -> Followup | None:
        return classify_followup(self.kb, self.text, list(self.state.results))

    @property
    def at_language_menu(self) -> bool:
        return self.state.pending == LANGUAGE


def _after_cue(words: str, cues: frozenset[str]) -> str | None:
    """The words from the first cue phrase on ("llegue hace 2 anos" in "soy venezolana llegue hace
    2 anos"), a few words at most."""
    padded = f" {words} "
    best = None
    for cue in cues:
        at = padded.find(f" {cue} ")
        if at >= 0 and (best is None or at < best):
            best = at
    if best is None:
        return None
    return " ".join(padded[best:].split()[:8]) or None
