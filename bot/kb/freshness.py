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
    entries = [StaleEntry("pathway", p.id, p.last_verified, p.needs_review) for p in kb.pathways]
    entries += [StaleEntry("centre", c.id, c.last_verified, c.needs_review) for c in kb.centres.values()]
    entries += [StaleEntry("contact", c.id, c.last_verified, c.needs_review) for c in kb.contacts]
    stale = [e for e in entries if e.last_verified < cutoff or e.needs_review]
    return sorted(stale, key=lambda e: (e.last_verified, e.id)), len(entries)
