"""One running stack for the integration tests: SQLite by default, PostgreSQL + Redis when set.

The stack serves a copy of the shipped knowledge base, so the hot-reload test can edit it under
the running processes without touching the repository.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from bot.settings import PROJECT_ROOT
from bot.training import ensure_model
from tests.helpers.fake_providers import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    GRAPH_TOKEN,
    PHONE_NUMBER_ID,
    TELEGRAM_TOKEN,
    FakeGraph,
    FakeTelegram,
    FakeTwilio,
)
from tests.helpers.stack import RunningStack, running_stack

ADMIN_TOKEN = "test-admin-token-0123456789"
PUBLIC_BASE_URL = "https://bot.example.org"  # as behind a proxy: signatures are checked against it
SMS_FROM, WHATSAPP_FROM = "+15550001111", "+15550002222"
WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN = "fake-app-secret", "fake-verify-token"
TELEGRAM_SECRET = "fake-telegram-secret"


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
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": SMS_FROM,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_ACCESS_TOKEN": GRAPH_TOKEN,
        "WHATSAPP_APP_SECRET": WHATSAPP_APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY_TOKEN,
        "WHATSAPP_API_BASE_URL": fake_graph.base_url,
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_BASE_URL": fake_telegram.base_url,
    }
    with running_stack(root / "var", env) as running:
        yield running
