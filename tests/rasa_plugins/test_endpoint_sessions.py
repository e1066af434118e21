"""Rasa's requests to an endpoint reuse one open connection, keep their headers and token, and
find the server again after it restarted (bot/rasa_plugins/endpoint_sessions.py). Loopback only."""

from __future__ import annotations

import asyncio

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_plugins import endpoint_sessions


async def _server(port: int, seen: list) -> web.AppRunner:
    async def webhook(request: web.Request) -> web.Response:
        seen.append((request.transport.get_extra_info("peername")[1], request.query.get("token")))
        return web.json_response({"echo": (await request.json())["n"], "auth": request.headers.get("X-Key")})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _calls(port: int) -> tuple[list, list, list]:
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", token="t0k", headers={"X-Key": "k"})
    seen: list = []
    runner = await _server(port, seen)
    answers = [await endpoint.request(json={"n": n}) for n in range(20)]
    answers += await asyncio.gather(*(endpoint.request(json={"n": n}) for n in range(20, 25)))
    before_restart = list(seen)
    await runner.cleanup()  # the action server restarts
    seen.clear()
    runner = await _server(port, seen)
    answers.append(await endpoint.request(json={"n": 99}))
    await runner.cleanup()
    await endpoint_sessions.close_all()
    return answers, before_restart, seen


def test_requests_share_a_connection_and_survive_a_restart() -> None:
    endpoint_sessions.install()
    answers, before_restart, after = asyncio.run(_calls(_free_port()))
    assert [a["echo"] for a in answers] == [*range(25), 99]
    assert all(a["auth"] == "k" for a in answers)
    assert all(token == "t0k" for _, token in before_restart + after)
    one_by_one = {port for port, _ in before_restart[:20]}
    assert len(one_by_one) == 1  # twenty requests in a row: one connection
    assert len({port for port, _ in before_restart}) <= 6  # five at once: at most five more
    assert len(after) == 1
