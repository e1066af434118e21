"""A ticket's facts and results in the staff's words: no fact ids, ISO codes or engine statuses."""

from __future__ import annotations

from bot.console.describe import (
    CLAIM_LABELS,
    FACT_LABELS,
    country_name,
    facts_in_words,
    language_name,
    results_in_words,
)
from bot.kb.facts import CANONICAL_FACTS, CLAIM_STATES

SPANISH = {
    "fact.nationality": "Nacionalidad",
    "fact.current_country": "País donde está",
    "fact.entry_date": "Fecha de llegada",
    "fact.birth_date": "Fecha de nacimiento",
    "fact.fear_of_return": "Teme sufrir daño si regresa",
    "fact.holds": "Permisos que tiene o tuvo",
    "fact.children_hold": "Permisos de sus hijos",
    "fact.has_passport_or_id": "Tiene pasaporte o cédula",
    "fact.between": "entre {first} y {last}",
    "answer.yes": "Sí",
    "answer.no": "No",
    "answer.unknown": "No lo sabe",
    "answer.none": "Ninguno",
    "held.asylum_claim_pending": "una solicitud de asilo en trámite",
    "result.likely_eligible": "Probablemente cumple las condiciones",
    "result.closed": "Encajaría, pero el programa no está abierto ahora",
}


def test_facts_in_the_order_the_bot_asks_in_spanish_words(shipped_kb):
    facts = {
        "birth_date": "1985-12-01/1986-11-30",
        "holds": ["asylum_claim_pending", "asylum_co"],
        "entry_date": "2024-11",
        "nationality": "VE",
        "has_passport_or_id": None,
        "fear_of_return": True,
        "current_country": "CO",
        "children_hold": [],
    }
    words = facts_in_words(facts, shipped_kb, "es", SPANISH.__getitem__)
    assert words == [
        ("Nacionalidad", "Venezuela"),
        ("País donde está", "Colombia"),
        ("Teme sufrir daño si regresa", "Sí"),
        ("Permisos que tiene o tuvo", "una solicitud de asilo en trámite, Refugio en Colombia"),
        ("Fecha de llegada", "noviembre de 2024"),
        ("Fecha de nacimiento", "entre 1 de diciembre de 1985 y 30 de noviembre de 1986"),
        ("Tiene pasaporte o cédula", "No lo sabe"),
        ("Permisos de sus hijos", "Ninguno"),
    ]


def test_results_name_the_pathway_and_say_the_status(shipped_kb):
    results = [{"pathway": "asylum_co", "status": "likely_eligible"}, {"pathway": "gone", "status": "closed"}]
    assert results_in_words(results, shipped_kb, "es", SPANISH.__getitem__) == [
        ("Refugio en Colombia", "Probablemente cumple las condiciones"),
        ("gone", "Encajaría, pero el programa no está abierto ahora"),
    ]


def test_language_and_country_names_in_the_staff_language():
    assert language_name("ht", "es") == "criollo haitiano"
    assert language_name("ht", "pt") == "crioulo haitiano"
    assert language_name("es", "en") == "Spanish"
    assert country_name("US", "pt") == "Estados Unidos"
    assert country_name(None, "es") == ""


def test_every_fact_and_claim_state_has_a_console_label():
    assert set(FACT_LABELS) == set(CANONICAL_FACTS)
    assert set(CLAIM_LABELS) == set(CLAIM_STATES)
