"""Meta WhatsApp Cloud API on /webhooks/whatsapp_cloud/webhook.

GET answers Meta's verification handshake (hub.mode, hub.verify_token, hub.challenge). POST takes
message notifications, verified with X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app
secret) and deduplicated by message id. Replies go to the Graph API `/{phone-number-id}/messages`:
questions as reply buttons (≤3) or a list (≤10), else numbered text; other text merged and split
under 4096 characters.
"""

from __future__ import annotations

import hashlib
import hmac
import json as jsonlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, text

from bot.channels.delivery import send_with_retries
from bot.channels.inbound import Inbound, run_turn
from bot.channels.limits import WHATSAPP_MAX_CHARS
from bot.channels.location import location_message
from bot.channels.render import whatsapp_interactive
from bot.channels.turns import deliver
from bot.channels.twilio import MEDIA_MESSAGE, e164
from bot.channels.window import WindowClosed, record_inbound, window_open
from bot.secrets import same_secret
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
GRAPH_VERSION = "v20.0"
MAX_BODY_BYTES = 256 * 1024
PROVIDER = "meta_whatsapp"
LIST_LABEL = "☰"  # the button that opens a list; a symbol reads in every language


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


class WhatsAppCloudInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "whatsapp_cloud"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    @staticmethod
    def configured(settings: Settings) -> bool:
        return bool(
            settings.whatsapp_phone_number_id
            and settings.whatsapp_access_token
            and settings.whatsapp_app_secret
            and settings.whatsapp_verify_token
        )

    async def _send(self, settings: Settings, sender_id: str, to: str, content: dict[str, Any]) -> bool:
        url = f"{settings.whatsapp_api_base_url}/{GRAPH_VERSION}/{settings.whatsapp_phone_number_id}/messages"
        headers = {"Authorization": f"Bearer {settings.whatsapp_access_token}"}
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, **content}
        return await send_with_retries(
            settings.database_url, PROVIDER, sender_id, lambda s: s.post(url, json=body, headers=headers)
        )

    async def send_outside_turn(self, settings: Settings, sender_id: str, to: str, body: str) -> bool:
        """A message not answering the person (a staff reply, a reminder): free text inside the
        24-hour window, the configured template outside it, else WindowClosed."""
        if window_open(settings.database_url, PROVIDER, sender_id):
            return await self._send(settings, sender_id, to, {"type": "text", "text": {"body": body}})
        if not settings.whatsapp_template_name:
            raise WindowClosed(
                "outside WhatsApp's 24-hour window only an approved template may be sent; "
                "set WHATSAPP_TEMPLATE_NAME (and WHATSAPP_TEMPLATE_LANGUAGE)"
            )
        template = {
            "name": settings.whatsapp_template_name,
            "language": {"code": settings.whatsapp_template_language},
        }
        return await self._send(settings, sender_id, to, {"type": "template", "template": template})

    async def reply(
        self, settings: Settings, sender_id: str, to: str, messages: list[dict[str, Any]]
    ) -> None:
        async def send_text(body: str) -> bool:
            return await self._send(settings, sender_id, to, {"type": "text", "text": {"body": body}})

        async def send_question(interactive: dict[str, Any]) -> bool:
            return await self._send(
                settings, sender_id, to, {"type": "interactive", "interactive": interactive}
            )

        await deliver(
            messages,
            WHATSAPP_MAX_CHARS,
            send_text,
            lambda text, buttons: whatsapp_interactive(text, buttons, LIST_LABEL),
            send_question,
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_cloud_webhook", __name__)

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            settings = get_settings()
            if not self.configured(settings):
                return json({"error": "the whatsapp_cloud channel is not configured"}, status=404)
            args = request.args
            token = args.get("hub.verify_token") or ""
            if args.get("hub.mode") == "subscribe" and same_secret(token, settings.whatsapp_verify_token):
                return text(args.get("hub.challenge") or "")
            return json({"error": "forbidden"}, status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = get_settings()
            if not self.configured(settings):
                return json({"error": "the whatsapp_cloud channel is not configured"}, status=404)
            raw = request.body or b""
            if len(raw) > MAX_BODY_BYTES:
                return json({"error": "payload too large"}, status=413)
            if not signature_ok(
                settings.whatsapp_app_secret, raw, request.headers.get("X-Hub-Signature-256", "")
            ):
                logger.warning("Rejected a WhatsApp Cloud webhook with a missing or wrong signature")
                return json({"error": "forbidden"}, status=403)
            try:
                payload = jsonlib.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                return json({"error": "the body is not JSON"}, status=400)
            busy = False
            for message in incoming(payload):
                number = e164(message["from"])
                if number is None:
                    continue
                sender_id = f"whatsapp_cloud:{number}"
                record_inbound(settings.database_url, PROVIDER, sender_id)
                body = message["text"].strip() or MEDIA_MESSAGE
                inbound = Inbound(
                    "whatsapp_cloud", sender_id, body, PROVIDER, message["id"], (number, message["from"])
                )
                outcome = await run_turn(on_new_message, inbound, settings)
                busy = busy or outcome.status == "busy"
                if outcome.messages:
                    await self.reply(settings, sender_id, number.removeprefix("+"), outcome.messages)
            if busy:  # Meta sends the notification again; what was answered is not answered twice
                return json({"error": "a message is being processed; retry later"}, status=503)
            return json({"status": "received"})

        return webhook
