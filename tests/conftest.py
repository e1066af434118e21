"""Fixtures shared by every test: telemetry off, the shipped knowledge base, default settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["RASA_TELEMETRY_ENABLED"] = "false"
# One set of the shared secrets (bot/secrets.py) for the test process and every stack it starts,
# so keys computed here match the stack's, and nothing is generated into the repository's var/.
os.environ.setdefault("PSEUDONYM_KEY", "test-pseudonym-key-0123456789")
os.environ.setdefault("REST_CHANNEL_TOKEN", "test-rest-token-0123456789")
os.environ.setdefault("INTERNAL_TOKEN", "test-internal-token-0123456789")

from bot.kb import KnowledgeBase, load_knowledge_base  # noqa: E402
from bot.settings import PROJECT_ROOT, Settings  # noqa: E402

FIXTURE_KB = Path(__file__).resolve().parent / "fixtures" / "kb"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """A small KB made for the tests (five pathways, one centre), independent of the shipped one."""
    return load_knowledge_base(FIXTURE_KB, PROJECT_ROOT / "locales")


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb", PROJECT_ROOT / "locales")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings as on a fresh machine, with var/ in a temporary folder."""
    return Settings.from_env({"VAR_DIR": str(tmp_path / "var")})


@pytest.fixture
def pseudonym_key_is():
    """Set PSEUDONYM_KEY for one test: `pseudonym_key_is("k")`; the process's cached key is
    forgotten before and after, so conversation keys follow it."""
    from bot.consent import pseudonym_key

    patch = pytest.MonkeyPatch()

    def use(key: str) -> None:
        patch.setenv("PSEUDONYM_KEY", key)
        pseudonym_key.cache_clear()

    yield use
    patch.undo()
    pseudonym_key.cache_clear()
