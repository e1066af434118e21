"""Fixtures shared by every test: telemetry off, the shipped knowledge base, default settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from bot.kb import KnowledgeBase, load_knowledge_base  # noqa: E402
from bot.settings import PROJECT_ROOT, Settings  # noqa: E402


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings as on a fresh machine, with var/ in a temporary folder."""
    return Settings.from_env({"VAR_DIR": str(tmp_path / "var")})
