"""The knowledge base as plain, immutable Python objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from bot.eligibility.conditions import Condition, Predicate
from bot.i18n.dates import add_months

if TYPE_CHECKING:
    from bot.appointments.schedule import Schedule
    from bot.i18n.places import PlaceReader
    from bot.kb.danger import DangerWords
    from bot.kb.glossary import Need, Term

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
    confirmed: bool = True  # False: in force but not confirmed by an official notice
    warning: Text = field(default_factory=dict)  # what people are told when it is unconfirmed


@dataclass(frozen=True)
class FilingDeadline:
    """A claim must be filed within a time counted from entry ("within 7 working days")."""

    within: int
    unit: str  # days, working_days, months, years
    late: Text  # what a late claim needs, per language
    counted_from: str = "entry_date"
    source: str | None = None

    def last_day(self, start: date) -> date:
        """The last day to file when the clock started on `start` (working days skip weekends)."""
        if self.unit == "days":
            return start + timedelta(days=self.within)
        if self.unit == "months":
            return add_months(start, self.within)
        if self.unit == "years":
            return add_months(start, 12 * self.within)
        day, left = start, self.within
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day


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
    filing_deadline: FilingDeadline | None = None
    holders: Text = field(default_factory=dict)  # for people who hold or held it: what its end means

    def next_period(self, day: date) -> StatusPeriod | None:
        """The first status change after `day` already in the history (a known closing date)."""
        return next((p for p in self.status_history if p.start > day), None)

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
NONE = "none"  # the option value for "none of these" (list questions)
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
        """The numbered options offered: the editors' countries, yes/no/unknown, or unknown for dates.
        A list question's options depend on the person (`bot.eligibility.engine.list_options`)."""
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
    region: str | None = None  # ISO 3166-2
    where: Text = field(default_factory=dict)  # directions, per language
    booking: CentreBooking | None = None  # what booking a visit needs; None: not described yet


@dataclass(frozen=True)
class CentreBooking:
    """A centre's `booking:` block: when it receives people, for what, in which languages.

    The schedule is kept even when `takes_bookings` is false, because the hours still tell a
    walk-in visitor when to come."""

    schedule: Schedule
    takes_bookings: bool
    services: tuple[str, ...]  # from schema.BOOKING_SERVICES
    languages: tuple[str, ...]  # ISO 639-1
    pathways: tuple[str, ...]  # pathway ids the centre helps with
    needs_review: dict[str, str] = field(default_factory=dict)  # booking detail -> what is unconfirmed


@dataclass(frozen=True)
class Contact:
    """An authority, a legal-aid organisation or a hotline (pathways_kb/help/<CC>.yml)."""

    id: str
    country: str
    kind: str  # migration_authority, asylum_authority, legal_aid, hotline, shelter
    name: str
    about: Text
    sources: tuple[Source, ...]
    last_verified: date
    needs_review: str | None
    hotline_for: str | None = None
    region: str | None = None  # None: the whole country
    city: str | None = None
    address: str | None = None
    where: Text = field(default_factory=dict)
    phone: str | None = None
    web: str | None = None


@dataclass(frozen=True)
class KnowledgeBase:
    pathways: tuple[Pathway, ...]
    questions: dict[str, Question]
    question_order: tuple[str, ...]
    centres: dict[str, Centre] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # normalized demonym -> country code
    cities: dict[str, str] = field(default_factory=dict)  # normalized city name -> country code
    names: dict[str, str] = field(default_factory=dict)  # country names CLDR lacks (ht) -> code
    contacts: tuple[Contact, ...] = ()
    regions: dict[str, str] = field(default_factory=dict)  # normalized region or city name -> ISO 3166-2
    # countries whose centres are offered only within their own state (help/<CC>.yml)
    centres_within_region: frozenset[str] = frozenset()
    # danger word lists per language (pathways_kb/danger/<lang>.yml), read by bot.safety.signals
    danger: dict[str, DangerWords] = field(default_factory=dict)
    glossary: tuple[Term, ...] = ()  # words people ask about (pathways_kb/glossary.yml)
    needs: tuple[Need, ...] = ()  # what people ask for after their results (pathways_kb/needs.yml)
    region_names: dict[str, str] = field(default_factory=dict)  # ISO 3166-2 -> its first name in regions.yml

    @cached_property
    def places(self) -> PlaceReader:
        """Reads countries, demonyms and cities from free text (built once per KB version)."""
        from bot.i18n.places import PlaceReader

        return PlaceReader(self.demonyms, self.cities, self.names, self.regions)

    def pathway(self, pathway_id: str) -> Pathway:
        for pathway in self.pathways:
            if pathway.id == pathway_id:
                return pathway
        raise KeyError(pathway_id)
