"""The same bot message as SMS numbered text, WhatsApp buttons or list, and a Telegram keyboard."""

from __future__ import annotations

import pytest

from bot.channels.render import numbered, telegram_keyboard, whatsapp_interactive
from bot.i18n.answers import parse_option

YES_NO = [
    {"title": "Sí", "payload": '/inform{"answer":"yes"}'},
    {"title": "No", "payload": '/inform{"answer":"no"}'},
    {"title": "No sé", "payload": '/inform{"answer":"unknown"}'},
]
COUNTRIES = [{"title": name, "payload": f'/inform{{"answer":"{code}"}}'} for code, name in [
    ("VE", "Venezuela"), ("CO", "Colombia"), ("HT", "Haití"), ("CU", "Cuba"), ("PE", "Perú"),
    ("EC", "Ecuador"), ("BO", "Bolivia"), ("NI", "Nicaragua"),
]]  # fmt: skip


def test_sms_numbered_list() -> None:
    assert numbered("¿Tienes miedo de volver?", YES_NO) == "¿Tienes miedo de volver?\n1. Sí\n2. No\n3. No sé"
    assert numbered("Hola.", []) == "Hola."


@pytest.mark.parametrize(
    ("reply", "expected"),
    [("2", "no"), ("2.", "no"), ("dos", "no"), ("two", "no"), ("de", "no"), ("3)", "unknown")],
)
def test_a_typed_number_maps_to_the_option(reply: str, expected: str) -> None:
    assert parse_option(reply, [b["payload"] for b in YES_NO]) == f'/inform{{"answer":"{expected}"}}'


@pytest.mark.parametrize("reply", ["4", "0", "cuatro", "Venezuela", ""])
def test_other_replies_are_not_options(reply: str) -> None:
    assert parse_option(reply, [b["payload"] for b in YES_NO]) is None


def test_whatsapp_reply_buttons_for_three_short_options() -> None:
    interactive = whatsapp_interactive("¿Tienes miedo de volver?", YES_NO, "Opciones")
    assert interactive["type"] == "button"
    assert [b["reply"]["title"] for b in interactive["action"]["buttons"]] == ["Sí", "No", "No sé"]


def test_whatsapp_list_for_up_to_ten_options() -> None:
    interactive = whatsapp_interactive("¿Cuál es tu nacionalidad?", COUNTRIES, "Ver opciones")
    assert interactive["type"] == "list"
    rows = interactive["action"]["sections"][0]["rows"]
    assert len(rows) == 8 and rows[0] == {"id": '/inform{"answer":"VE"}', "title": "Venezuela"}


def test_whatsapp_long_titles_use_a_list_and_too_many_options_fall_back_to_text() -> None:
    long = [
        {"title": "Residencia temporal por acuerdo", "payload": "/a"},
        {"title": "Asilo", "payload": "/b"},
    ]
    assert whatsapp_interactive("Elige:", long, "Opciones")["type"] == "list"
    many = COUNTRIES + COUNTRIES[:3]
    assert whatsapp_interactive("Elige:", many, "Opciones") is None


def test_telegram_callback_data_stays_within_64_bytes() -> None:
    long_payload = [{"title": "Opción", "payload": '/inform{"answer":"' + "x" * 80 + '"}'}]
    assert telegram_keyboard(long_payload) == [[{"text": "Opción", "callback_data": "1"}]]
    rows = telegram_keyboard(YES_NO)
    assert rows[0] == [{"text": "Sí", "callback_data": '/inform{"answer":"yes"}'}]
    assert all(len(r[0]["callback_data"].encode()) <= 64 for r in rows)
