"""The "why" answer: plain sentences in the person's language for every condition of the shipped KB."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.kb.facts import CANONICAL_FACTS
from bot.kb.model import KnowledgeBase
from bot.nlg.responses import Renderer
from bot.nlg.results import render_why
from bot.settings import get_settings

LANGUAGES = ("es", "pt", "en", "fr", "ht")
ON = "2026-11-20"
FACT_SETS: list[dict[str, Any]] = [
    {},
    {"nationality": "VE", "current_country": "CO", "entry_date": "2022-03-01",
     "holds": ["co_visa_v_special"]},
    {"nationality": "HT", "current_country": "BR", "birth_date": "1990-05-02", "has_criminal_record": False,
     "has_passport_or_id": True, "fear_of_return": True, "entry_regular": False, "holds": [],
     "children_hold": ["co_ppt"], "relatives_hold": None},
    {"nationality": "PE", "current_country": "CL", "destination_country": "MX", "birth_date": "2010-01-01",
     "entry_date": "2015-07-01", "has_criminal_record": True, "has_passport_or_id": False,
     "fear_of_return": False, "entry_regular": True, "holds": ["asylum_claim_denied", "pe_cpp"],
     "children_hold": [], "relatives_hold": ["br_humanitarian_haiti"]},
]  # fmt: skip
OPERATOR_WORDS = ("on_or_before", "on_or_after", "includes_any", "not_in", "age_under", "age_between")
ENGLISH_WORDS = re.compile(r"\b(you|the|and|not|before|after|arrived|have|nationality|unknown)\b")
LEAK = re.compile(r"\b[A-Z]{2}\b")  # an ISO code; English "ID card" is the one word allowed


@pytest.fixture(scope="module")
def renderer(shipped_kb: KnowledgeBase) -> Renderer:
    return Renderer(shipped_kb, get_settings())


def why(renderer: Renderer, language: str, pathway: str, facts: dict[str, Any]) -> str:
    arguments = {"results": [{"pathway": pathway, "status": "possibly_eligible"}], "facts": facts, "on": ON}
    return render_why(renderer, language, arguments)["text"]


def _sentences(text: str, kb: KnowledgeBase, language: str) -> str:
    """The text without programme names, source titles and URLs (proper names may hold acronyms)."""
    for pathway in kb.pathways:
        text = text.replace(pathway.name[language], "").replace(pathway.primary_source.title, "")
        text = text.replace(pathway.primary_source.url, "")
    return text


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_ids_operators_or_codes_for_any_pathway(renderer: Renderer, language: str) -> None:
    kb = renderer.kb
    for pathway in kb.pathways:
        for facts in FACT_SETS:
            text = why(renderer, language, pathway.id, facts)
            prose = _sentences(text, kb, language)
            assert not any(fact in prose for fact in CANONICAL_FACTS), (pathway.id, text)
            assert not any(op in prose for op in OPERATOR_WORDS), (pathway.id, text)
            assert not [c for c in LEAK.findall(prose) if c != "ID" or language != "en"], (pathway.id, text)
            assert "why." not in prose and "{" not in prose, (pathway.id, text)
            assert renderer.t(language, "why.other") not in prose, (pathway.id, text)
            if language != "en":
                assert not ENGLISH_WORDS.search(prose.lower()), (pathway.id, text)
            assert pathway.primary_source.url in text.splitlines(), pathway.id


def test_spanish_sentences_with_marks(renderer: Renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "entry_date": "2022-03-01"}
    lines = why(renderer, "es", "co_ppt", facts).splitlines()
    assert lines[:2] == ["Por qué te dije esto:", "✓ se cumple · ✗ no se cumple · ? todavía no lo sé"]
    assert lines[4:11] == [
        "Eres venezolana o venezolano ✓",
        "Estás en Colombia ✓",
        "Basta con una de estas:",
        "  • Llegaste después del 31 de enero de 2021 ✗",
        "  • Todavía no sé si entraste por un paso fronterizo oficial ? · "
        "Llegaste entre el 29 de mayo de 2021 y el 28 de mayo de 2023 ✓",
        "Todavía no sé si tienes antecedentes penales ?",
        "Fuente: Decreto 216 de 2021 – Estatuto Temporal de Protección para Migrantes Venezolanos",
    ]


def test_a_condition_under_not_flips_its_mark(renderer: Renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "holds": ["co_visa_v_special"]}
    lines = why(renderer, "en", "co_visa_v_special", facts).splitlines()
    assert "You have or had: Visa V – Special Visitor visa for Venezuelans in Colombia ✗" in lines
    lines = why(renderer, "en", "co_visa_v_special", {**facts, "holds": []}).splitlines()
    assert (
        "You do not have and never had: Visa V – Special Visitor visa for Venezuelans in Colombia ✓" in lines
    )


def test_asylum_in_creole_and_french(renderer: Renderer) -> None:
    facts = {"nationality": "HT", "current_country": "DO", "fear_of_return": True}
    assert why(renderer, "ht", "asylum_do", facts).splitlines()[4:7] == [
        "Ou nan Dominikani ✓",
        "Ou pa moun Dominikani ✓",
        "Ou pè yo fè w mal si ou retounen nan peyi ou ✓",
    ]
    lines = why(renderer, "fr", "asylum_do", {**facts, "fear_of_return": None}).splitlines()
    assert lines[4:7] == [
        "Vous êtes en République dominicaine ✓",
        "Vous n'êtes pas originaire de la République dominicaine ✓",
        "Je ne sais pas encore si vous avez peur de retourner dans votre pays ?",
    ]


def test_ages_and_claims_in_portuguese(renderer: Renderer) -> None:
    facts = {
        "nationality": "PE",
        "destination_country": "CL",
        "current_country": "PE",
        "birth_date": "2010-01-01",
    }
    lines = why(renderer, "pt", "pacific_wh_cl", facts).splitlines()
    assert "Você tem menos de 18 anos ou mais de 30 ✗" in lines
    assert "Você não está no Chile ✓" in lines
    facts = {"nationality": "VE", "current_country": "CR", "holds": ["asylum_claim_denied"]}
    lines = why(renderer, "pt", "cr_complementary_protection_2020", facts).splitlines()
    assert "Você tem ou teve: um pedido de refúgio ou asilo que foi negado ✓" in lines
    assert "Ainda não sei quando você chegou ?" in lines


def test_the_source_url_is_a_line_of_its_own(renderer: Renderer) -> None:
    lines = why(renderer, "es", "asylum_co", {}).splitlines()
    assert lines[-2:] == [
        "Fuente: W Radio – Las condiciones para ser reconocido como refugiado en Colombia",
        "https://www.wradio.com.co/noticias/actualidad/las-condiciones-que-se-deben-tener-para-ser-reconocido"
        "-como-refugiado-en-colombia/20210418/nota/4126993.aspx",
    ]
