"""Rasa's REST channel, as our own /chat page and tools use it: authenticated, bounded, and never a
way into a phone conversation.

POST /webhooks/rest/webhook with `Authorization: Bearer <REST_CHANNEL_TOKEN>` and
{"sender": "...", "message": "..."}; answers a JSON list of bot messages, as Rasa's own channel
does. Sender ids are letters, digits, - and _ only, so a caller can never name an `sms:`,
`whatsapp:`, `whatsapp_cloud:` or `telegram:` conversation; `input_channel` and `metadata` are
ignored (always "rest", none).
"""

from __future__ import annotations

import json as jsonlib
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.channels.inbound import MAX_TEXT_CHARS, Inbound, run_turn
from bot.secrets import bearer_matches, secret
from bot.settings import get_settings

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 16 * 1024
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


def parse(raw: bytes) -> tuple[str, str] | str:
    """(sender, message), or the reason the body cannot be taken."""
    try:
        body = jsonlib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "the body is not JSON"
    if not isinstance(body, dict):
        return "expected a JSON object {sender, message}"
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return "sender must be 1-80 letters, digits, - or _"
    if not isinstance(message, str) or not message.strip():
        return "message must be non-empty text"
    if "\x00" in message:
        return "message must not contain NUL characters"
    return sender, message


class GuardedRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = get_settings()
            token = secret(settings, "rest_channel_token")
            if not bearer_matches(request.headers.get("Authorization"), token):
                logger.warning("Refused a REST message without the right token")
                return json({"error": "forbidden"}, status=403)
            raw = request.body or b""
            if len(raw) > MAX_BODY_BYTES:
                return json({"error": "payload too large"}, status=413)
            parsed = parse(raw)
            if isinstance(parsed, str):
                return json({"error": parsed}, status=400)
            sender, message = parsed
            if len(message) > MAX_TEXT_CHARS:
                return json({"error": f"message is longer than {MAX_TEXT_CHARS} characters"}, status=413)
            outcome = await run_turn(on_new_message, Inbound("rest", sender, message), settings)
            return json(outcome.messages)

        return webhook
