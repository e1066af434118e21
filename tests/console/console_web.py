"""The console's web service for page tests: `python -m bot.web` alone (its own process, real
SQLite) with the fake providers, and signed-in staff sessions. Import the `web` fixture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot.handoff.tickets import open_ticket
from tests.helpers.console import create_staff, login_session
from tests.helpers.fake_providers import FakeGraph, FakeTelegram, FakeTwilio
from tests.helpers.people import Fakes
from tests.helpers.web_process import web_process

TIMEOUT_S = 30


@dataclass
class Web:
    url: str
    database_url: str
    graph: FakeGraph
    twilio: FakeTwilio

    def ticket(self, sender: str, **values) -> int:
        args = {"channel": "rest", "language": "es", "reason": "asked", "facts": {}} | values
        return open_ticket(self.database_url, sender, **args)

    def session(self, name: str, role: str = "agent", language: str = "en") -> requests.Session:
        password = create_staff(self.database_url, name, role, language=language)
        return login_session(self.url, name, password)


def start_web(var_dir: Path, env: dict[str, str] | None = None) -> Iterator[Web]:
    """`python -m bot.web` alone on a free port with the fake providers (and `env`). Meta's WhatsApp
    has a template configured, Twilio's WhatsApp has none: outside the 24-hour window one sends the
    template, one refuses."""
    graph, twilio = FakeGraph().start(), FakeTwilio().start()
    providers = Fakes(twilio, graph, FakeTelegram().start()).env()
    values = {**providers, "WHATSAPP_TEMPLATE_NAME": "hello", **(env or {})}
    with web_process(var_dir, values, drop=("TWILIO_WHATSAPP_CONTENT_SID",)) as running:
        yield Web(running.url, running.settings.database_url, graph, twilio)


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Iterator[Web]:
    yield from start_web(tmp_path_factory.mktemp("console-web"))
