"""The published knowledge base: the latest text of each file in the database, overlaid on the KB folder.

Every host serves the files on disk with the database's published text in their place, so hosts
whose folders lag behind (or were never updated) still agree on the KB version.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import kb_version_files
from bot.kb.loader import Report, validate_knowledge_base
from bot.kb.problems import Problem
from bot.settings import Settings


def checked_path(path: str) -> str:
    """A KB-relative YAML path; anything that could escape the KB directory is refused."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or pure.suffix != ".yml" or not pure.parts:
        raise ValueError(f"not a KB file path: {path!r}")
    return str(pure)


def published_files(db: str) -> dict[str, str]:
    """The latest published text of every path that has one."""
    newest = (
        sa.select(kb_version_files.c.path, sa.func.max(kb_version_files.c.version_id).label("version_id"))
        .group_by(kb_version_files.c.path)
        .subquery()
    )
    query = sa.select(kb_version_files.c.path, kb_version_files.c.text).join(
        newest,
        sa.and_(
            kb_version_files.c.path == newest.c.path, kb_version_files.c.version_id == newest.c.version_id
        ),
    )
    with get_engine(db).connect() as connection:
        return {row.path: row.text for row in connection.execute(query)}


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half (a temp file in the same folder, renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def tree_with(kb_dir: Path, files: dict[str, str], into: Path) -> Path:
    """A copy of `kb_dir` at `into` (replaced if present) with `files` written in place of their paths."""
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(kb_dir, into)
    for path, text in files.items():
        write_atomically(into / checked_path(path), text)
    return into


def check_with(settings: Settings, files: dict[str, str]) -> Report:
    """Validate the KB as it would be with the published files and then `files` on top of them.

    Problems name the files in the KB folder, not in the scratch copy that was checked."""
    overlay = {**published_files(settings.database_url), **files}
    scratch = settings.var_dir / "kb-check"
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=scratch))
    try:
        tree = tree_with(settings.kb_dir, overlay, work / "kb")
        report = validate_knowledge_base(tree, settings.locales_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def in_kb(problem: Problem) -> Problem:
        if not problem.file.is_relative_to(tree):
            return problem
        return replace(problem, file=settings.kb_dir / problem.file.relative_to(tree))

    return Report(report.kb, [in_kb(p) for p in report.errors], [in_kb(p) for p in report.warnings])
