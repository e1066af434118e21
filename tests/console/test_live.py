"""The live stream: changes written by anyone reach it, filtered on a ticket when asked, and every
stream ends within its bound (the browser reconnects)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from functools import partial

import pytest
import requests

from bot.console.live import RETRY_MS, change_events
from bot.db.migrate import upgrade
from bot.handoff.changes import changes_since, last_change_id
from bot.handoff.tickets import open_ticket
from tests.console import console_web
from tests.console.console_web import TIMEOUT_S

web = console_web.web  # the fixture


@pytest.fixture(autouse=True)
def _pseudonym_key(pseudonym_key_is):
    pseudonym_key_is("console-live-tests-key")


async def _collect(stream) -> list[str]:
    return [chunk async for chunk in stream]


def test_the_stream_reports_changes_after_its_start_and_ends_within_its_bound(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    before = open_ticket(url, "web-before", "rest", "es", "asked", {})
    start = last_change_id(url)
    # Written while the stream runs, by another thread (as the action server would, in its process).
    timer = threading.Timer(0.3, lambda: open_ticket(url, "web-during", "rest", "pt", "urgent", {}))
    timer.start()
    began = time.monotonic()
    chunks = asyncio.run(
        _collect(
            change_events(partial(changes_since, url), start, poll_s=0.05, keepalive_s=0.5, stream_s=1.2)
        )
    )
    timer.join()

    assert time.monotonic() - began < 3  # the stream ended by itself
    assert chunks[0] == f"retry: {RETRY_MS}\n\n"
    events = [c for c in chunks if c.startswith("id:")]
    assert len(events) == 1  # the ticket opened before the stream is not reported again
    change_id = start + 1
    assert events[0] == (
        f"id: {change_id}\nevent: change\ndata: "
        + json.dumps({"id": change_id, "ticket": before + 1, "kind": "opened"})
        + "\n\n"
    )
    assert ": keep-alive\n\n" in chunks  # quiet for 0.5 s after the change


def test_a_ticket_stream_only_announces_that_ticket(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    mine = open_ticket(url, "web-mine", "rest", "es", "asked", {})
    other = open_ticket(url, "web-other", "rest", "es", "asked", {})
    assert open_ticket(url, "web-other", "rest", "es", "urgent", {}) == other  # escalated: a change
    stream = change_events(partial(changes_since, url), 0, mine, poll_s=0.05, stream_s=0.2)
    chunks = asyncio.run(_collect(stream))
    data = [json.loads(c.split("data: ")[1]) for c in chunks if "data: " in c]
    assert [(d["ticket"], d["kind"]) for d in data] == [(mine, "opened")]


def test_the_console_events_endpoint_streams_a_new_ticket(web):
    agent = web.session("lia_live")
    response = agent.get(f"{web.url}/console/events", stream=True, timeout=TIMEOUT_S)
    try:
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        lines = response.iter_lines(decode_unicode=True)
        assert next(lines) == f"retry: {RETRY_MS}"
        ticket_id = web.ticket("web-live-new", reason="urgent")
        deadline = time.monotonic() + 10
        seen = None
        for line in lines:
            if line.startswith("data: "):
                seen = json.loads(line[6:])
                break
            assert time.monotonic() < deadline
        assert seen is not None and (seen["ticket"], seen["kind"]) == (ticket_id, "opened")
    finally:
        response.close()


def test_the_events_endpoint_needs_a_signed_in_agent(web):
    response = requests.get(f"{web.url}/console/events", allow_redirects=False, timeout=TIMEOUT_S)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/login?next=")
