"""Drafts: an editor's proposed text of one KB file, waiting for a second person's review.

Life of a draft: draft -> submitted -> published | rejected; the author may withdraw a draft or a
submitted one. Only the author edits, and only while it is a draft: a submitted draft is frozen so the
reviewer approves exactly what they read (to change it, withdraw it and start a new draft).
Every change of state is a compare-and-set on `row_version` (UPDATE ... WHERE id AND row_version),
so two editors acting at once, or a double click, cannot both succeed: the loser gets `Conflict`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from bot.console import audit
from bot.db.engine import get_engine
from bot.db.tables import kb_drafts, kb_version_files
from bot.editorial.published import checked_path

if TYPE_CHECKING:
    from bot.console.auth import Staff

EDITING_ROLES = ("editor", "admin")
DRAFT, SUBMITTED, PUBLISHED, REJECTED, WITHDRAWN = "draft", "submitted", "published", "rejected", "withdrawn"
OPEN = (DRAFT, SUBMITTED)
KINDS = ("edit", "restore")
NOTE_MAX = 500


class NotAllowed(Exception):
    """This person may not do this to this draft (role, authorship or status)."""


class OwnDraft(NotAllowed):
    """Four eyes: this is the person's own draft, which someone else must review."""


class NoteRequired(ValueError):
    """A rejection says why: the author reads the note."""


class Conflict(Exception):
    """The draft changed since it was read (someone else acted first): reload and try again."""


@dataclass(frozen=True)
class Draft:
    id: int
    pathway_id: str
    path: str
    base_version: int | None
    text: str
    summary: str
    sources: tuple[str, ...]
    kind: str
    restore_of: int | None
    status: str
    author_id: int | None
    author: str
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    reviewer_id: int | None
    reviewer: str | None
    reviewed_at: datetime | None
    review_note: str | None
    row_version: int


def _draft(row: Any) -> Draft:
    values = {name: row[name] for name in Draft.__dataclass_fields__}
    values["sources"] = tuple(values["sources"] or ())
    return Draft(**values)


def require_editor(staff: Staff) -> None:
    if staff.role not in EDITING_ROLES:
        raise NotAllowed(f"role {staff.role!r} cannot edit the knowledge base")


def latest_version_of(connection: sa.Connection, path: str) -> int | None:
    """The newest published version that holds `path`, or None when it was never published."""
    return connection.execute(
        sa.select(sa.func.max(kb_version_files.c.version_id)).where(kb_version_files.c.path == path)
    ).scalar_one_or_none()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _urls(sources: Iterable[str]) -> list[str]:
    return [s.strip() for s in sources if s and s.strip()]


def create(
    db: str,
    staff: Staff,
    pathway_id: str,
    path: str,
    text: str,
    summary: str = "",
    sources: Iterable[str] = (),
    kind: str = "edit",
    restore_of: int | None = None,
) -> Draft:
    """A new draft based on the file's latest published version (what `Stale` is checked against)."""
    require_editor(staff)
    if kind not in KINDS:
        raise ValueError(f"unknown draft kind {kind!r}")
    path = checked_path(path)
    now = _now()
    with get_engine(db).begin() as connection:
        draft_id = connection.execute(
            kb_drafts.insert().values(
                pathway_id=pathway_id,
                path=path,
                base_version=latest_version_of(connection, path),
                text=text,
                summary=summary[:NOTE_MAX],
                sources=_urls(sources),
                kind=kind,
                restore_of=restore_of,
                status=DRAFT,
                author_id=staff.id,
                author=staff.username,
                created_at=now,
                updated_at=now,
                row_version=1,
            )
        ).inserted_primary_key[0]
    audit.record(db, staff, "kb.draft.create", detail=f"{pathway_id} draft {draft_id}")
    found = get(db, draft_id)
    assert found is not None
    return found


def get(db: str, draft_id: int) -> Draft | None:
    with get_engine(db).connect() as connection:
        row = connection.execute(sa.select(kb_drafts).where(kb_drafts.c.id == draft_id)).mappings().first()
    return _draft(row) if row else None


def _existing(db: str, draft_id: int) -> Draft:
    draft = get(db, draft_id)
    if draft is None:
        raise LookupError(f"no draft {draft_id}")
    return draft


def compare_and_set(connection: sa.Connection, draft_id: int, row_version: int, **values: Any) -> None:
    """Apply `values` only if the draft is still at `row_version`; otherwise raise Conflict."""
    changed = connection.execute(
        kb_drafts.update()
        .where(kb_drafts.c.id == draft_id, kb_drafts.c.row_version == row_version)
        .values(row_version=row_version + 1, updated_at=_now(), **values)
    ).rowcount
    if changed != 1:
        raise Conflict(f"draft {draft_id} changed since version {row_version}")


def _as_author(db: str, staff: Staff, draft_id: int, statuses: tuple[str, ...]) -> Draft:
    require_editor(staff)
    draft = _existing(db, draft_id)
    if draft.author_id != staff.id:
        raise NotAllowed("only the author can change their draft")
    if draft.status not in statuses:
        raise NotAllowed(f"a {draft.status} draft cannot be changed this way")
    return draft


def _change(db: str, draft_id: int, row_version: int, **values: Any) -> Draft:
    with get_engine(db).begin() as connection:
        compare_and_set(connection, draft_id, row_version, **values)
    return _existing(db, draft_id)


def update(
    db: str, staff: Staff, draft_id: int, row_version: int, text: str, summary: str, sources: Iterable[str]
) -> Draft:
    draft = _as_author(db, staff, draft_id, (DRAFT,))
    changed = _change(
        db, draft_id, row_version, text=text, summary=summary[:NOTE_MAX], sources=_urls(sources)
    )
    audit.record(db, staff, "kb.draft.update", detail=f"{draft.pathway_id} draft {draft_id}")
    return changed


def submit(db: str, staff: Staff, draft_id: int, row_version: int) -> Draft:
    draft = _as_author(db, staff, draft_id, (DRAFT,))
    changed = _change(db, draft_id, row_version, status=SUBMITTED, submitted_at=_now())
    audit.record(db, staff, "kb.draft.submit", detail=f"{draft.pathway_id} draft {draft_id}")
    return changed


def withdraw(db: str, staff: Staff, draft_id: int, row_version: int) -> Draft:
    draft = _as_author(db, staff, draft_id, OPEN)
    changed = _change(db, draft_id, row_version, status=WITHDRAWN)
    audit.record(db, staff, "kb.draft.withdraw", detail=f"{draft.pathway_id} draft {draft_id}")
    return changed


def require_reviewer(staff: Staff, draft: Draft) -> None:
    """Four eyes: another editor or an admin, never the author (admins included)."""
    require_editor(staff)
    if draft.author_id == staff.id:
        raise OwnDraft("nobody reviews their own draft")
    if draft.status != SUBMITTED:
        raise NotAllowed(f"a {draft.status} draft is not waiting for review")


def reject(db: str, staff: Staff, draft_id: int, row_version: int, note: str) -> Draft:
    draft = _existing(db, draft_id)
    require_reviewer(staff, draft)
    if not note.strip():
        raise NoteRequired("a rejection needs a note")
    changed = _change(
        db,
        draft_id,
        row_version,
        status=REJECTED,
        reviewer_id=staff.id,
        reviewer=staff.username,
        reviewed_at=_now(),
        review_note=note[:NOTE_MAX],
    )
    audit.record(db, staff, "kb.draft.reject", detail=f"{draft.pathway_id} draft {draft_id}")
    return changed


def _listed(db: str, query: sa.Select) -> list[Draft]:
    with get_engine(db).connect() as connection:
        return [_draft(row) for row in connection.execute(query).mappings()]


def open_drafts(db: str, pathway_id: str | None = None) -> list[Draft]:
    """Drafts still being written or waiting for review, newest first."""
    query = sa.select(kb_drafts).where(kb_drafts.c.status.in_(OPEN)).order_by(kb_drafts.c.id.desc())
    if pathway_id is not None:
        query = query.where(kb_drafts.c.pathway_id == pathway_id)
    return _listed(db, query)


def for_review(db: str) -> list[Draft]:
    """Submitted drafts, oldest first: the reviewers' queue."""
    return _listed(db, sa.select(kb_drafts).where(kb_drafts.c.status == SUBMITTED).order_by(kb_drafts.c.id))
