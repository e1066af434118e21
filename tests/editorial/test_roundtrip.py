"""roundtrip.rewrite keeps every KB file byte for byte and changes only the lines of what changed."""

from __future__ import annotations

import copy
import difflib
from pathlib import Path

import pytest

from bot.editorial.roundtrip import rewrite
from bot.kb.yaml_lines import load_strict

KB = Path(__file__).resolve().parents[2] / "pathways_kb"
ANDEAN = (KB / "pathways" / "andean_co.yml").read_text(encoding="utf-8")


def _changed(data: dict) -> list[str]:
    """The unified diff's -/+ lines of rewriting andean_co.yml to hold `data`."""
    out = rewrite(ANDEAN, data)
    assert load_strict(out) == data
    diff = difflib.unified_diff(ANDEAN.splitlines(), out.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def test_every_kb_file_is_rewritten_byte_for_byte() -> None:
    files = sorted(KB.rglob("*.yml"))
    assert len(files) > 100
    differing = [str(p) for p in files if rewrite(t := p.read_text(encoding="utf-8"), load_strict(t)) != t]
    assert differing == []


def test_status_change_touches_one_line() -> None:
    data = load_strict(ANDEAN)
    data["status"][1]["status"] = "suspended"
    assert _changed(data) == ["-    status: open", "+    status: suspended"]


def test_condition_values_change_touches_one_flow_line() -> None:
    data = load_strict(ANDEAN)
    data["conditions"]["all"][0]["in"] = ["BO", "EC"]
    assert _changed(data) == [
        "-    - {fact: nationality, in: [BO, EC, PE]}",
        "+    - {fact: nationality, in: [BO, EC]}",
    ]


def test_one_language_summary_replaces_only_its_folded_lines() -> None:
    data = load_strict(ANDEAN)
    data["summary"]["fr"] = "Un résumé court."
    changed = _changed(data)
    assert changed[-1] == "+    Un résumé court."
    assert [line[:1] for line in changed] == ["-"] * 4 + ["+"]
    assert changed[0] == (
        "-    Visa de 2 ans maximum en Colombie pour les ressortissants de Bolivie, d'Équateur et du Pérou."
    )


def test_longer_text_is_folded_like_the_rest() -> None:
    data = load_strict(ANDEAN)
    data["summary"]["en"] += " And one more sentence to make it longer."
    assert _changed(data) == [
        "-    apply however you entered. Later you can ask for Andean residence with no end date.",
        "+    apply however you entered. Later you can ask for Andean residence with no end date. And one",
        "+    more sentence to make it longer.",
    ]


def test_added_source_adds_three_lines_with_a_plain_date_and_null() -> None:
    data = load_strict(ANDEAN)
    data["sources"].append({"url": "https://example.org/notice", "title": "Notice", "date": "2026-01-02"})
    data["sources"].insert(0, {"url": "https://example.org/old", "title": "Old", "date": None})
    assert _changed(data) == [
        "+  - url: https://example.org/old",
        "+    title: Old",
        "+    date: null",
        "+  - url: https://example.org/notice",
        "+    title: Notice",
        "+    date: 2026-01-02",
    ]


def test_removed_document_removes_one_line() -> None:
    data = load_strict(ANDEAN)
    removed = data["documents"]["es"].pop(1)
    assert _changed(data) == [f"-    - {removed}"]


def test_verification_changes_two_fields_only() -> None:
    data = load_strict(ANDEAN)
    data["last_verified"] = "2026-11-30"
    data["needs_review"] = None
    changed = _changed(data)
    assert changed[0] == "-last_verified: 2026-07-02"
    assert changed[-2:] == ["+last_verified: 2026-11-30", "+needs_review: null"]
    assert len(changed) == 7  # the date and the four lines of the folded note, replaced by two


def test_new_status_period_and_nested_group() -> None:
    data = load_strict(ANDEAN)
    data["status"].append({"from": "2026-12-01", "status": "closed", "note": "Suspended by decree."})
    data["conditions"]["all"].append({"not": {"fact": "entry_date", "before": "2024-01-01"}})
    assert _changed(data) == [
        "+  - from: 2026-12-01",
        "+    status: closed",
        "+    note: Suspended by decree.",
        "+    - {not: {fact: entry_date, before: 2024-01-01}}",
    ]


@pytest.mark.parametrize("value", ["2026-02-30", "yes", "NO", "null", "123", "a: b"])
def test_awkward_strings_stay_strings(value: str) -> None:
    data = copy.deepcopy(load_strict(ANDEAN))
    data["status"][1]["note"] = value
    assert load_strict(rewrite(ANDEAN, data))["status"][1]["note"] == value
