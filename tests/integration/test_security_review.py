"""The security review's identity, input and erasure reproductions (../shared/security-review-
2026-11.md, sections 1-3: reproductions 1, 2, 4 and 8), each against the running stack."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.i18n.catalogs import translate
from tests.helpers.faults import child_pid
from tests.helpers.fuzz_cases import FORGED_CALL
from tests.helpers.people import Fakes, Person

pytestmark = pytest.mark.integration
KEYED_TABLES = ("consents", "tickets", "channel_contacts", "outbound_failures", "inbound_messages")


@pytest.fixture(scope="module")
def fakes(fake_twilio, fake_graph, fake_telegram) -> Fakes:
    return Fakes(fake_twilio, fake_graph, fake_telegram)


def _rest(stack, body, token: str | None = "ours") -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if token == "ours":
        headers = stack.rest_headers
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers["Content-Type"] = "application/json"
    return requests.post(stack.rest_url, data=data, headers=headers, timeout=60)


def _rows(stack, table: str, key: str) -> int:
    with get_engine(stack.settings.database_url).connect() as connection:
        return connection.execute(
            sa.text(f"SELECT count(*) FROM {table} WHERE conversation_key = :k"), {"k": key}
        ).scalar_one()


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError("VmRSS")


def test_rest_callers_cannot_read_or_steer_a_phone_conversation(stack, fakes) -> None:
    """Reproduction 1: REST "¿por qué?", "atrás", "borrar mis datos" as `sms:+…`."""
    person = Person(stack, fakes, "sms")
    for text in ("hola", "soy venezolana", "estoy en Colombia", "sí, tengo miedo de volver"):
        person.say(text)
    with get_engine(stack.settings.database_url).connect() as connection:
        count = sa.text("SELECT count(*) FROM events WHERE sender_id = :s")
        before = connection.execute(count, {"s": person.sender_id}).scalar_one()
    for text in ("¿por qué?", "atrás", "quiero hablar con una persona", "borrar mis datos", "sí"):
        for token in ("ours", None, "wrong"):
            response = _rest(stack, {"sender": person.sender_id, "message": text}, token)
            assert response.status_code in (400, 403)
            assert "nationality" not in response.text and "VE" not in response.text
    with get_engine(stack.settings.database_url).connect() as connection:
        assert connection.execute(count, {"s": person.sender_id}).scalar_one() == before


def test_the_rest_channel_needs_its_token(stack) -> None:
    for token in (None, "wrong", "tökén"):
        assert _rest(stack, {"sender": "web-someone1", "message": "hola"}, token).status_code == 403


def test_a_rest_caller_cannot_pose_as_another_channel(stack) -> None:
    """Ticket forgery with `input_channel: "sms"`: the channel recorded is the REST one."""
    sender = "rest-forgery-01"
    _rest(stack, {"sender": sender, "message": "hola", "input_channel": "sms", "metadata": {"x": 1}})
    _rest(stack, {"sender": sender, "message": "quiero hablar con una persona", "input_channel": "sms"})
    with get_engine(stack.settings.database_url).connect() as connection:
        query = sa.text("SELECT channel FROM tickets WHERE conversation_key = :k")
        channels = connection.execute(query, {"k": conversation_key(sender)}).scalars().all()
    assert channels == ["rest"]


def test_a_huge_message_is_refused_before_any_model_sees_it(stack) -> None:
    """Reproduction 2: 100 KB to REST grew Rasa to 23 GB. Now: 413, and Rasa's memory stays put."""
    rasa = child_pid(stack.group_pids(), "bot.rasa_plugins.server")
    before = _rss_mib(rasa)
    assert _rest(stack, {"sender": "huge-1", "message": "hola " * 20000}).status_code == 413
    assert _rest(stack, {"sender": "huge-1", "message": "a" * 2001}).status_code == 413
    assert _rest(stack, b"x" * (20 * 1024 * 1024)).status_code == 413
    assert _rest(stack, {"sender": "huge-1", "message": "ab " * 650}).status_code == 200  # 1,950 chars
    assert _rss_mib(rasa) - before < 300
    assert requests.get(stack.settings.rasa_url + "/", timeout=5).status_code == 200


def test_the_action_server_and_nlg_answer_only_our_rasa(stack) -> None:
    """Reproduction 8: a forged action call wrote a ticket for any number."""
    forged = FORGED_CALL  # the review's forged.json
    number = forged["sender_id"].removeprefix("sms:")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer é"}):
        response = requests.post(stack.settings.action_endpoint_url, json=forged, headers=headers, timeout=10)
        assert response.status_code in (401, 403)
        assert number not in response.text
        response = requests.post(
            f"{stack.web_url}/nlg", json={"response": "utter_consent"}, headers=headers, timeout=10
        )
        assert response.status_code in (401, 403)
    assert _rows(stack, "tickets", conversation_key(f"sms:{number}")) == 0


def test_erasure_leaves_nothing_keyed_to_the_person(stack, fakes) -> None:
    """Reproduction 4: keys were bare SHA-256 of phone numbers and outlived erasure."""
    person = Person(stack, fakes, "whatsapp_cloud")
    for text in ("hola", "soy venezolana", "estoy en Colombia", "quiero hablar con una persona"):
        person.say(text)
    key = conversation_key(person.sender_id)
    assert key != hashlib.sha256(person.sender_id.encode()).hexdigest()  # a keyed HMAC
    assert _rows(stack, "tickets", key) and _rows(stack, "channel_contacts", key)
    assert _rows(stack, "inbound_messages", key)
    person.say("borrar mis datos")
    person.say("sí")
    assert translate("es", "delete.done") in person.received()[-1]
    for table in KEYED_TABLES:
        assert _rows(stack, table, key) == 0, table
    with get_engine(stack.settings.database_url).connect() as connection:
        events = sa.text("SELECT count(*) FROM events WHERE sender_id = :s")
        assert connection.execute(events, {"s": person.sender_id}).scalar_one() == 0


def test_rasa_does_not_name_its_version(stack) -> None:
    response = requests.get(stack.settings.rasa_url + "/", timeout=5)
    assert response.status_code == 200 and "3.6" not in response.text and "Rasa" not in response.text


@pytest.mark.parametrize("path", ["/chat", "/health", "/chat/static/chat.js", "/chat/static/chat.css"])
def test_every_page_carries_the_security_headers(stack, path: str) -> None:
    response = requests.get(stack.web_url + path, timeout=5)
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
