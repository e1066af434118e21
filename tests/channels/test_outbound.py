"""Sending from outside a turn, on every channel, against the fake providers: WhatsApp's window
(text inside, the template outside, a refusal without one), unconfigured channels, retries and
recorded failures, the /chat outbox, and the staff replies held behind a template."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.channels import delivery, senders
from bot.channels.outbound import Delivery, SendResult, send_text, send_turn, send_waiting
from bot.channels.window import record_inbound
from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import console_changes, outbound_failures, staff_users, ticket_messages, web_outbox
from bot.handoff.tickets import open_ticket, record_reply
from bot.settings import Settings
from tests.helpers.fake_providers import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    GRAPH_TOKEN,
    PHONE_NUMBER_ID,
    TELEGRAM_TOKEN,
    FakeGraph,
    FakeTelegram,
    FakeTwilio,
)

SMS_FROM, WHATSAPP_FROM = "+15550001111", "+15550002222"


@pytest.fixture(scope="module")
def graph() -> FakeGraph:
    return FakeGraph().start()


@pytest.fixture(scope="module")
def twilio() -> FakeTwilio:
    return FakeTwilio().start()


@pytest.fixture(scope="module")
def telegram() -> FakeTelegram:
    return FakeTelegram().start()


@pytest.fixture(autouse=True)
def _quick(monkeypatch) -> None:
    monkeypatch.setattr(delivery, "BACKOFF_S", (0.0, 0.0))  # the retries, without their waits
    monkeypatch.setattr(senders, "_bots", {})  # a python-telegram-bot Bot belongs to one event loop


@pytest.fixture
def settings(tmp_path, graph, twilio, telegram) -> Settings:
    return _settings(tmp_path, graph, twilio, telegram)


def _settings(tmp_path, graph, twilio, telegram, **extra: str) -> Settings:
    env = {
        "VAR_DIR": str(tmp_path),
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_ACCESS_TOKEN": GRAPH_TOKEN,
        "WHATSAPP_API_BASE_URL": graph.base_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": SMS_FROM,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
        "TWILIO_API_BASE_URL": twilio.base_url,
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        **extra,
    }
    settings = Settings.from_env(env)
    upgrade(settings.database_url)
    return settings


def _number() -> str:
    return "+57300" + f"{uuid.uuid4().int % 10**7:07d}"


def _send(settings: Settings, sender_id: str, text: str, language: str | None = None) -> SendResult:
    return asyncio.run(send_text(settings, sender_id, text, language))


def _failures(settings: Settings) -> list[tuple[str, int | None]]:
    with get_engine(settings.database_url).connect() as connection:
        query = sa.select(outbound_failures.c.provider, outbound_failures.c.status)
        return [tuple(row) for row in connection.execute(query)]


def test_meta_inside_the_window_sends_free_text(settings, graph) -> None:
    number = _number()
    record_inbound(settings.database_url, "meta_whatsapp", f"whatsapp_cloud:{number}")
    assert _send(settings, f"whatsapp_cloud:{number}", "Hola de nuevo") == SendResult(Delivery.SENT)
    sent = graph.to(number.lstrip("+"))
    assert [(m["type"], m["text"]) for m in sent] == [("text", {"body": "Hola de nuevo"})]


def test_meta_outside_the_window_sends_the_template_in_the_persons_language(
    tmp_path, graph, twilio, telegram
):
    settings = _settings(
        tmp_path,
        graph,
        twilio,
        telegram,
        WHATSAPP_TEMPLATE_NAME="seguimiento",
        WHATSAPP_TEMPLATE_LANGUAGE="es",
        WHATSAPP_TEMPLATE_LANGUAGES="es, pt_BR,en_US",
    )
    number = _number()
    sender_id = f"whatsapp_cloud:{number}"
    long_ago = datetime.now(timezone.utc) - timedelta(days=2)
    record_inbound(settings.database_url, "meta_whatsapp", sender_id, long_ago)
    assert _send(settings, sender_id, "Olá", "pt") == SendResult(Delivery.TEMPLATE)
    assert _send(settings, sender_id, "Bonjour", "fr") == SendResult(Delivery.TEMPLATE)  # not approved in fr
    sent = graph.to(number.lstrip("+"))
    assert [m["type"] for m in sent] == ["template", "template"]
    assert [m["template"] for m in sent] == [
        {"name": "seguimiento", "language": {"code": "pt_BR"}},
        {"name": "seguimiento", "language": {"code": "es"}},
    ]


def test_meta_outside_the_window_without_a_template_is_refused(settings, graph) -> None:
    number = _number()  # never wrote: no window
    result = _send(settings, f"whatsapp_cloud:{number}", "Hola")
    assert result == SendResult(Delivery.REFUSED, "window_closed")
    assert graph.to(number.lstrip("+")) == []


def test_twilio_whatsapp_window(tmp_path, graph, twilio, telegram) -> None:
    number = _number()
    sender_id = f"whatsapp:{number}"
    plain = _settings(tmp_path, graph, twilio, telegram)
    assert _send(plain, sender_id, "Hola") == SendResult(Delivery.REFUSED, "window_closed")
    with_template = _settings(
        tmp_path, graph, twilio, telegram, TWILIO_WHATSAPP_CONTENT_SID="HX0123456789abcdef"
    )
    assert _send(with_template, sender_id, "Hola") == SendResult(Delivery.TEMPLATE)
    record_inbound(plain.database_url, "twilio_whatsapp", sender_id)
    assert _send(plain, sender_id, "Ya te leo") == SendResult(Delivery.SENT)
    sent = [m for m in twilio.messages if m["To"] == sender_id]
    assert [(m["From"], m.get("ContentSid"), m.get("Body")) for m in sent] == [
        (WHATSAPP_FROM, "HX0123456789abcdef", None),
        (WHATSAPP_FROM, None, "Ya te leo"),
    ]


def test_sms_is_split_under_its_limit(settings, twilio) -> None:
    number = _number()
    text = " ".join(["Esta es una frase de prueba."] * 80)  # 2,239 characters
    assert _send(settings, f"sms:{number}", text) == SendResult(Delivery.SENT)
    bodies = twilio.to(number)
    assert len(bodies) == 2 and all(len(b) <= 1600 for b in bodies)
    assert " ".join(bodies) == text
    assert {m["From"] for m in twilio.messages if m["To"] == number} == {SMS_FROM}


def test_telegram_sends_text(settings, telegram) -> None:
    chat = 7_000_000_000 + uuid.uuid4().int % 10**6
    assert _send(settings, f"telegram:{chat}", "Hola, soy Ana") == SendResult(Delivery.SENT)
    assert [(m["text"], m["reply_markup"]) for m in telegram.to(chat)] == [("Hola, soy Ana", None)]


@pytest.mark.parametrize("sender_id", ["sms:+573001112233", "whatsapp:+573001112233",
                                       "whatsapp_cloud:+573001112233", "telegram:123456789"])  # fmt: skip
def test_a_channel_without_credentials_refuses(tmp_path, sender_id) -> None:
    settings = Settings.from_env({"VAR_DIR": str(tmp_path)})
    upgrade(settings.database_url)
    assert _send(settings, sender_id, "Hola") == SendResult(Delivery.REFUSED, "not_configured")


@pytest.mark.parametrize("channel", ["sms", "whatsapp_cloud", "telegram"])
def test_a_provider_failing_three_times_is_a_recorded_failure(
    settings, graph, twilio, telegram, channel
) -> None:
    number = _number()
    sender_id = f"telegram:{number[1:]}" if channel == "telegram" else f"{channel}:{number}"
    record_inbound(settings.database_url, "meta_whatsapp", sender_id)
    fake = {"sms": twilio, "whatsapp_cloud": graph, "telegram": telegram}[channel]
    fake.fail_next = 3
    try:
        assert _send(settings, sender_id, "Hola") == SendResult(Delivery.FAILED, "unreachable")
    finally:
        fake.fail_next = 0
    provider = {"sms": "twilio_sms", "whatsapp_cloud": "meta_whatsapp", "telegram": "telegram"}[channel]
    assert _failures(settings) == [(provider, None if channel == "telegram" else 500)]


def test_a_retry_that_succeeds_is_no_failure(settings, twilio) -> None:
    number = _number()
    twilio.fail_next = 2
    assert _send(settings, f"sms:{number}", "Hola") == SendResult(Delivery.SENT)
    assert twilio.to(number) == ["Hola"] and _failures(settings) == []


def test_a_web_conversation_gets_the_text_in_its_outbox(settings) -> None:
    assert _send(settings, "web-abcdef123456", "Hola, soy Ana") == SendResult(Delivery.SENT)
    with get_engine(settings.database_url).connect() as connection:
        rows = connection.execute(sa.select(web_outbox.c.conversation_key, web_outbox.c.body)).all()
    assert [tuple(r) for r in rows] == [(conversation_key("web-abcdef123456"), "Hola, soy Ana")]


def _staff(database_url: str) -> int:
    with get_engine(database_url).begin() as connection:
        return connection.execute(
            staff_users.insert().values(
                username=f"ana{uuid.uuid4().hex[:6]}",
                password_hash="x",
                role="agent",
                created_at=datetime.now(timezone.utc),
            )  # fmt: skip
        ).inserted_primary_key[0]


def _deliveries(database_url: str, ticket_id: int) -> list[tuple[str, str, str | None]]:
    with get_engine(database_url).connect() as connection:
        query = (
            sa.select(ticket_messages.c.kind, ticket_messages.c.body, ticket_messages.c.delivery)
            .where(ticket_messages.c.ticket_id == ticket_id)
            .order_by(ticket_messages.c.id)
        )
        return [tuple(r) for r in connection.execute(query)]


def test_replies_held_behind_the_template_go_out_when_the_person_writes(settings, graph) -> None:
    url = settings.database_url
    number = _number()
    sender_id = f"whatsapp_cloud:{number}"
    ticket = open_ticket(url, sender_id, "whatsapp_cloud", "es", "asked", {})
    agent = _staff(url)
    record_reply(url, ticket, agent, "Ya lo revisé", "sent")
    record_reply(url, ticket, agent, "¿Sigues ahí?", "template")
    record_reply(url, ticket, agent, "Te dejo el enlace", "template")
    with get_engine(url).connect() as connection:
        changes_before = connection.execute(sa.select(sa.func.count()).select_from(console_changes)).scalar()
    record_inbound(url, "meta_whatsapp", sender_id)
    assert asyncio.run(send_waiting(settings, sender_id)) == 2
    assert asyncio.run(send_waiting(settings, sender_id)) == 0  # each goes out once
    assert [m["text"]["body"] for m in graph.to(number.lstrip("+"))] == ["¿Sigues ahí?", "Te dejo el enlace"]
    assert _deliveries(url, ticket) == [
        ("reply", "Ya lo revisé", "sent"),
        ("reply", "¿Sigues ahí?", "sent"),
        ("reply", "Te dejo el enlace", "sent"),
    ]
    with get_engine(url).connect() as connection:
        kinds = connection.execute(sa.select(console_changes.c.kind).order_by(console_changes.c.id)).scalars()
        assert list(kinds)[changes_before:] == ["reply", "reply"]


def test_a_held_reply_the_provider_does_not_take_is_marked_failed(settings, graph) -> None:
    url = settings.database_url
    sender_id = f"whatsapp_cloud:{_number()}"
    ticket = open_ticket(url, sender_id, "whatsapp_cloud", "es", "asked", {})
    record_reply(url, ticket, _staff(url), "¿Sigues ahí?", "template")
    record_inbound(url, "meta_whatsapp", sender_id)
    graph.fail_next = 3
    try:
        assert asyncio.run(send_waiting(settings, sender_id)) == 0
    finally:
        graph.fail_next = 0
    assert _deliveries(url, ticket) == [("reply", "¿Sigues ahí?", "failed")]


QUESTION = {
    "text": "¿Tienes miedo de volver?",
    "buttons": [{"title": "Sí", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
}


def test_a_turn_with_only_custom_sends_nothing(settings, graph, twilio, telegram) -> None:
    number, chat = _number(), 8_000_000_000 + uuid.uuid4().int % 10**6
    custom_only = [{"recipient_id": "x", "custom": {"handoff": {"status": "waiting"}}}]
    for sender_id in (f"sms:{number}", f"whatsapp:{number}", f"whatsapp_cloud:{number}", f"telegram:{chat}"):
        assert asyncio.run(send_turn(settings, sender_id, custom_only))
    assert [m for m in twilio.messages if m["To"] in (number, f"whatsapp:{number}")] == []
    assert graph.to(number.lstrip("+")) == [] and telegram.to(chat) == []


def test_a_turn_uses_each_channels_own_questions(settings, graph, twilio, telegram) -> None:
    number, chat = _number(), 9_000_000_000 + uuid.uuid4().int % 10**6
    turn = [{"text": "Gracias."}, QUESTION, {"custom": {"question": "fear_of_return"}}]
    for sender_id in (f"sms:{number}", f"whatsapp_cloud:{number}", f"telegram:{chat}"):
        assert asyncio.run(send_turn(settings, sender_id, turn))
    assert twilio.to(number) == ["Gracias.\n\n¿Tienes miedo de volver?\n1. Sí\n2. No"]
    meta = graph.to(number.lstrip("+"))
    assert [m["type"] for m in meta] == ["text", "interactive"]
    assert meta[1]["interactive"]["type"] == "button"
    assert [(m["text"], m["reply_markup"]) for m in telegram.to(chat)] == [
        ("Gracias.", None),
        (
            "¿Tienes miedo de volver?",
            {
                "inline_keyboard": [
                    [{"text": "Sí", "callback_data": "/affirm"}],
                    [{"text": "No", "callback_data": "/deny"}],
                ]
            },
        ),
    ]
