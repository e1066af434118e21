"""Global commands through the whole stack: language switch, back, restart, a person, delete (and
that the database really forgets), "why", and a second misunderstanding that opens a ticket."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine

pytestmark = pytest.mark.integration


def _sender() -> str:
    return f"cmd-{uuid.uuid4().hex[:10]}"


def _text(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def _question(messages: list[dict]) -> str | None:
    asked = [m["custom"]["question"] for m in messages if "question" in m.get("custom", {})]
    return asked[-1] if asked else None


def _rows(stack, sql: str, **params) -> list:
    with get_engine(stack.settings.database_url).connect() as connection:
        return connection.execute(sa.text(sql), params).all()


def test_language_switch_mid_conversation(stack) -> None:
    sender = _sender()
    stack.say(sender, "hola")
    stack.say(sender, "Venezuela")
    switched = stack.say(sender, "cambiar idioma")
    assert _question(switched) == "language"
    english = stack.say(sender, "English")
    assert "I will write in English from now on." in _text(english)
    assert _question(english) == "current_country" and "Which country are you in now?" in _text(english)


def test_back_and_restart(stack) -> None:
    sender = _sender()
    stack.say(sender, "hola")
    stack.say(sender, "Venezuela")
    after_country = stack.say(sender, "Brasil")
    next_question = _question(after_country)
    back = stack.say(sender, "atrás")
    assert "volvamos a la pregunta anterior" in _text(back) and _question(back) == "current_country"
    assert _question(stack.say(sender, "Perú")) is not None  # a different answer is taken
    restarted = stack.say(sender, "empezar de nuevo")
    assert "Empecemos de nuevo" in _text(restarted) and _question(restarted) == "nationality"
    assert next_question  # the first path asked something after the country


def test_asking_for_a_person_opens_a_ticket_with_the_answers(stack) -> None:
    sender = _sender()
    stack.say(sender, "hola")
    stack.say(sender, "Venezuela")
    reply = stack.say(sender, "quiero hablar con una persona")
    assert "Una persona de la línea de ayuda te escribirá por aquí" in _text(reply)
    assert _question(reply) is None  # no question: the bot is paused
    rows = _rows(
        stack,
        "SELECT reason, facts, summary FROM tickets WHERE conversation_key = :k",
        k=conversation_key(sender),
    )
    assert [(r[0], json.loads(r[1])) for r in rows] == [("asked", {"nationality": "VE"})]
    assert rows[0][2] == "nationality=VE"


def test_second_misunderstanding_offers_a_person(stack) -> None:
    sender = _sender()
    stack.say(sender, "bonjour")
    first = stack.say(sender, "blablabla")
    assert "Désolé" in _text(first) or "pas compris" in _text(first)
    second = stack.say(sender, "hmmmmm zzz")
    assert _question(second) == "offer_human"
    handed = stack.say(sender, "oui")
    assert "Une personne de la ligne d'aide" in _text(handed) and _question(handed) is None
    rows = _rows(stack, "SELECT reason FROM tickets WHERE conversation_key = :k", k=conversation_key(sender))
    assert rows == [("misunderstood",)]


def test_why_after_results(stack) -> None:
    sender = _sender()
    persona = {
        "nationality": "Colombia",
        "current_country": "Brazil",
        "fear_of_return": "no",
        "has_criminal_record": "no",
        "entry_date": "January 2024",
        "entry_regular": "yes",
        "birth_date": "1990-10-10",
        "has_passport_or_id": "yes",
    }
    stack.converse(sender, ["hello"], persona)
    why = _text(stack.say(sender, "why?"))
    assert why.startswith("Why I said this:")
    assert "You are Colombian ✓" in why and "Source: " in why and "https://" in why
    assert "nationality" not in why  # plain sentences, no condition ids


def test_delete_my_data_erases_the_conversation(stack) -> None:
    sender = _sender()
    stack.say(sender, "olá")
    stack.say(sender, "Venezuela")
    stack.say(sender, "quero falar com uma pessoa")
    key = conversation_key(sender)
    assert _rows(stack, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=sender)[0][0] > 0
    confirm = stack.say(sender, "apagar meus dados")
    assert _question(confirm) == "confirm_delete"
    done = stack.say(sender, "sim")
    assert "apaguei suas respostas e esta conversa" in _text(done)
    assert _rows(stack, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=sender)[0][0] == 0
    assert _rows(stack, "SELECT COUNT(*) FROM consents WHERE conversation_key = :k", k=key)[0][0] == 0
    assert _rows(stack, "SELECT COUNT(*) FROM tickets WHERE conversation_key = :k", k=key)[0][0] == 0
    fresh = stack.say(sender, "oi")  # a new conversation from zero
    assert "Nunca as compartilho com autoridades migratórias" in _text(fresh)


def test_delete_cancelled_keeps_everything(stack) -> None:
    sender = _sender()
    stack.say(sender, "hello")
    stack.say(sender, "Venezuela")
    stack.say(sender, "delete my data")
    kept = stack.say(sender, "no")
    assert "I did not delete anything" in _text(kept)
    assert _rows(stack, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=sender)[0][0] > 0


def test_i_dont_know_is_stored_as_unknown_and_never_asked_again(stack) -> None:
    sender = _sender()
    stack.say(sender, "hola")
    stack.say(sender, "Venezuela")
    after = stack.say(sender, "no sé")  # to the current-country question
    assert _question(after) not in (None, "current_country")
    events = _rows(
        stack, "SELECT data FROM events WHERE sender_id = :s AND type_name = 'slot' ORDER BY id", s=sender
    )
    facts = [json.loads(d)["value"] for (d,) in events if json.loads(d)["name"] == "facts"][-1]
    assert facts == {"nationality": "VE", "current_country": None}
