"""POST /nlg: the endpoint Rasa calls to render every response (Rasa's NLG server protocol).

Request: {"response": NAME, "arguments": {...}, "tracker": {...}, "channel": {"name": ...}}
Reply:   {"text": ..., "buttons": [...], "custom": {...}}
"""

from __future__ import annotations

import logging
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.nlg.responses import BadArguments, Renderer, UnknownResponse

logger = logging.getLogger(__name__)
blueprint = Blueprint("nlg")


def _language(body: dict[str, Any], default: str) -> str:
    arguments = body.get("arguments") or {}
    if isinstance(arguments.get("language"), str):
        return arguments["language"]
    slots = (body.get("tracker") or {}).get("slots") or {}
    return slots.get("language") if isinstance(slots.get("language"), str) else default


@blueprint.post("/nlg")
async def nlg(request: Request) -> HTTPResponse:
    renderer: Renderer = request.app.ctx.renderer
    try:
        body = request.json
    except Exception:  # Sanic raises its own InvalidUsage for malformed JSON
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
