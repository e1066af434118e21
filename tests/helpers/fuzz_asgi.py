"""Call a Sanic 21.12 app in-process through ASGI (sanic-testing is not installed).

    with AsgiClient(app) as client:
        response = client.post("/webhook", content=b"...", headers={...})   # an httpx.Response

The app's startup listeners run once (the ASGI lifespan), then every request goes through the
real router, middleware and error handlers, as with `app.run`. The HTTP server's own limits
(REQUEST_MAX_SIZE) are not enforced under ASGI: test those against a real server.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import httpx
from sanic import Sanic


class AsgiClient:
    def __init__(self, app: Sanic) -> None:
        self.app = app
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lifespan: asyncio.Task | None = None
        self._client: httpx.AsyncClient | None = None

    def __enter__(self) -> AsgiClient:
        # As sanic-testing does: lets several apps start in one process (Sanic's start-up
        # "touch-up" rewrites class methods, which fails the second time outside test mode).
        Sanic.test_mode = True
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start())
        return self

    async def _start(self) -> None:
        messages: asyncio.Queue = asyncio.Queue()
        started = asyncio.Event()

        async def send(message: dict) -> None:
            if message["type"] == "lifespan.startup.complete":
                started.set()

        await messages.put({"type": "lifespan.startup"})
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}}
        self._lifespan = asyncio.ensure_future(self.app(scope, messages.get, send))
        waiting = asyncio.ensure_future(started.wait())
        await asyncio.wait({self._lifespan, waiting}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if not started.is_set():
            waiting.cancel()
            if self._lifespan.done():
                self._lifespan.result()  # raises the startup error
            raise TimeoutError("the app did not start")
        transport = httpx.ASGITransport(app=self.app)
        self._client = httpx.AsyncClient(transport=transport, base_url="http://testserver")

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        assert self._loop is not None and self._client is not None, "use AsgiClient as a context manager"
        return self._loop.run_until_complete(self._client.request(method, path, **kwargs))

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def __exit__(self, *_exc: object) -> None:
        assert self._loop is not None
        if self._client is not None:
            self._loop.run_until_complete(self._client.aclose())
        if self._lifespan is not None:
            # Sanic 21.12 never finishes its lifespan cleanly under a bare ASGI server: drop it.
            self._lifespan.cancel()
            with contextlib.suppress(BaseException):
                self._loop.run_until_complete(self._lifespan)
        self._loop.close()
        asyncio.set_event_loop(None)
