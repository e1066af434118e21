"""Publishing: four-eyes approval, the version record, verification, history and restore.

A publish validates the whole KB with the change, then records the version and marks the draft
published in one transaction (the draft's compare-and-set decides between two reviewers clicking at
once); only after the commit is the file written into the KB folder and every process asked to
reload. The database is the truth; the folder follows it (and `pathways export` can rewrite it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from bot.console import audit
from bot.db.engine import get_engine
from bot.db.tables import kb_version_files, kb_versions
from bot.editorial import drafts
from bot.editorial.drafts import Draft
from bot.editorial.published import check_with, checked_path, published_files, write_atomically
from bot.editorial.roundtrip import rewrite
from bot.kb.problems import Problem
from bot.kb.store import request_reload_everywhere
from bot.kb.yaml_lines import load_strict
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.console.auth import Staff

# Publishes of any file take this PostgreSQL lock in turn, so two drafts of the same file cannot both
# pass the staleness check (SQLite already lets one writer at a time in).
PUBLISH_LOCK = 1414


class Invalid(Exception):
    """The KB would not validate with this change; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems, first: {problems[0]}" if problems else "invalid")
        self.problems = problems


class Stale(Exception):
    """The file was published again since the draft started: the editor must redo it on the new text."""


@dataclass(frozen=True)
class VersionFile:
    path: str
    text: str
    previous_text: str | None


@dataclass(frozen=True)
class Version:
    id: int
    kind: str
    pathway_id: str | None
    summary: str
    changes: tuple[str, ...]
    sources: tuple[str, ...]
    author_id: int | None
    author: str
    reviewer_id: int | None
    reviewer: str | None
    draft_id: int | None
    published_at: datetime
    files: tuple[VersionFile, ...] = field(default=())  # filled by `get`, empty in `history`


def changed_fields(before: Any, after: Any, prefix: str = "") -> list[str]:
    """Dotted paths of the values that differ, e.g. "status.2.status" (lists compared by position)."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = list(before) + [k for k in after if k not in before]
        found = []
        for key in keys:
            found += changed_fields(before.get(key), after.get(key), f"{prefix}{key}.")
        return found
    if isinstance(before, list) and isinstance(after, list):
        found = []
        for index in range(max(len(before), len(after))):
            old = before[index] if index < len(before) else None
            new = after[index] if index < len(after) else None
            found += changed_fields(old, new, f"{prefix}{index}.")
        return found
    return [] if before == after else [prefix.rstrip(".") or "(file)"]


def _changes(previous: str | None, text: str) -> list[str]:
    try:
        return changed_fields(load_strict(previous) if previous is not None else None, load_strict(text))
    except Exception:  # noqa: BLE001 - validation already passed; an unreadable old text is "everything"
        return ["(file)"]


def _lock_publishing(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PUBLISH_LOCK})


def _latest_text(connection: sa.Connection, path: str) -> str | None:
    return connection.execute(
        sa.select(kb_version_files.c.text)
        .where(kb_version_files.c.path == path)
        .order_by(kb_version_files.c.version_id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _previous_text(connection: sa.Connection, settings: Settings, path: str) -> str | None:
    """What the file says now: its latest published text, else the file on disk (never published)."""
    text = _latest_text(connection, path)
    if text is not None:
        return text
    on_disk = settings.kb_dir / path
    return on_disk.read_text(encoding="utf-8") if on_disk.is_file() else None


def _insert_version(
    connection: sa.Connection,
    settings: Settings,
    files: dict[str, str],
    *,
    kind: str,
    pathway_id: str | None,
    summary: str,
    sources: list[str],
    author_id: int | None,
    author: str,
    reviewer: Staff | None = None,
    draft_id: int | None = None,
) -> int:
    previous = {path: _previous_text(connection, settings, path) for path in files}
    changes = [change for path in files for change in _changes(previous[path], files[path])]
    version_id = connection.execute(
        kb_versions.insert().values(
            kind=kind,
            pathway_id=pathway_id,
            summary=summary[: drafts.NOTE_MAX],
            changes=changes,
            sources=sources,
            author_id=author_id,
            author=author[:64],
            reviewer_id=reviewer.id if reviewer else None,
            reviewer=reviewer.username if reviewer else None,
            draft_id=draft_id,
            published_at=datetime.now(timezone.utc),
        )
    ).inserted_primary_key[0]
    connection.execute(
        kb_version_files.insert(),
        [
            {"version_id": version_id, "path": path, "text": text, "previous_text": previous[path]}
            for path, text in files.items()
        ],
    )
    return version_id


def _after_commit(settings: Settings, files: dict[str, str]) -> None:
    for path, text in files.items():
        write_atomically(settings.kb_dir / checked_path(path), text)
    request_reload_everywhere(settings.database_url)


def _validated(settings: Settings, files: dict[str, str]) -> None:
    report = check_with(settings, files)
    if report.kb is None:
        raise Invalid(report.errors)


def approve_and_publish(settings: Settings, staff: Staff, draft_id: int, row_version: int) -> Version:
    """Publish a submitted draft reviewed by someone else (raises NotAllowed, Invalid, Stale, Conflict)."""
    db = settings.database_url
    draft = drafts.get(db, draft_id)
    if draft is None:
        raise LookupError(f"no draft {draft_id}")
    drafts.require_reviewer(staff, draft)
    files = {draft.path: draft.text}
    _validated(settings, files)
    with get_engine(db).begin() as connection:
        # The draft's compare-and-set comes first: it takes SQLite's write lock before any read.
        drafts.compare_and_set(
            connection,
            draft_id,
            row_version,
            status=drafts.PUBLISHED,
            reviewer_id=staff.id,
            reviewer=staff.username,
            reviewed_at=datetime.now(timezone.utc),
        )
        _lock_publishing(connection)
        if drafts.latest_version_of(connection, draft.path) != draft.base_version:
            raise Stale(f"{draft.path} was published again since draft {draft_id} started")
        version_id = _insert_version(
            connection,
            settings,
            files,
            kind=draft.kind,
            pathway_id=draft.pathway_id,
            summary=draft.summary,
            sources=list(draft.sources),
            author_id=draft.author_id,
            author=draft.author,
            reviewer=staff,
            draft_id=draft_id,
        )
    _after_commit(settings, files)
    audit.record(db, staff, "kb.publish", detail=f"{draft.pathway_id} v{version_id}")
    return _must_get(db, version_id)


def pathway_path(pathway_id: str) -> str:
    """Where a pathway lives in the KB: the loader requires the file name to be the id."""
    return checked_path(f"pathways/{pathway_id}.yml")


def current_text(settings: Settings, path: str) -> str | None:
    """The file as served: its published text, else the file on disk."""
    with get_engine(settings.database_url).connect() as connection:
        return _previous_text(connection, settings, path)


def _checked_day(day: date | str, today: date) -> date:
    try:
        parsed = day if isinstance(day, date) else date.fromisoformat(day)
    except ValueError:
        raise ValueError(f"{day!r} is not a real date (YYYY-MM-DD)") from None
    if parsed > today:
        raise ValueError(f"{parsed.isoformat()} is in the future")
    return parsed


def record_verification(
    settings: Settings, staff: Staff, pathway_id: str, url: str, day: date | str, today: date | None = None
) -> Version:
    """Record that `staff` re-checked the pathway against `url` on `day`: moves `last_verified`.

    Published without review: it changes no rule, only when someone last looked."""
    drafts.require_editor(staff)
    parsed = _checked_day(day, today or date.today())
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{url!r} is not an http(s) address")
    path = pathway_path(pathway_id)
    text = current_text(settings, path)
    if text is None:
        raise LookupError(f"no pathway {pathway_id!r}")
    data = load_strict(text)
    data["last_verified"] = parsed.isoformat()
    files = {path: rewrite(text, data)}
    _validated(settings, files)
    with get_engine(settings.database_url).begin() as connection:
        _lock_publishing(connection)
        version_id = _insert_version(
            connection,
            settings,
            files,
            kind="verification",
            pathway_id=pathway_id,
            summary=f"verified on {parsed.isoformat()}",
            sources=[url.strip()],
            author_id=staff.id,
            author=staff.username,
        )
    _after_commit(settings, files)
    audit.record(settings.database_url, staff, "kb.verify", detail=f"{pathway_id} v{version_id}")
    return _must_get(settings.database_url, version_id)


def import_files(settings: Settings, author: str, summary: str = "") -> Version | None:
    """Record every KB file whose text on disk differs from its published text as one version.

    The caller validates the folder first (`pathways import`). None when nothing differs."""
    db = settings.database_url
    published = published_files(db)
    files = {}
    for on_disk in sorted(settings.kb_dir.rglob("*.yml")):
        path = on_disk.relative_to(settings.kb_dir).as_posix()
        text = on_disk.read_text(encoding="utf-8")
        if published.get(path) != text:
            files[path] = text
    if not files:
        return None
    with get_engine(db).begin() as connection:
        _lock_publishing(connection)
        version_id = _insert_version(
            connection,
            settings,
            files,
            kind="import",
            pathway_id=None,
            summary=summary or f"import of {len(files)} file(s)",
            sources=[],
            author_id=None,
            author=author,
        )
    request_reload_everywhere(db)
    audit.record(db, None, "kb.import", username=author, detail=f"{len(files)} files v{version_id}")
    return _must_get(db, version_id)


def _version(row: Any, files: tuple[VersionFile, ...] = ()) -> Version:
    values = {name: row[name] for name in Version.__dataclass_fields__ if name != "files"}
    values["changes"] = tuple(values["changes"] or ())
    values["sources"] = tuple(values["sources"] or ())
    return Version(**values, files=files)


def history(db: str, pathway_id: str | None = None) -> list[Version]:
    """Versions, newest first (without their files: `get` has them)."""
    query = sa.select(kb_versions).order_by(kb_versions.c.id.desc())
    if pathway_id is not None:
        query = query.where(kb_versions.c.pathway_id == pathway_id)
    with get_engine(db).connect() as connection:
        return [_version(row) for row in connection.execute(query).mappings()]


def get(db: str, version_id: int) -> Version | None:
    with get_engine(db).connect() as connection:
        row = (
            connection.execute(sa.select(kb_versions).where(kb_versions.c.id == version_id))
            .mappings()
            .first()
        )
        if row is None:
            return None
        files = connection.execute(
            sa.select(kb_version_files.c.path, kb_version_files.c.text, kb_version_files.c.previous_text)
            .where(kb_version_files.c.version_id == version_id)
            .order_by(kb_version_files.c.path)
        )
        return _version(row, tuple(VersionFile(f.path, f.text, f.previous_text) for f in files))


def _must_get(db: str, version_id: int) -> Version:
    found = get(db, version_id)
    assert found is not None
    return found


def restore_draft(db: str, staff: Staff, version_id: int, pathway_id: str) -> Draft:
    """A draft bringing back the pathway's file as it was in that version; it goes through review."""
    drafts.require_editor(staff)
    version = get(db, version_id)
    path = pathway_path(pathway_id)
    text = next((f.text for f in version.files if f.path == path), None) if version else None
    if text is None:
        raise LookupError(f"version {version_id} does not hold {path}")
    draft = drafts.create(
        db,
        staff,
        pathway_id,
        path,
        text,
        summary=f"restore of v{version_id}",
        kind="restore",
        restore_of=version_id,
    )
    audit.record(db, staff, "kb.restore", detail=f"{pathway_id} v{version_id}")
    return draft


def published_text(db: str, path: str) -> str | None:
    with get_engine(db).connect() as connection:
        return _latest_text(connection, path)


def latest_version(db: str) -> int:
    with get_engine(db).connect() as connection:
        return connection.execute(sa.select(sa.func.max(kb_versions.c.id))).scalar_one_or_none() or 0
