"""The signed Twilio SMS webhook as Twilio sends it: form fields signed with the auth token over the
public URL the bot believes it is reached at (PUBLIC_BASE_URL), as bot/channels/twilio.py checks."""

from __future__ import annotations

import uuid

from twilio.request_validator import RequestValidator

from tests.helpers.fake_providers import ACCOUNT_SID, AUTH_TOKEN
from tests.helpers.people import PUBLIC_BASE_URL, SMS_FROM

SMS_PATH = "/webhooks/sms/webhook"


def new_number() -> str:
    """A fresh Colombian mobile number: one per simulated conversation."""
    return "+57300" + f"{uuid.uuid4().int % 10**7:07d}"


def signed_sms(number: str, body: str, token: str = AUTH_TOKEN) -> tuple[dict[str, str], str]:
    """The form Twilio posts for an inbound SMS, and its X-Twilio-Signature."""
    form = {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": ACCOUNT_SID,
        "From": number,
        "To": SMS_FROM,
        "Body": body,
        "NumMedia": "0",
    }
    return form, RequestValidator(token).compute_signature(PUBLIC_BASE_URL + SMS_PATH, form)


def sms_env(fake_twilio_url: str) -> dict[str, str]:
    """What the stack needs to serve SMS and send its replies to a fake Twilio API."""
    return {
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": SMS_FROM,
        "TWILIO_API_BASE_URL": fake_twilio_url,
    }
