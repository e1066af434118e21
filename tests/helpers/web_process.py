"""`python -m bot.web` alone for a test module: its own process on a free loopback port, its own
migrated SQLite database under `var_dir`, stopped afterwards. The page tests' fixtures build on it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.db.migrate import upgrade
from bot.settings import PROJECT_ROOT, Settings
from tests.helpers.stack import free_port

STARTUP_TIMEOUT_S = 60
# Never inherited: the test's own SQLite database, and plain http on loopback (a Secure-only
# session cookie would not come back from http://127.0.0.1).
NOT_INHERITED = ("DATABASE_URL", "PUBLIC_BASE_URL")


@dataclass
class WebProcess:
    url: str
    settings: Settings
    env: dict[str, str]


@contextmanager
def web_process(
    var_dir: Path, env: dict[str, str] | None = None, drop: Iterable[str] = ()
) -> Iterator[WebProcess]:
    """Start the web service with this environment (`env` added, `drop` removed) and wait for /health."""
    values = {k: v for k, v in os.environ.items() if k not in (*NOT_INHERITED, *drop)}
    values.update(VAR_DIR=str(var_dir), WEB_PORT=str(free_port()), BIND_HOST="127.0.0.1", LOG_LEVEL="WARNING")
    values.update(env or {})
    settings = Settings.from_env(values)
    upgrade(settings.database_url)
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "web.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.web"], cwd=PROJECT_ROOT, env=values, stdout=output, stderr=output
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
        yield WebProcess(url, settings, values)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
