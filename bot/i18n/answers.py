"""Reading answers as people type them: option numbers, language names, country names and codes.

Country and language names come from Babel's CLDR data for every supported language,
so "Venezuela", "Brasil", "Brazil", "Perú" and "peru" all resolve without hand-typed lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from babel import Locale

from bot.settings import SUPPORTED_LANGUAGES

_OPTION_NUMBER = re.compile(r"^\s*(?:n[°ºo.]?\s*)?(\d{1,2})\s*[.)\-]?\s*$", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: "¡Perú!" -> "peru"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", stripped.casefold(), flags=re.UNICODE)
    return " ".join(words.replace("_", " ").split())


def parse_option(text: str, options: Sequence[str]) -> str | None:
    """The option a reply like "2", "2." or "2)" picks, or None."""
    match = _OPTION_NUMBER.match(text)
    if not match:
        return None
    index = int(match.group(1)) - 1
    return options[index] if 0 <= index < len(options) else None


def _longest_name_in(text: str, names: dict[str, str]) -> str | None:
    """The code of the longest known name that appears as whole words in normalized `text`."""
    padded = f" {text} "
    best = None
    for name, code in names.items():
        if f" {name} " in padded and (best is None or len(name) > len(best[0])):
            best = (name, code)
    return best[1] if best else None


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Normalized country name (in every supported language) -> ISO 3166-1 alpha-2 code."""
    names: dict[str, str] = {}
    for lang in SUPPORTED_LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code != "ZZ":
                names.setdefault(normalize(name), code)
    return names


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Normalized language name (native and in every supported language), or code -> code."""
    names = {code: code for code in SUPPORTED_LANGUAGES}
    for display in SUPPORTED_LANGUAGES:
        locale = Locale.parse(display)
        for code in SUPPORTED_LANGUAGES:
            names[normalize(locale.languages[code])] = code
    return names


def parse_country(text: str) -> str | None:
    """An ISO country code from a country name anywhere in the text, or from a bare code."""
    words = normalize(text)
    if len(words) == 2 and words.upper() in set(country_names().values()):
        return words.upper()
    return _longest_name_in(words, country_names())


def parse_language(text: str) -> str | None:
    """A supported language code from its name in any supported language, or its code."""
    return _longest_name_in(normalize(text), language_names())


def native_language_name(code: str) -> str:
    """ "Español", "Português", "English": how a language names itself, capitalised."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
