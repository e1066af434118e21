"""SMS and WhatsApp through Twilio: signed webhooks in, the fake Twilio API records what goes out."""

from __future__ import annotations

import time
import uuid

import pytest
import requests
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.i18n.catalogs import translate
from tests.helpers.fake_providers import AUTH_TOKEN
from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES
from tests.integration.conftest import PUBLIC_BASE_URL, SMS_FROM, WHATSAPP_FROM

pytestmark = pytest.mark.integration


def _number() -> str:
    return "+57300" + f"{uuid.uuid4().int % 10**7:07d}"


def _post(stack, kind: str, params: dict[str, str], signature: str | None = None) -> requests.Response:
    path = f"/webhooks/{kind}/webhook"
    if signature is None:
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + path, params)
    return requests.post(
        stack.settings.rasa_url + path, data=params, headers={"X-Twilio-Signature": signature}, timeout=60
    )


def _text(stack, kind: str, number: str, body: str, **extra: str) -> requests.Response:
    sender = f"whatsapp:{number}" if kind == "whatsapp" else number
    to = f"whatsapp:{WHATSAPP_FROM}" if kind == "whatsapp" else SMS_FROM
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": sender, "To": to, "Body": body, "NumMedia": "0"}
    return _post(stack, kind, {**params, **extra})


PROMPTS = {translate("es", f"ask.{fact}"): fact for fact in VENEZUELAN_IN_BRAZIL_ES}


def _asked(body: str) -> str | None:
    return next((fact for prompt, fact in PROMPTS.items() if prompt in body), None)


@pytest.mark.parametrize("kind", ["sms", "whatsapp"])
def test_whole_spanish_conversation(stack, fake_twilio, kind: str) -> None:
    number = _number()
    to = f"whatsapp:{number}" if kind == "whatsapp" else number
    assert _text(stack, kind, number, "hola").status_code == 200
    first = fake_twilio.to(to)[-1]
    assert "Nunca las comparto con autoridades migratorias" in first
    assert "\n1. Venezuela\n2. Colombia" in first  # options as a numbered list in the same SMS
    answers = {**VENEZUELAN_IN_BRAZIL_ES, "nationality": "1", "fear_of_return": "dos"}  # option numbers
    for _ in range(12):
        last = fake_twilio.to(to)[-1]
        if any("Información verificada por última vez" in m for m in fake_twilio.to(to)):
            break  # the results (the help near the person comes after them)
        fact = _asked(last)
        assert fact, f"no question in {last!r}"
        _text(stack, kind, number, answers[fact])
    bodies = fake_twilio.to(to)
    assert any("Residencia en Brasil para nacionales de Venezuela" in b for b in bodies)
    assert all(len(b) <= (1600 if kind == "sms" else 4096) for b in bodies)
    sender = WHATSAPP_FROM if kind == "whatsapp" else SMS_FROM
    assert all(m["From"] == sender for m in fake_twilio.messages if m["To"] == to)


def test_option_numbers_map_to_the_last_question(stack, fake_twilio) -> None:
    number = _number()
    _text(stack, "sms", number, "hola")
    _text(stack, "sms", number, "2")  # Colombia
    assert translate("es", "ask.current_country") in fake_twilio.to(number)[-1]
    with get_engine(stack.settings.database_url).connect() as connection:
        rows = connection.execute(
            sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'slot' ORDER BY id"),
            {"s": f"sms:{number}"},
        ).all()
    assert any('"nationality": "CO"' in d for (d,) in rows)


def test_whatsapp_through_twilio(stack, fake_twilio) -> None:
    number = _number()
    assert _text(stack, "whatsapp", number, "bonjour").status_code == 200
    sent = [m for m in fake_twilio.messages if m["To"] == f"whatsapp:{number}"]
    assert sent and sent[-1]["From"] == WHATSAPP_FROM
    assert "Quelle est votre nationalité ?" in sent[-1]["Body"]


def test_forged_or_missing_signature_is_refused_and_nothing_happens(stack, fake_twilio) -> None:
    number = _number()
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": number, "To": SMS_FROM, "Body": "hola"}
    assert _post(stack, "sms", params, signature="forged").status_code == 403
    assert _post(stack, "sms", params, signature="").status_code == 403
    signed_for_other_body = RequestValidator(AUTH_TOKEN).compute_signature(
        PUBLIC_BASE_URL + "/webhooks/sms/webhook", {**params, "Body": "adiós"}
    )
    assert _post(stack, "sms", params, signature=signed_for_other_body).status_code == 403
    assert fake_twilio.to(number) == []
    with get_engine(stack.settings.database_url).connect() as connection:
        count = connection.execute(
            sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": f"sms:{number}"}
        ).scalar_one()
    assert count == 0


def test_a_provider_retry_is_answered_once(stack, fake_twilio) -> None:
    number = _number()
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": number, "To": SMS_FROM, "Body": "hola"}
    assert _post(stack, "sms", params).status_code == 200
    assert _post(stack, "sms", params).status_code == 200
    assert len(fake_twilio.to(number)) == 1


def test_media_gets_a_polite_text_only_reply(stack, fake_twilio) -> None:
    number = _number()
    _text(stack, "sms", number, "hola")
    _text(stack, "sms", number, "", NumMedia="1", MediaContentType0="audio/ogg", MediaUrl0="https://x/1")
    assert "Solo puedo leer mensajes de texto." in fake_twilio.to(number)[-1]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"From": "+573001112233", "Body": "hola"}, 400),  # no MessageSid
        ({"MessageSid": "SM1", "From": "not a number", "Body": "hola"}, 400),
    ],
)
def test_malformed_webhooks(stack, params, status) -> None:
    assert _post(stack, "sms", params).status_code == status


def test_wrong_content_type_and_huge_payloads(stack) -> None:
    url = stack.settings.rasa_url + "/webhooks/sms/webhook"
    assert requests.post(url, json={"Body": "hola"}, timeout=30).status_code == 415
    assert requests.post(url, data={"Body": "x" * 70_000}, timeout=30).status_code == 413


def test_a_reply_twilio_refuses_is_recorded(stack, fake_twilio) -> None:
    number = _number()
    fake_twilio.fail_next = 3  # every attempt fails
    started = time.monotonic()
    assert _text(stack, "sms", number, "hola").status_code == 200
    assert time.monotonic() - started < 30
    fake_twilio.fail_next = 0
    with get_engine(stack.settings.database_url).connect() as connection:
        rows = connection.execute(
            sa.text("SELECT provider, status FROM outbound_failures WHERE conversation_key = :k"),
            {"k": conversation_key(f"sms:{number}")},
        ).all()
    assert rows == [("twilio_sms", 500)]
