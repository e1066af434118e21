"""The load generator's SMS webhooks are signed the way the bot checks them (bot/channels/twilio.py)."""

from __future__ import annotations

import re

from twilio.request_validator import RequestValidator

from bench.load.sms import SMS_PATH, new_number, signed_sms
from tests.helpers.fake_providers import AUTH_TOKEN
from tests.helpers.people import PUBLIC_BASE_URL, SMS_FROM


def test_signature_is_accepted_for_the_public_url() -> None:
    form, signature = signed_sms("+573001234567", "hola")
    assert RequestValidator(AUTH_TOKEN).validate(PUBLIC_BASE_URL + SMS_PATH, form, signature)
    assert (form["From"], form["To"], form["Body"], form["NumMedia"]) == (
        "+573001234567",
        SMS_FROM,
        "hola",
        "0",
    )


def test_signature_fails_when_the_body_or_the_token_changes() -> None:
    form, signature = signed_sms("+573001234567", "hola")
    validator = RequestValidator(AUTH_TOKEN)
    assert not validator.validate(PUBLIC_BASE_URL + SMS_PATH, {**form, "Body": "2"}, signature)
    _, other = signed_sms("+573001234567", "hola", token="another-token")
    assert not validator.validate(PUBLIC_BASE_URL + SMS_PATH, form, other)


def test_every_message_and_conversation_is_new() -> None:
    first, _ = signed_sms("+573001234567", "hola")
    second, _ = signed_sms("+573001234567", "hola")
    assert first["MessageSid"] != second["MessageSid"]  # the webhook dedupes by MessageSid
    assert re.fullmatch(r"\+57300\d{7}", new_number())
