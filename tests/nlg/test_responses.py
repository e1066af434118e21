"""Each response renders in the requested language with the design's `custom` metadata."""

import json

import pytest

from bot.nlg.responses import BadArguments, Renderer, UnknownResponse


@pytest.fixture
def renderer(kb, settings) -> Renderer:
    return Renderer(kb, settings)


def test_language_question_speaks_every_language(renderer) -> None:
    message = renderer.render("utter_ask_language", "es", {})
    assert message["text"].startswith("Elige tu idioma: / Escolha seu idioma: / Choose your language: / ")
    assert message["text"].count(" / ") == 4
    assert [b["title"] for b in message["buttons"]] == [
        "Español",
        "Português",
        "English",
        "Français",
        "Kreyòl Ayisyen",
    ]
    assert message["custom"] == {"question": "language", "options": ["es", "pt", "en", "fr", "ht"]}


@pytest.mark.parametrize(
    ("lang", "prompt", "first_titles"),
    [
        ("es", "¿Cuál es tu nacionalidad?", ["Venezuela", "Colombia", "Haití"]),
        ("pt", "Qual é a sua nacionalidade?", ["Venezuela", "Colômbia", "Haiti"]),
        ("en", "What is your nationality?", ["Venezuela", "Colombia", "Haiti"]),
    ],
)
def test_question_in_each_language(renderer, lang, prompt, first_titles) -> None:
    message = renderer.render("utter_ask_question", lang, {"question": "nationality"})
    assert message["text"].startswith(prompt)
    assert [b["title"] for b in message["buttons"][:3]] == first_titles
    assert message["custom"] == {"question": "nationality", "options": ["VE", "CO", "HT"]}
    payload = message["buttons"][0]["payload"]
    assert payload.startswith("/inform") and json.loads(payload[len("/inform") :]) == {"answer": "VE"}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ["*border es*", "Resumen border.", "verificada por última vez el 2 de julio de 2026"]),
        ("pt", ["*border pt*", "Resumo border.", "verificada pela última vez em 2 de julho de 2026"]),
        ("en", ["*border en*", "Summary border.", "Information last verified on 2 July 2026."]),
    ],
)
def test_results_in_each_language(renderer, lang, words) -> None:
    results = [
        {"pathway": "border", "status": "likely_eligible"},
        {"pathway": "agreement", "status": "not_eligible"},
    ]
    message = renderer.render("utter_results", lang, {"results": results, "on": "2026-11-24"})
    for word in words:
        assert word in message["text"]
    assert "agreement" not in message["text"]  # not_eligible pathways are not presented as fits
    assert message["custom"] == {"results": [{"pathway": "border", "status": "likely_eligible"}]}


def test_no_results_says_so_and_carries_empty_results(renderer) -> None:
    message = renderer.render("utter_results", "en", {"results": []})
    assert message["text"].startswith("From what you told me, I found no pathway open to you right now.")
    assert message["custom"] == {"results": []}


def test_closed_programmes_are_said_to_be_closed_with_the_date(renderer) -> None:
    message = renderer.render(
        "utter_results",
        "es",
        {"results": [{"pathway": "permit", "status": "closed"}], "on": "2026-11-24"},
    )
    assert "Este programa está cerrado desde el 25 de noviembre de 2023." in message["text"]


def test_at_most_three_results_in_full_then_one_line_each(renderer, kb) -> None:
    results = [{"pathway": p.id, "status": "possibly_eligible"} for p in kb.pathways]
    message = renderer.render("utter_results", "en", {"results": results, "country": "BR"})
    text = message["text"]
    assert text.count("How to apply:") == 3
    others = text.split("Other options:")[1].split("\n\n")[0]
    assert others.count("\n• ") == len(results) - 3
    assert len(message["custom"]["results"]) == len(results)  # every pathway the message names
    assert 'Write "why" to see the reasons and sources.' in text
    assert "Migrant service centres near you:\n• Test centre: Guidance\n  Rua Teste, 1, São Paulo" in text


def test_needs_review_is_said(renderer) -> None:
    message = renderer.render(
        "utter_results", "en", {"results": [{"pathway": "agreement", "status": "possibly_eligible"}]}
    )
    assert "This rule may have changed" in message["text"]


@pytest.mark.parametrize(
    ("lang", "titles"),
    [("es", ["Sí", "No", "No sé"]), ("pt", ["Sim", "Não", "Não sei"]), ("en", ["Yes", "No", "I don't know"])],
)
def test_yes_no_questions_offer_three_options(renderer, lang, titles) -> None:
    message = renderer.render("utter_ask_question", lang, {"question": "fear_of_return"})
    assert [b["title"] for b in message["buttons"]] == titles
    assert message["custom"] == {"question": "fear_of_return", "options": ["yes", "no", "unknown"]}


def test_date_questions_offer_i_dont_know(renderer) -> None:
    message = renderer.render("utter_ask_question", "es", {"question": "entry_date"})
    assert message["text"].startswith("¿Cuándo entraste por última vez")
    assert message["custom"] == {"question": "entry_date", "options": ["unknown"]}


def test_unknown_language_falls_back_to_the_default(renderer) -> None:
    assert renderer.render("utter_not_understood", "de", {})["text"] == "Perdón, no entendí esa respuesta."


def test_unknown_response_and_bad_arguments(renderer) -> None:
    with pytest.raises(UnknownResponse):
        renderer.render("utter_nothing", "es", {})
    with pytest.raises(BadArguments):
        renderer.render("utter_ask_question", "es", {"question": "favourite_colour"})
    with pytest.raises(BadArguments):
        renderer.render("utter_results", "es", {"results": [{"pathway": "atlantis"}]})
    with pytest.raises(BadArguments):
        renderer.render("utter_results", "es", {"results": "all of them"})


def test_ended_and_not_yet_open_programmes(renderer) -> None:
    not_yet = renderer.render(
        "utter_results", "en", {"results": [{"pathway": "permit", "status": "closed"}], "on": "2020-01-01"}
    )
    assert "This programme is not open yet." in not_yet["text"]


def test_no_help_known_in_the_country(renderer) -> None:
    message = renderer.render(
        "utter_results",
        "es",
        {"results": [{"pathway": "border", "status": "likely_eligible"}], "country": "CL"},
    )
    assert "Todavía no sé a dónde enviarte para pedir ayuda en ese país." in message["text"]


def test_why_lists_conditions_and_the_source(renderer) -> None:
    facts = {"nationality": "CO", "current_country": "BR", "has_criminal_record": None}
    message = renderer.render(
        "utter_why",
        "en",
        {"results": [{"pathway": "agreement", "status": "possibly_eligible"}], "facts": facts},
    )
    text = message["text"]
    assert text.startswith("Why I said this:")
    assert "You are Colombian ✓" in text
    assert "I don't know yet whether you have a criminal record ?" in text
    assert "Source: Source of agreement\nhttps://example.org/agreement" in text
    assert "nationality" not in text and "has_criminal_record" not in text


@pytest.mark.parametrize("name", ["utter_confirm_delete", "utter_offer_human"])
def test_confirmations_are_yes_no_questions(renderer, name) -> None:
    message = renderer.render(name, "pt", {})
    assert [b["title"] for b in message["buttons"]] == ["Sim", "Não"]
    assert message["custom"]["options"] == ["yes", "no"]


def test_consent_lists_the_commands(renderer) -> None:
    text = renderer.render("utter_consent", "es", {})["text"]
    assert "Nunca las comparto con autoridades migratorias." in text and '"borrar mis datos"' in text
