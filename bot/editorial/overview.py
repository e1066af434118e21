"""The editors' overview of the knowledge base: one row per pathway, the filters and sort orders the
pathways list offers, and the "to check" list that is the editors' home page. Data only (no web
framework), so the console pages stay thin and these rules are tested without a server.

Filters come from a URL: a value this module does not know (a country with no pathway, a kind not
in the schema, a sort order not offered) is dropped, never an error, and the page shows the filter
as not applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.console import describe
from bot.kb import freshness
from bot.kb.model import PATHWAY_STATUSES, KnowledgeBase, Pathway
from bot.kb.schema import PATHWAY

KINDS: tuple[str, ...] = tuple(PATHWAY["properties"]["kind"]["enum"])
SORTS = ("name", "country", "last_verified", "status")
FLAG_VALUES = ("1",)  # ?stale=1, ?needs_review=1
# Open first: what migrants can apply for now is what editors check most.
STATUS_ORDER = {status: rank for rank, status in enumerate(PATHWAY_STATUSES)}


@dataclass(frozen=True)
class Row:
    """What the pathways list shows for one pathway on one day."""

    pathway: Pathway
    name: str  # in the staff member's language (English when missing)
    status: str | None  # None before its first dated status
    days_since_verified: int
    stale: bool
    watch_changes: int  # open source-watch changes
    next_change: freshness.Upcoming | None  # the first status change after today, however far

    @property
    def id(self) -> str:
        return self.pathway.id


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    kind: str | None = None
    stale: bool = False
    needs_review: bool = False
    sort: str = "name"

    @classmethod
    def from_query(cls, args: Mapping[str, str], countries: set[str]) -> Filters:
        """The filters a query string asks for, keeping only values that mean something here."""
        country = (args.get("country") or "").upper()
        kind = args.get("kind") or ""
        sort = args.get("sort") or ""
        return cls(
            country=country if country in countries else None,
            kind=kind if kind in KINDS else None,
            stale=args.get("stale") in FLAG_VALUES,
            needs_review=args.get("needs_review") in FLAG_VALUES,
            sort=sort if sort in SORTS else "name",
        )

    def keeps(self, row: Row) -> bool:
        return (
            (self.country is None or row.pathway.country == self.country)
            and (self.kind is None or row.pathway.kind == self.kind)
            and (not self.stale or row.stale)
            and (not self.needs_review or bool(row.pathway.needs_review))
        )


def rows(
    kb: KnowledgeBase,
    on: date,
    lang: str,
    watch: Mapping[str, int] | None = None,
    stale_after_days: int = freshness.STALE_AFTER_DAYS,
) -> list[Row]:
    """Every pathway's row on `on`, in the KB's order."""
    watch = watch or {}
    made = []
    for pathway in kb.pathways:
        age = (on - pathway.last_verified).days
        period = pathway.next_period(on)
        upcoming = (
            freshness.Upcoming(pathway.id, period.start, period.status, period.confirmed) if period else None
        )
        made.append(
            Row(
                pathway=pathway,
                name=describe.name_of(pathway, lang),
                status=pathway.status_on(on),
                days_since_verified=age,
                stale=age > stale_after_days,
                watch_changes=watch.get(pathway.id, 0),
                next_change=upcoming,
            )
        )
    return made


def _sort_key(sort: str, country_names: Mapping[str, str]) -> Any:
    if sort == "country":
        return lambda r: (
            country_names.get(r.pathway.country, r.pathway.country).casefold(),
            r.name.casefold(),
        )
    if sort == "last_verified":
        return lambda r: (r.pathway.last_verified, r.name.casefold())
    if sort == "status":
        return lambda r: (STATUS_ORDER.get(r.status or "", len(STATUS_ORDER)), r.name.casefold())
    return lambda r: r.name.casefold()


def select(all_rows: list[Row], filters: Filters, country_names: Mapping[str, str]) -> list[Row]:
    """The rows the filters keep, in the chosen order (names compared without case; ties by name).
    `country_names` are the names shown, so "by country" follows what the editor reads."""
    kept = [row for row in all_rows if filters.keeps(row)]
    return sorted(kept, key=_sort_key(filters.sort, country_names))


@dataclass(frozen=True)
class ToCheck:
    """The editors' home page: four lists of pathways, each already in the order to work through."""

    stale: list[Row]  # oldest check first
    upcoming: list[tuple[freshness.Upcoming, Row]]  # soonest first
    needs_review: list[Row]  # by name
    watched: list[Row]  # most changes first


def to_check(
    all_rows: list[Row],
    kb: KnowledgeBase,
    on: date,
    within_days: int = freshness.UPCOMING_WITHIN_DAYS,
) -> ToCheck:
    by_id = {row.id: row for row in all_rows}
    stale = sorted((r for r in all_rows if r.stale), key=lambda r: (r.pathway.last_verified, r.id))
    upcoming = [(u, by_id[u.pathway]) for u in freshness.upcoming_changes(kb, on, within_days)]
    return ToCheck(
        stale=stale,
        upcoming=upcoming,
        needs_review=sorted((r for r in all_rows if r.pathway.needs_review), key=lambda r: r.name.casefold()),
        watched=sorted((r for r in all_rows if r.watch_changes), key=lambda r: (-r.watch_changes, r.id)),
    )
