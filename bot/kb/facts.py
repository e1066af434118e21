"""The canonical facts (design.md section 4) and how raw answers become typed facts."""

from __future__ import annotations

from datetime import date
from typing import Any

CANONICAL_FACTS: dict[str, str] = {
    "nationality": "country",
    "current_country": "country",
    "destination_country": "country",
    "entry_date": "date",
    "entry_regular": "boolean",
    "birth_date": "date",
    "has_criminal_record": "boolean",
    "has_passport_or_id": "boolean",
    "fear_of_return": "boolean",
}

# Facts that take another fact's value until the person says otherwise.
DEFAULTS_FROM: dict[str, str] = {"destination_country": "current_country"}


class FactError(ValueError):
    """A fact has a name or a value the engine cannot use."""


def with_defaults(facts: dict) -> dict:
    """The facts with defaulted values filled in (`destination_country` from `current_country`)."""
    filled = dict(facts)
    for fact, source in DEFAULTS_FROM.items():
        if fact not in filled and source in filled:
            filled[fact] = filled[source]
    return filled


def _typed(fact: str, kind: str, value: Any) -> Any:
    if value is None:
        return None  # asked; the person does not know
    if kind == "country":
        if isinstance(value, str) and len(value) == 2 and value.isalpha():
            return value.upper()
        raise FactError(f"{fact}: {value!r} is not an ISO 3166-1 alpha-2 country code (like VE)")
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        raise FactError(f"{fact}: {value!r} must be true, false or null")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise FactError(f"{fact}: {value!r} is not a real date (YYYY-MM-DD)")


def normalize_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Typed facts: dates parsed, country codes upper-cased; unknown names and bad values raise FactError."""
    if not isinstance(facts, dict):
        raise FactError("facts must be a mapping of fact names to values")
    unknown = sorted(set(facts) - set(CANONICAL_FACTS))
    if unknown:
        raise FactError(f"unknown fact(s) {', '.join(unknown)}; known facts: {', '.join(CANONICAL_FACTS)}")
    return {name: _typed(name, CANONICAL_FACTS[name], value) for name, value in facts.items()}
