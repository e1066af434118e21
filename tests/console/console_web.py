"""The console's web service for page tests: `python -m bot.web` alone (its own process, real
SQLite) with the fake providers, and signed-in staff sessions. Import the `web` fixture."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot.db.migrate import upgrade
from bot.handoff.tickets import open_ticket
from bot.settings import PROJECT_ROOT, Settings
from tests.helpers.console import create_staff, login_session
from tests.helpers.fake_providers import FakeGraph, FakeTelegram, FakeTwilio
from tests.helpers.people import Fakes
from tests.helpers.stack import free_port

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


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Iterator[Web]:
    """`python -m bot.web` alone on a free port. Meta's WhatsApp has a template configured,
    Twilio's WhatsApp has none: outside the 24-hour window one sends the template, one refuses."""
    var = tmp_path_factory.mktemp("console-web")
    graph, twilio = FakeGraph().start(), FakeTwilio().start()
    env = dict(os.environ)
    env.update(Fakes(twilio, graph, FakeTelegram().start()).env())
    env.update(
        VAR_DIR=str(var), WEB_PORT=str(free_port()), BIND_HOST="127.0.0.1", WHATSAPP_TEMPLATE_NAME="hello"
    )
    env.pop("TWILIO_WHATSAPP_CONTENT_SID", None)
    env.pop("DATABASE_URL", None)
    env.pop("PUBLIC_BASE_URL")  # plain http on loopback: the session cookie must not be Secure-only
    database_url = Settings.from_env(env).database_url
    upgrade(database_url)
    log = (var / "web.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.web"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{env['WEB_PORT']}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, Path(log.name).read_text()[-3000:]
            time.sleep(0.3)
        yield Web(url, database_url, graph, twilio)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
