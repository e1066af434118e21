"""Whole conversations over Rasa's REST channel, through all three processes and the database.

Personas answer whatever the engine asks, so the tests follow the knowledge base rather than a
fixed script; they assert on the `custom` metadata, the language of the text and the results.
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine

pytestmark = pytest.mark.integration

QUESTION_WORDS = {
    "es": ["¿Cuál es tu nacionalidad?", "¿En qué país estás ahora?"],
    "pt": ["Qual é a sua nacionalidade?", "Em que país você está agora?"],
    "en": ["What is your nationality?", "Which country are you in now?"],
}


def _sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def _results(transcript: list[dict]) -> dict[str, str]:
    (custom,) = [m["custom"] for m in transcript if "results" in m.get("custom", {})]
    return {r["pathway"]: r["status"] for r in custom["results"]}


def _text(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages if "text" in m)


def _questions(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if "question" in m.get("custom", {})]


SPANISH_VENEZUELAN_IN_BRAZIL = {
    "nationality": "soy de Venezuela",
    "current_country": "ahora estoy en Brasil",
    "fear_of_return": "no",
    "has_criminal_record": "no",
    "entry_date": "15/03/2023",
    "entry_regular": "sí",
    "birth_date": "21/08/1995",
    "has_passport_or_id": "sí",
}


def test_an_unclear_first_message_asks_the_language(stack) -> None:
    first = stack.say(_sender(), "👋")
    assert _questions(first) == [{"question": "language", "options": ["es", "pt", "en", "fr", "ht"]}]
    assert "Elige tu idioma" in _text(first) and "Chwazi lang ou" in _text(first)


def test_spanish_conversation_with_free_text(stack) -> None:
    sender = _sender()
    first = stack.say(sender, "👋")
    assert _questions(first)[0]["question"] == "language"
    transcript = stack.converse(sender, ["español"], SPANISH_VENEZUELAN_IN_BRAZIL)
    assert "Nunca las comparto con autoridades migratorias" in _text(transcript)
    assert any(q in _text(transcript) for q in QUESTION_WORDS["es"])
    results = _results(transcript)
    assert results.get("br_residence_border_countries") == "likely_eligible"
    text = _text(transcript)
    assert "Residencia en Brasil para nacionales de Venezuela" in text
    assert "Información verificada por última vez el" in text
    assert "Policía Federal" in text
    questions = [q["question"] for q in _questions(transcript)]
    assert len(questions) == len(set(questions)), "a question was asked twice"


def test_english_conversation_with_numbers_and_buttons(stack) -> None:
    sender = _sender()
    stack.say(sender, "...")
    second = stack.say(sender, "3")  # the third language option
    (question,) = _questions(second)
    assert any(q in _text(second) for q in QUESTION_WORDS["en"])
    buttons = next(m["buttons"] for m in second if m.get("buttons"))
    pick = "Colombia" if question["question"] == "nationality" else "Brazil"
    payload = next(b["payload"] for b in buttons if b["title"] == pick)
    persona = {
        "nationality": "Colombia",
        "current_country": "I'm in Brazil",
        "fear_of_return": "no",
        "has_criminal_record": "no",
        "entry_date": "2024-01-10",
        "entry_regular": "yes",
        "birth_date": "1990-05-02",
        "has_passport_or_id": "yes",
    }
    transcript = stack.converse(sender, [payload], persona)  # a button press sends its payload
    assert _results(transcript).get("mercosur_br") == "likely_eligible"
    assert "MERCOSUR residence in Brazil" in _text(transcript)
    assert "Information last verified on " in _text(transcript)


def test_portuguese_conversation_and_a_misunderstood_answer(stack) -> None:
    sender = _sender()
    second = stack.say(sender, "oi")  # Portuguese, detected from the greeting
    asked = _questions(second)[-1]["question"]
    again = stack.say(sender, "hmm")
    assert "Desculpe, não entendi essa resposta." in _text(again)
    assert _questions(again)[-1]["question"] == asked  # asked again, nothing stored
    persona = {
        "nationality": "Haiti",
        "current_country": "Brasil",
        "fear_of_return": "sim",
        "has_criminal_record": "não",
        "entry_date": "10/02/2024",
        "entry_regular": "sim",
        "birth_date": "03/04/1988",
        "has_passport_or_id": "sim",
    }
    transcript = stack.converse(sender, [persona[asked]], persona)
    assert _results(transcript).get("asylum_br") == "likely_eligible"
    assert "Informação verificada pela última vez em" in _text(transcript)


def test_tracker_and_consent_are_in_the_configured_database(stack) -> None:
    sender = _sender()
    stack.say(sender, "hola")
    engine = get_engine(stack.settings.database_url)
    expected_dialect = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert engine.dialect.name == expected_dialect
    with engine.connect() as connection:
        events = connection.execute(
            sa.text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
        ).all()
        consents = connection.execute(
            sa.text("SELECT channel, language FROM consents WHERE conversation_key = :k"),
            {"k": conversation_key(sender)},
        ).all()
    slots = {json.loads(d)["name"]: json.loads(d)["value"] for t, d in events if t == "slot"}
    assert slots["language"] == "es" and slots["pending_question"] in ("nationality", "current_country")
    assert consents == [("rest", "es")]


def test_lock_store_matches_the_configuration(stack) -> None:
    expected = "Lock store: Redis at" if os.environ.get("REDIS_URL") else "Lock store: in memory"
    assert expected in stack.logs()
