"""The running processes' knowledge base, reloaded when its files change, without restart or retraining.

`KnowledgeBaseStore.get()` looks at the files' modification times at most every few seconds;
when they changed it validates the new version and swaps it in, or keeps serving the previous
valid version and remembers why the change was rejected. Touching the reload stamp
(`request_reload`) makes every process reload, which is what the admin endpoint does.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from bot.kb.loader import Report, validate_knowledge_base
from bot.kb.model import KnowledgeBase
from bot.kb.problems import KnowledgeBaseError
from bot.settings import Settings

logger = logging.getLogger(__name__)
CHECK_INTERVAL_S = 2.0

Signature = tuple[tuple[str, int, int], ...]


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
    ) -> None:
        self.kb_dir = kb_dir
        self.locales_dir = locales_dir
        self.reload_stamp = reload_stamp
        self.check_interval = check_interval
        self.last_rejection: Report | None = None
        self._lock = threading.Lock()
        self._signature = _signature(kb_dir, reload_stamp)
        report = validate_knowledge_base(kb_dir, locales_dir)
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
            signature = _signature(self.kb_dir, self.reload_stamp)
            if signature == self._signature and not force:
                return None
            self._signature = signature
            report = validate_knowledge_base(self.kb_dir, self.locales_dir)
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
        """Ask every process sharing the reload stamp to reload at its next check."""
        if self.reload_stamp is None:
            raise RuntimeError("this store has no reload stamp")
        self.reload_stamp.parent.mkdir(parents=True, exist_ok=True)
        self.reload_stamp.write_text(f"{time.time_ns()}\n")


def store_for(settings: Settings) -> KnowledgeBaseStore:
    """A store over the configured KB, sharing the reload stamp with the other processes."""
    return KnowledgeBaseStore(settings.kb_dir, settings.locales_dir, settings.kb_reload_stamp)
