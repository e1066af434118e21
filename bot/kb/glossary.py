"""The glossary and the needs, two files editors keep beside the pathways.

`glossary.yml` explains the words people ask about after their results ("¿qué es el PPT?", "e o que
é o CONARE?"): each term has the ways people write it per language (normalized, as
`bot.i18n.text.normalize` gives), a short plain definition in every language, the pathways and
help contacts it is about, and its sources. `needs.yml` says what the assistant answers when
someone asks for something it cannot give (a job, a lawyer, a bed): honest words, and which
contacts of their country to show.

Both files are optional (a test KB may have neither); when present every problem is reported
with its line, like the other KB files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.i18n.text import contains_phrase, normalize
from bot.kb import schema
from bot.kb.model import Source, Text
from bot.kb.problems import FileChecker
from bot.settings import ALL_LANGUAGES

if TYPE_CHECKING:
    from bot.kb.model import KnowledgeBase

CENTRE = "centre"  # a `show` entry: the nearest migrant service centres
HOTLINE = "hotline:"  # a `show` entry prefix: "hotline:emergency"
MAX_DEFINITION = 450  # characters: one to three plain sentences

_PHRASES = {
    "type": "object",
    "required": list(ALL_LANGUAGES),
    "propertyNames": schema.LANGUAGE_KEY,
    "additionalProperties": {
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": {"type": "string", "minLength": 1},
    },
}
_TEXT_ALL = {
    "type": "object",
    "required": list(ALL_LANGUAGES),
    "propertyNames": schema.LANGUAGE_KEY,
    "additionalProperties": {"type": "string", "minLength": 1},
}

GLOSSARY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "glossary",
    "type": "object",
    "additionalProperties": False,
    "required": ["terms"],
    "properties": {
        "terms": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "aliases", "definition", "sources", "last_verified"],
                "properties": {
                    "id": schema.ID,
                    "country": schema.COUNTRY,
                    "aliases": _PHRASES,
                    "definition": _TEXT_ALL,
                    "pathways": {"type": "array", "items": schema.ID, "uniqueItems": True},
                    "contacts": {"type": "array", "items": schema.ID, "uniqueItems": True},
                    "sources": schema.SOURCES,
                    "last_verified": schema.DATE,
                    "needs_review": schema.NEEDS_REVIEW,
                },
            },
        }
    },
}

NEEDS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "needs",
    "type": "object",
    "additionalProperties": False,
    "required": ["needs"],
    "properties": {
        "needs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "triggers", "reply", "show"],
                "properties": {
                    "id": schema.ID,
                    "triggers": _PHRASES,
                    "reply": _TEXT_ALL,
                    "show": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {"type": "string", "minLength": 1},
                    },
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Term:
    """A word people ask about, with what it means in every language."""

    id: str
    aliases: dict[str, tuple[str, ...]]  # language -> normalized ways of writing it
    definition: Text
    sources: tuple[Source, ...]
    last_verified: date
    pathways: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # help contacts that *are* this term (COMAR, Polícia Federal)
    country: str | None = None  # tells apart terms written alike (CONARE in Brazil and in Argentina)
    needs_review: str | None = None

    @property
    def all_aliases(self) -> frozenset[str]:
        return frozenset(a for aliases in self.aliases.values() for a in aliases)


@dataclass(frozen=True)
class Need:
    """Something people ask for that the assistant cannot give, and who can help instead."""

    id: str
    triggers: dict[str, tuple[str, ...]]  # language -> normalized phrases
    reply: Text
    show: tuple[str, ...]  # "centre", a contact kind, or "hotline:<purpose>", in order

    @property
    def all_triggers(self) -> frozenset[str]:
        return frozenset(t for triggers in self.triggers.values() for t in triggers)


def _check_phrases(phrases: dict[str, list[str]], field: str, checker: FileChecker, at: tuple) -> None:
    for lang, items in phrases.items():
        for i, phrase in enumerate(items):
            if normalize(phrase) != phrase:
                checker.add(
                    (*at, field, lang, i),
                    f"{phrase!r} must be written normalized: {normalize(phrase)!r}",
                )


def _sources(items: list[dict], checker: FileChecker, at: tuple) -> tuple[Source, ...]:
    return tuple(
        Source(s["url"], s["title"], checker.date(s["date"], (*at, "sources", i, "date")))
        for i, s in enumerate(items)
    )


def _check_shared_aliases(terms: list[tuple[Term, tuple]], checker: FileChecker) -> None:
    """Two terms may be written alike only when each names its country (the person's decides)."""
    owner: dict[str, Term] = {}
    for term, at in terms:
        for alias in sorted(term.all_aliases):
            other = owner.get(alias)
            if other is None:
                owner[alias] = term
            elif not (term.country and other.country and term.country != other.country):
                checker.add(
                    (*at, "aliases"),
                    f"{alias!r} is also an alias of {other.id!r}; "
                    "give both a different `country` or remove one",
                )


def load_glossary(
    checker: FileChecker, pathway_ids: Iterable[str], contact_ids: Iterable[str]
) -> tuple[Term, ...]:
    """Read glossary.yml (missing: no terms); every term's references must exist in the KB."""
    if not checker.path.exists():
        return ()
    data = checker.read()
    if data is None or not checker.check_schema(data, GLOSSARY_SCHEMA):
        return ()
    pathways, contacts = set(pathway_ids), set(contact_ids)
    seen: set[str] = set()
    terms: list[tuple[Term, tuple]] = []
    for i, item in enumerate(data["terms"]):
        at = ("terms", i)
        if item["id"] in seen:
            checker.add((*at, "id"), f"term id {item['id']!r} is used more than once")
        seen.add(item["id"])
        _check_phrases(item["aliases"], "aliases", checker, at)
        for lang, text in item["definition"].items():
            if len(text) > MAX_DEFINITION:
                checker.add(
                    (*at, "definition", lang),
                    f"{len(text)} characters; keep a definition to 1-3 sentences (at most {MAX_DEFINITION})",
                )
        for j, pathway in enumerate(item.get("pathways", ())):
            if pathway not in pathways:
                checker.add((*at, "pathways", j), f"unknown pathway {pathway!r}")
        for j, contact in enumerate(item.get("contacts", ())):
            if contact not in contacts:
                checker.add((*at, "contacts", j), f"unknown contact {contact!r} (ids in help/)")
        term = Term(
            id=item["id"],
            aliases={lang: tuple(items) for lang, items in item["aliases"].items()},
            definition=item["definition"],
            sources=_sources(item["sources"], checker, at),
            last_verified=checker.date(item["last_verified"], (*at, "last_verified")),
            pathways=tuple(item.get("pathways", ())),
            contacts=tuple(item.get("contacts", ())),
            country=item.get("country"),
            needs_review=item.get("needs_review"),
        )
        terms.append((term, at))
    _check_shared_aliases(terms, checker)
    return () if checker.problems else tuple(term for term, _ in terms)


def show_kinds() -> frozenset[str]:
    """What a need may show: centres, every contact kind, and a hotline for one purpose (a
    hotline is always named by its purpose). Read when called, so a contact kind added to the
    schema is usable at once."""
    hotlines = {f"{HOTLINE}{purpose}" for purpose in schema.HOTLINE_KINDS}
    kinds = {kind for kind in schema.CONTACT_KINDS if kind != HOTLINE.rstrip(":")}
    return frozenset({CENTRE, *kinds, *hotlines})


def load_needs(checker: FileChecker) -> tuple[Need, ...]:
    """Read needs.yml (missing: no needs). A trigger belongs to one need only."""
    if not checker.path.exists():
        return ()
    data = checker.read()
    if data is None or not checker.check_schema(data, NEEDS_SCHEMA):
        return ()
    kinds = show_kinds()
    seen_ids: set[str] = set()
    trigger_owner: dict[str, str] = {}
    needs = []
    for i, item in enumerate(data["needs"]):
        at = ("needs", i)
        if item["id"] in seen_ids:
            checker.add((*at, "id"), f"need id {item['id']!r} is used more than once")
        seen_ids.add(item["id"])
        _check_phrases(item["triggers"], "triggers", checker, at)
        for lang, items in item["triggers"].items():
            for j, trigger in enumerate(items):
                owner = trigger_owner.setdefault(trigger, item["id"])
                if owner != item["id"]:
                    checker.add((*at, "triggers", lang, j), f"{trigger!r} is already a trigger of {owner!r}")
        for j, kind in enumerate(item["show"]):
            if kind not in kinds:
                checker.add((*at, "show", j), f"{kind!r} is not one of: {', '.join(sorted(kinds))}")
        needs.append(
            Need(
                id=item["id"],
                triggers={lang: tuple(items) for lang, items in item["triggers"].items()},
                reply=item["reply"],
                show=tuple(item["show"]),
            )
        )
    return () if checker.problems else tuple(needs)


# -- lookup ---------------------------------------------------------------------------------------
def _longest(phrases: Iterable[str], words: str) -> int:
    """The length of the longest phrase found in `words` as whole words (0: none)."""
    return max((len(p) for p in phrases if contains_phrase(words, frozenset({p}))), default=0)


def terms_named(kb: KnowledgeBase, words: str) -> list[Term]:
    """Terms written in normalized `words`, the longest match first ("permiso por proteccion"
    before "proteccion"); a term appears once."""
    found = [
        (length, i, term)
        for i, term in enumerate(kb.glossary)
        if (length := _longest(term.all_aliases, words))
    ]
    return [term for _, _, term in sorted(found, key=lambda f: (-f[0], f[1]))]


def need_named(kb: KnowledgeBase, words: str) -> Need | None:
    """The need whose trigger in normalized `words` is longest, or None."""
    found = [
        (length, i, need) for i, need in enumerate(kb.needs) if (length := _longest(need.all_triggers, words))
    ]
    return min(found, key=lambda f: (-f[0], f[1]))[2] if found else None


def term_by_id(kb: KnowledgeBase, term_id: str) -> Term:
    for term in kb.glossary:
        if term.id == term_id:
            return term
    raise KeyError(term_id)


def need_by_id(kb: KnowledgeBase, need_id: str) -> Need:
    for need in kb.needs:
        if need.id == need_id:
            return need
    raise KeyError(need_id)


def glossary_path(kb_dir: Path) -> Path:
    return kb_dir / "glossary.yml"


def needs_path(kb_dir: Path) -> Path:
    return kb_dir / "needs.yml"
