"""While a person waits for the helpline the bot says nothing, on every channel: after the handoff
message, what they write reaches no fake provider and no /chat page. And the /chat page's outbox
(POST /chat/api/updates) hands each conversation its own messages, and only those."""

from __future__ import annotations

import asyncio
import json
import random
import uuid

import pytest
import requests

from bot.channels.outbound import Delivery, send_text
from bot.i18n.catalogs import translate
from tests.helpers.people import Fakes, Person
from tests.integration.conftest import TELEGRAM_SECRET

pytestmark = pytest.mark.integration
PHONE_CHANNELS = ("sms", "whatsapp", "whatsapp_cloud", "telegram")


@pytest.fixture
def fakes(fake_twilio, fake_graph, fake_telegram) -> Fakes:
    return Fakes(fake_twilio, fake_graph, fake_telegram)


def _handoff_opening() -> str:
    """The handoff message's first sentence, the same in and out of the helpline's hours."""
    return translate("es", "handoff.created").split(" {schedule}")[0]


def _press(stack, chat_id: int, data: str) -> requests.Response:
    """A tap on an inline button of an earlier question, as Telegram delivers it."""
    person = {"id": chat_id, "is_bot": False, "first_name": "Test"}
    question = {"message_id": 2, "date": 1700000000, "chat": {"id": chat_id, "type": "private"}, "text": "?"}
    update = {
        "update_id": random.randrange(3 * 10**8, 4 * 10**8),
        "callback_query": {"id": f"cb{chat_id}", "from": person, "chat_instance": "1", "data": data,
                           "message": question},
    }  # fmt: skip
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    url = stack.settings.rasa_url + "/webhooks/telegram/webhook"
    return requests.post(url, json=update, headers=headers, timeout=90)


def _ask_for_a_person(person: Person) -> None:
    for text in ("👋", "español", "quiero hablar con una persona"):
        assert person.say(text).status_code == 200
    assert _handoff_opening() in person.received()[-1]


@pytest.mark.parametrize("channel", PHONE_CHANNELS)
def test_a_paused_phone_conversation_gets_nothing_more(stack, fakes, channel) -> None:
    person = Person(stack, fakes, channel)
    _ask_for_a_person(person)
    before = person.received()
    assert person.say("¿hola? ¿hay alguien?").status_code == 200
    assert person.say("necesito ayuda con mis papeles").status_code == 200
    if channel == "telegram":
        calls = len(fakes.telegram.sent)
        assert _press(stack, person.chat_id, "/affirm").status_code == 200
        assert len(fakes.telegram.sent) == calls
    assert person.received() == before


def _chat(stack, sender: str, message: str) -> list[dict]:
    response = requests.post(
        f"{stack.web_url}/chat/api/messages", json={"sender": sender, "message": message}, timeout=90
    )
    assert response.status_code == 200
    return response.json()


def _updates(stack, sender: object, after: object = 0) -> requests.Response:
    return requests.post(
        f"{stack.web_url}/chat/api/updates", json={"sender": sender, "after": after}, timeout=30
    )


def test_a_paused_chat_page_shows_nothing_more(stack) -> None:
    sender = uuid.uuid4().hex[:16]
    _chat(stack, sender, "👋")
    _chat(stack, sender, "español")
    handoff = _chat(stack, sender, "quiero hablar con una persona")
    assert any(_handoff_opening() in (m.get("text") or "") for m in handoff)
    for text in ("¿hola? ¿hay alguien?", "necesito ayuda con mis papeles"):
        replies = _chat(stack, sender, text)
        assert replies and all("text" not in m and "buttons" not in m for m in replies), replies
        assert any("handoff" in (m.get("custom") or {}) for m in replies)
    assert _updates(stack, sender).json() == {"messages": [], "last": 0}


def test_the_chat_outbox_gives_each_conversation_its_own_messages(stack) -> None:
    mine, other = uuid.uuid4().hex[:16], uuid.uuid4().hex[:16]
    for text in ("Hola, soy Ana, de la línea de ayuda.", "¿Sigues ahí?"):
        assert asyncio.run(send_text(stack.settings, f"web-{mine}", text)).delivery is Delivery.SENT
    assert asyncio.run(send_text(stack.settings, f"web-{other}", "Otra persona")).delivery is Delivery.SENT
    first = _updates(stack, mine).json()
    assert [m["text"] for m in first["messages"]] == ["Hola, soy Ana, de la línea de ayuda.", "¿Sigues ahí?"]
    ids = [m["id"] for m in first["messages"]]
    assert first["last"] == ids[-1] and ids == sorted(ids)
    assert _updates(stack, mine, ids[0]).json() == {"messages": first["messages"][1:], "last": ids[-1]}
    assert _updates(stack, mine, ids[-1]).json() == {"messages": [], "last": ids[-1]}
    assert _updates(stack, mine).json() == first  # reading took nothing away
    assert [m["text"] for m in _updates(stack, other).json()["messages"]] == ["Otra persona"]
    assert _updates(stack, f"web-{mine}").json()["messages"] == []  # the page's id, never a sender id


@pytest.mark.parametrize(
    "body",
    [{"sender": "short", "after": 0}, {"sender": "sms:+573001112233"}, {"sender": "abcdefgh1", "after": -1},
     {"sender": "abcdefgh1", "after": "3"}, {"sender": "abcdefgh1", "after": True}, {"after": 0}],
)  # fmt: skip
def test_the_chat_outbox_refuses_what_is_not_a_page_and_an_id(stack, body) -> None:
    response = requests.post(f"{stack.web_url}/chat/api/updates", data=json.dumps(body), timeout=30)
    assert response.status_code == 400
