"""Twilio channel helpers: E.164 numbers, configuration. (One numbered text per turn:
tests/channels/test_outbound.py.)"""

from __future__ import annotations

import pytest

from bot.channels.senders import TwilioWhatsApp
from bot.channels.twilio import SmsInput, WhatsAppInput, e164
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
    assert TwilioWhatsApp().address("whatsapp:+573001112233") == "whatsapp:+573001112233"
    assert settings.twilio_api_base_url == "https://api.twilio.com"
