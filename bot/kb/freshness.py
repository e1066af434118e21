"""What editors must look at first: upcoming status changes (a window closing, a programme ending)
and entries not verified for a while or flagged for review. `pathways stale` prints it; the
editors' console will show the same list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.kb.model import OPEN, KnowledgeBase

STALE_AFTER_DAYS = 90
UPCOMING_WITHIN_DAYS = 30


@dataclass(frozen=True)
class Upcoming:
    pathway: str
    day: date  # the first day of the new status
    status: str
    confirmed: bool

    def describe(self) -> str:
        verb = "closes" if self.status != OPEN else "opens"
        when = (self.day - timedelta(days=1)) if verb == "closes" else self.day
        what = "last open day" if verb == "closes" else "first day"
        note = " (unconfirmed)" if not self.confirmed else ""
        change = f"{self.status} from {self.day.isoformat()}"
        return f"pathway {self.pathway}: {verb} soon, {what} {when.isoformat()} -> {change}{note}"


@dataclass(frozen=True)
class StaleEntry:
    kind: str  # pathway, centre, contact
    id: str
    last_verified: date
    needs_review: str | None
    days_old: int | None = None  # set when last verified longer ago than the limit

    def describe(self) -> str:
        reasons = []
        if self.days_old is not None:
            reasons.append(f"last verified {self.last_verified} ({self.days_old} days ago)")
        if self.needs_review:
            reasons.append(f"needs review: {self.needs_review}")
        return f"{self.kind} {self.id}: " + "; ".join(reasons)


def upcoming_changes(kb: KnowledgeBase, on: date, within_days: int = UPCOMING_WITHIN_DAYS) -> list[Upcoming]:
    """Status changes dated after `on` and at most `within_days` later, soonest first."""
    horizon = on + timedelta(days=within_days)
    found = [
        Upcoming(p.id, period.start, period.status, period.confirmed)
        for p in kb.pathways
        for period in p.status_history
        if on < period.start <= horizon
    ]
    return sorted(found, key=lambda u: (u.day, u.pathway))


def stale_entries(kb: KnowledgeBase, on: date, days: int = STALE_AFTER_DAYS) -> tuple[list[StaleEntry], int]:
    """Entries last verified more than `days` before `on` or needing review, oldest first; and how
    many entries there are in all."""
    cutoff = on - timedelta(days=days)
    entries = [("pathway", p) for p in kb.pathways]
    entries += [("centre", c) for c in kb.centres.values()]
    entries += [("contact", c) for c in kb.contacts]
    stale = [
        StaleEntry(
            kind, e.id, e.last_verified, e.needs_review, (on - e.last_verified).days if too_old else None
        )
        for kind, e in entries
        if (too_old := e.last_verified < cutoff) or e.needs_review
    ]
    return sorted(stale, key=lambda e: (e.last_verified, e.id)), len(entries)
