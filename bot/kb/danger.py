"""Danger word lists (pathways_kb/danger/<lang>.yml): what people write when they are in danger.

Editors keep these lists, one file per language, so that a threat, detention or a child alone is
recognised before anything else in a turn (`bot.safety.signals`). A phrase is a few words in the
normalized form of `bot.i18n.text.normalize`, written as people write (no accents, SMS spellings);
it matches a message whose words contain the phrase's words in order, with at most `gap` other
words between two of them ("me quieren matar" matches "me quieren matar si vuelvo" and "me
quieren ahora matar"). A word ending in `*` matches every word that starts with it ("amenaz*");
`a|b` matches either word ("tengo 16|17 anos solo|sola"). A category may list `unless` phrases:
when one of them matches, the category does not fire ("no me persiguen").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.i18n.text import normalize
from bot.kb.problems import FileChecker
from bot.settings import ALL_LANGUAGES

# Most urgent first: the order in which categories are reported and answered.
CATEGORIES = (
    "self_harm",
    "threat_to_life",
    "medical_emergency",
    "violence",
    "trafficking",
    "child_alone",
    "detention",
    "raids_deportation",
    "persecution",
    "no_shelter",
    "urgent_legal",
)
DEFAULT_GAP = 3
MAX_GAP = 8


# One word of a phrase: its alternatives, each a stem and whether it is a prefix ("amenaz*").
Word = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Phrase:
    """Words in order, at most `gap` other words apart."""

    words: tuple[Word, ...]
    gap: int
    text: str  # as the editor wrote it, for messages and tests


@dataclass(frozen=True)
class DangerCategory:
    phrases: tuple[Phrase, ...]
    unless: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class DangerWords:
    """One language's lists: category -> phrases."""

    language: str
    categories: dict[str, DangerCategory]


def parse_phrase(text: str, gap: int) -> tuple[Phrase | None, str | None]:
    """A phrase from its written form, or the reason it is not valid."""
    words = text.split(" ")
    if not text or any(not w for w in words):
        return None, "a phrase is words separated by single spaces"
    parsed: list[Word] = []
    for word in words:
        alternatives = []
        for choice in word.split("|"):
            stem = choice[:-1] if choice.endswith("*") else choice
            if not stem or "*" in stem:
                return None, f"{choice!r}: `*` may only end a word, after at least one letter"
            if normalize(stem) != stem:
                return (
                    None,
                    f"{choice!r} is not normalized; write {normalize(stem)!r} (lower case, no accents)",
                )
            alternatives.append((stem, choice.endswith("*")))
        parsed.append(tuple(alternatives))
    return Phrase(tuple(parsed), gap, text), None


def _phrases(items: Any, gap: int, at: tuple, checker: FileChecker) -> tuple[Phrase, ...]:
    if not isinstance(items, list) or not items:
        checker.add(at, "expected a non-empty list of phrases")
        return ()
    found = []
    for i, item in enumerate(items):
        where, own_gap = (*at, i), gap
        if isinstance(item, dict):
            text, own_gap = item.get("phrase"), item.get("gap", gap)
            extra = set(item) - {"phrase", "gap"}
            if extra:
                checker.add(
                    where, f"unknown keys {', '.join(sorted(extra))}; a phrase has `phrase` and `gap`"
                )
                continue
            if not isinstance(own_gap, int) or isinstance(own_gap, bool) or not 0 <= own_gap <= MAX_GAP:
                checker.add((*where, "gap"), f"gap must be a whole number from 0 to {MAX_GAP}")
                continue
        else:
            text = item
        if not isinstance(text, str):
            checker.add(where, "a phrase is text")
            continue
        phrase, problem = parse_phrase(text, own_gap)
        if problem:
            checker.add(where, problem)
        elif phrase:
            found.append(phrase)
    return tuple(found)


def load_danger_file(path: Path, checker: FileChecker) -> DangerWords | None:
    """Read and check one language's file; problems go to `checker`, one per line."""
    data = checker.read()
    if data is None:
        return None
    language = data.get("language")
    if language != path.stem or language not in ALL_LANGUAGES:
        checker.add(("language",), f"language must be the file name, one of {', '.join(ALL_LANGUAGES)}")
    gap = data.get("gap", DEFAULT_GAP)
    if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= MAX_GAP:
        checker.add(("gap",), f"gap must be a whole number from 0 to {MAX_GAP}")
        gap = DEFAULT_GAP
    for key in set(data) - {"language", "gap", "categories"}:
        checker.add((key,), "unknown key; a danger file has `language`, `gap` and `categories`")
    raw = data.get("categories")
    if not isinstance(raw, dict) or not raw:
        checker.add(("categories",), "expected a mapping of categories to phrases")
        return None
    categories = {}
    for name, spec in raw.items():
        at = ("categories", name)
        if name not in CATEGORIES:
            checker.add(at, f"unknown category {name!r}; known: {', '.join(CATEGORIES)}")
            continue
        if isinstance(spec, dict):
            extra = set(spec) - {"phrases", "unless"}
            if extra:
                checker.add(at, f"unknown keys {', '.join(sorted(extra))}; use `phrases` and `unless`")
            phrases = _phrases(spec.get("phrases"), gap, (*at, "phrases"), checker)
            unless = _phrases(spec["unless"], gap, (*at, "unless"), checker) if "unless" in spec else ()
        else:
            phrases, unless = _phrases(spec, gap, at, checker), ()
        categories[name] = DangerCategory(phrases, unless)
    if checker.problems:
        return None
    return DangerWords(language, categories)
