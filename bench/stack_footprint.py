"""Start-up time, per-turn latency over the REST channel and resident memory of the three processes."""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path

from bench.common import summary, write_results
from bot.training import ensure_model
from tests.helpers.stack import running_stack

CONVERSATIONS = 10
TURNS = ("hola", "español", "Venezuela", "Brasil")


def _rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return None
    return None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except FileNotFoundError:
        return ""


ROLES = (
    ("bot.rasa_plugins.server", "rasa"),
    ("bot.action_server", "actions"),
    ("bot.web", "web"),
    ("bot.stack", "launcher"),
)


def _role(cmdline: str) -> str:
    for marker, role in ROLES:
        if marker in cmdline:
            return role
    return "other"


def main() -> dict:
    train_started = time.monotonic()
    ensure_model()
    model_seconds = time.monotonic() - train_started
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        with running_stack(Path(tmp) / "var") as stack:
            startup_seconds = time.monotonic() - started
            latencies = []
            for _ in range(CONVERSATIONS):
                sender = f"bench-{uuid.uuid4().hex[:10]}"
                for text in TURNS:
                    t0 = time.perf_counter()
                    stack.say(sender, text)
                    latencies.append((time.perf_counter() - t0) * 1000)
            rss = {}
            for pid in stack.group_pids():
                role = _role(_cmdline(pid))
                value = _rss_mib(pid)
                if value is not None:
                    rss[role] = round(rss.get(role, 0) + value, 1)
    figures = {
        "model_ready_seconds": round(model_seconds, 1),
        "startup_seconds": round(startup_seconds, 1),
        "turn_latency_ms": {k: round(v, 1) for k, v in summary(latencies).items()},
        "rss_mib": rss,
    }
    print(f"stack: {figures}")
    write_results("stack_footprint", figures)
    return figures


if __name__ == "__main__":
    main()
