"""The stack starts and converses on a machine whose only network is loopback, with clean logs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from bot.training import ensure_model

pytestmark = pytest.mark.integration


def _can_unshare() -> bool:
    return os.geteuid() == 0 and bool(shutil.which("unshare")) and bool(shutil.which("ip"))


def test_runs_with_loopback_only_network(tmp_path: Path) -> None:
    if not _can_unshare():
        if os.environ.get("CI"):
            pytest.fail("CI runs as root with unshare and ip available")
        pytest.skip("needs root, unshare and ip to make a loopback-only network namespace")
    ensure_model()
    var_dir = tmp_path / "var"
    script = f"ip link set lo up && exec {sys.executable} -m tests.helpers.offline_check {var_dir}"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    result = subprocess.run(
        ["unshare", "--net", "--", "sh", "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    logs = "\n".join(p.read_text(errors="replace") for p in sorted(var_dir.rglob("*.log")))
    logs += (var_dir / "stack.out").read_text(errors="replace") if (var_dir / "stack.out").exists() else ""
    assert result.returncode == 0, result.stderr[-3000:] + logs[-3000:]
    assert "Traceback" not in logs
    assert [line for line in logs.splitlines() if re.search(r"\b(ERROR|CRITICAL)\b", line)] == []
    assert not re.search(r"(?i)(name resolution|connection refused|network is unreachable)", logs)
