"""The loader accepts the shipped KB and gives each kind of broken file its own clear error."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.eligibility.conditions import AllOf, Predicate
from bot.kb import KnowledgeBaseError, load_knowledge_base
from bot.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "pathways_kb"
PATHWAY = "pathways/br_residence_border_countries.yml"


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(SEED, target, ignore=shutil.ignore_patterns("tests"))
    return target


def _edit(kb_dir: Path, name: str, old: str, new: str) -> None:
    path = kb_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(kb_dir: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(kb_dir)
    return [str(p) for p in caught.value.problems]


def test_the_seed_knowledge_base_loads(kb) -> None:
    assert {p.id for p in kb.pathways} == {"mercosur_br", "br_residence_border_countries"}
    pathway = kb.pathway("br_residence_border_countries")
    assert pathway.country == "BR"
    assert pathway.last_verified == date(2026, 7, 2)
    assert pathway.sources[0].url.startswith("https://www.gov.br/pf/")
    assert pathway.status_on(date(2021, 3, 24)) is None
    assert pathway.status_on(date(2021, 3, 25)) == "open"
    assert pathway.conditions == AllOf(
        (
            Predicate("nationality", "in", ("VE", "GY", "SR")),
            Predicate("current_country", "in", ("BR",)),
        )
    )
    assert kb.question_order == ("nationality", "current_country")
    assert kb.questions["nationality"].prompt == "ask.nationality"


def test_invalid_yaml_names_file_and_line(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "kind: residence\n", "kind: [residence\n")
    (problem,) = _problems(kb_copy)
    assert PATHWAY in problem
    assert "invalid YAML" in problem
    assert ":4:" in problem or ":5:" in problem


def test_a_missing_field_is_named(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "last_verified: 2026-07-02\n", "")
    (problem,) = _problems(kb_copy)
    assert "'last_verified' is a required property" in problem


def test_a_wrong_enum_value_names_the_line_and_the_valid_values(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "    status: open", "    status: opened")
    (problem,) = _problems(kb_copy)
    line = next(
        i for i, text in enumerate((kb_copy / PATHWAY).read_text().splitlines(), 1) if "opened" in text
    )
    assert f"{PATHWAY}:{line}: status.0.status:" in problem
    assert "'open', 'closed', 'suspended', 'terminated'" in problem


def test_an_impossible_date_is_reported_as_such(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "last_verified: 2026-07-02", "last_verified: 2026-02-30")
    (problem,) = _problems(kb_copy)
    assert "last_verified: 2026-02-30 is not a real date" in problem


def test_status_dates_must_increase(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        PATHWAY,
        "  - from: 2021-03-25\n    status: open\n",
        "  - from: 2021-03-25\n    status: open\n  - from: 2020-01-01\n    status: closed\n",
    )
    (problem,) = _problems(kb_copy)
    assert "status.1.from: status dates must be in increasing order" in problem


def test_an_unknown_fact_lists_the_known_ones(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "{fact: current_country,", "{fact: country_now,")
    (problem,) = _problems(kb_copy)
    assert "unknown fact 'country_now'" in problem
    assert "nationality, current_country" in problem


def test_a_bad_country_code_in_a_condition(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "in: [VE, GY, SR]", "in: [VE, XX, SR]")
    (problem,) = _problems(kb_copy)
    assert "conditions.all.0.in.1: 'XX' is not an ISO 3166-1 alpha-2 country code" in problem


def test_id_must_match_file_name(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "id: br_residence_border_countries", "id: br_border")
    (problem,) = _problems(kb_copy)
    assert "id 'br_border' must match the file name 'br_residence_border_countries'" in problem


def test_a_missing_translation_is_reported(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        PATHWAY,
        "  en: Brazil residence for nationals",
        "  fr: Brazil residence for nationals",
    )
    (problem,) = _problems(kb_copy)
    assert "name: 'en' is a required property" in problem


def test_a_file_that_is_not_a_mapping(kb_copy: Path) -> None:
    (kb_copy / "pathways" / "empty_list.yml").write_text("- just\n- a list\n")
    (problem,) = _problems(kb_copy)
    assert "empty_list.yml:1: (file): expected a mapping" in problem


def test_non_utf8_file(kb_copy: Path) -> None:
    (kb_copy / "pathways" / "latin1.yml").write_bytes("id: situación\n".encode("latin-1"))
    (problem,) = _problems(kb_copy)
    assert "latin1.yml" in problem and "not UTF-8" in problem


def test_every_problem_is_reported_at_once(kb_copy: Path) -> None:
    _edit(kb_copy, PATHWAY, "last_verified: 2026-07-02", "last_verified: 2026-13-01")
    _edit(kb_copy, "pathways/mercosur_br.yml", "country: BR", "country: Brazil")
    problems = _problems(kb_copy)
    assert len(problems) == 2


def test_questions_file_problems(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        "questions.yml",
        "order: [nationality, current_country]",
        "order: [nationality, age]",
    )
    (problem,) = _problems(kb_copy)
    assert "questions.yml" in problem and "order.1: 'age' has no question definition" in problem


def test_missing_questions_file(kb_copy: Path) -> None:
    (kb_copy / "questions.yml").unlink()
    (problem,) = _problems(kb_copy)
    assert "questions.yml: (file): file is missing" in problem


def test_a_question_type_the_conversation_cannot_read_is_rejected(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        "questions.yml",
        "    type: country\n    prompt: ask.nationality",
        "    type: date\n    prompt: ask.nationality",
    )
    (problem,) = _problems(kb_copy)
    assert "questions.nationality.type: 'date' is not one of ['country']" in problem
