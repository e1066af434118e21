"""Log lines never carry secrets, sender ids, phone numbers or what the person wrote."""

from __future__ import annotations

import logging

import pytest

from bot import redaction
from bot.secrets import secret
from bot.settings import Settings


@pytest.fixture
def captured(tmp_path):
    settings = Settings.from_env(
        {"VAR_DIR": str(tmp_path / "var"), "TELEGRAM_BOT_TOKEN": "123456:telegram-token-value"}
    )
    previous = logging.getLogRecordFactory()
    redaction.install(settings)
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield settings, logger, records
    logger.removeHandler(handler)
    logging.setLogRecordFactory(previous)


def test_secrets_sender_ids_and_numbers_are_scrubbed(captured) -> None:
    settings, logger, records = captured
    logger.info("POST https://api.telegram.org/bot123456:telegram-token-value/sendMessage")
    logger.info("token %s", secret(settings, "internal_token"))
    logger.warning("saving %s and %s", "sms:+573001112233", "telegram:555000111")
    logger.error("number +57 300 111 2233, chat 555000111, web-abcdef0123")
    text = "\n".join(records)
    for needle in ("telegram-token-value", secret(settings, "internal_token"), "573001112233", "555000111"):
        assert needle not in text
    assert "abcdef0123" not in text
    assert text.count("[secret]") == 2 and "[person]" in text


def test_what_the_current_turn_marked_personal_is_scrubbed(captured) -> None:
    _, logger, records = captured
    with redaction.personal("hola, me llamo Marisol Quintero", "Marisol"):
        logger.error("could not parse 'hola, me llamo Marisol Quintero' from Marisol")
    logger.info("outside the turn: Marisol is just a word")
    assert "Quintero" not in records[0] and "Marisol" not in records[0]
    assert "Marisol" in records[1]


def test_tracebacks_keep_only_the_type_and_the_place(captured) -> None:
    _, logger, records = captured
    try:
        raise ValueError("INSERT … parameters: ('sms:+573001199999', 'hola, soy Ana de Maracay')")
    except ValueError:
        logger.exception("save failed")
    assert "Ana de Maracay" not in records[0] and "573001199999" not in records[0]
    assert "ValueError" in records[0] and "test_redaction.py" in records[0]
