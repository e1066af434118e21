"""Results that are honest about time and place: open now, applied before, held, ended; closing
dates, unconfirmed statuses and passed deadlines said plainly; help near the person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.eligibility.engine import evaluate
from bot.kb import load_knowledge_base
from bot.nlg.responses import BadArguments, Renderer
from bot.settings import PROJECT_ROOT, SUPPORTED_LANGUAGES

HONEST_KB = Path(__file__).resolve().parents[1] / "fixtures" / "kb_honest"
ON = "2026-11-30"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(HONEST_KB, PROJECT_ROOT / "locales")


@pytest.fixture
def renderer(kb, settings) -> Renderer:
    return Renderer(kb, settings)


def _results(renderer, language, facts, on=ON):
    outcomes = evaluate(renderer.kb, facts, date.fromisoformat(on))
    results = [{"pathway": o.pathway.id, "status": o.status} for o in outcomes]
    arguments = {"results": results, "on": on, "country": facts.get("current_country"), "facts": facts}
    return renderer.render("utter_results", language, arguments)


def test_a_window_closing_soon_says_its_last_day_in_every_language(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "holds": [], "children_hold": []}
    expected = {
        "es": "el último día para pedirlo es el 4 de diciembre de 2026",
        "pt": "o último dia para pedir é 4 de dezembro de 2026",
        "en": "the last day to apply is 4 December 2026",
        "fr": "le dernier jour pour faire la demande est le 4 décembre 2026",
        "ht": "dènye jou pou fè demann lan se 4 desanm 2026",
    }
    for language in SUPPORTED_LANGUAGES:
        message = _results(renderer, language, facts)
        assert expected[language] in message["text"], language
        (window,) = [r for r in message["custom"]["results"] if r["pathway"] == "visa_window"]
        assert window == {"pathway": "visa_window", "status": "likely_eligible", "flags": ["closes_soon"]}


def test_creole_dates_use_creole_months(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "holds": [], "children_hold": []}
    text = _results(renderer, "ht", facts)["text"]
    assert "30 novanm 2026" in text  # last verified
    for french in ("janvier", "décembre", "novembre", "juillet"):
        assert french not in text


def test_closed_programmes_are_never_under_may_fit_you(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CO", "holds": [], "children_hold": []}
    text = _results(renderer, "en", facts, on="2027-01-10")["text"]
    assert text.startswith("From what you told me, I found no pathway open to you right now.")
    assert "this may fit you" not in text
    heading = "Closed to new applications. These matter only if you applied before they closed:"
    applied_before = text.split(heading)[1]
    assert "• old_plan en: This programme has been closed since 1 December 2015." in applied_before
    assert "• visa_window en: This programme has been closed since 5 December 2026." in applied_before


def test_an_unconfirmed_status_carries_its_warning(renderer) -> None:
    facts = {"nationality": "SV", "current_country": "US", "holds": ["tps"]}
    text = _results(renderer, "es", facts)["text"]
    assert "⚠️ Sin confirmar: Extended by statute, not confirmed es." in text
    assert "What TPS holders do es." in text  # the holder is told what it means for them


def test_a_passed_deadline_is_said_plainly_with_what_a_late_claim_needs(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CL", "fear_of_return": True, "entry_date": "2025-11-01"}
    text = _results(renderer, "es", facts)["text"]
    assert "El plazo para pedirlo, contado desde tu llegada, era el 11 de noviembre de 2025. Ya pasó." in text
    assert "A late claim needs reasons es." in text
    assert "Parece que cumples" not in text


def test_a_deadline_still_ahead_gives_the_last_day(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CL", "fear_of_return": True, "entry_date": "2026-11-27"}
    text = _results(renderer, "en", facts)["text"]
    assert "Counted from your arrival, you must apply by 8 December 2026." in text


def test_an_ended_programme_speaks_to_its_holder(renderer) -> None:
    facts = {"nationality": "HT", "current_country": "US", "holds": ["parole"], "fear_of_return": False}
    message = _results(renderer, "en", facts)
    text = message["text"]
    held = text.split("What you have or had, and what it means for you now:")[1]
    assert "*parole en*\nThis programme ended on 25 April 2025.\nWhat parolees do now en." in held
    assert message["custom"]["results"] == [{"pathway": "parole", "status": "closed", "flags": ["held"]}]


def test_an_ended_programme_is_listed_as_ended_for_someone_who_never_held_it(renderer) -> None:
    facts = {"nationality": "HT", "current_country": "US", "holds": [], "fear_of_return": False}
    text = _results(renderer, "en", facts)["text"]
    assert "These programmes ended:\n• parole en: This programme ended on 25 April 2025." in text
    assert "What parolees do now" not in text


def test_nothing_open_gives_the_authority_legal_aid_centre_and_hotlines(renderer) -> None:
    facts = {"nationality": "CO", "current_country": "CL", "fear_of_return": False}
    text = _results(renderer, "es", facts)["text"]
    assert "La autoridad que decide:\n• Contact cl_sermig: About cl_sermig es." in text
    assert "San Antonio 580, Santiago de Chile" in text and "☎ +56 2 2486 3200" in text
    assert "Ayuda legal gratuita:\n• Contact cl_legal" in text
    centres = "Centros de atención a migrantes cerca de ti:\n• Centre cl_centre: Services of cl_centre es."
    assert centres in text
    assert "• Contact cl_133: ☎ 133" in text
    assert "nombradas arriba" not in text


def test_the_us_never_defaults_to_another_states_centre(renderer) -> None:
    in_texas = {"nationality": "HT", "current_country": "US", "current_region": "US-TX", "holds": []}
    text = _results(renderer, "en", in_texas)["text"]
    assert "Centre tx_centre" in text and "Centre md_centre" not in text
    assert text.index("Contact us_tx_legal") < text.index("Contact us_directory")
    nowhere = {"nationality": "HT", "current_country": "US", "holds": []}
    text = _results(renderer, "en", nowhere)["text"]
    assert "Centre md_centre" not in text and "Centre tx_centre" not in text
    assert "Contact us_directory" in text and "https://www.immigrationadvocates.org/legaldirectory/" in text


def test_centre_directions_are_in_the_persons_language(renderer) -> None:
    facts = {"nationality": "HT", "current_country": "US", "current_region": "US-TX", "holds": []}
    for language in SUPPORTED_LANGUAGES:
        text = _results(renderer, language, facts)["text"]
        assert f"1 Main St, Houston — Directions to tx_centre {language}." in text


def test_fear_puts_the_asylum_authority_and_hotlines_first(renderer) -> None:
    facts = {"nationality": "VE", "current_country": "CL", "fear_of_return": True, "entry_date": "2026-11-27"}
    text = _results(renderer, "en", facts)["text"]
    authorities = text.split("The authority that decides:")[1]
    assert authorities.index("Contact cl_asylum") < authorities.index("Contact cl_sermig")
    assert "Emergency and help lines:\n• Contact cl_133: ☎ 133" in text


def test_list_question_offers_the_person_s_options_then_none_and_dont_know(renderer) -> None:
    message = renderer.render("utter_ask_question", "es", {"question": "holds", "options": ["parole"]})
    titles = [b["title"] for b in message["buttons"]]
    assert titles == ["parole es", "Ninguno de estos", "No sé"]
    assert message["custom"] == {"question": "holds", "options": ["parole", "none", "unknown"]}
    arguments = {"question": "holds", "options": ["asylum_claim_denied"]}
    claims = renderer.render("utter_ask_question", "fr", arguments)
    assert claims["buttons"][0]["title"] == "Une demande d'asile ou de statut de réfugié qui a été refusée"


@pytest.mark.parametrize("options", [None, [], ["atlantis"], "parole", [1]])
def test_list_question_without_real_options_is_refused(renderer, options) -> None:
    with pytest.raises(BadArguments):
        renderer.render("utter_ask_question", "es", {"question": "holds", "options": options})
