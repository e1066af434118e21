"""Twilio Programmable Messaging: SMS on /webhooks/sms/webhook, WhatsApp on /webhooks/whatsapp/webhook.

Inbound: form-encoded webhooks, verified with X-Twilio-Signature against PUBLIC_BASE_URL (so it
works behind a proxy), deduplicated by MessageSid. Outbound: the Messages REST API at
TWILIO_API_BASE_URL, one numbered text per turn, split at sentence ends under the limit.
A channel answers 404 until its variables are set.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, text
from twilio.request_validator import RequestValidator

from bot.channels.delivery import send_with_retries
from bot.channels.inbound import Inbound, run_turn
from bot.channels.limits import SMS_MAX_CHARS, WHATSAPP_MAX_CHARS
from bot.channels.location import location_message
from bot.channels.render import numbered
from bot.channels.split import split_text
from bot.channels.window import WindowClosed, record_inbound, window_open
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
MEDIA_MESSAGE = "/media"  # what a photo, voice note or location becomes for the conversation
_NOT_DIGITS = re.compile(r"[^\d]")


def e164(number: str) -> str | None:
    """ "+57 300 111-2233" or "whatsapp:+573001112233" -> "+573001112233"; None when not a number."""
    digits = _NOT_DIGITS.sub("", number.removeprefix("whatsapp:"))
    return f"+{digits}" if 8 <= len(digits) <= 15 else None


def turn_text(messages: list[dict[str, Any]]) -> str:
    """A turn's messages as one text: paragraphs, each question followed by its numbered options."""
    parts = []
    for message in messages:
        if message.get("text"):
            parts.append(numbered(message["text"], message.get("buttons") or []))
    return "\n\n".join(parts)


class TwilioInput(InputChannel):
    """One Twilio channel; SmsInput and WhatsAppInput differ only in names, sender and limit."""

    kind = "sms"
    provider = "twilio_sms"
    max_chars = SMS_MAX_CHARS

    @classmethod
    def name(cls) -> str:
        return cls.kind

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def sender_number(self, settings: Settings) -> str | None:
        return settings.twilio_sms_from

    def configured(self, settings: Settings) -> bool:
        return bool(
            settings.twilio_account_sid
            and settings.twilio_auth_token
            and settings.public_base_url
            and self.sender_number(settings)
        )

    def address(self, number: str) -> str:
        return number

    async def _create_message(
        self, settings: Settings, sender_id: str, to: str, content: dict[str, str]
    ) -> bool:
        """POST to Twilio's Messages API with `content` (a Body, or a template's ContentSid)."""
        account = settings.twilio_account_sid
        url = f"{settings.twilio_api_base_url}/2010-04-01/Accounts/{account}/Messages.json"
        auth = aiohttp.BasicAuth(settings.twilio_account_sid, settings.twilio_auth_token)
        form = {"To": self.address(to), "From": self.sender_number(settings), **content}
        return await send_with_retries(
            settings.database_url, self.provider, sender_id, lambda s: s.post(url, data=form, auth=auth)
        )

    async def send(self, settings: Settings, sender_id: str, to: str, body: str) -> bool:
        return await self._create_message(settings, sender_id, to, {"Body": body})

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"{self.kind}_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return json({"status": "ok" if self.configured(get_settings()) else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = get_settings()
            if not self.configured(settings):
                return json({"error": f"the {self.kind} channel is not configured"}, status=404)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return json({"error": "payload too large"}, status=413)
            if not (request.content_type or "").startswith("application/x-www-form-urlencoded"):
                return json({"error": "expected a form-encoded Twilio webhook"}, status=415)
            # Parsed here, keeping blank values: Twilio signs every field it posts, including the
            # empty Body of a photo or voice note, which Sanic's form parser would drop.
            try:
                pairs = parse_qsl((request.body or b"").decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                return json({"error": "the body is not UTF-8"}, status=400)
            params = dict(pairs)
            url = (
                settings.public_base_url
                + request.path
                + (f"?{request.query_string}" if request.query_string else "")
            )
            signature = request.headers.get("X-Twilio-Signature", "")
            if not RequestValidator(settings.twilio_auth_token).validate(url, params, signature):
                logger.warning("Rejected a %s webhook with a missing or wrong signature", self.kind)
                return json({"error": "forbidden"}, status=403)
            number = e164(params.get("From", ""))
            message_sid = params.get("MessageSid") or params.get("SmsMessageSid")
            if number is None or not message_sid:
                return json({"error": "From and MessageSid are required"}, status=400)
            body = (params.get("Body") or "").strip()
            if "Latitude" in params and "Longitude" in params:  # a shared WhatsApp location
                body = location_message(params["Latitude"], params["Longitude"]) or MEDIA_MESSAGE
            if not body:
                body = MEDIA_MESSAGE  # a photo, a voice note, a sticker
            sender_id = f"{self.kind}:{number}"
            if self.kind == "whatsapp":
                record_inbound(settings.database_url, self.provider, sender_id)
            inbound = Inbound(
                self.kind, sender_id, body, self.provider, message_sid, personal=(number, params.get("From"))
            )
            outcome = await run_turn(on_new_message, inbound, settings)
            if outcome.status == "busy":  # the same message is being answered right now
                return json({"error": "already being processed; retry later"}, status=503)
            reply = turn_text(outcome.messages)
            for part in split_text(reply, self.max_chars):
                if not await self.send(settings, sender_id, number, part):
                    break  # recorded; the next parts would make no sense alone
            return text(EMPTY_TWIML, content_type="text/xml")

        return webhook


class SmsInput(TwilioInput):
    kind = "sms"
    provider = "twilio_sms"
    max_chars = SMS_MAX_CHARS


class WhatsAppInput(TwilioInput):
    kind = "whatsapp"
    provider = "twilio_whatsapp"
    max_chars = WHATSAPP_MAX_CHARS

    async def send_outside_turn(self, settings: Settings, sender_id: str, to: str, body: str) -> bool:
        """Free text inside the 24-hour window; outside it the Content API template
        (TWILIO_WHATSAPP_CONTENT_SID), else WindowClosed."""
        if window_open(settings.database_url, self.provider, sender_id):
            return await self.send(settings, sender_id, to, body)
        if not settings.twilio_whatsapp_content_sid:
            raise WindowClosed(
                "outside WhatsApp's 24-hour window only an approved template may be sent; "
                "set TWILIO_WHATSAPP_CONTENT_SID"
            )
        content = {"ContentSid": settings.twilio_whatsapp_content_sid}
        return await self._create_message(settings, sender_id, to, content)

    def sender_number(self, settings: Settings) -> str | None:
        return settings.twilio_whatsapp_from

    def address(self, number: str) -> str:
        return f"whatsapp:{number}"
