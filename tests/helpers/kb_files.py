"""Editing a copy of a knowledge base in a test, as an editor would edit the files."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_kb(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(source, target)
    return target


def edit(kb_dir: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` in `kb_dir/name` by `new`; the test's setup is wrong if it is absent."""
    path = kb_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
