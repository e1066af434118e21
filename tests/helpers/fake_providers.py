"""Fakes of the providers' APIs on 127.0.0.1, built from their documented requests and responses;
each records what the bot sends.

- Twilio Messages API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth
  (AccountSid:AuthToken), form fields To, From, Body; 201 with a JSON message resource.
- Meta Graph API: POST /{version}/{phone-number-id}/messages, Bearer token, JSON body with
  messaging_product, to, type and text or interactive; 200 with contacts and message ids.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from dataclasses import dataclass, field

from aiohttp import web

ACCOUNT_SID = "AC00000000000000000000000000000000"
AUTH_TOKEN = "fake-twilio-auth-token"
PHONE_NUMBER_ID = "109876543210"
GRAPH_TOKEN = "fake-graph-access-token"


def _serve(app: web.Application) -> int:
    """Run `app` on 127.0.0.1 in a daemon thread; return its port."""
    ready = threading.Event()
    port: list[int] = []

    def serve() -> None:
        loop = asyncio.new_event_loop()
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        port.append(site._server.sockets[0].getsockname()[1])
        ready.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(10)
    return port[0]


@dataclass
class FakeTwilio:
    messages: list[dict[str, str]] = field(default_factory=list)
    fail_next: int = 0  # answer this many requests with 500 first (to exercise retries)
    port: int = 0

    async def _create(self, request: web.Request) -> web.Response:
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        if request.match_info["sid"] != ACCOUNT_SID or request.headers.get("Authorization") != expected:
            return web.json_response({"code": 20003, "message": "Authenticate", "status": 401}, status=401)
        form = dict(await request.post())
        if not form.get("Body") and not form.get("ContentSid"):
            return web.json_response(
                {"code": 21602, "message": "Message body is required.", "status": 400}, status=400
            )
        if self.fail_next > 0:
            self.fail_next -= 1
            return web.json_response(
                {"code": 20500, "message": "Internal Server Error", "status": 500}, status=500
            )
        self.messages.append({k: str(v) for k, v in form.items()})
        sid = f"SM{len(self.messages):032d}"
        body = {"sid": sid, "account_sid": ACCOUNT_SID, "to": form.get("To"), "from": form.get("From"),
                "body": form.get("Body"), "status": "queued", "num_segments": "1"}  # fmt: skip
        return web.json_response(body, status=201)

    def start(self) -> FakeTwilio:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create)
        self.port = _serve(app)
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to(self, number: str) -> list[str]:
        return [m.get("Body") or m.get("ContentSid", "") for m in self.messages if m["To"] == number]


@dataclass
class FakeGraph:
    messages: list[dict] = field(default_factory=list)
    fail_next: int = 0  # answer this many sends with 500 first
    port: int = 0

    async def _send(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {GRAPH_TOKEN}":
            error = {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}
            return web.json_response({"error": error}, status=401)
        if request.match_info["phone"] != PHONE_NUMBER_ID:
            return web.json_response({"error": {"message": "Unknown path", "code": 100}}, status=400)
        body = await request.json()
        if body.get("messaging_product") != "whatsapp" or body.get("type") not in (
            "text",
            "interactive",
            "template",
        ):
            return web.json_response({"error": {"message": "Invalid parameter", "code": 100}}, status=400)
        if self.fail_next > 0:
            self.fail_next -= 1
            error = {"message": "An unknown error has occurred.", "type": "OAuthException", "code": 1}
            return web.json_response({"error": error}, status=500)
        self.messages.append(body)
        wamid = f"wamid.{len(self.messages):020d}"
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": wamid}],
            }  # fmt: skip
        )

    def start(self) -> FakeGraph:
        app = web.Application()
        app.router.add_post("/{version}/{phone}/messages", self._send)
        self.port = _serve(app)
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to(self, wa_id: str) -> list[dict]:
        return [m for m in self.messages if m["to"] == wa_id]


TELEGRAM_TOKEN = "123456:FAKE-telegram-token"


@dataclass
class FakeTelegram:
    """Telegram Bot API: POST /bot{token}/{method}; parameters form-encoded (objects as JSON text),
    as python-telegram-bot sends them; answers {"ok": true, "result": ...}."""

    sent: list[dict] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    webhook: dict = field(default_factory=dict)
    fail_next: int = 0  # answer this many sendMessage calls with 500 first
    port: int = 0

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TELEGRAM_TOKEN:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        self.calls.append(method)
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {k: str(v) for k, v in (await request.post()).items()}
        if method == "getMe":
            result = {"id": 123456, "is_bot": True, "first_name": "Fake", "username": "fake_bot",
                      "can_join_groups": False, "can_read_all_group_messages": False,
                      "supports_inline_queries": False}  # fmt: skip
        elif method == "sendMessage" and self.fail_next > 0:
            self.fail_next -= 1
            error = {"ok": False, "error_code": 500, "description": "Internal Server Error"}
            return web.json_response(error, status=500)
        elif method == "sendMessage":
            markup = params.get("reply_markup")
            entry = {"chat_id": int(params["chat_id"]), "text": params["text"],
                     "reply_markup": json.loads(markup) if isinstance(markup, str) else markup}  # fmt: skip
            self.sent.append(entry)
            result = {"message_id": len(self.sent), "date": 1700000000,
                      "chat": {"id": entry["chat_id"], "type": "private"}, "text": entry["text"]}  # fmt: skip
        elif method == "setWebhook":
            self.webhook = dict(params)
            result = True
        elif method == "answerCallbackQuery":
            result = True
        else:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.json_response({"ok": True, "result": result})

    def start(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._method)
        self.port = _serve(app)
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to(self, chat_id: int) -> list[dict]:
        return [m for m in self.sent if m["chat_id"] == chat_id]
