"""Meta WhatsApp Cloud API on /webhooks/whatsapp_cloud/webhook.

GET answers Meta's verification handshake (hub.mode, hub.verify_token, hub.challenge). POST takes
message notifications, verified with X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app
secret) and deduplicated by message id (bot/channels/webhook.py). Replies go to the Graph API
`/{phone-number-id}/messages` (senders.MetaWhatsApp): questions as reply buttons (≤3) or a list
(≤10), else numbered text; other text merged and split under 4096 characters.
"""

from __future__ import annotations

import hashlib
import hmac
import json as jsonlib
import logging
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, text

from bot.channels.inbound import MEDIA_MESSAGE, Inbound
from bot.channels.location import location_message
from bot.channels.twilio import e164
from bot.channels.webhook import Refusal, WebhookChannel
from bot.secrets import same_secret
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)


def signature_ok(secret: str, body: bytes, header: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return same_secret(header or "", expected)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _body(message: dict) -> str:
    kind = message.get("type")
    if kind == "text":
        return str(_dict(message.get("text")).get("body") or "")
    if kind == "interactive":
        interactive = _dict(message.get("interactive"))
        reply = _dict(interactive.get("button_reply")) or _dict(interactive.get("list_reply"))
        return str(reply.get("id") or "")
    if kind == "button":
        return str(_dict(message.get("button")).get("payload") or "")
    if kind == "location":
        place = _dict(message.get("location"))
        return location_message(place.get("latitude"), place.get("longitude")) or MEDIA_MESSAGE
    return MEDIA_MESSAGE  # image, audio, video, document, sticker, location, contacts…


def incoming(payload: Any) -> list[dict[str, str]]:
    """The person messages in a notification: [{id, from, text}]. Statuses and anything malformed
    are skipped: a notification is only trusted as far as its shape is what Meta documents."""
    found = []
    for entry in _list(_dict(payload).get("entry")):
        for change in _list(_dict(entry).get("changes")):
            for message in _list(_dict(_dict(change).get("value")).get("messages")):
                message = _dict(message)
                if isinstance(message.get("id"), str) and isinstance(message.get("from"), str):
                    found.append({"id": message["id"], "from": message["from"], "text": _body(message)})
    return found


class WhatsAppCloudInput(WebhookChannel):
    channel = "whatsapp_cloud"

    def configured(self, settings: Settings) -> bool:
        return bool(
            self.sender.configured(settings)
            and settings.whatsapp_app_secret
            and settings.whatsapp_verify_token
        )

    def routes(self, webhook: Blueprint) -> None:
        @webhook.route("/webhook", methods=["GET"])
        async def handshake(request: Request) -> HTTPResponse:
            settings = get_settings()
            if not self.configured(settings):
                return json({"error": "the whatsapp_cloud channel is not configured"}, status=404)
            args = request.args
            token = args.get("hub.verify_token") or ""
            if args.get("hub.mode") == "subscribe" and same_secret(token, settings.whatsapp_verify_token):
                return text(args.get("hub.challenge") or "")
            return json({"error": "forbidden"}, status=403)

    def verify(self, request: Request, settings: Settings) -> Refusal | None:
        header = request.headers.get("X-Hub-Signature-256", "")
        if not signature_ok(settings.whatsapp_app_secret or "", request.body or b"", header):
            logger.warning("Rejected a WhatsApp Cloud webhook with a missing or wrong signature")
            return json({"error": "forbidden"}, status=403)
        return None

    def parse(self, request: Request, settings: Settings) -> list[Inbound] | Refusal:
        try:
            payload = jsonlib.loads((request.body or b"").decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return json({"error": "the body is not JSON"}, status=400)
        found = []
        for message in incoming(payload):
            number = e164(message["from"])
            if number is None:
                continue
            found.append(
                Inbound(
                    self.channel,
                    f"whatsapp_cloud:{number}",
                    message["text"].strip() or MEDIA_MESSAGE,
                    self.sender.provider,
                    message["id"],
                    (number, message["from"]),
                )
            )
        return found  # status updates: none, answered 200
