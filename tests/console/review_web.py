"""The review pages' web service for tests: `python -m bot.web` alone (its own process, real SQLite) on a
copy of pathways_kb (publishing writes files), with editors and their submitted drafts. Import `service`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot.console import users
from bot.console.auth import Staff
from bot.editorial import drafts
from bot.settings import PROJECT_ROOT
from tests.helpers.console import login_session
from tests.helpers.kb_files import copy_kb
from tests.helpers.web_process import web_process

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
    with web_process(root / "var", {"KB_DIR": str(kb_dir)}) as running:
        yield Service(running.url, running.settings.database_url, kb_dir)
