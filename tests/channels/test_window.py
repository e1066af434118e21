"""WhatsApp's 24-hour window, for messages that do not answer the person (staff replies, reminders):
free text inside it; outside it the configured template, or a clear refusal."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from bot.channels.twilio import WhatsAppInput
from bot.channels.whatsapp_cloud import WhatsAppCloudInput
from bot.channels.window import WindowClosed, record_inbound, window_open
from bot.db.migrate import upgrade
from bot.settings import Settings
from tests.helpers.fake_providers import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    GRAPH_TOKEN,
    PHONE_NUMBER_ID,
    FakeGraph,
    FakeTwilio,
)

SENDER = "whatsapp_cloud:+573001112233"


@pytest.fixture(scope="module")
def fakes() -> tuple[FakeGraph, FakeTwilio]:
    return FakeGraph().start(), FakeTwilio().start()


def _settings(tmp_path, fakes, **extra) -> Settings:
    graph, twilio = fakes
    env = {
        "VAR_DIR": str(tmp_path),
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_ACCESS_TOKEN": GRAPH_TOKEN,
        "WHATSAPP_APP_SECRET": "s",
        "WHATSAPP_VERIFY_TOKEN": "v",
        "WHATSAPP_API_BASE_URL": graph.base_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_WHATSAPP_FROM": "+15550002222",
        "TWILIO_API_BASE_URL": twilio.base_url,
        "PUBLIC_BASE_URL": "https://bot.example.org",
        **extra,
    }
    settings = Settings.from_env(env)
    upgrade(settings.database_url)
    return settings


def test_window_follows_the_last_inbound_message(tmp_path, fakes) -> None:
    url = _settings(tmp_path, fakes).database_url
    now = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
    assert not window_open(url, "meta_whatsapp", SENDER, now)
    record_inbound(url, "meta_whatsapp", SENDER, now - timedelta(hours=23, minutes=59))
    assert window_open(url, "meta_whatsapp", SENDER, now)
    record_inbound(url, "meta_whatsapp", SENDER, now - timedelta(hours=24))
    assert not window_open(url, "meta_whatsapp", SENDER, now)


def test_inside_the_window_free_text_is_sent(tmp_path, fakes) -> None:
    settings = _settings(tmp_path, fakes)
    record_inbound(settings.database_url, "meta_whatsapp", SENDER)
    assert asyncio.run(
        WhatsAppCloudInput().send_outside_turn(settings, SENDER, "573001112233", "Hola de nuevo")
    )
    assert fakes[0].to("573001112233")[-1]["text"] == {"body": "Hola de nuevo"}


def test_outside_the_window_without_a_template_is_refused(tmp_path, fakes) -> None:
    settings = _settings(tmp_path, fakes)
    record_inbound(
        settings.database_url, "meta_whatsapp", SENDER, datetime.now(timezone.utc) - timedelta(days=2)
    )
    with pytest.raises(WindowClosed, match="WHATSAPP_TEMPLATE_NAME"):
        asyncio.run(WhatsAppCloudInput().send_outside_turn(settings, SENDER, "573001112233", "Hola"))


def test_outside_the_window_the_template_is_used(tmp_path, fakes) -> None:
    settings = _settings(
        tmp_path, fakes, WHATSAPP_TEMPLATE_NAME="seguimiento", WHATSAPP_TEMPLATE_LANGUAGE="es"
    )
    assert asyncio.run(WhatsAppCloudInput().send_outside_turn(settings, SENDER, "573009990000", "Hola"))
    sent = fakes[0].to("573009990000")[-1]
    assert sent["type"] == "template" and sent["template"] == {
        "name": "seguimiento",
        "language": {"code": "es"},
    }


def test_twilio_whatsapp_outside_the_window(tmp_path, fakes) -> None:
    sender = "whatsapp:+573004440000"
    settings = _settings(tmp_path, fakes)
    with pytest.raises(WindowClosed, match="TWILIO_WHATSAPP_CONTENT_SID"):
        asyncio.run(WhatsAppInput().send_outside_turn(settings, sender, "+573004440000", "Hola"))
    with_template = _settings(tmp_path, fakes, TWILIO_WHATSAPP_CONTENT_SID="HX0123456789abcdef")
    assert asyncio.run(WhatsAppInput().send_outside_turn(with_template, sender, "+573004440000", "Hola"))
    assert fakes[1].to("whatsapp:+573004440000") == ["HX0123456789abcdef"]
