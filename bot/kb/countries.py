"""Demonyms and cities per country, from pathways_kb/countries/.

Country names come from Babel's CLDR data at run time (bot/i18n/places.py); CLDR has neither
demonyms nor a gazetteer, so both are curated in the KB and checked here like every other file.
"""

from __future__ import annotations

from pathlib import Path

from bot.i18n.text import normalize
from bot.kb.problems import FileChecker

LANGUAGES = ("es", "pt", "en", "fr", "ht")
_FORM = {"type": "string", "minLength": 2}
_FORMS = {
    "type": "object",
    "required": ["m", "f"],
    "additionalProperties": False,
    "properties": {"m": _FORM, "f": _FORM},
}
DEMONYMS_SCHEMA = {
    "type": "object",
    "required": ["demonyms"],
    "additionalProperties": False,
    "properties": {
        "demonyms": {
            "type": "object",
            "propertyNames": {"pattern": "^[A-Z]{2}$"},
            "additionalProperties": {
                "type": "object",
                "required": list(LANGUAGES),
                "additionalProperties": False,
                "properties": {
                    **{lang: _FORMS for lang in LANGUAGES},
                    "variants": {
                        "type": "object",
                        "propertyNames": {"enum": list(LANGUAGES)},
                        "additionalProperties": {
                            "type": "array",
                            "items": {"type": "string", "minLength": 2},
                        },
                    },
                },
            },
        }
    },
}


def load_demonyms(path: Path, checker: FileChecker, country_codes: frozenset[str]) -> dict[str, str]:
    """Normalized demonym (any language, either gender, variants) -> country code.

    A form shared by two countries (English "Dominican") keeps the first one listed and is
    reported as a warning, so editors can see the choice.
    """
    if not path.exists():
        return {}
    data = checker.read()
    if data is None or not checker.check_schema(data, DEMONYMS_SCHEMA):
        return {}
    index: dict[str, str] = {}
    for code, entry in data["demonyms"].items():
        if code not in country_codes:
            checker.add(("demonyms", code), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
            continue
        forms = [entry[lang][gender] for lang in LANGUAGES for gender in ("m", "f")]
        forms += [v for values in entry.get("variants", {}).values() for v in values]
        forms = list(dict.fromkeys(forms))  # m and f are often the same word
        for form in forms:
            key = normalize(form)
            owner = index.setdefault(key, code)
            if owner != code:
                checker.warn(("demonyms", code), f"{form!r} also names {owner}; read as {owner}")
    return index


CITIES_SCHEMA = {
    "type": "object",
    "required": ["cities"],
    "additionalProperties": False,
    "properties": {
        "cities": {
            "type": "object",
            "propertyNames": {"pattern": "^[A-Z]{2}$"},
            "additionalProperties": {"type": "array", "minItems": 1, "items": _FORM},
        }
    },
}


def load_cities(path: Path, checker: FileChecker, country_codes: frozenset[str]) -> dict[str, str]:
    """Normalized city name -> country code. A name listed under two countries is an error:
    the reader could not tell which one the person means."""
    if not path.exists():
        return {}
    data = checker.read()
    if data is None or not checker.check_schema(data, CITIES_SCHEMA):
        return {}
    index: dict[str, str] = {}
    for code, names in data["cities"].items():
        if code not in country_codes:
            checker.add(("cities", code), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
            continue
        for i, name in enumerate(names):
            owner = index.setdefault(normalize(name), code)
            if owner != code:
                checker.add(("cities", code, i), f"{name!r} is also listed under {owner}; keep it in one")
    return index


NAMES_SCHEMA = {
    "type": "object",
    "required": ["names"],
    "additionalProperties": False,
    "properties": {
        "names": {
            "type": "object",
            "propertyNames": {"pattern": "^[A-Z]{2}$"},
            "additionalProperties": {
                "type": "object",
                "propertyNames": {"enum": list(LANGUAGES)},
                "additionalProperties": {"type": "array", "minItems": 1, "items": _FORM},
            },
        }
    },
}


def load_names(path: Path, checker: FileChecker, country_codes: frozenset[str]) -> dict[str, str]:
    """Normalized country name for languages CLDR lacks (Haitian Creole) -> country code."""
    if not path.exists():
        return {}
    data = checker.read()
    if data is None or not checker.check_schema(data, NAMES_SCHEMA):
        return {}
    index: dict[str, str] = {}
    for code, per_language in data["names"].items():
        if code not in country_codes:
            checker.add(("names", code), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
            continue
        for names in per_language.values():
            for name in names:
                owner = index.setdefault(normalize(name), code)
                if owner != code:
                    checker.add(("names", code), f"{name!r} is also listed under {owner}")
    return index
