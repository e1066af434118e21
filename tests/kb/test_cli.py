"""The `pathways` command: validate, test, evaluate (exact JSON contract), explain, stale."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

from bot.kb.cli import main
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURE_KB


@pytest.fixture
def fixture_env(monkeypatch, tmp_path):
    """Point the CLI at the fixture KB and a temporary var/."""
    monkeypatch.setenv("KB_DIR", str(FIXTURE_KB))
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    return tmp_path


def _run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok_and_errors(fixture_env, capsys, tmp_path) -> None:
    code, out, _ = _run(capsys, "validate", str(FIXTURE_KB))
    assert code == 0 and out.startswith("ok: 5 pathways, 1 centres, 6 questions;")
    broken = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, broken)
    border = broken / "pathways" / "border.yml"
    border.write_text(border.read_text().replace("last_verified: 2026-07-02", "last_verified: 2026-02-31"))
    code, out, _ = _run(capsys, "validate", str(broken))
    assert code == 1
    assert "border.yml:" in out and "last_verified: 2026-02-31 is not a real date" in out


def test_validate_lists_warnings_on_request(fixture_env, capsys, tmp_path) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb_dir)
    (kb_dir / "countries").mkdir()
    forms = "".join(
        f"    {lang}: {{m: dominican, f: dominican}}\n" for lang in ("es", "pt", "en", "fr", "ht")
    )
    (kb_dir / "countries" / "demonyms.yml").write_text("demonyms:\n  DO:\n" + forms + "  DM:\n" + forms)
    code, out, _ = _run(capsys, "validate", str(kb_dir), "--warnings")
    assert code == 0 and "warning:" in out and "'dominican' also names DO; read as DO" in out


def test_evaluate_json_contract(fixture_env, capsys, monkeypatch) -> None:
    facts = "nationality: CO\ncurrent_country: BR\n"
    code, out, _ = _run(
        capsys,
        "evaluate",
        "--facts",
        "-",
        "--on",
        "2026-11-24",
        "--json",
        stdin=facts,
        monkeypatch=monkeypatch,
    )
    assert code == 0
    body = json.loads(out)
    assert list(body) == ["as_of", "results", "next_question"]
    assert body["as_of"] == "2026-11-24"
    assert body["next_question"] == "has_criminal_record"
    (result,) = body["results"]
    assert list(result) == ["pathway", "status", "flags", "reasons", "last_verified"]
    assert result["pathway"] == "agreement" and result["status"] == "possibly_eligible"
    assert result["last_verified"] == "2026-07-02"
    assert {r["outcome"] for r in result["reasons"]} == {"passed", "unknown"}


def test_evaluate_settled_gives_null_next_question(fixture_env, capsys, tmp_path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"nationality": "VE", "current_country": "BR"}))
    code, out, _ = _run(capsys, "evaluate", "--facts", str(facts), "--on", "2026-11-24", "--json")
    assert code == 0
    assert json.loads(out)["next_question"] is None
    assert json.loads(out)["results"][0]["status"] == "likely_eligible"


def test_evaluate_table(fixture_env, capsys, tmp_path) -> None:
    facts = tmp_path / "facts.yml"
    facts.write_text("current_country: CO\nfear_of_return: true\n")
    code, out, _ = _run(capsys, "evaluate", "--facts", str(facts), "--on", "2026-11-24")
    assert code == 0
    assert "refuge" in out and "likely_eligible" in out and "permit" in out and "closed" in out
    assert "Next question: none" in out


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ("nacionality: VE\n", "unknown fact(s) nacionality"),
        ("entry_date: 2024-02-30\n", "not a real date"),
        ("- a list\n", "facts must be a mapping"),
        ("nationality: [VE\n", "not valid YAML/JSON"),
    ],
)
def test_evaluate_rejects_bad_facts(fixture_env, capsys, monkeypatch, facts, message) -> None:
    code, _, err = _run(
        capsys, "evaluate", "--facts", "-", "--on", "2026-11-24", stdin=facts, monkeypatch=monkeypatch
    )
    assert code == 2 and message in err


def test_evaluate_rejects_a_bad_date_and_missing_file(fixture_env, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", "--facts", "-", "--on", "2026-13-01"])
    assert exit_info.value.code == 2
    assert "'2026-13-01' is not a date" in capsys.readouterr().err
    code, _, err = _run(capsys, "evaluate", "--facts", "/nonexistent/facts.yml")
    assert code == 2 and "no such facts file" in err


def test_explain_shows_each_condition_with_its_source(fixture_env, capsys, monkeypatch) -> None:
    facts = "nationality: CO\ncurrent_country: BR\nhas_criminal_record: null\n"
    code, out, _ = _run(
        capsys,
        "explain",
        "agreement",
        "--facts",
        "-",
        "--on",
        "2026-11-24",
        stdin=facts,
        monkeypatch=monkeypatch,
    )
    assert code == 0
    assert "Result on 2026-11-24: possibly_eligible" in out
    assert "✓ nationality in CO, PE  (answer: CO; source: https://example.org/agreement)" in out
    assert (
        "? has_criminal_record is false  (answer: does not know; source: https://example.org/record-rule)"
        in out
    )
    assert "Legal basis: Test law 1 (2020)" in out
    assert "Needs review: ❓ fee not confirmed" in out


def test_explain_a_closed_or_irrelevant_pathway(fixture_env, capsys, monkeypatch) -> None:
    code, out, _ = _run(
        capsys,
        "explain",
        "permit",
        "--facts",
        "-",
        "--on",
        "2026-11-24",
        stdin="nationality: DE\n",
        monkeypatch=monkeypatch,
    )
    assert (
        code == 0
        and "not relevant" in out
        and "Programme status on 2026-11-24: closed since 2023-11-25" in out
    )
    code, _, err = _run(capsys, "explain", "atlantis", "--facts", "-", stdin="{}", monkeypatch=monkeypatch)
    assert code == 2 and "no pathway 'atlantis'" in err


def test_stale(fixture_env, capsys) -> None:
    code, out, _ = _run(capsys, "stale", "--days", "180", "--on", "2027-01-01")
    assert code == 0
    assert "pathway border: last verified 2026-07-02 (183 days ago)" in out
    assert "needs review: ❓ fee not confirmed" in out
    assert "6 of 6 entries are older than 180 days or need review" in out
    code, out, _ = _run(capsys, "stale", "--days", "180", "--on", "2026-12-01")
    assert "1 of 6 entries" in out  # only the one flagged for review


def test_pathways_is_a_console_script() -> None:
    result = subprocess.run(
        [str(PROJECT_ROOT / ".venv" / "bin" / "pathways"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    for command in ("validate", "test", "evaluate", "explain", "stale"):
        assert command in result.stdout


def test_shipped_kb_validates_and_its_scenarios_pass(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    assert main(["validate"]) == 0, capsys.readouterr().out
    code = main(["test", "--no-snapshot"])
    out = capsys.readouterr().out
    assert code == 0, out
    total = int(out.strip().splitlines()[-1].split()[0])
    assert total >= 60
