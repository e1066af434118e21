"""The format's additions: unconfirmed statuses, filing deadlines, holders, list facts, help
contacts and regions; each mistake gets its own clear error. And `pathways stale`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.kb import KnowledgeBaseError, load_knowledge_base
from bot.kb.cli import main
from bot.kb.freshness import stale_entries, upcoming_changes
from bot.settings import PROJECT_ROOT
from tests.helpers.kb_files import copy_kb
from tests.helpers.kb_files import edit as _edit

LOCALES = PROJECT_ROOT / "locales"
HONEST_KB = Path(__file__).resolve().parents[1] / "fixtures" / "kb_honest"


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    return copy_kb(HONEST_KB, tmp_path)


def _problem(kb_dir: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(kb_dir, LOCALES)
    (problem,) = caught.value.problems
    return str(problem)


def test_an_unconfirmed_status_needs_its_warning(kb_copy: Path) -> None:
    text = (kb_copy / "pathways/tps.yml").read_text()
    start = text.index("    warning:")
    end = text.index("\nconditions:")
    (kb_copy / "pathways/tps.yml").write_text(text[:start] + text[end:])
    assert "tps.yml" in (problem := _problem(kb_copy))
    assert "an unconfirmed status needs a `warning`" in problem


def test_a_warning_on_a_confirmed_status_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy, "pathways/tps.yml", "    confirmed: false\n", "")
    assert "a `warning` belongs to an unconfirmed status" in _problem(kb_copy)


def test_includes_any_must_name_a_pathway_or_a_claim_state(kb_copy: Path) -> None:
    _edit(kb_copy, "pathways/tps.yml", "includes_any: [tps]", "includes_any: [tsp]")
    assert "holds includes_any 'tsp': not a pathway id or asylum_claim_pending" in _problem(kb_copy)


def test_a_list_operator_suits_only_list_facts(kb_copy: Path) -> None:
    wrong = "{fact: nationality, includes_any: [tps]}"
    _edit(kb_copy, "pathways/tps.yml", "{fact: nationality, in: [SV]}", wrong)
    assert "includes_any does not apply to nationality" in _problem(kb_copy)


def test_a_filing_deadline_needs_a_known_unit(kb_copy: Path) -> None:
    _edit(kb_copy, "pathways/refuge_cl.yml", "unit: working_days", "unit: fortnights")
    assert "fortnights" in _problem(kb_copy)


def test_a_hotline_needs_a_phone(kb_copy: Path) -> None:
    _edit(kb_copy, "help/US.yml", '    phone: "911"\n', "")
    assert "a hotline needs `hotline_for` and `phone`" in _problem(kb_copy)


def test_a_contact_region_must_be_in_its_country(kb_copy: Path) -> None:
    _edit(kb_copy, "help/US.yml", "region: US-TX", "region: MX-CHP")
    assert "region 'MX-CHP' is not in US" in _problem(kb_copy)


def test_a_help_file_is_named_for_its_country(kb_copy: Path) -> None:
    (kb_copy / "help/US.yml").rename(kb_copy / "help/MX.yml")
    assert "must match the file name 'MX'" in _problem(kb_copy)


def test_a_contact_id_is_unique(kb_copy: Path) -> None:
    _edit(kb_copy, "help/CL.yml", "id: cl_legal", "id: us_directory")
    assert "contact id 'us_directory' is used more than once" in _problem(kb_copy)


def test_a_region_city_must_be_a_known_city_of_that_country(kb_copy: Path) -> None:
    _edit(kb_copy, "countries/regions.yml", "cities: [Houston, Dallas]", "cities: [Houston, Arica]")
    assert "'Arica' is not listed under US in cities.yml" in _problem(kb_copy)


def test_upcoming_closings_and_stale_entries() -> None:
    kb = load_knowledge_base(HONEST_KB, LOCALES)
    (change,) = upcoming_changes(kb, date(2026, 11, 30))
    assert change.describe() == (
        "pathway visa_window: closes soon, last open day 2026-12-04 -> closed from 2026-12-05 (unconfirmed)"
    )
    assert upcoming_changes(kb, date(2026, 11, 4)) == []
    stale, total = stale_entries(kb, date(2027, 2, 28))
    assert total == len(kb.pathways) + len(kb.centres) + len(kb.contacts)
    assert stale == []  # verified 2026-11-30: 90 days later it is not stale yet
    stale, _ = stale_entries(kb, date(2027, 3, 1))
    assert len(stale) == total


def test_pathways_stale_prints_closings_first(capsys) -> None:
    assert main(["stale", "--on", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    summary = next(i for i, line in enumerate(lines) if "status change(s) in the next 30 days" in line)
    closings = lines[:summary]
    assert closings
    assert all(line.startswith("pathway ") and " soon, " in line for line in closings)
    assert "entries are older than 90 days or need review" in out
