"""The canonical facts (design.md section 4) and how raw answers become typed facts."""

from __future__ import annotations

import re
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
    # What the person (or a child in their care, or a close relative in the pathway's country) holds
    # or held: pathway ids, plus the asylum claim states below. [] none; null does not know.
    "holds": "list",
    "children_hold": "list",
    "relatives_hold": "list",
    # The state or province the person named (ISO 3166-2, "US-TX"): never asked, picks the nearest help.
    "current_region": "region",
}

# `holds` values that are not pathway ids.
CLAIM_STATES = ("asylum_claim_pending", "asylum_claim_denied")
LIST_FACTS = tuple(f for f, kind in CANONICAL_FACTS.items() if kind == "list")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

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
    if kind == "list":
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) and _ID.match(v) for v in value):
            return tuple(dict.fromkeys(value))
        raise FactError(f"{fact}: {value!r} must be a list of ids (like [pe_cpp]), [] or null")
    if kind == "region":
        if isinstance(value, str) and _REGION.match(value.upper()):
            return value.upper()
        raise FactError(f"{fact}: {value!r} is not an ISO 3166-2 subdivision code (like US-TX)")
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
