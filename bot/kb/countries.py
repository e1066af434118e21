"""Demonyms and cities per country, from pathways_kb/countries/.

Country names come from Babel's CLDR data at run time (bot/i18n/places.py); CLDR has neither
demonyms nor a gazetteer, so both are curated in the KB and checked here like every other file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.i18n.text import normalize
from bot.kb.problems import FileChecker
from bot.settings import ALL_LANGUAGES

LANGUAGES = ALL_LANGUAGES
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


def _entries(
    path: Path, checker: FileChecker, json_schema: dict, key: str, country_codes: frozenset[str]
) -> list[tuple[str, Any]]:
    """The (country code, value) pairs of an optional country file, after the schema and code checks."""
    if not path.exists():
        return []
    data = checker.read()
    if data is None or not checker.check_schema(data, json_schema):
        return []
    entries = []
    for code, value in data[key].items():
        if code in country_codes:
            entries.append((code, value))
        else:
            checker.add((key, code), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return entries


def load_demonyms(path: Path, checker: FileChecker, country_codes: frozenset[str]) -> dict[str, str]:
    """Normalized demonym (any language, either gender, variants) -> country code.

    A form shared by two countries (English "Dominican") keeps the first one listed and is
    reported as a warning, so editors can see the choice.
    """
    index: dict[str, str] = {}
    for code, entry in _entries(path, checker, DEMONYMS_SCHEMA, "demonyms", country_codes):
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
    index: dict[str, str] = {}
    for code, names in _entries(path, checker, CITIES_SCHEMA, "cities", country_codes):
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
    index: dict[str, str] = {}
    for code, per_language in _entries(path, checker, NAMES_SCHEMA, "names", country_codes):
        for names in per_language.values():
            for name in names:
                owner = index.setdefault(normalize(name), code)
                if owner != code:
                    checker.add(("names", code), f"{name!r} is also listed under {owner}")
    return index


REGIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["regions"],
    "properties": {
        "regions": {
            "type": "object",
            "propertyNames": {"pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["names"],
                "properties": {
                    "names": {"type": "array", "minItems": 1, "items": _FORM},
                    "cities": {"type": "array", "items": _FORM},
                },
            },
        }
    },
}


def load_regions(
    path: Path, checker: FileChecker, country_codes: frozenset[str], cities: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Normalized region name or city -> ISO 3166-2 code ("Tejas" and "Houston" -> US-TX), and
    each code's first name as written (CLDR names no regions: the console shows this one).

    A region's code starts with a country code; each of its cities must be listed under that
    country in cities.yml (so a city is read as one country and one region)."""
    if not path.exists():
        return {}, {}
    data = checker.read()
    if data is None or not checker.check_schema(data, REGIONS_SCHEMA):
        return {}, {}
    index: dict[str, str] = {}
    for code, entry in data["regions"].items():
        country = code.split("-", 1)[0]
        if country not in country_codes:
            checker.add(("regions", code), f"{code!r} does not start with a country code")
            continue
        for i, city in enumerate(entry.get("cities", ())):
            if cities.get(normalize(city)) != country:
                checker.add(
                    ("regions", code, "cities", i), f"{city!r} is not listed under {country} in cities.yml"
                )
        for name in [*entry["names"], *entry.get("cities", ())]:
            owner = index.setdefault(normalize(name), code)
            if owner != code:
                checker.add(("regions", code), f"{name!r} is also listed under {owner}")
    names = {code: entry["names"][0] for code, entry in data["regions"].items() if entry["names"]}
    return index, names
