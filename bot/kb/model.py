"""The knowledge base as plain, immutable Python objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from bot.eligibility.conditions import Condition, Predicate

if TYPE_CHECKING:
    from bot.i18n.places import PlaceReader

OPEN = "open"
PATHWAY_STATUSES = ("open", "closed", "suspended", "terminated")
Text = dict[str, str]  # language code -> text


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    date: date | None  # None when the source shows no date ("n.d.")


@dataclass(frozen=True)
class LegalBasis:
    instrument: str
    number: str | None = None
    year: int | None = None
    article: str | None = None

    def cite(self) -> str:
        text = " ".join(p for p in (self.instrument, self.number) if p)
        if self.article:
            text += f", {self.article}"
        return f"{text} ({self.year})" if self.year else text


@dataclass(frozen=True)
class StatusPeriod:
    start: date
    status: str
    note: str | None = None  # for editors: why the status changed


@dataclass(frozen=True)
class ApplyAt:
    authority: str
    url: str | None = None
    centres: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pathway:
    id: str
    country: str
    kind: str
    name: Text
    summary: Text
    how_to_apply: Text
    legal_basis: tuple[LegalBasis, ...]
    sources: tuple[Source, ...]
    last_verified: date
    needs_review: str | None
    status_history: tuple[StatusPeriod, ...]  # sorted by start date
    conditions: Condition
    apply_at: ApplyAt | None = None
    documents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fees: Text = field(default_factory=dict)
    duration: Text = field(default_factory=dict)
    after: Text = field(default_factory=dict)
    caveats: Text = field(default_factory=dict)
    supplementary: bool = False  # beyond the minimum catalog of design.md section 4

    def period_on(self, day: date) -> StatusPeriod | None:
        """The status period in force on `day`, or None before the first one."""
        current = None
        for period in self.status_history:
            if period.start <= day:
                current = period
        return current

    def status_on(self, day: date) -> str | None:
        """The programme's status on `day`, or None before its first dated status."""
        period = self.period_on(day)
        return period.status if period else None

    def status_since(self, day: date) -> date | None:
        """The date the status in force on `day` began."""
        period = self.period_on(day)
        return period.start if period else None

    @property
    def primary_source(self) -> Source:
        return self.sources[0]

    @cached_property
    def predicates(self) -> tuple[Predicate, ...]:
        """Every predicate of the condition tree, in order (computed once; the tree never changes)."""
        return tuple(self.conditions.predicates())


UNKNOWN = "unknown"  # the option value for "I don't know"
FIXED_OPTIONS = {"boolean": ("yes", "no", UNKNOWN), "date": (UNKNOWN,)}


@dataclass(frozen=True)
class Question:
    fact: str
    type: str
    prompt: str  # message id in the gettext catalogs
    help: str | None
    options: tuple[str, ...]

    @property
    def answer_options(self) -> tuple[str, ...]:
        """The numbered options offered: the editors' countries, yes/no/unknown, or unknown for dates."""
        return FIXED_OPTIONS.get(self.type, self.options)


@dataclass(frozen=True)
class Centre:
    id: str
    name: str
    city: str
    country: str
    address: str | None
    phone: str | None
    web: str | None
    hours: str | None
    services: Text
    sources: tuple[Source, ...]
    last_verified: date
    needs_review: str | None


@dataclass(frozen=True)
class KnowledgeBase:
    pathways: tuple[Pathway, ...]
    questions: dict[str, Question]
    question_order: tuple[str, ...]
    centres: dict[str, Centre] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # normalized demonym -> country code
    cities: dict[str, str] = field(default_factory=dict)  # normalized city name -> country code
    names: dict[str, str] = field(default_factory=dict)  # country names CLDR lacks (ht) -> code

    @cached_property
    def places(self) -> PlaceReader:
        """Reads countries, demonyms and cities from free text (built once per KB version)."""
        from bot.i18n.places import PlaceReader

        return PlaceReader(self.demonyms, self.cities, self.names)

    def pathway(self, pathway_id: str) -> Pathway:
        for pathway in self.pathways:
            if pathway.id == pathway_id:
                return pathway
        raise KeyError(pathway_id)
