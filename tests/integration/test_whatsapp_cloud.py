"""WhatsApp through Meta's Cloud API: signed notifications in, interactive replies out (fake Graph API)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests

from bot.i18n.catalogs import translate
from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES
from tests.integration.conftest import WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN

pytestmark = pytest.mark.integration
PATH = "/webhooks/whatsapp_cloud/webhook"
PROMPTS = {translate("es", f"ask.{fact}"): fact for fact in VENEZUELAN_IN_BRAZIL_ES}


def _wa_id() -> str:
    return "57300" + f"{uuid.uuid4().int % 10**7:07d}"


def _notification(wa_id: str, message: dict) -> dict:
    """A messages notification as Meta documents it."""
    message = {
        "from": wa_id,
        "id": f"wamid.{uuid.uuid4().hex}",
        "timestamp": str(int(time.time())),
        **message,
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA_ID", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550003333", "phone_number_id": "109876543210"},
            "contacts": [{"profile": {"name": "Test"}, "wa_id": wa_id}],
            "messages": [message],
        }}]}],
    }  # fmt: skip


def _post(stack, body: bytes, signature: str | None = None) -> requests.Response:
    if signature is None:
        signature = "sha256=" + hmac.new(WHATSAPP_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature}
    return requests.post(stack.settings.rasa_url + PATH, data=body, headers=headers, timeout=60)


def _send(stack, wa_id: str, message: dict) -> requests.Response:
    return _post(stack, json.dumps(_notification(wa_id, message)).encode())


def _say(stack, wa_id: str, text: str) -> requests.Response:
    return _send(stack, wa_id, {"type": "text", "text": {"body": text}})


def _tap(stack, wa_id: str, interactive: dict, title: str) -> None:
    if interactive["type"] == "button":
        choice = next(b["reply"] for b in interactive["action"]["buttons"] if b["reply"]["title"] == title)
        reply = {"type": "button_reply", "button_reply": {"id": choice["id"], "title": title}}
    else:
        row = next(r for r in interactive["action"]["sections"][0]["rows"] if r["title"] == title)
        reply = {"type": "list_reply", "list_reply": {"id": row["id"], "title": title}}
    assert _send(stack, wa_id, {"type": "interactive", "interactive": reply}).status_code == 200


def test_verification_handshake(stack) -> None:
    url = stack.settings.rasa_url + PATH
    ok = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": WHATSAPP_VERIFY_TOKEN,
                                   "hub.challenge": "1158201444"}, timeout=30)  # fmt: skip
    assert ok.status_code == 200 and ok.text == "1158201444"
    bad = requests.get(
        url, params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"}
    )
    assert bad.status_code == 403


def test_whole_spanish_conversation_with_buttons_and_lists(stack, fake_graph) -> None:
    wa_id = _wa_id()
    assert _say(stack, wa_id, "hola").status_code == 200
    taps = {"nationality": "Venezuela", "fear_of_return": "No", "has_criminal_record": "No",
            "entry_regular": "Sí", "has_passport_or_id": "Sí"}  # fmt: skip
    for _ in range(12):
        last = fake_graph.to(wa_id)[-1]
        texts = [m["text"]["body"] for m in fake_graph.to(wa_id) if m["type"] == "text"]
        if any("Información verificada por última vez" in t for t in texts):
            break  # the results (the help near the person comes after them)
        body = last["interactive"]["body"]["text"] if last["type"] == "interactive" else last["text"]["body"]
        fact = next(f for prompt, f in PROMPTS.items() if prompt in body)
        if last["type"] == "interactive" and fact in taps:
            _tap(stack, wa_id, last["interactive"], taps[fact])
        else:
            _say(stack, wa_id, VENEZUELAN_IN_BRAZIL_ES[fact])
    sent = fake_graph.to(wa_id)
    texts = " ".join(m["text"]["body"] for m in sent if m["type"] == "text")
    assert "Residencia en Brasil para nacionales de Venezuela" in texts
    kinds = {m["interactive"]["type"] for m in sent if m["type"] == "interactive"}
    assert kinds == {"list", "button"}  # countries as a list, yes/no as reply buttons
    assert all(len(m["text"]["body"]) <= 4096 for m in sent if m["type"] == "text")


def test_forged_signature_is_refused(stack, fake_graph) -> None:
    wa_id = _wa_id()
    body = json.dumps(_notification(wa_id, {"type": "text", "text": {"body": "hola"}})).encode()
    assert _post(stack, body, signature="sha256=" + "0" * 64).status_code == 403
    assert _post(stack, body, signature="").status_code == 403
    assert fake_graph.to(wa_id) == []


def test_a_retried_notification_is_answered_once(stack, fake_graph) -> None:
    wa_id = _wa_id()
    body = json.dumps(_notification(wa_id, {"type": "text", "text": {"body": "hola"}})).encode()
    assert _post(stack, body).status_code == 200
    count = len(fake_graph.to(wa_id))
    assert _post(stack, body).status_code == 200
    assert len(fake_graph.to(wa_id)) == count


def test_voice_note_gets_a_text_only_reply(stack, fake_graph) -> None:
    wa_id = _wa_id()
    _say(stack, wa_id, "hola")
    _send(stack, wa_id, {"type": "audio", "audio": {"id": "MEDIA_ID", "mime_type": "audio/ogg; codecs=opus"}})
    bodies = [m["text"]["body"] for m in fake_graph.to(wa_id) if m["type"] == "text"]
    assert any("Solo puedo leer mensajes de texto." in b for b in bodies)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"object": "page"}',
        b'{"entry": "x"}',
        b'{"entry": [{"changes": [{"value": 3}]}]}',
    ],
)
def test_malformed_notifications_are_not_5xx(stack, body: bytes) -> None:
    assert _post(stack, body).status_code in (200, 400)


def test_status_notifications_are_acknowledged(stack) -> None:
    value = {"messaging_product": "whatsapp", "statuses": [{"id": "wamid.X", "status": "read"}]}
    statuses = {"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{"value": value}]}]}
    assert _post(stack, json.dumps(statuses).encode()).status_code == 200


def test_a_shared_location_sets_the_current_country(stack, fake_graph) -> None:
    wa_id = _wa_id()
    _say(stack, wa_id, "hola")
    _say(stack, wa_id, "Venezuela")
    _send(stack, wa_id, {"type": "location", "location": {"latitude": 7.889, "longitude": -72.496}})
    bodies = [
        m["text"]["body"] if m["type"] == "text" else m["interactive"]["body"]["text"]
        for m in fake_graph.to(wa_id)
    ]
    assert any("veo que estás en Colombia" in b for b in bodies)
