"""Preview of an edit: the scenarios whose outcome changes, and example people in five languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.editorial.preview import Change, examples, scenario_changes, synthetic_facts
from bot.kb.loader import load_knowledge_base
from bot.settings import ALL_LANGUAGES
from tests.helpers.kb_files import copy_kb, edit

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 30)


def test_no_edit_no_change(shipped_kb) -> None:
    assert scenario_changes(ROOT / "pathways_kb" / "tests", shipped_kb, shipped_kb) == []


def test_a_closed_programme_changes_its_scenarios(tmp_path, shipped_kb) -> None:
    kb_dir = copy_kb(ROOT / "pathways_kb", tmp_path)
    edit(
        kb_dir,
        "pathways/andean_co.yml",
        "  - from: 2022-01-01\n    status: open",
        "  - from: 2022-01-01\n    status: closed",
    )
    after = load_knowledge_base(kb_dir, ROOT / "locales")
    changes = scenario_changes(kb_dir / "tests", shipped_kb, after)
    assert changes
    assert {c.pathway_id for c in changes} == {"andean_co"}
    assert {c.after for c in changes} == {"closed"}
    assert Change(
        "regional_agreements.yml::Ecuadorian in Colombia who entered irregularly, on 2022-01-01",
        "Ecuadorian in Colombia who entered irregularly, on 2022-01-01",
        "andean_co", "likely_eligible", "closed",
    ) in changes  # fmt: skip


def test_synthetic_person_meets_the_conditions(shipped_kb) -> None:
    assert synthetic_facts(shipped_kb, "andean_co", TODAY) == {
        "current_country": "CO", "nationality": "BO", "destination_country": "CO",
        "has_criminal_record": False, "has_passport_or_id": True,
    }  # fmt: skip


def test_examples_in_five_languages_by_the_conversation_renderer(shipped_kb, settings) -> None:
    [person] = examples(shipped_kb, "andean_co", TODAY, settings)
    assert person.status == "likely_eligible"
    assert set(person.results) == set(ALL_LANGUAGES) == set(person.why)
    assert person.results["ht"].startswith("Dapre sa ou di m, sa a ka bon pou ou:")
    assert "*Résidence temporaire andine en Colombie (Estatuto Migratorio Andino)*" in person.why["fr"]
    assert "Vous êtes bolivienne ou bolivien ✓" in person.why["fr"]


def test_examples_from_scenarios_use_their_dates(shipped_kb, settings) -> None:
    people = examples(shipped_kb, "andean_co", TODAY, settings, ROOT / "pathways_kb" / "tests")
    statuses = {p.name.split("::")[1]: p.status for p in people}
    assert statuses["Ecuadorian in Colombia who entered irregularly, on 2021-12-31"] == "closed"
    assert statuses["Ecuadorian in Colombia who entered irregularly, on 2022-01-01"] == "likely_eligible"
