"""Every host serves the published versions from the database, even one whose KB folder lags behind."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot.editorial import drafts, versions
from bot.editorial.published import check_with, published_files, tree_with
from bot.kb.store import KnowledgeBaseStore
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURE_KB
from tests.editorial.publishing_setup import ANA, BEA, PERMIT, workspaces
from tests.helpers.kb_files import copy_kb

LOCALES = PROJECT_ROOT / "locales"
ORIGINAL = (FIXTURE_KB / PERMIT).read_text(encoding="utf-8")
SUSPENDED = ORIGINAL.replace("status: closed,", "status: suspended,")


@pytest.fixture
def spaces(empty_databases, tmp_path):
    return workspaces(empty_databases, tmp_path)


def _publish(space, text: str) -> versions.Version:
    draft = drafts.create(space.db, ANA, "permit", PERMIT, text, "suspended")
    draft = drafts.submit(space.db, ANA, draft.id, draft.row_version)
    return versions.approve_and_publish(space.settings, BEA, draft.id, draft.row_version)


def test_another_host_serves_the_published_change_after_refresh(spaces, tmp_path, caplog) -> None:
    for index, space in enumerate(spaces):
        other_kb = copy_kb(FIXTURE_KB, tmp_path / f"other{index}")  # never receives the new file
        other = KnowledgeBaseStore(other_kb, LOCALES, check_interval=0, database_url=space.db)
        try:
            assert other.get().pathway("permit").status_history[1].status == "closed"
            _publish(space, SUSPENDED)
            with caplog.at_level(logging.WARNING, logger="bot.kb.store"):
                assert other.refresh() is not None
                assert other.refresh() is None  # nothing changed since: no rebuild
            assert other.get().pathway("permit").status_history[1].status == "suspended"
            assert (other_kb / PERMIT).read_text(encoding="utf-8") == ORIGINAL
            warnings = [
                r.getMessage() for r in caplog.records if "differs from its published" in r.getMessage()
            ]
            assert len(warnings) == 1 and PERMIT in warnings[0]
            # A disk edit of a file the database never published is served from disk.
            youth = other_kb / "pathways" / "youth.yml"
            youth.write_text(youth.read_text().replace("[CO]", "[CO, EC]", 1), encoding="utf-8")
            assert other.refresh() is not None
            assert other.get().pathway("permit").status_history[1].status == "suspended"
            assert "EC" in repr(other.get().pathway("youth").conditions)
        finally:
            other.close()
        caplog.clear()


def test_published_files_hold_the_latest_text_per_path(spaces) -> None:
    for space in spaces:
        assert published_files(space.db) == {}
        _publish(space, SUSPENDED)
        versions.record_verification(
            space.settings,
            ANA,
            "permit",
            "https://example.org/permit",
            "2026-11-20",
            today=date(2026, 11, 30),
        )
        verified = SUSPENDED.replace("last_verified: 2026-07-02", "last_verified: 2026-11-20")
        assert published_files(space.db) == {PERMIT: verified}


def test_check_with_and_tree_with(spaces, tmp_path) -> None:
    space = spaces[0]
    assert check_with(space.settings, {PERMIT: SUSPENDED}).kb is not None
    broken = check_with(space.settings, {PERMIT: ORIGINAL.replace("country: CO", "country: ZZ")})
    assert broken.kb is None and [p.field for p in broken.errors] == ["country"]
    tree = tree_with(FIXTURE_KB, {PERMIT: SUSPENDED}, tmp_path / "tree")
    assert (tree / PERMIT).read_text(encoding="utf-8") == SUSPENDED
    assert (tree / "pathways" / "youth.yml").read_bytes() == (
        FIXTURE_KB / "pathways" / "youth.yml"
    ).read_bytes()
    with pytest.raises(ValueError):
        tree_with(FIXTURE_KB, {"../escape.yml": "x"}, tmp_path / "tree2")
