"""`utter_followup`: a short answer about the programme, word or need in question."""

from __future__ import annotations

import re

import pytest

from bot.nlg.errors import BadArguments
from bot.nlg.followup import render_followup
from bot.nlg.responses import Renderer
from bot.settings import ALL_LANGUAGES

ON = "2026-11-30"


@pytest.fixture
def renderer(shipped_kb, settings) -> Renderer:
    return Renderer(shipped_kb, settings)


def _render(renderer: Renderer, language: str, **args) -> dict:
    args = {"on": ON, "results": [], "facts": {}, **args}
    return render_followup(renderer, language, args)


def catalog_merged(renderer: Renderer) -> bool:
    return renderer.t("en", "followup.thanks") != "followup.thanks"


def test_cost_is_the_fees_of_the_programme(renderer) -> None:
    message = _render(renderer, "pt", topic="cost", pathway="br_residence_border_countries", country="BR")
    assert message["text"] == (
        "*Autorização de residência para nacionais de país fronteiriço (Venezuela, Guiana, Suriname)*\n"
        "Custo: R$168,13 pela residência e R$204,77 pela carteira (CRNM). Isenção para quem não pode pagar."
    )
    assert message["custom"] == {
        "followup": {"topic": "cost", "pathway": "br_residence_border_countries", "term": None, "need": None}
    }


def test_cost_without_a_named_programme_takes_the_first_open_result(renderer) -> None:
    results = [{"pathway": "co_pep_tutor", "status": "closed"}, {"pathway": "co_ppt", "status": "closed"}]
    results.insert(1, {"pathway": "co_visa_v_special", "status": "likely_eligible"})
    message = _render(renderer, "en", topic="cost", results=results, country="CO")
    assert message["custom"]["followup"]["pathway"] == "co_visa_v_special"
    assert message["text"].splitlines()[1] == "Cost: Not confirmed."


def test_term_is_the_glossary_definition(renderer, shipped_kb) -> None:
    for lang in ALL_LANGUAGES:
        message = _render(renderer, lang, topic="term", term="ppt", country="CO")
        assert message["text"] == next(t for t in shipped_kb.glossary if t.id == "ppt").definition[lang]
    assert _render(renderer, "es", topic="term", term="ppt")["text"].startswith(
        "El PPT (Permiso por Protección Temporal) es el permiso gratuito"
    )


def test_where_is_the_comar_names_the_office_in_the_persons_state_first(renderer) -> None:
    facts = {"current_country": "MX", "current_region": "MX-CHP"}
    text = _render(renderer, "es", topic="where", term="comar", country="MX", facts=facts)["text"]
    lines = text.splitlines()
    assert lines[0] == "• COMAR – Centro Multiservicios de Tapachula (CMS-T)"
    assert lines[-2:] == ["• Comisión Mexicana de Ayuda a Refugiados (COMAR)", "  https://www.gob.mx/comar"]


def test_where_to_apply_names_the_authority_and_the_nearest_centre(renderer) -> None:
    facts = {"current_country": "CO", "current_region": "CO-DC"}
    text = _render(renderer, "es", topic="where", pathway="co_visa_v_special", country="CO", facts=facts)[
        "text"
    ]
    lines = text.splitlines()
    assert lines[:3] == [
        "*Visa V – Visitante Especial para venezolanos en Colombia*",
        "• Migración Colombia (Unidad Administrativa Especial Migración Colombia)",
        "  ☎ 01 8000 42 37 01 · https://www.migracioncolombia.gov.co",
    ]
    assert lines[3].startswith("• ")


def test_a_passed_deadline_is_said_with_what_a_late_claim_needs(renderer, shipped_kb) -> None:
    facts = {"nationality": "HT", "current_country": "CL", "entry_date": "2019-03-01", "fear_of_return": True}
    results = [{"pathway": "asylum_cl", "status": "likely_eligible"}]
    text = _render(renderer, "fr", topic="deadline", results=results, country="CL", facts=facts)["text"]
    late = shipped_kb.pathway("asylum_cl").filing_deadline.late["fr"]
    assert text.splitlines()[0] == "*Asile au Chili (statut de réfugié)*"
    assert text.splitlines()[-1] == late
    assert "12 mars 2019" in text.splitlines()[1]


def test_a_closed_programme_says_since_when_and_what_it_means_for_a_holder(renderer, shipped_kb) -> None:
    facts = {"nationality": "HT", "current_country": "US", "holds": ["us_chnv_parole"]}
    text = _render(renderer, "en", topic="deadline", pathway="us_chnv_parole", country="US", facts=facts)[
        "text"
    ]
    assert text.splitlines() == [
        "*Parole processes for Cubans, Haitians, Nicaraguans and Venezuelans (CHNV)*",
        "This programme ended on 25 March 2025.",
        shipped_kb.pathway("us_chnv_parole").holders["en"],
    ]


def test_a_need_gets_its_reply_and_who_can_help(renderer, shipped_kb) -> None:
    text = _render(renderer, "ht", topic="need", need="job", country="CL", facts={"current_country": "CL"})[
        "text"
    ]
    lines = text.splitlines()
    assert lines[0] == next(n for n in shipped_kb.needs if n.id == "job").reply["ht"]
    assert lines[1] == "• Servicio Jesuita a Migrantes (SJM)"
    assert "• Servicio Nacional de Migraciones (SERMIG)" in lines


def test_a_need_without_a_country_says_so(renderer) -> None:
    text = _render(renderer, "es", topic="need", need="lawyer")["text"]
    assert text.splitlines()[-1] == renderer.t("es", "help.no_country")


@pytest.mark.parametrize(
    "args",
    [
        {"topic": "price"},
        {"topic": "cost", "pathway": "nope"},
        {"topic": "term", "term": "nope"},
        {"topic": "need", "need": "nope"},
        {"topic": "cost", "results": "co_ppt"},
        {"topic": "cost", "on": "30/11/2026"},
    ],
)
def test_bad_arguments(renderer, args) -> None:
    with pytest.raises(BadArguments):
        render_followup(renderer, "es", {"on": ON, **args})


def test_answers_are_short(renderer, shipped_kb) -> None:
    """Never the whole results: a price, a place or a word fits in a few SMS."""
    for lang in ALL_LANGUAGES:
        for pathway in shipped_kb.pathways:
            for topic in ("cost", "where"):
                text = _render(renderer, lang, topic=topic, pathway=pathway.id, country=pathway.country)[
                    "text"
                ]
                assert len(text) < 700, (lang, topic, pathway.id, len(text))
        for term in shipped_kb.glossary:
            assert len(_render(renderer, lang, topic="term", term=term.id)["text"]) < 460, (lang, term.id)


def test_no_message_id_or_english_leaks(renderer, shipped_kb) -> None:
    if not catalog_merged(renderer):
        pytest.skip("catalog messages of /work/briefs/catalog-requests/followups.yml not merged yet")
    english = re.compile(r"\b(the|you|apply|where|cost|deadline|which|how)\b")
    topics = ["cost", "where", "how", "deadline", "thanks", "other"]
    for lang in ALL_LANGUAGES:
        for pathway in shipped_kb.pathways:
            for topic in topics:
                text = _render(renderer, lang, topic=topic, pathway=pathway.id, country=pathway.country)[
                    "text"
                ]
                assert "followup." not in text and "results." not in text, (lang, topic, pathway.id)
                if lang != "en":
                    assert not english.search(text.split("http")[0].lower()), (lang, text)


def test_thanks_and_other_once_merged(renderer) -> None:
    if not catalog_merged(renderer):
        pytest.skip("catalog messages of /work/briefs/catalog-requests/followups.yml not merged yet")
    assert _render(renderer, "es", topic="thanks")["text"] == (
        "Con gusto. También puedes preguntarme cuánto cuesta, dónde se pide, cómo hacerlo, qué significa "
        "una palabra, o escribir «por qué»."
    )
    other = _render(renderer, "en", topic="other", country="AR", facts={"current_country": "AR"})["text"]
    assert other.splitlines()[0] == "I can't answer that question. These people can help you:"
