"""The conversation review's section G, replayed on the shipped knowledge base as of 30 Nov 2026:
for each situation, the results a person gets and what must (and must not) be in them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.eligibility.engine import evaluate, next_question
from bot.nlg.responses import Renderer
from bot.settings import SUPPORTED_LANGUAGES

TODAY = date(2026, 11, 30)


@pytest.fixture
def renderer(shipped_kb, settings) -> Renderer:
    return Renderer(shipped_kb, settings)


def _outcomes(kb, facts):
    return {o.pathway.id: o for o in evaluate(kb, facts, TODAY)}


def _results(renderer, facts, language="es"):
    outcomes = evaluate(renderer.kb, facts, TODAY)
    arguments = {
        "results": [{"pathway": o.pathway.id, "status": o.status} for o in outcomes],
        "on": TODAY.isoformat(),
        "country": facts.get("current_country"),
        "facts": facts,
    }
    return renderer.render("utter_results", language, arguments)


def _open_part(text: str) -> str:
    """The "may fit you" part of a results message (empty when nothing open fits)."""
    if "\n\n" not in text or not text.startswith("Según lo que me contaste, esto puede servirte"):
        return ""
    return text.split("Cerrados a nuevas solicitudes")[0].split("Lo que tienes o tuviste")[0]


# -- asylum with a filing deadline: the entry date is asked, a passed deadline is said plainly ---------
@pytest.mark.parametrize(
    ("pathway", "country", "nationality", "entry"),
    [
        ("asylum_cl", "CL", "VE", "2025-11-20"),  # es09: a year ago; 7 working days
        ("asylum_us", "US", "HN", "2025-05-15"),  # es05: a year and a half ago; 1 year
        ("asylum_mx", "MX", "HT", "2025-11-01"),  # fr02: a year ago; 30 working days
        ("asylum_do", "DO", "HT", "2026-10-01"),  # fr06/ht05: Haitian in the DR; 15 days
    ],
)
def test_a_passed_asylum_deadline_is_never_likely_and_is_said(
    shipped_kb, renderer, pathway, country, nationality, entry
):
    facts = {"nationality": nationality, "current_country": country, "fear_of_return": True}
    assert _outcomes(shipped_kb, facts)[pathway].status == "possibly_eligible"
    assert shipped_kb.pathway(pathway).filing_deadline is not None
    assert next_question(shipped_kb, {**facts, "holds": []}, TODAY) == "entry_date"
    late = {**facts, "entry_date": entry}
    outcome = _outcomes(shipped_kb, late)[pathway]
    assert outcome.status == "possibly_eligible" and outcome.deadline_passed
    text = _results(renderer, late)["text"]
    assert "Ya pasó." in text
    assert shipped_kb.pathway(pathway).filing_deadline.late["es"] in text


def test_costa_rica_no_longer_has_a_one_month_deadline(shipped_kb, renderer) -> None:
    # es04/es13 were told "within 1 month" next to "likely"; Decree 44501-MGP (June 2024) removed it.
    assert shipped_kb.pathway("asylum_cr").filing_deadline is None
    facts = {"nationality": "NI", "current_country": "CR", "fear_of_return": True, "entry_date": "2019-06-01"}
    text = _results(renderer, {**facts, "holds": [], "has_criminal_record": False})["text"]
    assert "dentro de 1 mes" not in text


# -- conditions stated in the texts are asked ------------------------------------------------------
def test_costa_rica_complementary_protection_only_after_a_denied_claim(shipped_kb) -> None:
    facts = {"nationality": "NI", "current_country": "CR", "fear_of_return": True, "entry_date": "2019-06-01"}
    pathway = "cr_complementary_protection_2020"
    assert _outcomes(shipped_kb, facts)[pathway].status == "possibly_eligible"  # never "likely" unasked
    assert _outcomes(shipped_kb, {**facts, "holds": []})[pathway].status == "not_eligible"
    denied = _outcomes(shipped_kb, {**facts, "holds": ["asylum_claim_denied"]})
    assert denied[pathway].status == "possibly_eligible"


def test_peru_especial_residente_needs_a_cpp_or_ptp(shipped_kb) -> None:
    facts = {
        "nationality": "VE",
        "current_country": "PE",
        "entry_date": "2022-03-01",
        "has_criminal_record": False,
        "fear_of_return": False,
    }
    assert _outcomes(shipped_kb, facts)["pe_especial_residente"].status == "possibly_eligible"
    assert next_question(shipped_kb, facts, TODAY) == "holds"
    assert _outcomes(shipped_kb, {**facts, "holds": []})["pe_especial_residente"].status == "not_eligible"
    held = _outcomes(shipped_kb, {**facts, "holds": ["pe_cpp"]})
    assert held["pe_especial_residente"].status in ("likely_eligible", "possibly_eligible")


def test_pep_tutor_is_only_for_guardians_of_a_child_with_a_ppt(shipped_kb, renderer) -> None:
    facts = {
        "nationality": "VE",
        "current_country": "CO",
        "entry_date": "2024-01-10",
        "holds": [],
        "children_hold": [],
    }
    assert _outcomes(shipped_kb, facts)["co_pep_tutor"].status == "not_eligible"
    assert "PEP Tutor" not in _results(renderer, facts)["text"]
    guardian = _outcomes(shipped_kb, {**facts, "children_hold": ["co_ppt"]})
    assert guardian["co_pep_tutor"].status == "closed"  # closed since 1 May 2026


# -- closed programmes are never "this may fit you" ---------------------------------------------
def test_haitian_in_the_dominican_republic_gets_protection_and_a_contact(shipped_kb, renderer) -> None:
    facts = {"nationality": "HT", "current_country": "DO", "fear_of_return": True}
    outcomes = _outcomes(shipped_kb, facts)
    assert outcomes["asylum_do"].status in ("likely_eligible", "possibly_eligible")
    text = _results(renderer, {**facts, "holds": [], "entry_date": "2026-11-25"})["text"]
    assert "Plan Nacional de Regularización" not in _open_part(text)
    assert "La autoridad que decide:" in text and "☎" in text


def test_only_closed_programmes_say_nothing_open_and_who_can_help(shipped_kb, renderer) -> None:
    facts = {"nationality": "HT", "current_country": "DO", "fear_of_return": False, "holds": []}
    text = _results(renderer, facts)["text"]
    assert text.startswith("Según lo que me contaste, no encontré ninguna vía abierta para ti")
    assert "esto puede servirte" not in text
    assert "La autoridad que decide:" in text


def test_colombian_in_santiago_gets_the_authority_with_its_address(renderer) -> None:
    facts = {"nationality": "CO", "current_country": "CL", "current_region": "CL-RM", "fear_of_return": False}
    text = _results(renderer, facts)["text"]
    assert "nombradas arriba" not in text
    authority = text.split("La autoridad que decide:")[1]
    assert "Servicio Nacional de Migraciones" in authority and "☎" in authority


def test_venezuelan_in_boa_vista_is_offered_refuge_and_a_local_centre(shipped_kb, renderer) -> None:
    facts = {
        "nationality": "VE",
        "current_country": "BR",
        "current_region": "BR-RR",
        "has_passport_or_id": False,
        "fear_of_return": False,
    }
    outcomes = _outcomes(shipped_kb, facts)
    assert outcomes["br_refugee_prima_facie_ve"].status in ("likely_eligible", "possibly_eligible")
    text = _results(renderer, facts, "pt")["text"]
    centres = text.split("Centros de atendimento a migrantes perto de você:")[1]
    assert "Boa Vista" in centres.split("\n•")[1]


def test_haitian_in_new_york_whose_chnv_parole_ends_is_told_what_to_do(shipped_kb, renderer) -> None:
    facts = {
        "nationality": "HT",
        "current_country": "US",
        "current_region": "US-NY",
        "holds": ["us_chnv_parole"],
        "fear_of_return": False,
    }
    message = _results(renderer, facts, "en")
    text = message["text"]
    held = text.split("What you have or had, and what it means for you now:")[1]
    assert shipped_kb.pathway("us_chnv_parole").holders["en"] in held
    assert {"pathway": "us_chnv_parole", "status": "closed", "flags": ["held"]} in message["custom"][
        "results"
    ]
    assert "Wheaton" not in text and "Maryland" not in text


@pytest.mark.parametrize(
    ("region", "city"),
    [
        ("US-TX", "Houston"),
        ("US-NY", "New York"),
        ("US-CA", "Los Angeles"),
        ("US-MA", "Boston"),
        (None, None),
    ],
)
def test_nobody_in_the_us_is_sent_to_maryland_or_denver(renderer, region, city) -> None:
    facts = {"nationality": "HN", "current_country": "US", "fear_of_return": True, "entry_date": "2025-05-15"}
    if region:
        facts["current_region"] = region
    text = _results(renderer, facts, "es")["text"]
    assert "Gilchrist" not in text and "Office of Immigrant & Refugee Affairs" not in text
    assert "Ayuda legal gratuita:" in text


def test_peruvian_centres_start_in_lima(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "PE", "current_region": "PE-LMA", "holds": []}
    text = _results(renderer, facts)["text"]
    centres = text.split("Centros de atención a migrantes cerca de ti:")[1]
    assert "Tacna" not in centres.split("\n•")[1]


@pytest.mark.parametrize(
    "country", ["CL", "MX", "CR", "DO", "AR", "BO", "BR", "CO", "EC", "PE", "PY", "UY", "US"]
)
def test_every_catalog_country_has_authorities_legal_aid_and_an_emergency_line(shipped_kb, country) -> None:
    kinds = {c.kind for c in shipped_kb.contacts if c.country == country}
    assert {"migration_authority", "asylum_authority", "legal_aid", "hotline"} <= kinds
    assert any(c.hotline_for == "emergency" for c in shipped_kb.contacts if c.country == country)


# -- every word in the person's language -----------------------------------------------------------
ENGLISH_LEAKS = re.compile(r"\b(Inside|between|south|New Córdoba|bus terminal|Mon–Fri|Information)\b")


@pytest.mark.parametrize(
    "facts",
    [
        {"nationality": "VE", "current_country": "CO", "current_region": "CO-DC", "holds": []},
        {"nationality": "CO", "current_country": "EC", "current_region": "EC-P", "holds": []},
        {"nationality": "VE", "current_country": "AR", "current_region": "AR-X", "holds": []},
        {"nationality": "VE", "current_country": "BR", "current_region": "BR-SP", "holds": []},
    ],
)
def test_centre_details_are_not_in_english(renderer, facts) -> None:
    for language in ("es", "pt", "fr", "ht"):
        text = _results(renderer, facts, language)["text"]
        help_part = text.split("\n\n", 1)[1]
        assert not ENGLISH_LEAKS.search(help_part), (language, ENGLISH_LEAKS.search(help_part))


def test_creole_results_use_creole_months(renderer) -> None:
    facts = {"nationality": "HT", "current_country": "BR", "holds": [], "fear_of_return": False}
    text = _results(renderer, facts, "ht")["text"]
    assert not re.search(r"\b(janvier|février|mars|juillet|août|septembre|octobre|novembre|décembre)\b", text)


def test_a_ppt_holder_is_told_what_it_means_in_every_language(shipped_kb, renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "holds": ["co_ppt"], "children_hold": []}
    for language in SUPPORTED_LANGUAGES:
        text = _results(renderer, facts, language)["text"]
        assert shipped_kb.pathway("co_ppt").holders[language] in text, language
        assert renderer.t(language, "results.held_intro") in text, language
