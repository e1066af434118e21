"""GET /chat serves the page; POST /chat/api/messages relays a message to Rasa's REST channel;
POST /chat/api/updates hands the page what was sent to its conversation outside a turn (a staff
reply, waiting in web_outbox: bot/channels/outbound.py).

Relaying through this service keeps the page on one origin (no CORS on Rasa), lets us check the
input before Rasa sees it, and keeps the REST channel's token on the server. The page keeps its
conversation id only for the session idle time (Rasa's session_expiration_time), so the next
person on a shared phone does not inherit it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from functools import cache
from pathlib import Path

import aiohttp
import sqlalchemy as sa
import yaml
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file, html, json

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import web_outbox
from bot.secrets import secret
from bot.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)
blueprint = Blueprint("chat")

PAGE = Path(__file__).resolve().parent / "page.html"
STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {
    "chat.js": "text/javascript; charset=utf-8",
    "languages.js": "text/javascript; charset=utf-8",  # the page's words in five languages
    "chat.css": "text/css; charset=utf-8",
}
MAX_MESSAGE_CHARS = 2000
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Web chat conversations get their own sender namespace, so a page cannot pose as a phone number.
SENDER_PREFIX = "web-"
MAX_UPDATES = 50  # per request; the page asks again for the rest


@cache
def idle_minutes(domain_file: Path = PROJECT_ROOT / "domain" / "core.yml") -> int:
    """Rasa's session idle time, after which the page forgets its conversation id too."""
    config = yaml.safe_load(domain_file.read_text(encoding="utf-8")).get("session_config") or {}
    return int(config.get("session_expiration_time") or 60)


@cache
def _page() -> str:
    return PAGE.read_text(encoding="utf-8").replace("{idle_minutes}", str(idle_minutes()))


@blueprint.route("/chat", methods=["GET", "HEAD"])
async def page(request: Request) -> HTTPResponse:
    return html(_page())


@blueprint.get("/chat/static/<name>")
async def static(request: Request, name: str) -> HTTPResponse:
    if name not in STATIC_TYPES:
        return json({"error": "not found"}, status=404)
    return await file(STATIC / name, mime_type=STATIC_TYPES[name])


@blueprint.post("/chat/api/messages")
async def relay(request: Request) -> HTTPResponse:
    try:
        body = request.json
    except Exception:  # Sanic raises its own error for malformed JSON
        body = None
    if not isinstance(body, dict):
        return json({"error": "expected a JSON object {sender, message}"}, status=400)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return json({"error": "sender must be 8-64 letters, digits, - or _"}, status=400)
    if not isinstance(message, str) or not message.strip() or "\x00" in message:
        return json({"error": "message must be non-empty text"}, status=400)
    if len(message) > MAX_MESSAGE_CHARS:
        return json({"error": f"message is longer than {MAX_MESSAGE_CHARS} characters"}, status=413)
    settings = request.app.ctx.settings
    url = f"{settings.rasa_url}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=settings.rasa_request_timeout)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(
                url,
                json={"sender": SENDER_PREFIX + sender, "message": message},
                headers={"Authorization": f"Bearer {secret(settings, 'rest_channel_token')}"},
            ) as response,
        ):
            if 400 <= response.status < 500 and response.status != 403:  # what Rasa refused to read
                return json({"error": "the message could not be read"}, status=400)
            if response.status != 200:
                logger.error("Rasa answered %s to a chat message", response.status)
                return json({"error": "the assistant could not answer"}, status=502)
            replies = await response.json()
    except (aiohttp.ClientError, TimeoutError) as exc:
        logger.error("Rasa unreachable: %s", type(exc).__name__)
        return json({"error": "the assistant is not reachable right now"}, status=503)
    return json(replies)


def _updates(database_url: str, sender_id: str, after: int) -> list[dict[str, object]]:
    query = (
        sa.select(web_outbox.c.id, web_outbox.c.body)
        .where(web_outbox.c.conversation_key == conversation_key(sender_id), web_outbox.c.id > after)
        .order_by(web_outbox.c.id)
        .limit(MAX_UPDATES)
    )
    with get_engine(database_url).connect() as connection:
        return [{"id": row.id, "text": row.body} for row in connection.execute(query)]


@blueprint.post("/chat/api/updates")
async def updates(request: Request) -> HTTPResponse:
    """{sender, after} -> {"messages": [{id, text}], "last": id}: this conversation's messages
    after `after`, oldest first. Reading marks nothing: a page reloaded (or a second tab) asks with
    the id it has seen, and the rows go with the conversation's erasure and the retention purge."""
    try:
        body = request.json
    except Exception:  # Sanic raises its own error for malformed JSON
        body = None
    if not isinstance(body, dict):
        return json({"error": "expected a JSON object {sender, after}"}, status=400)
    sender, after = body.get("sender"), body.get("after", 0)
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return json({"error": "sender must be 8-64 letters, digits, - or _"}, status=400)
    if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after < 2**63:
        return json({"error": "after must be a message id (a whole number, 0 at first)"}, status=400)
    settings = request.app.ctx.settings
    try:
        messages = await asyncio.to_thread(_updates, settings.database_url, SENDER_PREFIX + sender, after)
    except sa.exc.SQLAlchemyError as exc:
        logger.error("Could not read the chat outbox: %s", type(exc).__name__)
        return json({"error": "try again later"}, status=503)
    return json({"messages": messages, "last": messages[-1]["id"] if messages else after})
