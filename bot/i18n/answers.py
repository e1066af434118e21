"""Reading answers as people type them: option numbers, yes / no / "I don't know", languages,
countries (via places.py) and dates (via dates.py), in any of the five languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale

from bot.i18n import lexicon
from bot.i18n.dates import parse_date
from bot.i18n.text import normalize, normalized
from bot.settings import ALL_LANGUAGES

if TYPE_CHECKING:
    from bot.i18n.places import PlaceReader

__all__ = [
    "detect_language",
    "is_dont_know",
    "native_language_name",
    "normalize",
    "parse_country",
    "parse_date",
    "parse_language",
    "parse_option",
    "parse_options",
    "parse_yes_no",
]

_OPTION_NUMBER = re.compile(r"^\s*(?:n[°ºo.]?\s*)?(\d{1,2})\s*[.)\-]?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for numbers in lexicon.NUMBERS.values():
        for value, word in enumerate(numbers, start=1):
            words.setdefault(normalize(word), value)
    return words


def parse_option(text: str, options: Sequence[str]) -> str | None:
    """The option a reply like "2", "2.", "2)", "dos" or "two" picks, or None."""
    match = _OPTION_NUMBER.match(text)
    if match:
        index = int(match.group(1)) - 1
    elif (number := _number_words().get(normalize(text))) is not None:
        index = number - 1
    else:
        return None
    return options[index] if 0 <= index < len(options) else None


_NUMBER_LIST = re.compile(r"\d{1,2}(?: \d{1,2})*")


def parse_options(text: str, options: Sequence[str]) -> list[str] | None:
    """The options a reply like "1 3", "1, 3" or "1 y 3" picks (several at once), or None when it
    is not a list of option numbers or names a number that is not offered."""
    words = " ".join(w for w in normalize(text).split() if w not in _AND_WORDS)
    if not _NUMBER_LIST.fullmatch(words):
        return None
    picked = []
    for number in words.split():
        index = int(number) - 1
        if not 0 <= index < len(options):
            return None
        picked.append(options[index])
    return list(dict.fromkeys(picked)) or None


def is_none_of_these(text: str) -> bool:
    """ "ninguno", "nenhum", "none of these", "aucun", "okenn"…"""
    return normalize(text) in _NONE_OF_THESE


def _phrases(table: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(normalize(p) for phrases in table.values() for p in phrases)


_YES, _NO, _DONT_KNOW = _phrases(lexicon.YES), _phrases(lexicon.NO), _phrases(lexicon.DONT_KNOW)
_NONE_OF_THESE = _phrases(lexicon.NONE_OF_THESE)
_AND_WORDS = frozenset(lexicon.AND_WORDS)
_YES_FIRST = frozenset({"si", "sim", "yes", "oui", "wi", "claro"})
_NO_FIRST = frozenset({"no", "nao", "non", "nunca", "never", "jamais", "jamas"})


def is_dont_know(text: str) -> bool:
    """ "no sé", "não sei", "I don't know", "je ne sais pas", "m pa konnen"…"""
    return normalize(text).removesuffix(" nada") in _DONT_KNOW


def parse_yes_no(text: str) -> bool | None:
    """True for yes-words, False for no-words, None when the text is neither (or "I don't know")."""
    words = normalize(text)
    if words in _DONT_KNOW:
        return None
    if words in _YES:
        return True
    if words in _NO:
        return False
    first = words.split(" ", 1)[0] if words else ""
    if first in _YES_FIRST:
        return True
    if first in _NO_FIRST:
        return False
    return None


@lru_cache(maxsize=1)
def _default_reader() -> PlaceReader:
    # Imported here: spaCy is needed only where answers are read, not where messages are rendered.
    from bot.i18n.places import PlaceReader

    return PlaceReader({}, {})


def parse_country(text: str, reader: PlaceReader | None = None) -> str | None:
    """The one country a text names (by name, or demonym and city when the reader knows them)."""
    return (reader or _default_reader()).country(text)


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Normalized language name (native and in every supported language) -> code."""
    names: dict[str, str] = {}
    for display in ALL_LANGUAGES:
        locale = Locale.parse(display)
        for code in ALL_LANGUAGES:
            names[normalize(locale.languages[code])] = code
    names.update({"kreyol": "ht", "creole": "ht", "crioulo": "ht", "criollo": "ht", "kreyol ayisyen": "ht"})
    names.update({"espanol": "es", "castellano": "es", "portugues": "pt", "frances": "fr", "ingles": "en"})
    return names


def parse_language(text: str, languages: Sequence[str] = ALL_LANGUAGES) -> str | None:
    """A language code from its name in any language ("español", "kreyòl"), or a code sent alone
    ("en"; inside a sentence "en" and "es" are ordinary words)."""
    words = normalize(text)
    if words in languages:
        return words
    padded = f" {words} "
    best = None
    for name, code in language_names().items():
        if code in languages and f" {name} " in padded and (best is None or len(name) > len(best[0])):
            best = (name, code)
    return best[1] if best else None


_CUES = {lang: normalized(cues) for lang, cues in lexicon.LANGUAGE_CUES.items()}


def detect_language(text: str, languages: Sequence[str] = ALL_LANGUAGES) -> str | None:
    """The language a first message is most likely written in, or None when it is not clear."""
    words = normalize(text).split()
    scores = {lang: sum(1 for w in words if w in _CUES[lang]) for lang in languages}
    best = max(scores.values(), default=0)
    winners = [lang for lang, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def native_language_name(code: str) -> str:
    """ "Español", "Português", "English", "Français", "Kreyòl ayisyen": a language's own name."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
