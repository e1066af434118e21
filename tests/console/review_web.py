"""The review pages' web service for tests: `python -m bot.web` alone (its own process, real SQLite) on a
copy of pathways_kb (publishing writes files), with editors and their submitted drafts. Import `service`."""

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

from bot.console import users
from bot.console.auth import Staff
from bot.db.migrate import upgrade
from bot.editorial import drafts
from bot.settings import PROJECT_ROOT, Settings
from tests.helpers.console import login_session
from tests.helpers.kb_files import copy_kb
from tests.helpers.stack import free_port

PASSWORD = "a long review password"


@dataclass
class Service:
    url: str
    database_url: str
    kb_dir: Path

    def staff(self, name: str, role: str = "editor") -> tuple[Staff, requests.Session]:
        user_id, _ = users.create_user(
            self.database_url, name, role, language="en", password=PASSWORD, must_change_password=False
        )
        return Staff(user_id, name, role, "en"), login_session(self.url, name, PASSWORD)

    def submitted(self, author: Staff, pathway_id: str, old: str, new: str) -> drafts.Draft:
        """A submitted draft of the pathway's file with `old` replaced by `new` (once)."""
        path = f"pathways/{pathway_id}.yml"
        text = (self.kb_dir / path).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"test setup: {old!r} not exactly once in {path}"
        draft = drafts.create(
            self.database_url, author, pathway_id, path, text.replace(old, new),
            summary=f"{pathway_id}: {new.strip()}", sources=["https://example.org/notice"],
        )  # fmt: skip
        return drafts.submit(self.database_url, author, draft.id, draft.row_version)

    def reverified(self, author: Staff, pathway_id: str, day: str) -> drafts.Draft:
        """A submitted draft that only changes the pathway's last_verified line to `day`."""
        text = (self.kb_dir / "pathways" / f"{pathway_id}.yml").read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith("last_verified: "))
        return self.submitted(author, pathway_id, line, f"last_verified: {day}")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("review-web")
    kb_dir = copy_kb(PROJECT_ROOT / "pathways_kb", root)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PUBLIC_BASE_URL")}
    env.update(
        VAR_DIR=str(root / "var"), KB_DIR=str(kb_dir), WEB_PORT=str(free_port()), BIND_HOST="127.0.0.1",
        LOG_LEVEL="WARNING",
    )  # fmt: skip
    database_url = Settings.from_env(env).database_url
    upgrade(database_url)
    log = root / "web.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.web"], cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output
        )
    url = f"http://127.0.0.1:{env['WEB_PORT']}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"the web service exited: {log.read_text()[-2000:]}"
            try:
                if requests.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the web service did not start"
            time.sleep(0.2)
        yield Service(url, database_url, kb_dir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
