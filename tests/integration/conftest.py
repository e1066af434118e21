"""One running stack for the integration tests: SQLite by default, PostgreSQL + Redis when set.

The stack serves a copy of the shipped knowledge base, so the hot-reload test can edit it under
the running processes without touching the repository.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import requests

from bot.settings import PROJECT_ROOT
from bot.training import ensure_model
from tests.helpers.console import create_staff, login_session
from tests.helpers.fake_providers import FakeGraph, FakeTelegram, FakeTwilio
from tests.helpers.people import (  # noqa: F401 - the channel tests import these from here
    PUBLIC_BASE_URL,
    SMS_FROM,
    TELEGRAM_SECRET,
    WHATSAPP_APP_SECRET,
    WHATSAPP_FROM,
    WHATSAPP_VERIFY_TOKEN,
    Fakes,
)
from tests.helpers.stack import RunningStack, running_stack

ADMIN_USERNAME = "integration.admin"  # signs in to the console for the KB reload
REST_CHANNEL_TOKEN = "test-rest-token-0123456789"  # Rasa's REST channel (Authorization: Bearer)
INTERNAL_TOKEN = "test-internal-token-0123456789"  # Rasa -> action server and /nlg


@pytest.fixture(scope="session")
def fake_twilio() -> FakeTwilio:
    return FakeTwilio().start()


@pytest.fixture(scope="session")
def fake_graph() -> FakeGraph:
    return FakeGraph().start()


@pytest.fixture(scope="session")
def fake_telegram() -> FakeTelegram:
    return FakeTelegram().start()


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    fake_twilio: FakeTwilio,
    fake_graph: FakeGraph,
    fake_telegram: FakeTelegram,
) -> Iterator[RunningStack]:
    ensure_model()  # trains once per change of the training data; otherwise reuses the cached model
    root = tmp_path_factory.mktemp("stack")
    kb_dir = root / "kb"
    shutil.copytree(PROJECT_ROOT / "pathways_kb", kb_dir)
    env = {
        "KB_DIR": str(kb_dir),
        **Fakes(fake_twilio, fake_graph, fake_telegram).env(),
        "REST_CHANNEL_TOKEN": REST_CHANNEL_TOKEN,
        "INTERNAL_TOKEN": INTERNAL_TOKEN,
    }
    with running_stack(root / "var", env) as running:
        yield running


@pytest.fixture(scope="session")
def admin_password(stack: RunningStack) -> str:
    """An admin account in the stack's database (the KB reload sits behind the console's admin role)."""
    return create_staff(stack.settings.database_url, ADMIN_USERNAME, "admin")


@pytest.fixture
def admin_session(stack: RunningStack, admin_password: str) -> Iterator[requests.Session]:
    """A fresh console session of that admin (`.csrf` holds its CSRF token); signed in per test,
    so a long test run never meets the idle timeout."""
    session = login_session(stack.web_url, ADMIN_USERNAME, admin_password)
    yield session
    session.close()
