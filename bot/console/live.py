"""Live updates for the console: a server-sent event stream of ticket changes (/console/events).

Each stream polls `console_changes` every second, so a change written by any process (the action
server opening a ticket, another web instance taking a claim) reaches every console, on SQLite and
PostgreSQL alike. Streams are bounded: one ends after STREAM_S and the browser reconnects by itself
(`retry:`), resuming after the last event id it saw (EventSource's Last-Event-ID header). A comment
line every KEEPALIVE_S keeps proxies from closing a quiet stream.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable, Sequence
from functools import partial

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from bot.console.auth import require_role
from bot.handoff.changes import Change, changes_since, last_change_id

POLL_S = 1.0
KEEPALIVE_S = 15.0
STREAM_S = 300.0
RETRY_MS = 2000
MAX_ID = 2**62  # ids beyond this are not ours: treated as absent

blueprint = Blueprint("console_live")


async def change_events(
    poll: Callable[[int], Sequence[Change]],
    after: int,
    ticket_id: int | None = None,
    *,
    poll_s: float = POLL_S,
    keepalive_s: float = KEEPALIVE_S,
    stream_s: float = STREAM_S,
    clock: Callable[[], float] = time.monotonic,
) -> AsyncIterator[str]:
    """The stream's text: `retry`, then one `change` event per change after `after` (only the
    ticket's when `ticket_id` is given), keep-alive comments, until `stream_s` has passed."""
    yield f"retry: {RETRY_MS}\n\n"
    started = last_sent = clock()
    while clock() - started < stream_s:
        for change in await asyncio.to_thread(poll, after):
            after = change.id
            if ticket_id is not None and change.ticket_id != ticket_id:
                continue
            data = json.dumps({"id": change.id, "ticket": change.ticket_id, "kind": change.kind})
            yield f"id: {change.id}\nevent: change\ndata: {data}\n\n"
            last_sent = clock()
        if clock() - last_sent >= keepalive_s:
            yield ": keep-alive\n\n"
            last_sent = clock()
        await asyncio.sleep(poll_s)


def _number(text: str | None) -> int | None:
    if text is None or not text.isdigit() or len(text) > 18:
        return None
    value = int(text)
    return value if value < MAX_ID else None


@blueprint.get("/events")
@require_role("agent")
async def events(request: Request) -> HTTPResponse | None:
    """?after=<change id> (else: from now), ?ticket=<id> to follow one conversation."""
    database_url = request.app.ctx.settings.database_url
    resumed = _number(request.headers.get("last-event-id"))
    after = _number(request.args.get("after"))
    if after is None and resumed is None:
        after = await asyncio.to_thread(last_change_id, database_url)
    after = max(after or 0, resumed or 0)
    response = await request.respond(
        content_type="text/event-stream; charset=utf-8", headers={"X-Accel-Buffering": "no"}
    )
    stream = change_events(partial(changes_since, database_url), after, _number(request.args.get("ticket")))
    async for chunk in stream:
        await response.send(chunk)
    await response.eof()
    return None
