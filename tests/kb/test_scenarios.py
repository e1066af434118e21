"""The scenario runner: passes, reports differences, and what moved since the previous run."""

from __future__ import annotations

from pathlib import Path

from bot.kb.cli import main
from tests.conftest import FIXTURE_KB

SCENARIOS = """\
scenarios:
  - name: Venezuelan in Brazil
    on: 2026-11-24
    facts: {nationality: VE, current_country: BR}
    expect: {border: likely_eligible}
    absent: [agreement]
    next_question: null
  - name: Venezuelan in Colombia on the permit's last day
    on: 2023-11-24
    facts: {nationality: VE, current_country: CO, entry_date: 2021-01-31, fear_of_return: false}
    expect: {permit: likely_eligible, refuge: not_eligible}
"""


def _kb_with(tmp_path: Path, scenarios: str) -> Path:
    import shutil

    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb_dir)
    (kb_dir / "tests").mkdir()
    (kb_dir / "tests" / "cases.yml").write_text(scenarios)
    return kb_dir


def test_passing_scenarios(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    kb_dir = _kb_with(tmp_path, SCENARIOS)
    assert main(["test", str(kb_dir)]) == 0
    assert capsys.readouterr().out.strip().endswith("2 scenarios: 2 passed, 0 failed")


def test_a_rule_edit_shows_which_scenarios_changed(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    kb_dir = _kb_with(tmp_path, SCENARIOS)
    assert main(["test", str(kb_dir)]) == 0
    capsys.readouterr()
    permit = kb_dir / "pathways" / "permit.yml"
    permit.write_text(
        permit.read_text().replace("{from: 2023-11-25, status: closed", "{from: 2023-11-24, status: closed")
    )
    assert main(["test", str(kb_dir)]) == 1
    out = capsys.readouterr().out
    assert "CHANGED" in out and "permit's last day\": permit: expected likely_eligible, got closed" in out
    assert "Outcomes that moved since the last run (1):" in out
    assert (
        "cases.yml::Venezuelan in Colombia on the permit's last day: permit likely_eligible -> closed" in out
    )
    assert out.strip().endswith("2 scenarios: 1 passed, 1 failed")


def test_bad_scenario_files_are_reported(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    bad = SCENARIOS.replace("expect: {border: likely_eligible}", "expect: {borders: likely}")
    bad = bad.replace("entry_date: 2021-01-31", "entry_date: 2021-02-30")
    kb_dir = _kb_with(tmp_path, bad)
    assert main(["test", str(kb_dir)]) == 1
    out = capsys.readouterr().out
    assert "cases.yml" in out and "'likely' is not one of" in out


def test_unknown_pathways_and_bad_facts_in_scenarios(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    bad = SCENARIOS.replace("absent: [agreement]", "absent: [atlantis]").replace(
        "entry_date: 2021-01-31", "entry_date: 2021-02-30"
    )
    kb_dir = _kb_with(tmp_path, bad)
    assert main(["test", str(kb_dir)]) == 1
    out = capsys.readouterr().out
    assert "unknown pathway 'atlantis'" in out and "2021-02-30" in out and "not a real date" in out
