"""CPU time and resident memory of a deployment's processes, read from /proc.

CPU per turn is the utime+stime of every process of the deployment, as a delta over a measured
window; memory is each role's peak VmRSS, sampled every half second while the load runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.stack_footprint import ROLES

SAMPLE_EVERY_S = 0.5
_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (all its threads), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / _TICKS


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return 0.0


def role(pid: int, default: str = "other") -> str:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return default
    return next((name for marker, name in ROLES if marker in cmdline), default)


def pss_mib(pid: int) -> float:
    """Proportional set size: pages shared between processes (Rasa's forked Sanic workers share
    TensorFlow's) counted once across them, so the sum over processes is what they occupy together."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0.0
    return 0.0


@dataclass
class Footprint:
    """Peak resident memory by role and in total, sampled while `watch` runs."""

    pids: Callable[[], list[int]]
    default_role: str = "other"
    peak_by_role: dict[str, float] = field(default_factory=dict)
    peak_total: float = 0.0
    peak_pss_total: float = 0.0

    def sample(self) -> None:
        now: dict[str, float] = {}
        pss = 0.0
        for pid in self.pids():
            name = role(pid, self.default_role)
            now[name] = now.get(name, 0.0) + rss_mib(pid)
            pss += pss_mib(pid)
        self.peak_pss_total = max(self.peak_pss_total, pss)
        for name, value in now.items():
            self.peak_by_role[name] = max(self.peak_by_role.get(name, 0.0), value)
        self.peak_total = max(self.peak_total, sum(now.values()))

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids())

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), SAMPLE_EVERY_S)

    def figures(self) -> dict:
        return {
            "rss_peak_mib": {k: round(v, 1) for k, v in sorted(self.peak_by_role.items())},
            "rss_peak_total_mib": round(self.peak_total, 1),
            "pss_peak_total_mib": round(self.peak_pss_total, 1),
        }
