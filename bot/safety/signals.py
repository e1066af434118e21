"""Danger signals in a message, and the contacts that answer them.

`danger_signals` reads the message against every language's word lists (the language of a first
message is not known yet, and people mix languages), so a person in danger is recognised before
any command or answer is read. It returns categories, most urgent first (`CATEGORIES`).

`contacts_for` picks, for the person's country (and state or province), who answers those
categories: the most specific line of each category first (a trafficking line before the
emergency number), at most `MAX_CONTACTS`, never the same number twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.i18n.text import normalize
from bot.kb.danger import CATEGORIES, Phrase, Word
from bot.kb.model import Contact, KnowledgeBase
from bot.nlg import help as nearby

MAX_CONTACTS = 4

# What each category needs, most specific first: ("hotline", purpose) or ("kind", contact kind).
# A want named twice takes a second contact of that sort (Brazil's police 190 and ambulance 192).
Want = tuple[str, str]
NEEDS: dict[str, tuple[Want, ...]] = {
    "self_harm": (("hotline", "emergency"), ("hotline", "emergency")),
    "threat_to_life": (("hotline", "emergency"), ("kind", "asylum_authority"), ("kind", "legal_aid")),
    "medical_emergency": (("hotline", "emergency"), ("hotline", "emergency")),
    "violence": (("hotline", "emergency"), ("kind", "shelter"), ("kind", "legal_aid")),
    "trafficking": (("hotline", "trafficking"), ("hotline", "emergency")),
    "child_alone": (("hotline", "child_protection"), ("kind", "shelter"), ("hotline", "emergency")),
    "detention": (("hotline", "detention"), ("kind", "legal_aid"), ("kind", "asylum_authority")),
    "raids_deportation": (("hotline", "detention"), ("kind", "legal_aid"), ("hotline", "migrants")),
    "persecution": (("kind", "asylum_authority"), ("kind", "legal_aid")),
    "no_shelter": (
        ("kind", "shelter"),
        ("kind", "shelter"),
        ("hotline", "refugees"),
        ("hotline", "migrants"),
    ),
    "urgent_legal": (("hotline", "detention"), ("kind", "legal_aid")),
}
assert set(NEEDS) == set(CATEGORIES)


def _word_fits(token: str, word: Word) -> bool:
    return any(token.startswith(stem) if prefix else token == stem for stem, prefix in word)


def phrase_matches(phrase: Phrase, tokens: Sequence[str]) -> bool:
    """Whether the phrase's words occur in `tokens` in order, at most `phrase.gap` words apart."""

    def rest_from(index: int, after: int) -> bool:
        if index == len(phrase.words):
            return True
        start = 0 if index == 0 else after + 1
        stop = len(tokens) if index == 0 else min(len(tokens), after + 2 + phrase.gap)
        return any(
            _word_fits(tokens[at], phrase.words[index]) and rest_from(index + 1, at)
            for at in range(start, stop)
        )

    return rest_from(0, -1)


class _Message:
    """A message's tokens, and which words occur in it at all, each looked up once: most phrases
    have a word the message lacks and are ruled out without trying their order (issue 11)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        self.distinct = frozenset(tokens)
        self._present: dict[Word, bool] = {}

    def has(self, word: Word) -> bool:
        present = self._present.get(word)
        if present is None:
            present = any(
                any(t.startswith(stem) for t in self.distinct) if prefix else stem in self.distinct
                for stem, prefix in word
            )
            self._present[word] = present
        return present

    def matches(self, phrase: Phrase) -> bool:
        return all(self.has(w) for w in phrase.words) and phrase_matches(phrase, self.tokens)


def danger_signals(kb: KnowledgeBase, text: str) -> tuple[str, ...]:
    """The danger categories the message shows, most urgent first; () when none."""
    tokens = normalize(text).split()
    if not tokens:
        return ()
    message = _Message(tokens)
    found: set[str] = set()
    for words in kb.danger.values():
        for name, category in words.categories.items():
            if name in found or any(message.matches(p) for p in category.unless):
                continue
            if any(message.matches(p) for p in category.phrases):
                found.add(name)
    return tuple(name for name in CATEGORIES if name in found)


def _candidates(kb: KnowledgeBase, country: str, region: str | None, want: Want) -> list[Contact]:
    how, what = want
    if how == "hotline":
        return nearby.hotlines_for(kb, country, region, what)
    return nearby.contacts(kb, country, region, what, MAX_CONTACTS)


def contacts_for(
    kb: KnowledgeBase, country: str, categories: Iterable[str], region: str | None = None
) -> list[Contact]:
    """Who answers these danger categories in `country` (and `region`): each category's most
    specific contact first, then the next ones, at most MAX_CONTACTS, no number given twice."""
    ordered = [c for c in CATEGORIES if c in set(categories)]
    chosen: list[Contact] = []
    depth = max((len(NEEDS[c]) for c in ordered), default=0)
    for rank in range(depth):
        for category in ordered:
            if len(chosen) == MAX_CONTACTS:
                return chosen
            if rank >= len(NEEDS[category]):
                continue
            ids, phones = {c.id for c in chosen}, {c.phone for c in chosen if c.phone}
            for contact in _candidates(kb, country, region, NEEDS[category][rank]):
                if contact.id not in ids and (contact.phone is None or contact.phone not in phones):
                    chosen.append(contact)
                    break
    return chosen
