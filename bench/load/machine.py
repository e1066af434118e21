"""What a run was taken on: cores, CPU model, RAM, Python, Rasa, the commit and the command line.
The commit is read from .git directly (no git command runs)."""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path

from bot.settings import PROJECT_ROOT


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except FileNotFoundError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except FileNotFoundError:
        pass
    return None


def commit(root: Path = PROJECT_ROOT) -> str | None:
    """HEAD's commit id, following a symbolic ref through loose refs or packed-refs."""
    git = root / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head.removeprefix("ref: ")
        loose = git / ref
        if loose.exists():
            return loose.read_text().strip()[:12]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0][:12]
    except (FileNotFoundError, NotADirectoryError):
        return None
    return None


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "ram_gib": _ram_gib(),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "commit": commit(),
        "hostname": platform.node(),
        "executable": sys.executable,
    }
