"""POST /nlg: the endpoint Rasa calls to render every response (Rasa's NLG server protocol).

Request: {"response": NAME, "arguments": {...}, "tracker": {...}, "channel": {"name": ...}}
Reply:   {"text": ..., "buttons": [...], "custom": {...}}

Only our Rasa may call it: every request carries `Authorization: Bearer <internal token>`
(bot/secrets.py; endpoints.yml sends it), else 403. A malformed body is a 4xx, never a 5xx.
"""

from __future__ import annotations

import logging
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.nlg.responses import BadArguments, Renderer, UnknownResponse
from bot.secrets import bearer_matches, secret

logger = logging.getLogger(__name__)
blueprint = Blueprint("nlg")


def _language(body: dict[str, Any], default: str) -> str:
    """`arguments.language`, else the tracker's `language` slot; a tracker of the wrong shape is none."""
    arguments = body.get("arguments") or {}
    if isinstance(arguments.get("language"), str):
        return arguments["language"]
    tracker = body.get("tracker")
    slots = tracker.get("slots") if isinstance(tracker, dict) else None
    language = slots.get("language") if isinstance(slots, dict) else None
    return language if isinstance(language, str) else default


@blueprint.post("/nlg")
async def nlg(request: Request) -> HTTPResponse:
    token = secret(request.app.ctx.settings, "internal_token")
    if not bearer_matches(request.headers.get("authorization"), token):  # before the body is parsed
        logger.warning("Refused an NLG request without the internal token")
        return json({"error": "forbidden"}, status=403)
    renderer: Renderer = request.app.ctx.renderer
    try:
        body = request.json
    except Exception:  # InvalidUsage for malformed JSON or UTF-8, RecursionError for deep nesting
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("response"), str):
        return json({"error": "expected a JSON object with a `response` name"}, status=400)
    arguments = {} if body.get("arguments") is None else body["arguments"]
    if not isinstance(arguments, dict):
        return json({"error": "`arguments` must be an object"}, status=400)
    name = body["response"]
    try:
        message = renderer.render(name, _language(body, renderer.settings.default_language), arguments)
    except UnknownResponse:
        logger.warning("NLG asked for unknown response %s", name)
        return json({"error": f"unknown response {name!r}", "known": renderer.names}, status=404)
    except BadArguments as exc:
        logger.warning("NLG response %s: %s", name, exc)
        return json({"error": str(exc)}, status=422)
    return json(message)
