"""Whole conversations over Rasa's REST channel, through all three processes and the database."""

from __future__ import annotations

import json
import os
import uuid

import pytest
import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine

pytestmark = pytest.mark.integration


def _sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def _custom(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if "custom" in m]


def _text(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages if "text" in m)


def _question(messages: list[dict]) -> dict:
    (custom,) = [c for c in _custom(messages) if "question" in c]
    return custom


def test_spanish_conversation_with_free_text(stack) -> None:
    sender = _sender()
    first = stack.say(sender, "hola")
    assert _question(first) == {"question": "language", "options": ["es", "pt", "en"]}
    assert "Elige tu idioma" in _text(first)

    second = stack.say(sender, "español")
    assert "Nunca las comparto con autoridades migratorias" in _text(second)
    assert _question(second)["question"] == "nationality"
    assert "¿Cuál es tu nacionalidad?" in _text(second)
    assert [b["title"] for b in second[-2]["buttons"]][:3] == ["Venezuela", "Colombia", "Haití"]

    third = stack.say(sender, "soy de Venezuela")
    assert _question(third)["question"] == "current_country"
    assert "¿En qué país estás ahora?" in _text(third)

    final = stack.say(sender, "ahora estoy en Brasil")
    assert _custom(final) == [
        {"results": [{"pathway": "br_residence_border_countries", "status": "likely_eligible"}]}
    ]
    text = _text(final)
    assert "Residencia en Brasil para nacionales de Venezuela, Guyana y Surinam" in text
    assert "Información verificada por última vez el 2 de julio de 2026." in text
    assert "Policía Federal" in text


def test_english_conversation_with_numbers_and_buttons(stack) -> None:
    sender = _sender()
    stack.say(sender, "hello")
    second = stack.say(sender, "3")  # the third language option
    assert "What is your nationality?" in _text(second)
    colombia = next(b for b in second[-2]["buttons"] if b["title"] == "Colombia")
    third = stack.say(sender, colombia["payload"])  # what pressing the button sends
    assert "Which country are you in now?" in _text(third)
    final = stack.say(sender, "I'm in Brazil")
    assert _custom(final) == [{"results": [{"pathway": "mercosur_br", "status": "likely_eligible"}]}]
    assert "MERCOSUR residence in Brazil" in _text(final)
    assert "Information last verified on July 2, 2026." in _text(final)


def test_portuguese_conversation_and_a_misunderstood_answer(stack) -> None:
    sender = _sender()
    stack.say(sender, "oi")
    assert "Qual é a sua nacionalidade?" in _text(stack.say(sender, "português"))
    again = stack.say(sender, "hmm não sei dizer")
    assert "Desculpe, não entendi essa resposta." in _text(again)
    assert _question(again)["question"] == "nationality"
    stack.say(sender, "Peru")
    final = stack.say(sender, "Chile")
    assert _custom(final) == [{"results": []}]
    assert "Ainda não encontrei um caminho" in _text(final)


def test_tracker_and_consent_are_in_the_configured_database(stack) -> None:
    sender = _sender()
    stack.say(sender, "hola")
    stack.say(sender, "español")
    engine = get_engine(stack.settings.database_url)
    expected_dialect = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert engine.dialect.name == expected_dialect
    with engine.connect() as connection:
        events = connection.execute(
            sa.text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
            {"s": sender},
        ).all()
        consents = connection.execute(
            sa.text("SELECT channel, language FROM consents WHERE conversation_key = :k"),
            {"k": conversation_key(sender)},
        ).all()
    slots = {json.loads(d)["name"]: json.loads(d)["value"] for t, d in events if t == "slot"}
    assert slots["language"] == "es" and slots["pending_question"] == "nationality"
    assert consents == [("rest", "es")]


def test_lock_store_matches_the_configuration(stack) -> None:
    expected = "Lock store: Redis at" if os.environ.get("REDIS_URL") else "Lock store: in memory"
    assert expected in stack.logs()
