"""The glossary and the needs: the shipped files, their validation, and looking words up."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n.text import normalize
from bot.kb.glossary import load_glossary, load_needs, need_named, terms_named
from bot.kb.problems import FileChecker
from bot.settings import ALL_LANGUAGES

REQUIRED_TERMS = {
    "ppt", "pep", "cpp", "ptp", "tps", "chnv", "parole", "asylum", "refugee_status", "comar", "conare_br",
    "conare_ar", "sermig", "dgme", "migracion_colombia", "migraciones_pe", "policia_federal",
    "operacao_acolhida", "mercosur_residence", "visa_v", "cedula", "salvoconducto", "tvrh", "prima_facie",
    "non_refoulement", "rnm_crnm", "work_permit",
}  # fmt: skip


def test_shipped_glossary_has_the_terms_people_ask_about(shipped_kb) -> None:
    ids = [term.id for term in shipped_kb.glossary]
    assert len(ids) >= 25
    assert set(ids) >= REQUIRED_TERMS
    for term in shipped_kb.glossary:
        assert set(term.definition) == set(ALL_LANGUAGES), term.id
        assert set(term.aliases) == set(ALL_LANGUAGES), term.id
        assert all(normalize(a) == a for a in term.all_aliases), term.id
        assert term.sources and term.last_verified.isoformat() == "2026-11-30", term.id


def test_shipped_needs(shipped_kb) -> None:
    needs = {need.id: need for need in shipped_kb.needs}
    assert set(needs) == {"job", "lawyer", "shelter", "food", "health", "school"}
    assert needs["shelter"].show == ("shelter", "centre", "hotline:emergency")
    assert needs["lawyer"].show == ("legal_aid", "centre")


def test_lookup(shipped_kb) -> None:
    assert [t.id for t in terms_named(shipped_kb, "que es el permiso por proteccion temporal")] == [
        "ppt",
        "tps",
    ]
    assert [t.id for t in terms_named(shipped_kb, "e o conare")] == ["conare_br", "conare_ar"]
    assert terms_named(shipped_kb, "estoy en cartagena") == []
    assert need_named(shipped_kb, "mwen bezwen travay").id == "job"
    assert need_named(shipped_kb, "kijan m ka jwenn yon avoka").id == "lawyer"
    assert need_named(shipped_kb, "cuanto cuesta el permiso de trabajo") is None


def _write(tmp_path: Path, name: str, text: str) -> FileChecker:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return FileChecker(path)


TERM = """
  - id: {id}
    {country}
    aliases: {{es: [{alias}], pt: [x], en: [x], fr: [x], ht: [x]}}
    definition: {{es: Uno., pt: Um., en: One., fr: Un., ht: Youn.}}
    pathways: [{pathway}]
    sources: [{{url: "https://example.org/a", title: A, date: null}}]
    last_verified: 2026-11-30
"""


def _term(id: str, alias: str = "ppt", pathway: str = "co_ppt", country: str = "") -> str:
    return TERM.format(id=id, alias=alias, pathway=pathway, country=f"country: {country}" if country else "")


def test_missing_files_mean_no_terms_and_no_needs(tmp_path: Path) -> None:
    checker = FileChecker(tmp_path / "glossary.yml")
    assert load_glossary(checker, [], []) == ()
    assert load_needs(FileChecker(tmp_path / "needs.yml")) == ()
    assert checker.problems == []


def test_glossary_errors_name_the_field(tmp_path: Path) -> None:
    text = "terms:" + _term("a", alias="El PPT", pathway="nope") + _term("b", alias="x")
    checker = _write(tmp_path, "glossary.yml", text)
    assert load_glossary(checker, ["co_ppt"], []) == ()
    assert [(p.field, p.message) for p in checker.problems] == [
        ("terms.0.aliases.es.0", "'El PPT' must be written normalized: 'el ppt'"),
        ("terms.0.pathways.0", "unknown pathway 'nope'"),
        ("terms.1.aliases", "'x' is also an alias of 'a'; give both a different `country` or remove one"),
    ]


def test_a_shared_alias_needs_two_countries(tmp_path: Path) -> None:
    text = "terms:" + _term("conare_br", "conare", country="BR") + _term("conare_ar", "conare", country="AR")
    text = text.replace("pt: [x], en: [x], fr: [x], ht: [x]", "pt: [conare], en: [conare], fr: [c], ht: [c]")
    checker = _write(tmp_path, "glossary.yml", text)
    terms = load_glossary(checker, ["co_ppt"], [])
    assert checker.problems == []
    assert [t.country for t in terms] == ["BR", "AR"]


NEEDS = """needs:
  - id: job
    triggers: {es: [trabajo], pt: [emprego], en: [job], fr: [emploi], ht: [djob]}
    reply: {es: a, pt: a, en: a, fr: a, ht: a}
    show: [centre, hotline:emergency]
  - id: work
    triggers: {es: [trabajo], pt: [Trabalho], en: [work], fr: [travail], ht: [travay]}
    reply: {es: a, pt: a, en: a, fr: a, ht: a}
    show: [jobs_board]
"""


def test_needs_errors(tmp_path: Path) -> None:
    checker = _write(tmp_path, "needs.yml", NEEDS)
    assert load_needs(checker) == ()
    messages = [(p.field, p.message) for p in checker.problems]
    assert messages[:2] == [
        ("needs.1.triggers.pt.0", "'Trabalho' must be written normalized: 'trabalho'"),
        ("needs.1.triggers.es.0", "'trabajo' is already a trigger of 'job'"),
    ]
    assert messages[2][0] == "needs.1.show.0"
    assert messages[2][1].startswith("'jobs_board' is not one of: asylum_authority, centre, hotline:child_")


@pytest.mark.parametrize("name", ["glossary.yml", "needs.yml"])
def test_invalid_yaml_is_reported(tmp_path: Path, name: str) -> None:
    checker = _write(tmp_path, name, "terms: [\n")
    loader = (lambda c: load_glossary(c, [], [])) if name == "glossary.yml" else load_needs
    assert loader(checker) == ()
    assert checker.problems[0].message.startswith("invalid YAML")
