"""The loader accepts a valid KB and gives each kind of broken file its own clear error."""

from datetime import date
from pathlib import Path

import pytest

from bot.eligibility.conditions import AllOf, Predicate
from bot.kb import KnowledgeBaseError, load_knowledge_base
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURE_KB
from tests.helpers.kb_files import copy_kb
from tests.helpers.kb_files import edit as _edit

LOCALES = PROJECT_ROOT / "locales"
BORDER = "pathways/border.yml"


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    return copy_kb(FIXTURE_KB, tmp_path)


def _problems(kb_dir: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(kb_dir, LOCALES)
    return [str(p) for p in caught.value.problems]


def _line_of(kb_dir: Path, name: str, needle: str) -> int:
    lines = (kb_dir / name).read_text().splitlines()
    return next(i for i, text in enumerate(lines, 1) if needle in text)


def test_a_valid_kb_loads(kb) -> None:
    pathway = kb.pathway("border")
    assert pathway.country == "BR"
    assert pathway.last_verified == date(2026, 7, 2)
    assert pathway.status_on(date(2021, 3, 24)) is None
    assert pathway.status_on(date(2021, 3, 25)) == "open"
    assert pathway.conditions == AllOf(
        (Predicate("nationality", "in", ("VE", "GY", "SR")), Predicate("current_country", "in", ("BR",)))
    )
    permit = kb.pathway("permit")
    assert permit.status_on(date(2023, 11, 25)) == "closed"
    assert permit.status_since(date(2024, 1, 1)) == date(2023, 11, 25)
    assert kb.pathway("agreement").apply_at.centres == ("centre_sp",)
    assert kb.centres["centre_sp"].city == "São Paulo"
    assert kb.questions["nationality"].help == "help.nationality"


def test_the_shipped_kb_validates(shipped_kb) -> None:
    ids = {p.id for p in shipped_kb.pathways}
    assert {"mercosur_br", "br_residence_border_countries"} <= ids


def test_invalid_yaml_names_file_and_line(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "kind: residence\n", "kind: [residence\n")
    (problem,) = _problems(kb_copy)
    assert BORDER in problem and "invalid YAML" in problem


def test_a_missing_field_is_named(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "last_verified: 2026-07-02\n", "")
    (problem,) = _problems(kb_copy)
    assert "'last_verified' is a required property" in problem


def test_a_wrong_enum_value_names_the_line_and_the_valid_values(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "status: open}", "status: opened}")
    (problem,) = _problems(kb_copy)
    line = _line_of(kb_copy, BORDER, "opened")
    assert f"{BORDER}:{line}: status.0.status:" in problem
    assert "'open', 'closed', 'suspended', 'terminated'" in problem


def test_an_impossible_date_is_reported_as_such(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "last_verified: 2026-07-02", "last_verified: 2026-02-30")
    (problem,) = _problems(kb_copy)
    assert "last_verified: 2026-02-30 is not a real date" in problem


def test_status_dates_must_increase(kb_copy: Path) -> None:
    _edit(kb_copy, "pathways/permit.yml", "{from: 2023-11-25,", "{from: 2020-11-25,")
    (problem,) = _problems(kb_copy)
    assert "status.1.from: status dates must be in increasing order" in problem


def test_an_unknown_fact_lists_the_known_ones(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "{fact: current_country,", "{fact: country_now,")
    (problem,) = _problems(kb_copy)
    assert "unknown fact 'country_now'" in problem and "nationality, current_country" in problem


def test_a_bad_country_code_in_a_condition(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "in: [VE, GY, SR]", "in: [VE, XX, SR]")
    (problem,) = _problems(kb_copy)
    assert "conditions.all.0.in.1: 'XX' is not an ISO 3166-1 alpha-2 country code" in problem


def test_an_operator_that_does_not_suit_the_fact(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "{fact: current_country, in: [BR]}", "{fact: current_country, before: 2020-01-01}")
    (problem,) = _problems(kb_copy)
    assert "before does not apply to current_country (a country); use one of in, not_in" in problem


def test_two_operators_in_one_condition(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        BORDER,
        "{fact: current_country, in: [BR]}",
        "{fact: current_country, in: [BR], not_in: [AR]}",
    )
    (problem,) = _problems(kb_copy)
    assert "exactly one operator" in problem


def test_contradictory_conditions_are_found(kb_copy: Path) -> None:
    _edit(
        kb_copy, BORDER, "    - {fact: current_country, in: [BR]}", "    - {fact: nationality, in: [BR, CO]}"
    )
    (problem,) = _problems(kb_copy)
    assert "contradictory conditions, this group can never be met" in problem
    assert "no value of nationality satisfies" in problem


def test_contradictory_dates_and_ages(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        "pathways/permit.yml",
        "    - {fact: entry_date, on_or_before: 2021-01-31}",
        "    - {fact: entry_date, on_or_before: 2021-01-31}\n    - {fact: entry_date, after: 2021-01-31}",
    )
    _edit(
        kb_copy,
        "pathways/youth.yml",
        "    - {fact: birth_date, age_between: [18, 30]}",
        "    - {fact: birth_date, age_between: [18, 30]}\n    - {fact: birth_date, age_at_least: 31}",
    )
    problems = _problems(kb_copy)
    assert any("permit.yml" in p and "entry_date would have to be at least 2021-02-01" in p for p in problems)
    assert any(
        "youth.yml" in p and "birth_date would have to be at least 31 and at most 30" in p for p in problems
    )


def test_a_reversed_range(kb_copy: Path) -> None:
    _edit(kb_copy, "pathways/youth.yml", "age_between: [18, 30]", "age_between: [30, 18]")
    (problem,) = _problems(kb_copy)
    assert "the lower age must come first" in problem


def test_id_must_match_file_name(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "id: border", "id: frontier")
    (problem,) = _problems(kb_copy)
    assert "id 'frontier' must match the file name 'border'" in problem


def test_a_missing_required_translation_is_an_error(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, 'en: "border en"', 'fr: "border en"')
    (problem,) = _problems(kb_copy)
    assert "name: 'en' is a required property" in problem


def test_every_language_the_bot_speaks_is_required(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, ', ht: "border en ht"}', "}")
    (problem,) = _problems(kb_copy)
    assert "border.yml" in problem and "name: 'ht' is a required property" in problem


def test_an_unknown_centre_reference(kb_copy: Path) -> None:
    _edit(kb_copy, "pathways/agreement.yml", "centres: [centre_sp]", "centres: [centre_rio]")
    (problem,) = _problems(kb_copy)
    assert "apply_at.centres.0: unknown centre 'centre_rio'; known: centre_sp" in problem


def test_an_unknown_message_id(kb_copy: Path) -> None:
    _edit(kb_copy, "questions.yml", "prompt: ask.fear_of_return", "prompt: ask.fear")
    (problem,) = _problems(kb_copy)
    assert "questions.fear_of_return.prompt: message id 'ask.fear' is not in locales/en" in problem


def test_a_source_without_url(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, '{url: "https://example.org/border", ', "{")
    (problem,) = _problems(kb_copy)
    assert "'url' is a required property" in problem


def test_a_file_that_is_not_a_mapping(kb_copy: Path) -> None:
    (kb_copy / "pathways" / "empty_list.yml").write_text("- just\n- a list\n")
    (problem,) = _problems(kb_copy)
    assert "empty_list.yml:1: (file): expected a mapping" in problem


def test_non_utf8_file(kb_copy: Path) -> None:
    (kb_copy / "pathways" / "latin1.yml").write_bytes("id: situación\n".encode("latin-1"))
    (problem,) = _problems(kb_copy)
    assert "latin1.yml" in problem and "not UTF-8" in problem


def test_every_problem_is_reported_at_once(kb_copy: Path) -> None:
    _edit(kb_copy, BORDER, "last_verified: 2026-07-02", "last_verified: 2026-13-01")
    _edit(kb_copy, "pathways/youth.yml", "country: PE", "country: Peru")
    assert len(_problems(kb_copy)) == 2


def test_questions_file_problems(kb_copy: Path) -> None:
    _edit(kb_copy, "questions.yml", "order: [nationality,", "order: [age,")
    (problem,) = _problems(kb_copy)
    assert "questions.yml" in problem and "order.0: 'age' has no question definition" in problem


def test_fixed_options_are_not_editable_for_yes_no_questions(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        "questions.yml",
        "fear_of_return: {type: boolean,",
        "fear_of_return: {type: boolean, options: [VE],",
    )
    (problem,) = _problems(kb_copy)
    assert "options are fixed for boolean questions" in problem


def test_missing_questions_file(kb_copy: Path) -> None:
    (kb_copy / "questions.yml").unlink()
    (problem,) = _problems(kb_copy)
    assert "questions.yml: (file): file is missing" in problem


def test_yaml_1_1_booleans_do_not_eat_norway_or_on() -> None:
    from bot.kb.yaml_lines import load_strict

    assert load_strict("in: [NO, no, on, yes, Off]\non: 2026-11-24\nis: true\n") == {
        "in": ["NO", "no", "on", "yes", "Off"],
        "on": "2026-11-24",
        "is": True,
    }


def test_demonyms_file_is_checked(kb_copy: Path) -> None:
    (kb_copy / "countries").mkdir()
    demonyms = kb_copy / "countries" / "demonyms.yml"
    demonyms.write_text("demonyms:\n  VE:\n    es: {m: venezolano, f: venezolana}\n")
    problems = _problems(kb_copy)
    assert [p.split(": ", 2)[-1] for p in problems] == [
        f"'{lang}' is a required property" for lang in ("pt", "en", "fr", "ht")
    ]
    forms = "".join(f"    {lang}: {{m: iks, f: iks}}\n" for lang in ("es", "pt", "en", "fr", "ht"))
    demonyms.write_text("demonyms:\n  XX:\n" + forms)
    (problem,) = _problems(kb_copy)
    assert "demonyms.XX: 'XX' is not an ISO 3166-1 alpha-2 country code" in problem
