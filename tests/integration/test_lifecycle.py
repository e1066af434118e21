"""The launcher: telemetry off in every process, clean logs, and one SIGTERM stops all of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES
from tests.helpers.stack import running_stack

pytestmark = pytest.mark.integration
MARKER = "zqxjmarker"  # a word that must never reach a log


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return {}
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def test_stack_lifecycle(tmp_path: Path) -> None:
    with running_stack(tmp_path / "var") as stack:
        pids = stack.group_pids()
        assert len(pids) >= 4, "launcher + rasa + actions + web"
        for pid in pids:
            assert _environ(pid).get("RASA_TELEMETRY_ENABLED") == "false", pid

        sender = f"life-{MARKER}"
        stack.say(sender, f"hola {MARKER}")  # Spanish, detected from the greeting
        persona = {
            **VENEZUELAN_IN_BRAZIL_ES,
            "nationality": f"Venezuela {MARKER}",
            "current_country": f"Brasil {MARKER}",
        }
        stack.converse(sender, [f"otra vez {MARKER}"], persona)
    # The context manager sent SIGTERM to the group and waited.
    assert stack.process.returncode == 0
    assert stack.group_pids() == []

    logs = stack.logs()
    assert "The assistant is running" in logs
    assert MARKER not in logs, "message text or sender ids leaked into a log"
    assert "Traceback" not in logs
    errors = [line for line in logs.splitlines() if re.search(r"\b(ERROR|CRITICAL)\b", line)]
    assert errors == []
