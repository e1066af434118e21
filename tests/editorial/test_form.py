"""The schema-generated pathway form: the exact inverse for every KB pathway, conditions as rows,
problems by field, and the loader's single-file check."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.editorial.form import check_pathway, data_from_form, field_errors, fields, form_values, ops_for
from bot.kb.problems import Problem
from bot.kb.yaml_lines import load_strict

PATHWAYS = Path(__file__).resolve().parents[2] / "pathways_kb" / "pathways"
FILES = sorted(PATHWAYS.glob("*.yml"))
ANDEAN = PATHWAYS / "andean_co.yml"


def _find(items, name):
    for item in items:
        if item.name == name:
            return item
        found = _find(item.children, name)
        if found:
            return found
    return None


def test_all_51_pathways() -> None:
    assert len(FILES) == 51


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_fields_then_data_from_form_gives_back_the_data(path: Path) -> None:
    data = load_strict(path.read_text(encoding="utf-8"))
    assert data_from_form(form_values(fields(data))) == data


def test_form_follows_the_schema() -> None:
    form = fields(load_strict(ANDEAN.read_text(encoding="utf-8")))
    assert [f.name for f in form][:5] == ["id", "country", "kind", "supplementary", "name"]
    name = _find(form, "name")
    assert (name.kind, [c.name for c in name.children]) == (
        "languages",
        ["name.es", "name.pt", "name.en", "name.fr", "name.ht"],
    )
    assert [c.required for c in name.children] == [True] * 5
    status = _find(form, "status.1.status")
    assert (status.kind, status.value) == ("select", "open")
    assert [v for v, _ in status.options] == ["open", "closed", "suspended", "terminated"]
    assert _find(form, "status").template.children[0].name == "status.__i__.from"
    assert _find(form, "sources.0.date").kind == "date"
    assert _find(form, "documents.es").kind == "lines"


def test_conditions_are_structured_rows() -> None:
    form = fields(load_strict(ANDEAN.read_text(encoding="utf-8")))
    group = _find(form, "conditions")
    assert (group.kind, group.value) == ("cgroup", "all")
    first = _find(form, "conditions.all.0")
    assert [(c.name, c.kind, c.value) for c in first.children] == [
        ("conditions.all.0.fact", "fact", "nationality"),
        ("conditions.all.0.op", "op", "in"),
        ("conditions.all.0.in", "csv", "BO, EC, PE"),
        ("conditions.all.0.source", "url", ""),
    ]
    assert [v for v, _ in first.children[1].options] == ["in", "not_in"]
    assert _find(form, "conditions.all.2.is").options == [
        ("true", "editorial.yes"),
        ("false", "editorial.no"),
    ]
    assert ops_for("birth_date") == (
        "before", "on_or_before", "after", "on_or_after", "between",
        "age_at_least", "age_under", "age_between",
    )  # fmt: skip


def test_posted_changes_become_data() -> None:
    posted = form_values(fields(load_strict(ANDEAN.read_text(encoding="utf-8"))))
    posted["conditions.all.0.in"] = ["BO, EC"]
    posted["conditions.all.4.fact"] = ["entry_date"]
    posted["conditions.all.4.op"] = ["between"]
    posted["conditions.all.4.between.0"] = ["2020-01-01"]
    posted["conditions.all.4.between.1"] = ["2021-06-30"]
    posted["conditions.all.5.group"] = ["not"]
    posted["conditions.all.5.not.fact"] = ["fear_of_return"]
    posted["conditions.all.5.not.op"] = ["is"]
    posted["conditions.all.5.not.is"] = ["true"]
    posted["conditions.all.__i__.fact"] = ["holds"]  # the hidden template row is not data
    posted["name.fr"] = [""]
    posted["needs_review"] = [""]
    posted["legal_basis.0.year"] = ["2021"]
    data = data_from_form(posted)
    assert data["conditions"]["all"][0] == {"fact": "nationality", "in": ["BO", "EC"]}
    assert data["conditions"]["all"][4:] == [
        {"fact": "entry_date", "between": ["2020-01-01", "2021-06-30"]},
        {"not": {"fact": "fear_of_return", "is": True}},
    ]
    assert "fr" not in data["name"]
    assert data["needs_review"] is None
    assert data["legal_basis"][0]["year"] == 2021


def test_group_kind_change_without_script() -> None:
    posted = {
        "conditions.group": ["any"],
        "conditions.all.0.fact": ["nationality"],
        "conditions.all.0.op": ["in"],
        "conditions.all.0.in": ["VE"],
    }
    assert data_from_form(posted)["conditions"] == {"any": [{"fact": "nationality", "in": ["VE"]}]}


def test_field_errors_and_check_pathway() -> None:
    text = ANDEAN.read_text(encoding="utf-8").replace("from: 2022-01-01", "from: 2022-02-30")
    problems = check_pathway(text, ANDEAN)
    assert problems == [Problem(ANDEAN, 168, "status.1.from", "2022-02-30 is not a real date (YYYY-MM-DD)")]
    assert field_errors(problems) == {"status.1.from": ["2022-02-30 is not a real date (YYYY-MM-DD)"]}
    wrong_op = text.replace(
        "{fact: has_criminal_record, is: false}", "{fact: has_criminal_record, before: 2020-01-01}"
    )
    assert list(field_errors(check_pathway(wrong_op, ANDEAN))) == ["status.1.from", "conditions.all.2.before"]


def test_check_pathway_is_fast_enough_for_typing() -> None:
    text = ANDEAN.read_text(encoding="utf-8")
    assert check_pathway(text, ANDEAN) == []
    start = time.perf_counter()
    for _ in range(10):
        check_pathway(text, ANDEAN)
    assert (time.perf_counter() - start) / 10 < 0.05
