"""The action server: rasa-sdk's app for the `actions` package, answering only our own Rasa.

`python -m bot.action_server --port N` (the launcher's command) listens on SANIC_HOST (default
127.0.0.1) and on --port (default ACTIONS_PORT). On top of rasa-sdk's `create_app`:

- every request except GET /health carries `Authorization: Bearer <internal token>`
  (bot/secrets.py; Rasa sends it from endpoints.yml), checked before the body is parsed;
- a body cap (a whole tracker is sent, so a few MB) and a strict check of the action call's shape:
  a malformed call gets 400 with a generic message, never a 5xx;
- errors never echo the request and are logged by exception type only (and every log line goes
  through bot/redaction.py). A 500 means the action itself failed (Rasa then asks the person to
  write again).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import zlib
from typing import Any

from rasa_sdk import utils as sdk_utils
from rasa_sdk.endpoint import create_app as create_sdk_app
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.plugin import plugin_manager
from sanic import Request, Sanic
from sanic.exceptions import SanicException
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from bot import heap, redaction
from bot.kb.facts import FactError, normalize_facts
from bot.secrets import bearer_matches, secret
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 8 * 1024 * 1024  # a whole tracker is sent with every call
OPEN_PATHS = ("/health", "/health/")  # GET only: the launcher's health check
ACTIONS_PACKAGE = "actions"


class BadActionCall(ValueError):
    """The body is not an action call this server can run. The message never holds request data."""


# --------------------------------------------------------------------------------------------
# The action call's shape (what Rasa 3.6 sends; see rasa/core/actions/action.py, RemoteAction)
# --------------------------------------------------------------------------------------------


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise BadActionCall(reason)


def _optional(value: Any, kind: type | tuple[type, ...], reason: str) -> None:
    _require(value is None or isinstance(value, kind), reason)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# The slots action_handle_turn reads (domain/core.yml), with the types it writes them in.
_SLOT_CHECKS = {
    "language": lambda v: v is None or isinstance(v, str),
    "facts": lambda v: v is None or isinstance(v, dict),
    "answered": lambda v: v is None or _string_list(v),
    "pending_question": lambda v: v is None or isinstance(v, str),
    "flow": lambda v: v is None or isinstance(v, str),
    "misses": lambda v: v is None or (_number(v) and 0 <= v < 2**31),
    "results": lambda v: (
        v is None
        or (
            isinstance(v, list)
            and all(isinstance(r, dict) and all(isinstance(x, str) for x in r.values()) for r in v)
        )
    ),
    "consent_shown": lambda v: v is None or isinstance(v, bool),
    "erase_requested": lambda v: v is None or isinstance(v, bool),
}


def _check_slots(slots: Any) -> None:
    _require(isinstance(slots, dict), "tracker.slots is not an object")
    for name, check in _SLOT_CHECKS.items():
        _require(check(slots.get(name)), f"slot {name} has the wrong type")
    if isinstance(slots.get("facts"), dict):
        try:
            normalize_facts(slots["facts"])
        except FactError:
            raise BadActionCall("slot facts holds an unknown fact or value") from None


def _check_latest_message(message: Any) -> None:
    if message is None:
        return
    _require(isinstance(message, dict), "tracker.latest_message is not an object")
    _optional(message.get("text"), str, "latest_message.text is not a string")
    intent = message.get("intent", {})
    _require(isinstance(intent, dict), "latest_message.intent is not an object")
    _optional(intent.get("name"), str, "latest_message.intent.name is not a string")
    confidence = intent.get("confidence")
    _require(confidence is None or _number(confidence), "latest_message.intent.confidence is not a number")
    entities = message.get("entities", [])
    _require(isinstance(entities, list), "latest_message.entities is not a list")
    for entity in entities:
        _require(isinstance(entity, dict), "an entity is not an object")
        _optional(entity.get("entity"), str, "an entity name is not a string")


def _check_events(events: Any) -> None:
    _require(isinstance(events, list), "tracker.events is not a list")
    for event in events:
        _require(isinstance(event, dict), "an event is not an object")
        _optional(event.get("event"), str, "an event type is not a string")
        channel = event.get("input_channel")
        _require(channel is None or (isinstance(channel, str) and len(channel) <= 32), "bad input channel")


def check_action_call(call: Any) -> dict[str, Any]:
    """The call itself if it has the shape rasa-sdk and our actions rely on; BadActionCall if not."""
    _require(isinstance(call, dict), "the body is not a JSON object")
    _require(isinstance(call.get("next_action"), str) and call["next_action"], "next_action is missing")
    _optional(call.get("version"), str, "version is not a string")
    _optional(call.get("sender_id"), str, "sender_id is not a string")
    _optional(call.get("domain"), dict, "domain is not an object")
    tracker = call.get("tracker")
    _require(isinstance(tracker, dict), "tracker is missing or not an object")
    sender = tracker.get("sender_id")
    _require(isinstance(sender, str) and 0 < len(sender) <= 255, "tracker.sender_id is missing or too long")
    _check_slots(tracker.get("slots", {}))
    _check_latest_message(tracker.get("latest_message"))
    _check_events(tracker.get("events", []))
    _optional(tracker.get("paused"), bool, "tracker.paused is not a boolean")
    _optional(tracker.get("followup_action"), str, "tracker.followup_action is not a string")
    _optional(tracker.get("latest_action_name"), str, "tracker.latest_action_name is not a string")
    _optional(tracker.get("active_loop"), dict, "tracker.active_loop is not an object")
    _optional(tracker.get("active_form"), dict, "tracker.active_form is not an object")
    _optional(tracker.get("latest_input_channel"), str, "tracker.latest_input_channel is not a string")
    return call


def parse_action_call(body: bytes, content_encoding: str | None) -> dict[str, Any]:
    """Decode (deflate when Rasa compresses: COMPRESS_ACTION_SERVER_REQUEST), parse and check a body."""
    encoding = (content_encoding or "identity").strip().lower()
    if encoding == "deflate":
        inflater = zlib.decompressobj()
        try:
            body = inflater.decompress(body, MAX_REQUEST_BYTES + 1)
        except zlib.error:
            raise BadActionCall("the body is not valid deflate data") from None
        _require(len(body) <= MAX_REQUEST_BYTES and not inflater.unconsumed_tail, "the body is too large")
    else:
        _require(encoding == "identity", "unsupported content encoding")
    try:
        call = json.loads(body)
    except (ValueError, RecursionError):  # bad UTF-8 and bad JSON are ValueErrors
        raise BadActionCall("the body is not JSON") from None
    return check_action_call(call)


# --------------------------------------------------------------------------------------------
# The app
# --------------------------------------------------------------------------------------------


def _error(message: str, status: int, headers: dict[str, str] | None = None) -> HTTPResponse:
    return json_response({"error": message}, status=status, headers=headers)


def create_app(settings: Settings | None = None, package: str = ACTIONS_PACKAGE) -> Sanic:
    settings = settings or get_settings()
    token = secret(settings, "internal_token")
    app = create_sdk_app(package, cors_origins=None)  # no origin allowed: no browser calls this server
    app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
    app.config.ACCESS_LOG = False
    known_actions = frozenset(_action_names(package))

    @app.on_request
    async def authenticate_and_check(request: Request) -> HTTPResponse | None:
        if request.method == "GET" and request.path in OPEN_PATHS:
            return None
        authorization = request.headers.get("authorization")
        if not authorization:
            return _error("authentication required", 401, {"WWW-Authenticate": "Bearer"})
        if not bearer_matches(authorization, token):
            logger.warning("Refused a request with a wrong internal token")
            return _error("forbidden", 403)
        if getattr(request.ctx, "failed", False):
            return None  # Sanic runs this again while handling an error: its handler answers
        if request.method == "POST" and request.path.rstrip("/") == "/webhook":
            try:
                call = parse_action_call(request.body, request.headers.get("content-encoding"))
            except BadActionCall as exc:
                logger.warning("Refused a malformed action call: %s", exc)
                return _error("malformed action call", 400)
            if call["next_action"] not in known_actions:
                logger.warning("Refused a call to an unknown action")
                return _error("unknown action", 404)
            # rasa-sdk's handler reads request.json (or inflates request.body itself): hand it the
            # checked call instead.
            request.parsed_json = call
            if "content-encoding" in request.headers:
                request.headers.popall("content-encoding")
        return None

    app.register_listener(heap.settle, "after_server_start")

    @app.listener("before_server_start")
    async def check_the_token_first(app: Sanic, _loop: object) -> None:
        # rasa-sdk's CORS extension puts its middleware (which answers OPTIONS preflights by
        # itself) in front when the server starts; this listener runs after it.
        app.request_middleware.remove(authenticate_and_check)
        app.request_middleware.appendleft(authenticate_and_check)

    @app.signal("http.lifecycle.exception")
    async def mark_failed(request: Request, exception: BaseException) -> None:
        # e.g. a body over the cap: it was not read, so it must not be checked as a call (400)
        request.ctx.failed = True

    async def on_exception(request: Request, exception: Exception) -> HTTPResponse:
        """Replaces rasa-sdk's handler, which logs the request and answers with its whole body."""
        if isinstance(exception, SanicException) and 400 <= (exception.status_code or 500) < 500:
            headers = getattr(exception, "headers", None) or None
            return _error("request refused", exception.status_code, headers)
        logger.error("The action failed: %s", type(exception).__name__)
        return _error("the action failed", 500)

    app.error_handler.add(Exception, on_exception)
    return app


def _action_names(package: str) -> list[str]:
    executor = ActionExecutor()
    executor.register_package(package)
    return list(executor.actions)


def main(argv: list[str] | None = None) -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser(description="Run the action server (rasa-sdk, internal token).")
    parser.add_argument("--port", type=int, default=settings.actions_port)
    args = parser.parse_args(argv)
    redaction.install(settings)  # secrets and personal data out of every log line
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # SQLAlchemy's mappers (Rasa's tracker store models, imported with the actions) describe
    # themselves at INFO: noise in every start-up.
    logging.getLogger("sqlalchemy.orm").setLevel(max(logging.WARNING, logging.getLogger().level))
    host = os.environ.get("SANIC_HOST", "").strip() or "127.0.0.1"
    app = create_app(settings)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # as rasa-sdk's own runner does
    logger.info("Action server listening on %s:%d", host, args.port)
    app.run(
        host=host,
        port=args.port,
        workers=sdk_utils.number_of_sanic_workers(),
        access_log=False,
        motd=False,
    )


if __name__ == "__main__":
    main()
