"""The conversations simulated people hold: with our assistant, the personas of the whole-stack tests
(five languages), each question answered by option number or typed, at random but reproducibly; with
the stock bot, its own greet -> mood -> goodbye path in several phrasings.

A script answers the reply it is shown and says None when the conversation is over.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

from bench.load.replies import Reply
from bot.i18n.catalogs import translate
from bot.i18n.display import country_name
from bot.kb import load_knowledge_base
from bot.settings import get_settings
from tests.helpers.personas import CONVERSATIONS, WORDS

MAX_ANSWERS = 20  # a conversation that has not reached its results by then is given up
NONE, UNKNOWN = "none", "unknown"


@cache
def _questions() -> dict:
    return load_knowledge_base(get_settings().kb_dir).questions


def _labels(value: str, lang: str, is_country: bool) -> set[str]:
    """How an option shows up: its value (REST `custom.options`) or its title in `lang` (SMS)."""
    title = country_name(value, lang) if is_country else translate(lang, f"option.{value}")
    return {value, title}


@dataclass
class OurScript:
    """One persona's conversation with our assistant; `by_number` is how often it picks a number."""

    lang: str
    opening: str
    answers: dict[str, str]
    rng: random.Random
    by_number: float = 0.5
    answered: int = 0
    numbers_sent: int = 0
    texts_sent: int = 0
    reached_end: bool = False  # the results arrived (else it was given up)

    def first(self) -> str:
        return self.opening

    def _wanted(self, fact: str) -> str | None:
        """The option value this persona means for `fact`, when one of the numbered options says it."""
        question = _questions().get(fact)
        typed = self.answers.get(fact)
        if question is None:
            return None
        if question.type == "list":
            return NONE if typed is None else None  # holds nothing (a typed holding stays typed)
        if question.type == "boolean":
            words = WORDS[self.lang]
            return {words["yes"]: "yes", words["no"]: "no"}.get(typed or "")
        if question.type == "country" and typed:
            named = [c for c in question.options if country_name(c, self.lang).lower() in typed.lower()]
            return named[0] if named else None
        return None

    def _number_of(self, reply: Reply, value: str, is_country: bool = False) -> str | None:
        labels = _labels(value, self.lang, is_country)
        for number, option in enumerate(reply.options, start=1):
            if option in labels:
                return str(number)
        return None

    def _send(self, text: str, is_number: bool) -> str:
        self.answered += 1
        if is_number:
            self.numbers_sent += 1
        else:
            self.texts_sent += 1
        return text

    def next(self, reply: Reply) -> str | None:
        if reply.finished or self.answered >= MAX_ANSWERS:
            self.reached_end = reply.finished
            return None
        if reply.follow_up or reply.fact is None:
            number = self._number_of(reply, UNKNOWN)  # "which month?": I don't remember
            return self._send(number, True) if number else self._send(WORDS[self.lang]["no"], False)
        wanted = self._wanted(reply.fact)
        is_country = getattr(_questions().get(reply.fact), "type", "") == "country"
        number = self._number_of(reply, wanted, is_country) if wanted else None
        typed = self.answers.get(reply.fact)
        if number and (typed is None or self.rng.random() < self.by_number):
            return self._send(number, True)
        if typed is not None:
            return self._send(typed, False)
        fallback = self._number_of(reply, UNKNOWN)
        return self._send(fallback, True) if fallback else self._send(WORDS[self.lang]["no"], False)


def our_script(person: int, conversation: int, seed: int = 11) -> OurScript:
    """Person `person`'s `conversation`-th conversation: personas taken in turn, offset per person."""
    lang, opening, answers, _, _ = CONVERSATIONS[(person * 7 + conversation) % len(CONVERSATIONS)]
    rng = random.Random(seed * 1_000_003 + person * 1009 + conversation)
    return OurScript(lang, opening, dict(answers), rng)


# The stock bot's intents, in our own words: several phrasings each, every one checked to be
# understood by the trained stock bot (a misread phrasing would show up as an empty reply).
STOCK_PHRASES = {
    "greet": ["hi", "hello there", "hey", "good morning", "hi bot", "hello!"],
    "mood_great": [
        "I'm great",
        "feeling good today",
        "feeling great",
        "amazing day",
        "perfect",
        "so good today",
    ],
    "mood_unhappy": [
        "I feel sad",
        "not good",
        "pretty unhappy",
        "very sad",
        "my day is horrible",
        "not so good",
    ],
    "affirm": ["yes", "yes it did", "indeed", "sure", "ok, yes"],
    "deny": ["no", "not really", "nope", "I don't think so", "never", "no way"],
    "goodbye": ["bye", "goodbye", "see you", "bye bye", "have a nice day"],
}


@dataclass
class StockScript:
    """greet -> happy -> goodbye, or greet -> unhappy -> "did that help?" -> yes -> goodbye | no (ends)."""

    rng: random.Random
    path: list[str] = field(default_factory=list)
    step: int = 0
    numbers_sent: int = 0  # the stock bot offers no numbered options
    texts_sent: int = 0
    reached_end: bool = False

    def __post_init__(self) -> None:
        if not self.path:
            branch = self.rng.choice(
                [["mood_great", "goodbye"], ["mood_unhappy", "affirm", "goodbye"], ["mood_unhappy", "deny"]]
            )
            self.path = ["greet", *branch]

    @property
    def intents(self) -> list[str]:
        return list(self.path)

    def _say(self) -> str:
        text = self.rng.choice(STOCK_PHRASES[self.path[self.step]])
        self.step += 1
        self.texts_sent += 1
        return text

    def first(self) -> str:
        return self._say()

    def next(self, reply: Reply) -> str | None:
        if self.step >= len(self.path):
            self.reached_end = True
            return None
        return self._say()


def stock_script(person: int, conversation: int, seed: int = 11) -> StockScript:
    return StockScript(random.Random(seed * 1_000_003 + person * 1009 + conversation))
