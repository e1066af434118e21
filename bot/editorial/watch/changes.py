"""The recorded state of the watch, as editors read it: open changes (what flags a pathway), failing
sources, sources gone, when the last pass ran, and marking a change reviewed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import source_changes, source_pages
from bot.editorial.watch.compare import DiffLine, diff

GONE_STATUSES = (404, 410)


@dataclass(frozen=True)
class SourceChange:
    id: int
    url: str
    pathway_ids: tuple[str, ...]
    before: str
    after: str
    detected_at: datetime

    @property
    def is_document(self) -> bool:
        """A PDF or binary source: only its digest changed, there is no text to show."""
        return not self.before and not self.after

    def diff(self) -> list[DiffLine]:
        return diff(self.before, self.after)


@dataclass(frozen=True)
class SourcePage:
    url: str
    status: int | None
    error: str | None
    fetched_at: datetime | None
    had_good_fetch: bool

    @property
    def gone(self) -> bool:
        """404 or 410 after the page was once fetched: the source moved or was withdrawn."""
        return self.had_good_fetch and self.status in GONE_STATUSES


def _change(row: sa.Row) -> SourceChange:
    return SourceChange(row.id, row.url, tuple(row.pathway_ids), row.before, row.after, row.detected_at)


def open_changes(database_url: str) -> list[SourceChange]:
    """Changes not yet marked reviewed, newest first."""
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(source_changes)
            .where(source_changes.c.resolved_at.is_(None))
            .order_by(source_changes.c.detected_at.desc(), source_changes.c.id.desc())
        ).all()
    return [_change(row) for row in rows]


def open_changes_by_pathway(database_url: str) -> dict[str, int]:
    """How many unreviewed source changes flag each pathway (pathways with none are absent)."""
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(source_changes.c.pathway_ids).where(source_changes.c.resolved_at.is_(None))
        ).all()
    counts: Counter[str] = Counter()
    for (pathway_ids,) in rows:
        counts.update(set(pathway_ids))
    return dict(counts)


def resolve(
    database_url: str, change_id: int, staff_id: int | None, staff_name: str, now: datetime | None = None
) -> bool:
    """Mark a change reviewed; False when it does not exist or was already marked."""
    with get_engine(database_url).begin() as connection:
        done = connection.execute(
            source_changes.update()
            .where(source_changes.c.id == change_id, source_changes.c.resolved_at.is_(None))
            .values(
                resolved_at=now or datetime.now(timezone.utc),
                resolved_by=staff_name[:64],
                resolved_by_id=staff_id,
            )
        ).rowcount
    return bool(done)


def failing_sources(database_url: str) -> list[SourcePage]:
    """Sources whose last fetch failed (an HTTP error or no answer), sources gone first."""
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(source_pages).where(source_pages.c.error.is_not(None)).order_by(source_pages.c.url)
        ).all()
    pages = [SourcePage(r.url, r.status, r.error, r.fetched_at, r.digest is not None) for r in rows]
    return sorted(pages, key=lambda page: not page.gone)


def last_pass_at(database_url: str) -> datetime | None:
    """When a source was last fetched: the end of the latest pass."""
    with get_engine(database_url).connect() as connection:
        return connection.execute(sa.select(sa.func.max(source_pages.c.fetched_at))).scalar()
