"""JSON Schemas of the knowledge-base files. Dates are ISO strings; the loader checks they exist."""

from __future__ import annotations

from bot.settings import SUPPORTED_LANGUAGES

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$"}
FACT = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}

TEXT_PER_LANGUAGE = {
    "type": "object",
    "required": list(SUPPORTED_LANGUAGES),
    "additionalProperties": {"type": "string", "minLength": 1},
}

CONDITION = {
    "oneOf": [
        {
            "type": "object",
            "required": ["all"],
            "additionalProperties": False,
            "properties": {"all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}},
        },
        {
            "type": "object",
            "required": ["any"],
            "additionalProperties": False,
            "properties": {"any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}},
        },
        {
            "type": "object",
            "required": ["not"],
            "additionalProperties": False,
            "properties": {"not": {"$ref": "#/$defs/condition"}},
        },
        {
            "type": "object",
            "required": ["fact"],
            "additionalProperties": False,
            "minProperties": 2,
            "maxProperties": 2,
            "properties": {
                "fact": FACT,
                "in": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "not_in": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "is": {"type": "boolean"},
            },
        },
    ]
}

PATHWAY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "pathway",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "id",
        "country",
        "kind",
        "name",
        "summary",
        "how_to_apply",
        "legal_basis",
        "sources",
        "last_verified",
        "needs_review",
        "status",
        "conditions",
    ],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "country": COUNTRY,
        "kind": {
            "enum": [
                "residence_agreement",
                "residence",
                "humanitarian",
                "protection",
                "work_holiday",
                "asylum",
                "parole",
            ]
        },
        "name": TEXT_PER_LANGUAGE,
        "summary": TEXT_PER_LANGUAGE,
        "how_to_apply": TEXT_PER_LANGUAGE,
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
                },
            },
        },
        "sources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["url", "title", "date"],
                "additionalProperties": False,
                "properties": {
                    "url": {"type": "string", "pattern": "^https?://"},
                    "title": {"type": "string", "minLength": 1},
                    "date": {"oneOf": [{"type": "string", "pattern": ISO_DATE}, {"type": "null"}]},
                },
            },
        },
        "last_verified": {"type": "string", "pattern": ISO_DATE},
        "needs_review": {"oneOf": [{"type": "string", "minLength": 1}, {"type": "null"}]},
        "status": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["from", "status"],
                "additionalProperties": False,
                "properties": {
                    "from": {"type": "string", "pattern": ISO_DATE},
                    "status": {"enum": ["open", "closed", "suspended", "terminated"]},
                },
            },
        },
        "conditions": {"$ref": "#/$defs/condition"},
    },
    "$defs": {"condition": CONDITION},
}

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
                    # Only types the conversation can read from free text; dates and yes/no come
                    # with the full questionnaire.
                    "type": {"enum": ["country"]},
                    "prompt": {"type": "string", "pattern": r"^[a-z][a-z0-9_.]*$"},
                    "options": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
                },
            },
        },
    },
}
