"""JSON Schemas of the knowledge-base files. Dates are ISO strings; the loader checks they exist.

The loader adds the checks a schema cannot express: one operator per condition, operators that
suit the fact's type, dates in order, references to centres and messages, contradictions.
"""

from __future__ import annotations

from bot.eligibility.conditions import OPERATORS
from bot.settings import ALL_LANGUAGES, SUPPORTED_LANGUAGES

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE = {"type": "string", "pattern": ISO_DATE}
COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$"}
REGION = {"type": "string", "pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"}
FACT = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
URL = {"type": "string", "pattern": "^https?://\\S+$"}
# Languages the conversation speaks must be present; others (fr, ht) are reported as missing.
LANGUAGE_KEY = {"type": "string", "enum": list(ALL_LANGUAGES)}


def _per_language(item: dict) -> dict:
    return {
        "type": "object",
        "required": list(SUPPORTED_LANGUAGES),
        "propertyNames": LANGUAGE_KEY,
        "additionalProperties": item,
    }


TEXT = _per_language({"type": "string", "minLength": 1})
TEXT_LIST = _per_language({"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}})

SOURCES = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["url", "title", "date"],
        "additionalProperties": False,
        "properties": {
            "url": URL,
            "title": {"type": "string", "minLength": 1},
            "date": {"oneOf": [DATE, {"type": "null"}]},
        },
    },
}

NEEDS_REVIEW = {"oneOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}

_PREDICATE_VALUES = {
    "in": {"type": "array", "minItems": 1, "items": {"type": "string"}},
    "not_in": {"type": "array", "minItems": 1, "items": {"type": "string"}},
    "is": {"type": "boolean"},
    "before": DATE,
    "on_or_before": DATE,
    "after": DATE,
    "on_or_after": DATE,
    "between": {"type": "array", "items": DATE, "minItems": 2, "maxItems": 2},
    "age_at_least": {"type": "integer", "minimum": 0, "maximum": 130},
    "age_under": {"type": "integer", "minimum": 0, "maximum": 130},
    "age_between": {
        "type": "array",
        "items": {"type": "integer", "minimum": 0, "maximum": 130},
        "minItems": 2,
        "maxItems": 2,
    },
    "includes_any": {"type": "array", "minItems": 1, "items": ID, "uniqueItems": True},
}
assert set(_PREDICATE_VALUES) == set(OPERATORS)

_GROUP = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}
CONDITION = {
    "type": "object",
    "minProperties": 1,
    "properties": {
        "all": _GROUP,
        "any": _GROUP,
        "not": {"$ref": "#/$defs/condition"},
        "fact": FACT,
        "source": URL,
        **_PREDICATE_VALUES,
    },
    "additionalProperties": False,
}

PATHWAY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "pathway",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "id", "country", "kind", "name", "summary", "how_to_apply", "legal_basis", "sources",
        "last_verified", "needs_review", "status", "conditions",
    ],
    "properties": {
        "id": ID,
        "country": COUNTRY,
        "kind": {
            "enum": [
                "residence_agreement", "residence", "humanitarian", "protection",
                "work_holiday", "asylum", "parole", "regularisation",
            ]
        },
        "supplementary": {"type": "boolean"},
        "name": TEXT,
        "summary": TEXT,
        "how_to_apply": TEXT,
        "documents": TEXT_LIST,
        "fees": TEXT,
        "duration": TEXT,
        "after": TEXT,
        "caveats": TEXT,
        "apply_at": {
            "type": "object",
            "required": ["authority"],
            "additionalProperties": False,
            "properties": {
                "authority": {"type": "string", "minLength": 1},
                "url": URL,
                "centres": {"type": "array", "items": ID, "uniqueItems": True},
            },
        },
        "legal_basis": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["instrument"],
                "additionalProperties": False,
                "properties": {
                    "instrument": {"type": "string", "minLength": 1},
                    "number": {"type": "string"},
                    "year": {"type": "integer", "minimum": 1900, "maximum": 2100},
                    "article": {"type": "string"},
                },
            },
        },
        "sources": SOURCES,
        "last_verified": DATE,
        "needs_review": NEEDS_REVIEW,
        "status": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["from", "status"],
                "additionalProperties": False,
                "properties": {
                    "from": DATE,
                    "status": {"enum": ["open", "closed", "suspended", "terminated"]},
                    "note": {"type": "string"},
                    # In force but not confirmed by an official notice; `warning` tells people so.
                    "confirmed": {"type": "boolean"},
                    "warning": TEXT,
                },
            },
        },
        "conditions": {"$ref": "#/$defs/condition"},
        "filing_deadline": {
            "type": "object",
            "required": ["within", "unit", "counted_from", "late"],
            "additionalProperties": False,
            "properties": {
                "within": {"type": "integer", "minimum": 1, "maximum": 3660},
                "unit": {"enum": ["days", "working_days", "months", "years"]},
                "counted_from": {"enum": ["entry_date"]},
                "late": TEXT,
                "source": URL,
            },
        },
        "holders": TEXT,
    },
    "$defs": {"condition": CONDITION},
}  # fmt: skip

QUESTIONS = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "questions",
    "type": "object",
    "additionalProperties": False,
    "required": ["order", "questions"],
    "properties": {
        "order": {"type": "array", "items": FACT, "uniqueItems": True},
        "questions": {
            "type": "object",
            "propertyNames": FACT,
            "additionalProperties": {
                "type": "object",
                "required": ["type", "prompt"],
                "additionalProperties": False,
                "properties": {
                    "type": {"enum": ["country", "date", "boolean", "list"]},
                    "prompt": {"type": "string", "pattern": r"^[a-z][a-z0-9_.]*$"},
                    "help": {"type": "string", "pattern": r"^[a-z][a-z0-9_.]*$"},
                    "options": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
                },
            },
        },
    },
}

# What a centre offers, in the words the booking flow suggests from a person's results.
BOOKING_SERVICES = (
    "regularisation", "legal_aid", "asylum", "documents", "employment", "social_assistance", "health",
    "education", "language_classes", "psychosocial",
)  # fmt: skip
# Booking details an editor may flag as unconfirmed (`booking.needs_review[].field`).
BOOKING_DETAILS = (
    "timezone", "hours", "slot_minutes", "seats", "closed", "takes_bookings", "services", "languages",
    "pathways",
)  # fmt: skip
# "HH:MM-HH:MM": the loader reads it, so it can say which time is impossible or which ranges overlap.
TIME_RANGE = {"type": "string", "minLength": 1}

BOOKING = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "timezone", "takes_bookings", "hours", "slot_minutes", "seats", "closed", "services", "languages",
        "pathways", "needs_review",
    ],
    "properties": {
        "timezone": {"type": "string", "minLength": 1},
        "takes_bookings": {"type": "boolean"},  # false: walk-in only; hours stay informative
        "hours": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
            "additionalProperties": {"type": "array", "minItems": 1, "items": TIME_RANGE},
        },
        "slot_minutes": {"type": "integer", "minimum": 5, "maximum": 240},
        "seats": {"type": "integer", "minimum": 1, "maximum": 50},
        # year -> closed days of that year; YAML reads the year as a number, the loader checks it
        "closed": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": DATE, "uniqueItems": True},
        },
        "services": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"enum": list(BOOKING_SERVICES)},
        },
        "languages": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^[a-z]{2}$"},
        },
        "pathways": {"type": "array", "uniqueItems": True, "items": ID},
        "needs_review": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["field", "note"],
                "properties": {
                    "field": {"enum": list(BOOKING_DETAILS)},
                    "note": {"type": "string", "minLength": 1},
                },
            },
        },
    },
}  # fmt: skip

CENTRE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "centre",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "city", "country", "services", "sources", "last_verified", "needs_review"],
    "properties": {
        "id": ID,
        "name": {"type": "string", "minLength": 1},
        "operator": {"type": "string"},
        "city": {"type": "string", "minLength": 1},
        "country": COUNTRY,
        "address": {"type": "string"},
        "phone": {"type": "string"},
        "web": URL,
        "hours": {"type": "string"},
        "services": TEXT,
        "region": REGION,
        "where": TEXT,
        "sources": SOURCES,
        "last_verified": DATE,
        "needs_review": NEEDS_REVIEW,
        "booking": BOOKING,
    },
}

CONTACT_KINDS = ("migration_authority", "asylum_authority", "legal_aid", "hotline", "shelter")
# `detention`: a line that people held by immigration (or their families) can call for legal help.
HOTLINE_KINDS = ("emergency", "trafficking", "child_protection", "refugees", "migrants", "detention")

HELP = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "help",
    "type": "object",
    "additionalProperties": False,
    "required": ["country", "contacts"],
    "properties": {
        "country": COUNTRY,
        # true where a centre in another state or province is no help (the United States)
        "centres_within_region": {"type": "boolean"},
        "contacts": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "kind", "name", "about", "sources", "last_verified", "needs_review"],
                "properties": {
                    "id": ID,
                    "kind": {"enum": list(CONTACT_KINDS)},
                    "name": {"type": "string", "minLength": 1},
                    "about": TEXT,
                    "hotline_for": {"enum": list(HOTLINE_KINDS)},
                    "region": REGION,
                    "city": {"type": "string", "minLength": 1},
                    "address": {"type": "string", "minLength": 1},
                    "where": TEXT,
                    "phone": {"type": "string", "minLength": 1},
                    "web": URL,
                    "sources": SOURCES,
                    "last_verified": DATE,
                    "needs_review": NEEDS_REVIEW,
                },
            },
        },
    },
}
