"""Hot reload: edits are picked up without restart; an invalid edit keeps the previous version."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from bot.kb import KnowledgeBaseError
from bot.kb.store import KnowledgeBaseStore
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURE_KB


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


def _touch_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    time.sleep(0.01)  # a distinct modification time even on coarse clocks
    path.write_text(text.replace(old, new))


def test_an_edit_is_picked_up(kb_dir: Path) -> None:
    store = KnowledgeBaseStore(kb_dir, PROJECT_ROOT / "locales", check_interval=0)
    assert store.get().pathway("border").last_verified.isoformat() == "2026-07-02"
    _touch_edit(kb_dir / "pathways" / "border.yml", "last_verified: 2026-07-02", "last_verified: 2026-11-20")
    assert store.get().pathway("border").last_verified.isoformat() == "2026-11-20"
    assert store.last_rejection is None


def test_an_invalid_edit_keeps_the_previous_version(kb_dir: Path, caplog) -> None:
    store = KnowledgeBaseStore(kb_dir, PROJECT_ROOT / "locales", check_interval=0)
    before = store.get()
    _touch_edit(kb_dir / "pathways" / "border.yml", "kind: residence", "kind: [broken")
    assert store.get() is before
    assert store.last_rejection is not None
    assert "invalid YAML" in str(store.last_rejection.errors[0])
    assert "still serving the previous version" in caplog.text
    _touch_edit(kb_dir / "pathways" / "border.yml", "kind: [broken", "kind: residence")
    assert store.get() is not before and store.last_rejection is None


def test_new_and_removed_files_count_as_changes(kb_dir: Path) -> None:
    store = KnowledgeBaseStore(kb_dir, check_interval=0)
    (kb_dir / "pathways" / "youth.yml").unlink()
    assert {p.id for p in store.get().pathways} == {"agreement", "border", "permit", "refuge"}


def test_checks_are_rate_limited(kb_dir: Path) -> None:
    store = KnowledgeBaseStore(kb_dir, check_interval=3600)
    before = store.get()
    (kb_dir / "pathways" / "youth.yml").unlink()
    assert store.get() is before  # not looked at again within the interval
    assert store.refresh() is not None and store.get() is not before


def test_reload_stamp_makes_other_processes_reload(kb_dir: Path, tmp_path: Path) -> None:
    stamp = tmp_path / "var" / "kb-reload"
    editor = KnowledgeBaseStore(kb_dir, reload_stamp=stamp, check_interval=0)
    server = KnowledgeBaseStore(kb_dir, reload_stamp=stamp, check_interval=0)
    before = server.get()
    editor.request_reload()
    assert server.get() is not before  # the stamp changed the signature


def test_an_invalid_kb_at_start_refuses_to_start(kb_dir: Path) -> None:
    (kb_dir / "questions.yml").write_text("order: [\n")
    with pytest.raises(KnowledgeBaseError, match="invalid YAML"):
        KnowledgeBaseStore(kb_dir)
