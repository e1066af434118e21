"""A fake of Twilio's Messages REST API on 127.0.0.1, from Twilio's documented request and response:
POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth (AccountSid:AuthToken),
form fields To, From, Body; 201 with a JSON message resource. It records what the bot sends."""

from __future__ import annotations

import asyncio
import base64
import threading
from dataclasses import dataclass, field

from aiohttp import web

ACCOUNT_SID = "AC00000000000000000000000000000000"
AUTH_TOKEN = "fake-twilio-auth-token"


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
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            runner = web.AppRunner(app)
            loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()

        threading.Thread(target=serve, daemon=True).start()
        ready.wait(10)
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to(self, number: str) -> list[str]:
        return [m["Body"] for m in self.messages if m["To"] == number]
