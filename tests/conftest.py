"""Fixtures shared by every test: telemetry off, the shipped knowledge base, default settings."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ["RASA_TELEMETRY_ENABLED"] = "false"
# One set of the shared secrets (bot/secrets.py) for the test process and every stack it starts,
# so keys computed here match the stack's, and nothing is generated into the repository's var/.
os.environ.setdefault("PSEUDONYM_KEY", "test-pseudonym-key-0123456789")
os.environ.setdefault("REST_CHANNEL_TOKEN", "test-rest-token-0123456789")
os.environ.setdefault("INTERNAL_TOKEN", "test-internal-token-0123456789")

from bot.db.engine import get_engine  # noqa: E402
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


@pytest.fixture
def empty_databases(tmp_path) -> Iterator[list[str]]:
    """Empty databases: SQLite, plus PostgreSQL when DATABASE_URL points at one (a new database
    per test, dropped afterwards)."""
    urls = [f"sqlite:///{tmp_path / 'empty.db'}"]
    server = os.environ.get("DATABASE_URL", "")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = None
    if server.startswith("postgres"):
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        urls.append(sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False))
    yield urls
    if admin is not None:
        get_engine(urls[-1]).dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        admin.dispose()


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package (.ci/run installs it; scripts/ensure-chromium checks)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, for every browser test; missing it fails in CI."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
