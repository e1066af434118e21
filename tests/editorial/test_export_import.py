"""`pathways import` records the files that differ from the database; `pathways export` writes them back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.editorial import versions
from bot.kb.cli import main
from tests.conftest import FIXTURE_KB
from tests.editorial.publishing_setup import PERMIT, audit_actions, workspaces

ORIGINAL = (FIXTURE_KB / PERMIT).read_text(encoding="utf-8")
SUSPENDED = ORIGINAL.replace("status: closed,", "status: suspended,")


@pytest.fixture
def spaces(empty_databases, tmp_path):
    return workspaces(empty_databases, tmp_path)


def _cli(monkeypatch, capsys, space, *argv: str) -> tuple[int, str]:
    monkeypatch.setenv("KB_DIR", str(space.kb_dir))
    monkeypatch.setenv("VAR_DIR", str(space.settings.var_dir))
    monkeypatch.setenv("DATABASE_URL", space.db)
    code = main(list(argv))
    return code, capsys.readouterr().out


def _yml(kb_dir: Path) -> dict[str, str]:
    return {p.relative_to(kb_dir).as_posix(): p.read_text(encoding="utf-8") for p in kb_dir.rglob("*.yml")}


def test_import_then_export_round_trip(spaces, monkeypatch, capsys, tmp_path) -> None:
    for index, space in enumerate(spaces):
        count = len(_yml(space.kb_dir))
        code, out = _cli(monkeypatch, capsys, space, "import", "--author", "ops", "--summary", "first")
        assert (code, out) == (0, f"imported {count} file(s) as version 1\n")
        assert _cli(monkeypatch, capsys, space, "import", "--author", "ops") == (
            0,
            "nothing to import: every file matches its published version\n",
        )
        (space.kb_dir / PERMIT).write_text(SUSPENDED, encoding="utf-8")
        assert _cli(monkeypatch, capsys, space, "import", "--author", "ops") == (
            0,
            "imported 1 file(s) as version 2\n",
        )
        second = versions.get(space.db, 2)
        assert (second.kind, second.author, second.changes) == ("import", "ops", ("status.1.status",))
        assert second.files == (versions.VersionFile(PERMIT, SUSPENDED, ORIGINAL),)
        assert [a[1:] for a in audit_actions(space.db)] == [
            ("kb.import", f"{count} files v1"),
            ("kb.import", "1 files v2"),
        ]

        target = tmp_path / f"export{index}"
        code, out = _cli(monkeypatch, capsys, space, "export", "--to", str(target))
        assert (code, out) == (0, f"exported {count} published file(s) to {target}\n")
        assert _yml(target) == _yml(space.kb_dir)

        (space.kb_dir / PERMIT).write_text(ORIGINAL, encoding="utf-8")  # a host that lags behind
        assert _cli(monkeypatch, capsys, space, "export")[0] == 0
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == SUSPENDED


def test_an_invalid_kb_is_not_imported(spaces, monkeypatch, capsys) -> None:
    space = spaces[0]
    (space.kb_dir / PERMIT).write_text(ORIGINAL.replace("2023-11-25", "2023-02-30"), encoding="utf-8")
    code, out = _cli(monkeypatch, capsys, space, "import")
    assert code == 1
    assert out.endswith("1 errors: nothing imported\n") and "2023-02-30" in out
    assert versions.latest_version(space.db) == 0
    assert audit_actions(space.db) == []
