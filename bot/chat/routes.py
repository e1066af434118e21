"""GET /chat serves the page; POST /chat/api/messages relays a message to Rasa's REST channel.

Relaying through this service keeps the page on one origin (no CORS on Rasa) and lets us check
the input before Rasa sees it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import aiohttp
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file, json

logger = logging.getLogger(__name__)
blueprint = Blueprint("chat")

PAGE = Path(__file__).resolve().parent / "page.html"
MAX_MESSAGE_CHARS = 2000
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Web chat conversations get their own sender namespace, so a page cannot pose as a phone number.
SENDER_PREFIX = "web-"


@blueprint.get("/chat")
async def page(request: Request) -> HTTPResponse:
    return await file(PAGE, mime_type="text/html; charset=utf-8")


@blueprint.post("/chat/api/messages")
async def relay(request: Request) -> HTTPResponse:
    try:
        body = request.json
    except Exception:
        body = None
    if not isinstance(body, dict):
        return json({"error": "expected a JSON object {sender, message}"}, status=400)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return json({"error": "sender must be 8-64 letters, digits, - or _"}, status=400)
    if not isinstance(message, str) or not message.strip():
        return json({"error": "message must be non-empty text"}, status=400)
    if len(message) > MAX_MESSAGE_CHARS:
        return json({"error": f"message is longer than {MAX_MESSAGE_CHARS} characters"}, status=413)
    settings = request.app.ctx.settings
    url = f"{settings.rasa_url}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=settings.rasa_request_timeout)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(url, json={"sender": SENDER_PREFIX + sender, "message": message}) as response,
        ):
            if response.status != 200:
                logger.error("Rasa answered %s to a chat message", response.status)
                return json({"error": "the assistant could not answer"}, status=502)
            replies = await response.json()
    except (aiohttp.ClientError, TimeoutError) as exc:
        logger.error("Rasa unreachable: %s", type(exc).__name__)
        return json({"error": "the assistant is not reachable right now"}, status=503)
    return json(replies)
