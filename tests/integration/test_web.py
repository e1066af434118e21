"""The web service: /health, the NLG endpoint's errors, and the /chat relay's input checks."""

from __future__ import annotations

import os
import uuid

import pytest
import requests

from tests.integration.conftest import INTERNAL_TOKEN

pytestmark = pytest.mark.integration
TIMEOUT = 30


def _internal() -> dict[str, str]:
    """What our Rasa sends to /nlg."""
    return {"Authorization": f"Bearer {INTERNAL_TOKEN}"}


def test_health_reports_the_database(stack) -> None:
    body = requests.get(f"{stack.web_url}/health", timeout=TIMEOUT).json()
    database = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert body["status"] == "ok" and body["database"] == database
    assert body["pathways"] >= 45


def test_nlg_renders_what_rasa_asks_for(stack) -> None:
    body = {
        "response": "utter_ask_question",
        "arguments": {"question": "current_country"},
        "tracker": {"slots": {"language": "pt"}},
        "channel": {"name": "rest"},
    }
    reply = requests.post(f"{stack.web_url}/nlg", json=body, headers=_internal(), timeout=TIMEOUT)
    assert reply.status_code == 200
    assert reply.json()["text"].startswith("Em que país você está agora?")
    assert reply.json()["custom"]["question"] == "current_country"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (b"{not json", 400),
        (b"[]", 400),
        (b'{"response": 42}', 400),
        (b'{"response": "utter_ask_question", "arguments": []}', 400),
        (b'{"response": "utter_unknown"}', 404),
        (b'{"response": "utter_ask_question", "arguments": {"question": "shoe_size"}}', 422),
    ],
)
def test_nlg_rejects_bad_requests_clearly(stack, payload: bytes, status: int) -> None:
    reply = requests.post(
        f"{stack.web_url}/nlg",
        data=payload,
        headers={"Content-Type": "application/json", **_internal()},
        timeout=TIMEOUT,
    )
    assert reply.status_code == status
    assert "error" in reply.json()


def test_chat_page_is_served(stack) -> None:
    reply = requests.get(f"{stack.web_url}/chat", timeout=TIMEOUT)
    assert reply.status_code == 200
    assert 'name="viewport"' in reply.text and 'src="/chat/static/chat.js"' in reply.text
    script = requests.get(f"{stack.web_url}/chat/static/chat.js", timeout=TIMEOUT)
    assert script.status_code == 200 and "/chat/api/messages" in script.text


def test_chat_relay_reaches_rasa(stack) -> None:
    sender = uuid.uuid4().hex[:16]
    reply = requests.post(
        f"{stack.web_url}/chat/api/messages",
        json={"sender": sender, "message": "hola"},
        timeout=TIMEOUT,
    )
    assert reply.status_code == 200
    questions = [m["custom"]["question"] for m in reply.json() if "question" in m.get("custom", {})]
    assert questions == ["nationality"]  # Spanish was detected from "hola"
    assert all(m["recipient_id"] == f"web-{sender}" for m in reply.json())


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"sender": "short", "message": "hola"}, 400),
        ({"sender": "../../etc/passwd", "message": "hola"}, 400),
        ({"sender": "abcdefgh12", "message": "   "}, 400),
        ({"sender": "abcdefgh12"}, 400),
        ({"sender": "abcdefgh12", "message": "x" * 2001}, 413),
    ],
)
def test_chat_relay_rejects_bad_input(stack, body: dict, status: int) -> None:
    reply = requests.post(f"{stack.web_url}/chat/api/messages", json=body, timeout=TIMEOUT)
    assert reply.status_code == status
    assert reply.json()["error"]


def test_oversized_request_body_is_refused(stack) -> None:
    reply = requests.post(
        f"{stack.web_url}/chat/api/messages",
        data=b"{" + b" " * (300 * 1024) + b"}",
        headers={"Content-Type": "application/json", **_internal()},
        timeout=TIMEOUT,
    )
    assert reply.status_code == 413
