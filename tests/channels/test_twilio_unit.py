"""Twilio channel helpers: E.164 numbers, one numbered text per turn, configuration."""

from __future__ import annotations

import pytest

from bot.channels.twilio import SmsInput, WhatsAppInput, e164, turn_text
from bot.settings import Settings


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+573001112233", "+573001112233"),
        ("whatsapp:+573001112233", "+573001112233"),
        ("+57 300 111-2233", "+573001112233"),
        ("12345", None),
        ("not a number", None),
    ],
)
def test_e164(raw: str, expected: str | None) -> None:
    assert e164(raw) == expected


def test_a_turn_is_one_text_with_numbered_options() -> None:
    messages = [
        {"text": "Antes de empezar…"},
        {
            "text": "¿Tienes miedo?",
            "buttons": [{"title": "Sí", "payload": "/a"}, {"title": "No", "payload": "/b"}],
        },
        {"custom": {"question": "fear_of_return"}},
    ]
    assert turn_text(messages) == "Antes de empezar…\n\n¿Tienes miedo?\n1. Sí\n2. No"


def test_channels_are_off_until_configured() -> None:
    assert not SmsInput().configured(Settings.from_env({}))
    env = {
        "TWILIO_ACCOUNT_SID": "AC1",
        "TWILIO_AUTH_TOKEN": "t",
        "PUBLIC_BASE_URL": "https://bot.example.org/",
        "TWILIO_SMS_FROM": "+15550001111",
    }
    settings = Settings.from_env(env)
    assert SmsInput().configured(settings) and settings.public_base_url == "https://bot.example.org"
    assert not WhatsAppInput().configured(settings)  # needs its own sender
    assert WhatsAppInput().address("+573001112233") == "whatsapp:+573001112233"
    assert settings.twilio_api_base_url == "https://api.twilio.com"
