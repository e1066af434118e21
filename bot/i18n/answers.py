"""Reading answers as people type them: option numbers, language names, country names and codes.

Country and language names come from Babel's CLDR data for every supported language,
so "Venezuela", "Brasil", "Brazil", "Perú" and "peru" all resolve without hand-typed lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
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


def parse_country(text: str, demonyms: dict[str, str] | None = None) -> str | None:
    """An ISO country code from a country name or demonym anywhere in the text, or a bare code.

    `demonyms` maps normalized demonyms to codes (the KB's curated list: "venezolana" -> VE).
    """
    words = normalize(text)
    if len(words) == 2 and words.upper() in set(country_names().values()):
        return words.upper()
    names = {**demonyms, **country_names()} if demonyms else country_names()
    return _longest_name_in(words, names)


def parse_language(text: str) -> str | None:
    """A supported language code from its name in any supported language, or its code."""
    return _longest_name_in(normalize(text), language_names())


def native_language_name(code: str) -> str:
    """ "Español", "Português", "English": how a language names itself, capitalised."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


# Phrases are normalized (lower case, no accents, punctuation as spaces) before matching.
DONT_KNOW = frozenset(
    {
        "no se", "nose", "no lo se", "no sabria", "ni idea", "nao sei", "nao sei dizer", "sei la",
        "i don t know", "i dont know", "dont know", "don t know", "idk", "not sure", "no idea",
        "je ne sais pas", "je sais pas", "m pa konnen", "mwen pa konnen", "pa konnen",
    }
)  # fmt: skip
YES = frozenset(
    {
        "si", "s", "claro", "claro que si", "correcto", "asi es", "por supuesto", "afirmativo",
        "sim", "claro que sim", "com certeza", "yes", "y", "yeah", "yep", "sure", "of course",
        "oui", "wi", "wi wi",
    }
)  # fmt: skip
NO = frozenset(
    {
        "no", "n", "nunca", "jamas", "para nada", "nao", "nunca tive", "nope", "never", "not at all",
        "non", "jamais", "pa gen", "mwen pa genyen",
    }
)  # fmt: skip


def is_dont_know(text: str) -> bool:
    """ "no sé", "não sei", "I don't know", "m pa konnen"…"""
    return normalize(text) in DONT_KNOW


def parse_yes_no(text: str) -> bool | None:
    """True for yes-words, False for no-words, None when the text is neither."""
    words = normalize(text)
    if words in YES:
        return True
    if words in NO:
        return False
    first = words.split(" ", 1)[0] if words else ""
    if first in ("si", "sim", "yes", "oui", "wi"):
        return True
    if first in ("no", "nao", "non") and words not in DONT_KNOW:
        return False
    return None


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str) -> date | None:
    """15/03/2023, 15-3-2023, 2023-03-15, or 3/2023 (taken as the 1st of that month); else None."""
    raw = text.strip()
    try:
        if match := _ISO.match(raw):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_MONTH_YEAR.match(raw):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _MONTH_YEAR.match(raw):
            return date(int(match[2]), int(match[1]), 1)
    except ValueError:  # 31/02/2023 and the like
        return None
    return None
