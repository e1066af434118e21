"""Log files under var/log for the launcher: rotated daily (UTC) and at 10 MB, purged with the
retention period.

`LogSink(log_dir, "rasa").write(line)` appends to `<log_dir>/rasa.log`. When the UTC date changes
or the file passes the size limit, the file is renamed `rasa-YYYYmmdd-HHMMSS.log` (the UTC time it
was closed) and a new one started. `purge_old_logs(log_dir, retention_days)` deletes rotated files
last written before the retention period.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 10 * 1024 * 1024
ROTATED = re.compile(r"^.+-\d{8}-\d{6}(-\d+)?\.log$")


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class LogSink:
    """An append-only log file that rotates itself. Safe to share between threads."""

    def __init__(
        self,
        log_dir: Path | str,
        name: str,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.log_dir = Path(log_dir)
        self.name = name
        self.max_bytes = max_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._size = 0
        self._day: date | None = None

    @property
    def path(self) -> Path:
        return self.log_dir / f"{self.name}.log"

    def write(self, line: bytes) -> None:
        """Append `line` as is (the caller includes the newline) and flush it."""
        with self._lock:
            now = self._clock()
            self._open(now)
            if self._due(now):
                self._rotate(now)
            assert self._file is not None
            self._file.write(line)
            self._file.flush()
            self._size += len(line)

    def rotate_if_due(self) -> bool:
        """Rotate now if the date changed or the file is full (for a quiet log); True if rotated."""
        with self._lock:
            now = self._clock()
            self._open(now)
            if self._due(now):
                self._rotate(now)
                return True
            return False

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def __enter__(self) -> LogSink:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _open(self, now: datetime) -> None:
        if self._file is not None:
            return
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "ab")  # noqa: SIM115 - kept open between writes
        stat = os.fstat(self._file.fileno())
        self._size = stat.st_size
        # A file left by an earlier run belongs to the day it was last written.
        self._day = datetime.fromtimestamp(stat.st_mtime, timezone.utc).date() if stat.st_size else now.date()

    def _due(self, now: datetime) -> bool:
        return self._size > 0 and (now.date() != self._day or self._size >= self.max_bytes)

    def _rotate(self, now: datetime) -> None:
        assert self._file is not None
        self._file.close()
        stamp = now.strftime("%Y%m%d-%H%M%S")
        target = self.log_dir / f"{self.name}-{stamp}.log"
        counter = 0
        while target.exists():  # two rotations within a second
            counter += 1
            target = self.log_dir / f"{self.name}-{stamp}-{counter}.log"
        os.replace(self.path, target)
        self._file = open(self.path, "ab")  # noqa: SIM115 - kept open between writes
        self._size = 0
        self._day = now.date()


def purge_old_logs(log_dir: Path | str, retention_days: int, now: datetime | None = None) -> list[Path]:
    """Delete rotated log files (`<name>-YYYYmmdd-HHMMSS.log`) last modified before the retention
    period; the current `<name>.log` files are left to rotate. Returns the files deleted."""
    now = now or _utc_now()
    cutoff = (now - timedelta(days=retention_days)).timestamp()
    deleted = []
    directory = Path(log_dir)
    if not directory.is_dir():
        return deleted
    for path in sorted(directory.iterdir()):
        if not ROTATED.match(path.name) or not path.is_file():
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                deleted.append(path)
        except FileNotFoundError:  # another process purged it first
            continue
    return deleted
