"""Rasa's own checks on the project: `rasa data validate` is clean and `rasa test` passes the test
stories in tests/stories/ (every language's commands reach the one action with the right intent)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.settings import PROJECT_ROOT, get_settings
from bot.stack import child_env
from bot.training import ensure_model

pytestmark = pytest.mark.integration


def _rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=PROJECT_ROOT,
        env=child_env(get_settings()),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_rasa_data_validate_is_clean() -> None:
    result = _rasa("data", "validate", "--fail-on-warnings", "--domain", "domain", "--data", "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_rasa_test_stories_pass(tmp_path) -> None:
    model = ensure_model()
    out = tmp_path / "results"
    result = _rasa(
        "test",
        "core",
        "--model",
        str(model),
        "--stories",
        "tests/stories",
        "--out",
        str(out),
        "--fail-on-prediction-errors",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((out / "story_report.json").read_text())
    assert report["weighted avg"]["f1-score"] == 1.0
