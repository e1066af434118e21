"""Telegram: updates with the secret token in, python-telegram-bot replies to the fake Bot API."""

from __future__ import annotations

import json
import random

import pytest
import requests

from bot.i18n.catalogs import translate
from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES
from tests.integration.conftest import TELEGRAM_SECRET

pytestmark = pytest.mark.integration
PROMPTS = {translate("es", f"ask.{fact}"): fact for fact in VENEZUELAN_IN_BRAZIL_ES}
_update_ids = iter(range(random.randrange(10**8), 10**9))


def _chat() -> int:
    return random.randrange(10**9, 10**10)


def _post(stack, update: dict | bytes, secret: str | None = TELEGRAM_SECRET) -> requests.Response:
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return requests.post(
        stack.settings.rasa_url + "/webhooks/telegram/webhook", data=body, headers=headers, timeout=60
    )


def _message(chat: int, **content) -> dict:
    person = {"id": chat, "is_bot": False, "first_name": "Test"}
    where = {"id": chat, "type": "private", "first_name": "Test"}
    message = {"message_id": 1, "date": 1700000000, "chat": where, "from": person, **content}
    return {"update_id": next(_update_ids), "message": message}


def _press(chat: int, data: str) -> dict:
    person = {"id": chat, "is_bot": False, "first_name": "Test"}
    return {"update_id": next(_update_ids), "callback_query": {"id": f"cb{chat}", "from": person,
            "chat_instance": "1", "data": data, "message": {"message_id": 2, "date": 1700000000,
            "chat": {"id": chat, "type": "private"}, "text": "question"}}}  # fmt: skip


def test_whole_spanish_conversation_with_inline_keyboards(stack, fake_telegram) -> None:
    chat = _chat()
    assert _post(stack, _message(chat, text="hola")).status_code == 200
    presses = {"nationality": "Venezuela", "fear_of_return": "No", "has_criminal_record": "No",
               "entry_regular": "Sí", "has_passport_or_id": "Sí", "holds": "Ninguno de estos"}  # fmt: skip
    for _ in range(12):
        last = fake_telegram.to(chat)[-1]
        if any("Información verificada por última vez" in m["text"] for m in fake_telegram.to(chat)):
            break  # the results (the help near the person comes after them)
        fact = next(f for prompt, f in PROMPTS.items() if prompt in last["text"])
        keyboard = (last["reply_markup"] or {}).get("inline_keyboard") or []
        button = next((b for row in keyboard for b in row if b["text"] == presses.get(fact)), None)
        if button:
            assert len(button["callback_data"].encode()) <= 64
            _post(stack, _press(chat, button["callback_data"]))
        else:
            _post(stack, _message(chat, text=VENEZUELAN_IN_BRAZIL_ES[fact]))
    texts = " ".join(m["text"] for m in fake_telegram.to(chat))
    assert "Residencia en Brasil para nacionales de Venezuela" in texts
    assert "answerCallbackQuery" in fake_telegram.calls
    assert all(len(m["text"]) <= 4096 for m in fake_telegram.to(chat))


def test_wrong_or_missing_secret_is_refused(stack, fake_telegram) -> None:
    chat = _chat()
    assert _post(stack, _message(chat, text="hola"), secret="wrong").status_code == 403
    assert _post(stack, _message(chat, text="hola"), secret=None).status_code == 403
    assert fake_telegram.to(chat) == []


def test_a_redelivered_update_is_answered_once(stack, fake_telegram) -> None:
    chat = _chat()
    update = _message(chat, text="hola")
    _post(stack, update)
    count = len(fake_telegram.to(chat))
    assert _post(stack, update).status_code == 200
    assert len(fake_telegram.to(chat)) == count


def test_a_photo_gets_a_text_only_reply(stack, fake_telegram) -> None:
    chat = _chat()
    _post(stack, _message(chat, text="hola"))
    photo = [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90}]
    _post(stack, _message(chat, photo=photo))
    assert any("Solo puedo leer mensajes de texto." in m["text"] for m in fake_telegram.to(chat))


@pytest.mark.parametrize("body", [b"", b"{bad", b"[]", b'{"update_id": "x"}', b'{"foo": 1}'])
def test_malformed_updates_are_not_5xx(stack, body: bytes) -> None:
    assert _post(stack, body).status_code in (200, 400)
