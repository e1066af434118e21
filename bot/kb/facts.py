"""The canonical facts (design.md section 4) and how raw answers become typed facts."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
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


@dataclass(frozen=True, order=True)
class DateSpan:
    """A date known only to lie between `first` and `last` (both included): "2019" is a year, "2019-08"
    a month, and an age is the year of birthdays that gives it. Conditions over a span are true or false
    only when every day in it agrees, so a cut-off inside it leaves them unknown until the month is asked."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError(f"{self.first} is after {self.last}")

    def __str__(self) -> str:
        """The shortest ISO form: "2019", "2019-08", or an interval "1985-12-01/1986-11-30"."""
        first, last = self.first, self.last
        if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
            return str(first.year)
        if (
            first.day == 1
            and (first.year, first.month) == (last.year, last.month)
            and last == _month_end(first)
        ):
            return first.isoformat()[:7]
        return f"{first.isoformat()}/{last.isoformat()}"


def _month_end(day: date) -> date:
    return date(day.year, day.month, monthrange(day.year, day.month)[1])


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _date_value(text: str) -> date | DateSpan:
    """ "2019-08-15" -> a date; "2019", "2019-08" and "A/B" -> a DateSpan. Raises ValueError."""
    text = text.strip()
    if _YEAR.match(text):
        year = int(text)
        return DateSpan(date(year, 1, 1), date(year, 12, 31))
    if _MONTH.match(text):
        first = date(int(text[:4]), int(text[5:]), 1)
        return DateSpan(first, _month_end(first))
    if "/" in text:
        start, _, end = text.partition("/")
        return DateSpan(date.fromisoformat(start), date.fromisoformat(end))
    return date.fromisoformat(text)


def is_partial(value: Any) -> bool:
    """Whether a date fact (raw text like "2019", "2019-08", "A/B", or a typed DateSpan) covers more than
    one day: the conversation may then ask for the month when the engine still needs it."""
    if isinstance(value, str):
        try:
            value = _date_value(value)
        except ValueError:
            return False
    return isinstance(value, DateSpan) and value.first != value.last


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
    if isinstance(value, (date, DateSpan)):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        value = str(value)  # a bare year written in YAML
    if isinstance(value, str):
        try:
            return _date_value(value)
        except ValueError:
            pass
    raise FactError(
        f"{fact}: {value!r} is not a real date (YYYY-MM-DD, YYYY-MM, YYYY or an ISO interval A/B)"
    )


def normalize_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Typed facts: dates parsed (a full date stays a `date`; a year, a month or an interval becomes a
    `DateSpan`), country codes upper-cased; unknown names and bad values raise FactError."""
    if not isinstance(facts, dict):
        raise FactError("facts must be a mapping of fact names to values")
    unknown = sorted(set(facts) - set(CANONICAL_FACTS))
    if unknown:
        raise FactError(f"unknown fact(s) {', '.join(unknown)}; known facts: {', '.join(CANONICAL_FACTS)}")
    return {name: _typed(name, CANONICAL_FACTS[name], value) for name, value in facts.items()}
