"""One way in for every channel: a turn that was not saved or not answered is never passed off as
answered, the person is told to write again in their language, and the provider's retry is taken."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels import inbound
from bot.channels.claims import Claim, claim
from bot.channels.inbound import Inbound, remember_language, run_turn
from bot.db.migrate import upgrade
from bot.i18n.catalogs import translate
from bot.settings import Settings

SENDER = "sms:+573001112233"


@pytest.fixture
def settings(tmp_path) -> Settings:
    settings = Settings.from_env({"VAR_DIR": str(tmp_path / "var")})
    upgrade(settings.database_url)
    return settings


def _message(message_id: str = "SM1", text: str = "sí, tengo miedo de volver") -> Inbound:
    return Inbound("sms", SENDER, text, "twilio_sms", message_id)


def _run(handler, message: Inbound, settings: Settings):
    return asyncio.run(run_turn(handler, message, settings))


async def _answers(message) -> None:
    message.output_channel.messages.append({"recipient_id": message.sender_id, "text": "¿Cuándo entraste?"})


async def _says_nothing(message) -> None:  # the action server or the NLG failed: Rasa sends nothing
    return None


async def _not_saved(message) -> None:  # Rasa could not save the turn
    message.output_channel.messages.append({"text": "Listo: borré tus respuestas"})
    raise RuntimeError("database is read-only")


def test_an_answered_turn_is_passed_on_and_its_id_marked_done(settings) -> None:
    outcome = _run(_answers, _message(), settings)
    assert outcome.status == "answered" and outcome.messages[0]["text"] == "¿Cuándo entraste?"
    assert _run(_answers, _message(), settings).status == "duplicate"


@pytest.mark.parametrize("handler", [_says_nothing, _not_saved])
def test_a_failed_turn_tells_the_person_to_write_again_and_takes_the_retry(settings, handler) -> None:
    remember_language(SENDER, "pt")
    outcome = _run(handler, _message("SM2"), settings)
    assert outcome.status == "failed"
    assert [m["text"] for m in outcome.messages] == [translate("pt", "error.try_again", settings.locales_dir)]
    assert "borré" not in outcome.messages[0]["text"]
    assert _run(_answers, _message("SM2"), settings).status == "answered"  # the retry is processed


def test_the_apology_is_in_the_default_language_for_a_stranger(settings) -> None:
    inbound.forget("sms:+15550009999")
    message = Inbound("sms", "sms:+15550009999", "hola", "twilio_sms", "SM3")
    outcome = _run(_says_nothing, message, settings)
    assert outcome.messages[0]["text"] == translate("es", "error.try_again", settings.locales_dir)


def test_a_retry_while_the_turn_runs_is_not_answered_twice(settings) -> None:
    assert claim(settings.database_url, "twilio_sms", "SM4", SENDER) is Claim.NEW
    assert _run(_answers, _message("SM4"), settings).status == "busy"


def test_messages_are_cut_before_any_model_sees_them(settings) -> None:
    seen = []

    async def handler(message) -> None:
        seen.append(message.text)
        await _answers(message)

    _run(handler, Inbound("rest", "web-abc", "ab" * 5000), settings)
    assert len(seen[0]) == inbound.MAX_TEXT_CHARS
