"""`make telegram-webhook` registers the webhook URL with the secret token (against the fake Bot API)."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.telegram import register
from bot.settings import Settings
from tests.helpers.fake_providers import TELEGRAM_TOKEN, FakeTelegram


def test_register_sets_url_and_secret(tmp_path) -> None:
    fake = FakeTelegram().start()
    settings = Settings.from_env(
        {
            "VAR_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_SECRET_TOKEN": "s3cret",
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "PUBLIC_BASE_URL": "https://bot.example.org",
        }
    )
    assert asyncio.run(register(settings)) is True
    assert fake.webhook["url"] == "https://bot.example.org/webhooks/telegram/webhook"
    assert fake.webhook["secret_token"] == "s3cret"


def test_register_needs_the_settings(tmp_path) -> None:
    with pytest.raises(SystemExit, match="TELEGRAM_BOT_TOKEN"):
        asyncio.run(register(Settings.from_env({"VAR_DIR": str(tmp_path)})))
