"""The day-before reminder: due from 10:00 on the centre's clock (across a daylight-saving change),
sent once however many runs or instances, never for a cancelled or erased booking, in the booking's
language, through the real outbound layer (the web chat's outbox, and SMS to a fake Twilio)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.appointments.bookings import Booking, book, cancel
from bot.appointments.reminders import send_due_reminders
from bot.channels import delivery
from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import bookings, web_outbox
from bot.kb.model import Centre
from bot.privacy import erase_conversation
from bot.settings import Settings
from tests.helpers.centres import weekday_centre
from tests.helpers.fake_providers import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio

NEW_YORK, SAO_PAULO = ZoneInfo("America/New_York"), ZoneInfo("America/Sao_Paulo")
SMS_FROM = "+15550001111"


def centre(centre_id: str, zone: str, address: str | None) -> Centre:
    return weekday_centre(zone, centre_id, address, city="Ciudad", languages=("es", "ht"))


CENTRES = {
    "sp": centre("sp", "America/Sao_Paulo", "Rua Teste, 1"),
    "ny": centre("ny", "America/New_York", None),
}


@pytest.fixture(scope="module")
def twilio() -> FakeTwilio:
    return FakeTwilio().start()


@pytest.fixture
def test_kb(kb):
    return replace(kb, centres=CENTRES)


@pytest.fixture(autouse=True)
def _quick(monkeypatch) -> None:
    monkeypatch.setattr(delivery, "BACKOFF_S", (0.0, 0.0))  # retries without their waits


def _settings(tmp_path, url: str, twilio: FakeTwilio) -> Settings:
    env = {
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": SMS_FROM,
        "TWILIO_API_BASE_URL": twilio.base_url,
    }
    upgrade(url)
    return Settings.from_env(env)


def booked(
    url: str, centre_id: str, start: datetime, sender_id: str, language: str, made: datetime
) -> Booking:
    schedule = CENTRES[centre_id].booking.schedule
    result = book(url, centre_id, schedule, start, "legal_aid", sender_id, language, None, now=made)
    assert isinstance(result, Booking), result
    return result


def outbox(url: str, sender_id: str) -> list[str]:
    with get_engine(url).connect() as connection:
        query = sa.select(web_outbox.c.body).where(
            web_outbox.c.conversation_key == conversation_key(sender_id)
        )
        return list(connection.execute(query.order_by(web_outbox.c.id)).scalars())


def run(settings: Settings, kb, now: datetime) -> int:
    return asyncio.run(send_due_reminders(settings, kb, now))


async def twice_at_once(settings: Settings, kb, now: datetime) -> list[int]:
    """Two instances' runs at the same moment (their claims race in two threads)."""
    return list(
        await asyncio.gather(send_due_reminders(settings, kb, now), send_due_reminders(settings, kb, now))
    )


def web_sender() -> str:
    return f"web-{uuid.uuid4().hex[:16]}"


def test_due_from_ten_the_day_before_on_the_centres_clock(tmp_path, empty_databases, twilio, test_kb) -> None:
    for url in empty_databases:
        settings = _settings(tmp_path, url, twilio)
        visit = datetime(2026, 12, 1, 10, tzinfo=SAO_PAULO)  # Tuesday; Monday 10:00 there is 13:00 UTC
        sender = web_sender()
        made = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
        code = booked(url, "sp", visit, sender, "es", made).code
        assert run(settings, test_kb, datetime(2026, 11, 30, 12, 59, tzinfo=timezone.utc)) == 0  # 09:59
        assert outbox(url, sender) == []
        assert run(settings, test_kb, datetime(2026, 11, 30, 13, 0, tzinfo=timezone.utc)) == 1  # 10:00
        assert outbox(url, sender) == [
            "Recordatorio: mañana, martes 1 de diciembre, 10:00, tienes una visita en Centro de prueba. "
            f"Rua Teste, 1. Tu código: {code}. Para cancelar, responde: cancelar {code}. "
            f"Para cambiar la hora: cambiar {code}."
        ], url
        assert run(settings, test_kb, datetime(2026, 11, 30, 18, tzinfo=timezone.utc)) == 0  # once
        assert len(outbox(url, sender)) == 1


def test_across_the_end_of_daylight_saving_in_creole(tmp_path, empty_databases, twilio, test_kb) -> None:
    for url in empty_databases:
        settings = _settings(tmp_path, url, twilio)
        # New York leaves daylight saving on Sunday 1 November 2026 at 02:00: Sunday 10:00 is 15:00 UTC
        # (14:00 UTC the day before the change).
        visit = datetime(2026, 11, 2, 9, 30, tzinfo=NEW_YORK)
        sender = web_sender()
        code = booked(url, "ny", visit, sender, "ht", datetime(2026, 10, 28, tzinfo=timezone.utc)).code
        assert run(settings, test_kb, datetime(2026, 11, 1, 14, 59, tzinfo=timezone.utc)) == 0
        assert run(settings, test_kb, datetime(2026, 11, 1, 15, 0, tzinfo=timezone.utc)) == 1
        assert outbox(url, sender) == [
            "Rapèl: demen, lendi 2 novanm, 09:30, ou gen yon randevou nan Centro de prueba. "
            f"Kòd ou: {code}. Pou anile, reponn: anile {code}. Pou chanje lè a: chanje {code}."
        ], url


def test_two_instances_at_once_send_one_reminder(tmp_path, empty_databases, twilio, test_kb) -> None:
    for url in empty_databases:
        settings = _settings(tmp_path, url, twilio)
        sender = web_sender()
        booked(
            url,
            "sp",
            datetime(2026, 12, 1, 11, tzinfo=SAO_PAULO),
            sender,
            "es",
            datetime(2026, 11, 25, tzinfo=timezone.utc),
        )
        now = datetime(2026, 11, 30, 15, tzinfo=timezone.utc)

        assert sorted(asyncio.run(twice_at_once(settings, test_kb, now))) == [0, 1], url
        assert len(outbox(url, sender)) == 1
        with get_engine(url).connect() as connection:
            reminded = connection.execute(sa.select(bookings.c.reminded_at)).scalar_one()
        assert reminded == now  # read back aware, as UtcDateTime reads every stored moment


def test_cancelled_erased_late_and_unknown_centre_bookings_get_nothing(
    tmp_path, empty_databases, twilio, test_kb
) -> None:
    for url in empty_databases:
        settings = _settings(tmp_path, url, twilio)
        visit = datetime(2026, 12, 1, 10, tzinfo=SAO_PAULO)
        early = datetime(2026, 11, 25, tzinfo=timezone.utc)
        cancelled, erased, late = web_sender(), web_sender(), web_sender()
        cancel(url, booked(url, "sp", visit, cancelled, "es", early).code, now=early)
        booked(url, "sp", visit, erased, "es", early)
        erase_conversation(url, erased)
        # booked at 10:05 the day before, after the reminder's moment: its confirmation is fresh
        booked(url, "sp", visit, late, "es", datetime(2026, 11, 30, 13, 5, tzinfo=timezone.utc))
        gone = replace(test_kb, centres={})
        assert run(settings, gone, datetime(2026, 11, 30, 14, tzinfo=timezone.utc)) == 0, url
        assert run(settings, test_kb, datetime(2026, 11, 30, 14, tzinfo=timezone.utc)) == 0, url
        assert run(settings, test_kb, visit.astimezone(timezone.utc)) == 0  # the visit has started
        assert [outbox(url, sender) for sender in (cancelled, erased, late)] == [[], [], []]


def test_an_sms_reminder_goes_to_the_provider_once_even_when_it_fails(
    tmp_path, empty_databases, twilio, test_kb
) -> None:
    url = empty_databases[0]
    settings = _settings(tmp_path, url, twilio)
    number, failing = "+5511987650001", "+5511987650002"
    visit = datetime(2026, 12, 1, 14, tzinfo=SAO_PAULO)
    early = datetime(2026, 11, 25, tzinfo=timezone.utc)
    code = booked(url, "sp", visit, f"sms:{number}", "es", early).code
    now = datetime(2026, 11, 30, 13, 30, tzinfo=timezone.utc)
    assert run(settings, test_kb, now) == 1
    [message] = [m for m in twilio.messages if m["To"] == number]
    assert (message["From"], message["Body"]) == (
        SMS_FROM,
        "Recordatorio: mañana, martes 1 de diciembre, 14:00, tienes una visita en Centro de prueba. "
        f"Rua Teste, 1. Tu código: {code}. Para cancelar, responde: cancelar {code}. "
        f"Para cambiar la hora: cambiar {code}.",
    )
    booked(url, "sp", visit, f"sms:{failing}", "es", early)
    twilio.fail_next = 3
    try:
        assert run(settings, test_kb, now + timedelta(minutes=1)) == 0
    finally:
        twilio.fail_next = 0
    assert run(settings, test_kb, now + timedelta(minutes=2)) == 0  # not retried
    assert twilio.to(failing) == [] and len(twilio.to(number)) == 1
