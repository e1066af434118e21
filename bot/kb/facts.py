"""The canonical facts (design.md section 4). Their names are fixed; the engine may add more."""

from __future__ import annotations

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


def with_defaults(facts: dict) -> dict:
    """The facts with defaulted values filled in (`destination_country` from `current_country`)."""
    filled = dict(facts)
    for fact, source in DEFAULTS_FROM.items():
        if fact not in filled and source in filled:
            filled[fact] = filled[source]
    return filled
