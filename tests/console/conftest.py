"""A real web service (`python -m bot.web`) on a free loopback port with its own SQLite database."""

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
from bot.settings import PROJECT_ROOT, Settings
from tests.helpers.stack import free_port

STARTUP_TIMEOUT_S = 60


@dataclass
class WebService:
    url: str
    settings: Settings
    env: dict[str, str]


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Iterator[WebService]:
    var_dir = tmp_path_factory.mktemp("console") / "var"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PUBLIC_BASE_URL")},
        "VAR_DIR": str(var_dir),
        "WEB_PORT": str(free_port()),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    settings = Settings.from_env(env)
    upgrade(settings.database_url)
    log = Path(var_dir) / "web.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.web"], cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output
        )
    url = f"http://127.0.0.1:{settings.web_port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            assert process.poll() is None, f"the web service exited: {log.read_text()[-2000:]}"
            try:
                if requests.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the web service did not start"
            time.sleep(0.2)
        yield WebService(url, settings, env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
