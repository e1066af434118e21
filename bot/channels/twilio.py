"""Twilio Programmable Messaging: SMS on /webhooks/sms/webhook, WhatsApp on /webhooks/whatsapp/webhook.

Inbound: form-encoded webhooks, verified with X-Twilio-Signature against PUBLIC_BASE_URL (so it
works behind a proxy), deduplicated by MessageSid (bot/channels/webhook.py). Outbound: the Messages
REST API at TWILIO_API_BASE_URL (senders.TwilioSms), one numbered text per turn, split at sentence
ends under the limit. A channel answers 404 until its variables are set.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, text
from twilio.request_validator import RequestValidator

from bot.channels.inbound import MEDIA_MESSAGE, Inbound, Outcome
from bot.channels.location import location_message
from bot.channels.webhook import Refusal, WebhookChannel
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
_NOT_DIGITS = re.compile(r"[^\d]")


def e164(number: str) -> str | None:
    """ "+57 300 111-2233" or "whatsapp:+573001112233" -> "+573001112233"; None when not a number."""
    digits = _NOT_DIGITS.sub("", number.removeprefix("whatsapp:"))
    return f"+{digits}" if 8 <= len(digits) <= 15 else None


def _form(request: Request) -> dict[str, str] | None:
    """The posted fields, keeping blank values: Twilio signs every field it posts, including the
    empty Body of a photo or voice note, which Sanic's form parser would drop. None: not UTF-8."""
    try:
        return dict(parse_qsl((request.body or b"").decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return None


class SmsInput(WebhookChannel):
    """One Twilio channel; SmsInput and WhatsAppInput differ only in names, sender and limit."""

    channel = "sms"
    max_body_bytes = 64 * 1024

    def configured(self, settings: Settings) -> bool:
        return bool(self.sender.configured(settings) and settings.public_base_url)

    def routes(self, webhook: Blueprint) -> None:
        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return json({"status": "ok" if self.configured(get_settings()) else "not configured"})

    def verify(self, request: Request, settings: Settings) -> Refusal | None:
        if not (request.content_type or "").startswith("application/x-www-form-urlencoded"):
            return json({"error": "expected a form-encoded Twilio webhook"}, status=415)
        params = _form(request)
        if params is None:
            return json({"error": "the body is not UTF-8"}, status=400)
        query = f"?{request.query_string}" if request.query_string else ""
        url = f"{settings.public_base_url}{request.path}{query}"
        signature = request.headers.get("X-Twilio-Signature", "")
        if not RequestValidator(settings.twilio_auth_token).validate(url, params, signature):
            logger.warning("Rejected a %s webhook with a missing or wrong signature", self.channel)
            return json({"error": "forbidden"}, status=403)
        return None

    def parse(self, request: Request, settings: Settings) -> list[Inbound] | Refusal:
        params = _form(request) or {}
        number = e164(params.get("From", ""))
        message_sid = params.get("MessageSid") or params.get("SmsMessageSid")
        if number is None or not message_sid:
            return json({"error": "From and MessageSid are required"}, status=400)
        body = (params.get("Body") or "").strip()
        if "Latitude" in params and "Longitude" in params:  # a shared WhatsApp location
            body = location_message(params["Latitude"], params["Longitude"]) or MEDIA_MESSAGE
        sender_id = f"{self.channel}:{number}"
        return [
            Inbound(
                self.channel,
                sender_id,
                body or MEDIA_MESSAGE,  # a photo, a voice note, a sticker
                self.sender.provider,
                message_sid,
                personal=(number, params.get("From", "")),
            )
        ]

    def answer(self, outcomes: list[Outcome]) -> HTTPResponse:
        return text(EMPTY_TWIML, content_type="text/xml")  # the reply went through the API


class WhatsAppInput(SmsInput):
    channel = "whatsapp"
