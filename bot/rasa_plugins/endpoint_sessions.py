"""Rasa's calls to the action server over connections kept open between turns.

Rasa 3.6 opens a new aiohttp session, so a new TCP connection, for every request to an endpoint
(`EndpointConfig.request`): a connect, a handshake and a close on both sides of every turn's action
call. Here each endpoint keeps one session for the life of the process and its event loop, with
the same headers, authentication and timeout Rasa gives its own; `async with endpoint.session()`
leaves it open.

Idle connections are let go after KEEPALIVE_S, shorter than the keep-alive of the Sanic servers
that answer them (5 s), so a request never goes out on a connection the server is closing. A
server that went away (the action server restarting) closes its connections, and the next
request opens a new one.

`install()` is called by bot/rasa_plugins/server.py before Rasa starts.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import aiohttp
    from rasa.utils.endpoints import EndpointConfig

KEEPALIVE_S = 2.0
_KEPT = "_pathways_session"
_OPEN: weakref.WeakSet = weakref.WeakSet()  # every kept session, closed when the server stops


class KeptSession:
    """`async with` hands out the endpoint's session and does not close it."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


def kept_session(endpoint: EndpointConfig) -> KeptSession:
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    loop = asyncio.get_running_loop()
    session: aiohttp.ClientSession | None = getattr(endpoint, _KEPT, None)
    if session is None or session.closed or session.loop is not loop:
        auth = None
        if endpoint.basic_auth:
            auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
        )
        setattr(endpoint, _KEPT, session)
        _OPEN.add(session)
    return KeptSession(session)


async def close_all() -> None:
    for session in list(_OPEN):
        await session.close()


def install() -> None:
    from rasa.utils.endpoints import EndpointConfig

    EndpointConfig.session = kept_session
