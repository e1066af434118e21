"""What the publishing tests share: a migrated database, a KB copy, settings over both, and staff."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from bot.console.auth import Staff
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import audit_log
from bot.settings import Settings
from tests.conftest import FIXTURE_KB
from tests.helpers.kb_files import copy_kb

ANA = Staff(id=1, username="ana", role="editor", language="es")
BEA = Staff(id=2, username="bea", role="editor", language="pt")
CARLA = Staff(id=3, username="carla", role="admin", language="en")
DANI = Staff(id=4, username="dani", role="agent", language="es")
PERMIT = "pathways/permit.yml"


@dataclass
class Workspace:
    settings: Settings
    kb_dir: Path

    @property
    def db(self) -> str:
        return self.settings.database_url


def workspaces(database_urls: list[str], tmp_path: Path) -> list[Workspace]:
    """One migrated database and its own KB copy per database under test."""
    found = []
    for index, url in enumerate(database_urls):
        upgrade(url)
        kb_dir = copy_kb(FIXTURE_KB, tmp_path / f"host{index}")
        env = {"VAR_DIR": str(tmp_path / f"host{index}" / "var"), "KB_DIR": str(kb_dir), "DATABASE_URL": url}
        found.append(Workspace(Settings.from_env(env), kb_dir))
    return found


def audit_actions(db: str) -> list[tuple[str, str, str]]:
    with get_engine(db).connect() as connection:
        rows = connection.execute(
            sa.select(audit_log.c.username, audit_log.c.action, audit_log.c.detail).order_by(audit_log.c.id)
        )
        return [tuple(row) for row in rows]
