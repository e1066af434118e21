"""A reload asked of one host reaches processes on another: the request travels in the database.

Each "host" here has its own copy of the knowledge base and its own var/ (so no shared reload
stamp); they share only the database, as instances behind a load balancer do (bot/cluster.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.kb.store import KnowledgeBaseStore, reload_generation, request_reload_everywhere
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURE_KB

LOCALES = PROJECT_ROOT / "locales"


@pytest.fixture
def database_urls(empty_databases: list[str]) -> list[str]:
    """A migrated SQLite file, and a fresh PostgreSQL database when DATABASE_URL points at one."""
    for url in empty_databases:
        upgrade(url)
    return empty_databases


def _host(tmp_path: Path, name: str, database_url: str) -> tuple[Path, KnowledgeBaseStore]:
    kb_dir = tmp_path / name / "kb"
    shutil.copytree(FIXTURE_KB, kb_dir)
    store = KnowledgeBaseStore(
        kb_dir, LOCALES, tmp_path / name / "var" / "kb-reload", check_interval=0, database_url=database_url
    )
    return kb_dir, store


def _edit_keeping_mtime(path: Path, old: str, new: str) -> None:
    """An edit the file signature cannot see (same size, same mtime), as `rsync -t` can leave."""
    assert len(old) == len(new)
    stat = path.stat()
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_reload_on_one_host_reaches_the_other(tmp_path: Path, database_urls: list[str]) -> None:
    for number, url in enumerate(database_urls):
        _, editor = _host(tmp_path / str(number), "host-a", url)
        kb_b, server = _host(tmp_path / str(number), "host-b", url)
        border = kb_b / "pathways" / "border.yml"
        _edit_keeping_mtime(border, "last_verified: 2026-07-02", "last_verified: 2026-11-20")
        assert server.get().pathway("border").last_verified.isoformat() == "2026-07-02", url
        editor.request_reload()
        assert server.get().pathway("border").last_verified.isoformat() == "2026-11-20", url
        before = server.get()
        assert server.get() is before, url  # one request, one reload


def test_the_generation_counts_requests(database_urls: list[str]) -> None:
    for url in database_urls:
        assert reload_generation(url) == 0, url
        request_reload_everywhere(url)
        request_reload_everywhere(url)
        assert reload_generation(url) == 2, url


def test_the_row_is_created_when_missing(database_urls: list[str]) -> None:
    for url in database_urls:
        with get_engine(url).begin() as connection:
            connection.execute(sa.text("DELETE FROM kb_reloads"))
        request_reload_everywhere(url)
        assert reload_generation(url) == 1, url


def test_an_unreachable_database_keeps_serving(tmp_path: Path, caplog) -> None:
    """No tables (not migrated): the store serves from its files and says why once."""
    url = f"sqlite:///{tmp_path / 'not-migrated.db'}"
    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb_dir)
    store = KnowledgeBaseStore(kb_dir, LOCALES, check_interval=0, database_url=url)
    before = store.get()
    assert store.get() is before
    assert caplog.text.count("Cannot read the KB reload generation: OperationalError") == 1
