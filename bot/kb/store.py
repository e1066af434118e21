"""The running processes' knowledge base, reloaded when its files change, without restart or retraining.

`KnowledgeBaseStore.get()` looks at the files' modification times at most every few seconds;
when they changed it validates the new version and swaps it in, or keeps serving the previous
valid version and remembers why the change was rejected. `request_reload` (what the admin endpoint
calls) makes every process reload: it touches the reload stamp, which processes on the same host
see, and increments the reload generation in the database (`kb_reloads`), which every process on
every host reads at the same check, so a reload asked of one instance reaches all of them.

With a database, the store serves the KB folder overlaid with the editors' published versions
(bot/editorial/published.py): the newest version number is part of the same check, and the overlaid
tree is built in a per-process temporary folder. A host whose folder lags behind still serves the
database's text; a file edited on disk but never imported is served only where the database has no
version of it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import weakref
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import kb_reloads, kb_versions
from bot.editorial.published import published_files, tree_with
from bot.kb.loader import Report, validate_knowledge_base
from bot.kb.model import KnowledgeBase
from bot.kb.problems import KnowledgeBaseError
from bot.settings import Settings

logger = logging.getLogger(__name__)
CHECK_INTERVAL_S = 2.0

Signature = tuple[tuple[str, int, int], ...]
RELOAD_ROW = 1


def reload_generation(database_url: str) -> int:
    """How many reloads were requested through the database, on any host."""
    with get_engine(database_url).connect() as connection:
        value = connection.execute(
            sa.select(kb_reloads.c.generation).where(kb_reloads.c.id == RELOAD_ROW)
        ).scalar_one_or_none()
    return value or 0


def database_state(database_url: str) -> tuple[int, int]:
    """The reload generation and the newest published KB version, read together at each check."""
    with get_engine(database_url).connect() as connection:
        generation = connection.execute(
            sa.select(kb_reloads.c.generation).where(kb_reloads.c.id == RELOAD_ROW)
        ).scalar_one_or_none()
        version = connection.execute(sa.select(sa.func.max(kb_versions.c.id))).scalar_one_or_none()
    return generation or 0, version or 0


def request_reload_everywhere(database_url: str) -> None:
    """Increment the reload generation (one atomic UPDATE; the row is created if missing)."""
    now = datetime.now(timezone.utc)
    engine = get_engine(database_url)
    with engine.begin() as connection:
        bumped = connection.execute(
            kb_reloads.update()
            .where(kb_reloads.c.id == RELOAD_ROW)
            .values(generation=kb_reloads.c.generation + 1, requested_at=now)
        ).rowcount
    if not bumped:
        try:
            with engine.begin() as connection:
                connection.execute(kb_reloads.insert().values(id=RELOAD_ROW, generation=1, requested_at=now))
        except sa.exc.IntegrityError:  # another process created it just now
            request_reload_everywhere(database_url)


def _signature(kb_dir: Path, stamp: Path | None) -> Signature:
    files = sorted(p for p in kb_dir.rglob("*.yml") if p.is_file())
    if stamp is not None and stamp.exists():
        files.append(stamp)
    entries = []
    for path in files:
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed while we looked
            continue
        entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class KnowledgeBaseStore:
    """Holds the current valid KnowledgeBase and swaps in edits that validate."""

    def __init__(
        self,
        kb_dir: Path,
        locales_dir: Path | None = None,
        reload_stamp: Path | None = None,
        check_interval: float = CHECK_INTERVAL_S,
        database_url: str | None = None,
    ) -> None:
        self.kb_dir = kb_dir
        self.locales_dir = locales_dir
        self.reload_stamp = reload_stamp
        self.check_interval = check_interval
        self.database_url = database_url
        self.last_rejection: Report | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self._version = 0
        self._database_failing = False
        self._tree_root: Path | None = None  # per-process folder of overlaid trees, made when needed
        self._tree: Path | None = None  # the overlaid tree being served
        self._trees_built = 0
        self._warned: set[tuple[str, int]] = set()
        self._signature = self._current_signature()
        report = self._validate()
        if report.kb is None:
            raise KnowledgeBaseError(report.errors)  # nothing valid to serve yet: refuse to start
        self._kb: KnowledgeBase = report.kb
        self._checked_at = time.monotonic()

    def get(self) -> KnowledgeBase:
        """The current knowledge base, after a cheap check for edits."""
        if time.monotonic() - self._checked_at >= self.check_interval:
            self.refresh()
        return self._kb

    def refresh(self, force: bool = False) -> Report | None:
        """Reload if the files changed (or `force`); return the validation report, or None if unchanged."""
        with self._lock:
            self._checked_at = time.monotonic()
            signature = self._current_signature()
            if signature == self._signature and not force:
                return None
            self._signature = signature
            report = self._validate()
            if report.kb is None:
                self.last_rejection = report
                logger.error(
                    "Knowledge base change rejected (%d errors, first: %s); "
                    "still serving the previous version",
                    len(report.errors),
                    report.errors[0],
                )
                return report
            self._kb = report.kb
            self.last_rejection = None
            logger.info("Knowledge base reloaded: %d pathways", len(report.kb.pathways))
            return report

    def request_reload(self) -> None:
        """Ask every process sharing the reload stamp or the database to reload at its next check."""
        if self.reload_stamp is None and self.database_url is None:
            raise RuntimeError("this store has neither a reload stamp nor a database")
        if self.reload_stamp is not None:
            self.reload_stamp.parent.mkdir(parents=True, exist_ok=True)
            self.reload_stamp.write_text(f"{time.time_ns()}\n")
        if self.database_url is not None:
            request_reload_everywhere(self.database_url)

    def _current_signature(self) -> Signature:
        """The files' signature, plus the database's reload generation when there is a database."""
        signature = _signature(self.kb_dir, self.reload_stamp)
        if self.database_url is None:
            return signature
        try:
            self._generation, self._version = database_state(self.database_url)
            self._database_failing = False
        except sa.exc.SQLAlchemyError as exc:  # unreachable for a moment: keep the last generation
            if not self._database_failing:
                logger.warning("Cannot read the KB reload generation: %s", type(exc).__name__)
            self._database_failing = True
        return (*signature, ("kb_reloads", self._generation, 0), ("kb_versions", self._version, 0))

    def _validate(self) -> Report:
        """Validate the folder, or the folder overlaid with the published versions when there are any."""
        if self.database_url is None or not self._version:
            return validate_knowledge_base(self.kb_dir, self.locales_dir)
        try:
            files = published_files(self.database_url)
        except sa.exc.SQLAlchemyError as exc:  # keep serving what we have; the next check retries
            logger.warning("Cannot read the published KB versions: %s", type(exc).__name__)
            return validate_knowledge_base(self._tree or self.kb_dir, self.locales_dir)
        self._warn_about_disk_edits(files)
        if self._tree_root is None:
            self._tree_root = Path(tempfile.mkdtemp(prefix="kb-published-"))
            weakref.finalize(self, shutil.rmtree, self._tree_root, True)
        self._trees_built += 1
        tree = tree_with(self.kb_dir, files, self._tree_root / f"v{self._version}-{self._trees_built}")
        report = validate_knowledge_base(tree, self.locales_dir)
        if report.kb is None:
            shutil.rmtree(tree, ignore_errors=True)
            return report
        previous, self._tree = self._tree, tree
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        return report

    def _warn_about_disk_edits(self, files: dict[str, str]) -> None:
        """Once per file and version: the folder says something the database does not serve."""
        for path, text in files.items():
            on_disk = self.kb_dir / path
            try:
                differs = on_disk.read_text(encoding="utf-8") != text
            except (FileNotFoundError, UnicodeDecodeError):
                differs = True
            if differs and (path, self._version) not in self._warned:
                self._warned.add((path, self._version))
                logger.warning(
                    "KB file %s differs from its published version; serving the published one "
                    "(`pathways export` writes it, `pathways import` publishes the file)",
                    path,
                )

    def close(self) -> None:
        """Remove this process's overlaid trees (they are temporary copies, rebuilt on demand)."""
        if self._tree_root is not None:
            shutil.rmtree(self._tree_root, ignore_errors=True)
            self._tree_root = self._tree = None


def store_for(settings: Settings) -> KnowledgeBaseStore:
    """A store over the configured KB that reloads when any process, on any host, asks for it."""
    return KnowledgeBaseStore(
        settings.kb_dir,
        settings.locales_dir,
        settings.kb_reload_stamp,
        database_url=settings.database_url,
    )
