"""The booking's calendar file: exact RFC 5545 lines (UTC times, escaping, folding), its link per
channel, and GET /visit/<token>.ics through the real web app."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.appointments.bookings import Booking
from bot.appointments.calendar import calendar_link, calendar_text, escape_text, fold
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import bookings
from bot.kb.model import Centre
from bot.privacy import erase_conversation
from bot.settings import Settings
from bot.web import create_app
from tests.helpers.centres import weekday_centre
from tests.helpers.fuzz_asgi import AsgiClient

STAMP = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)


def centre(zone: str, address: str | None = "Rua Teste, 1", name: str = "Centro de prueba") -> Centre:
    return weekday_centre(zone, address=address, name=name, slot_minutes=45, seats=2, languages=("es", "pt"))


def booking(start: datetime, language: str = "es", status: str = "booked") -> Booking:
    return Booking(
        code="ABC234",
        centre_id="centre_test",
        service="legal_aid",
        start=start.astimezone(timezone.utc),
        seat=1,
        language=language,
        status=status,
        sender_id="web-abcdefgh",
        ics_token="t" * 32,
    )


def test_a_sao_paulo_booking_in_spanish_line_by_line() -> None:
    start = datetime(2026, 12, 1, 10, 30, tzinfo=ZoneInfo("America/Sao_Paulo"))
    text = calendar_text(booking(start), centre("America/Sao_Paulo"), "es", stamp=STAMP)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "PRODID:-//Pathways migrant assistant//Visit booking//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        "UID:ABC234@pathways",
        "DTSTAMP:20261130T120000Z",
        "DTSTART:20261201T133000Z",
        "DTEND:20261201T141500Z",
        "SUMMARY:Visita a Centro de prueba",
        "LOCATION:Rua Teste\\, 1",
        "DESCRIPTION:Tu código: ABC234. Para cancelar\\, responde: cancelar ABC234. ",  # 75 octets
        " Para cambiar la hora: cambiar ABC234.",
        "STATUS:CONFIRMED",
        "SEQUENCE:0",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]


def test_new_york_times_are_utc_on_both_sides_of_daylight_saving() -> None:
    new_york = centre("America/New_York", address=None)
    winter = calendar_text(
        booking(datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("America/New_York"))), new_york, "en"
    )
    summer = calendar_text(
        booking(datetime(2026, 7, 1, 10, tzinfo=ZoneInfo("America/New_York"))), new_york, "en"
    )
    assert "DTSTART:20261201T150000Z\r\nDTEND:20261201T154500Z\r\n" in winter
    assert "DTSTART:20260701T140000Z\r\nDTEND:20260701T144500Z\r\n" in summer
    assert "LOCATION:São Paulo\r\n" in winter  # no address: the city
    assert "SUMMARY:Visit to Centro de prueba\r\n" in winter


def test_a_long_french_line_is_folded_without_splitting_a_character() -> None:
    start = datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("America/Sao_Paulo"))
    name = "Centre d'accueil; intégration, droits \\ et démarches des réfugiés à São Paulo"
    text = calendar_text(booking(start, "fr"), centre("America/Sao_Paulo", name=name), "fr", stamp=STAMP)
    lines = text.split("\r\n")
    assert lines[9:14] == [
        "SUMMARY:Rendez-vous à Centre d'accueil\\; intégration\\, droits \\\\ et déma",  # 75 octets
        " rches des réfugiés à São Paulo",
        "LOCATION:Rua Teste\\, 1",
        "DESCRIPTION:Votre code : ABC234. Pour annuler\\, répondez : annuler ABC234.",
        "  Pour changer l'heure : changer ABC234.",  # the space that began the next word, kept
    ]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_folding_moves_a_multibyte_character_whole_to_the_next_line() -> None:
    line = "SUMMARY:" + "x" * 66 + "é" + "ò" * 40  # "é" would end at octet 76
    folded = fold(line)
    first, second, third = folded.split("\r\n")
    assert first == "SUMMARY:" + "x" * 66
    assert second == " é" + "ò" * 36  # 1 + 2 + 72 octets
    assert third == " " + "ò" * 4
    assert fold("short") == "short"
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_a_cancelled_booking_says_so_with_a_new_sequence() -> None:
    start = datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("America/Sao_Paulo"))
    text = calendar_text(booking(start, "ht", "cancelled"), centre("America/Sao_Paulo"), "ht", stamp=STAMP)
    assert "\r\nSTATUS:CANCELLED\r\nSEQUENCE:1\r\n" in text
    assert "UID:ABC234@pathways\r\n" in text and "SUMMARY:Randevou nan Centro de prueba\r\n" in text
    # "è" (two octets) would end at octet 76: it starts the next line whole
    assert (
        "\r\nDESCRIPTION:Kòd ou: ABC234. Pou anile\\, reponn: anile ABC234. Pou chanje l\r\n"
        " è a: chanje ABC234.\r\n" in text
    )


@pytest.mark.parametrize(
    ("sender_id", "with_base", "without_base"),
    [
        ("web-abcdefgh12", "/visit/TOKEN.ics", "/visit/TOKEN.ics"),
        ("telegram:123456", "https://bot.example.org/visit/TOKEN.ics", None),
        ("whatsapp:+5511900000001", "https://bot.example.org/visit/TOKEN.ics", None),
        ("whatsapp_cloud:5511900000001", "https://bot.example.org/visit/TOKEN.ics", None),
        ("sms:+5511900000001", None, None),
    ],
)
def test_the_link_each_channel_can_open(tmp_path, sender_id, with_base, without_base) -> None:
    based = Settings.from_env({"VAR_DIR": str(tmp_path), "PUBLIC_BASE_URL": "https://bot.example.org/"})
    plain = Settings.from_env({"VAR_DIR": str(tmp_path)})
    assert calendar_link(based, sender_id, "TOKEN") == with_base
    assert calendar_link(plain, sender_id, "TOKEN") == without_base
    assert calendar_link(based, sender_id, None) is None


class _Store:
    def __init__(self, kb) -> None:
        self.kb = kb

    def get(self):
        return self.kb


def _insert(url: str, token: str, sender_id: str) -> None:
    start = datetime(2030, 12, 3, 13, tzinfo=timezone.utc)  # far ahead: the app's reminder loop ignores it
    row = {
        "code": "XYZ789",
        "centre_id": "centre_test",
        "service": "legal_aid",
        "start": start,
        "seat": 1,
        "conversation_key": None,
        "sender_id": sender_id,
        "language": "pt",
        "status": "booked",
        "created_at": STAMP,
        "ics_token": token,
    }
    with get_engine(url).begin() as connection:
        connection.execute(bookings.insert().values(**row))


def test_the_route_serves_the_file_and_hides_unknown_and_erased_ones(tmp_path, kb) -> None:
    settings = Settings.from_env({"VAR_DIR": str(tmp_path)})
    upgrade(settings.database_url)
    token, sender_id = secrets.token_urlsafe(24), "web-route-test-1"
    _insert(settings.database_url, token, sender_id)
    app = create_app(settings)
    app.ctx.kb_store = _Store(replace(kb, centres={"centre_test": centre("America/Sao_Paulo")}))
    with AsgiClient(app) as client:
        found = client.get(f"/visit/{token}.ics")
        assert found.status_code == 200
        assert found.headers["content-type"] == "text/calendar; charset=utf-8"
        assert found.headers["content-disposition"] == 'attachment; filename="visit-XYZ789.ics"'
        assert (found.headers["cache-control"], found.headers["x-robots-tag"]) == ("no-store", "noindex")
        assert found.text.startswith("BEGIN:VCALENDAR\r\nPRODID:")
        assert "DTSTART:20301203T130000Z\r\n" in found.text
        assert "SUMMARY:Atendimento em Centro de prueba\r\n" in found.text

        for path in (
            f"/visit/{secrets.token_urlsafe(24)}.ics",  # well formed, unknown
            "/visit/short.ics",
            f"/visit/{token}.txt",
            f"/visit/{token[:-1]}%27.ics",
        ):
            missing = client.get(path)
            assert (missing.status_code, missing.text) == (404, "Not found."), path
            assert missing.headers["cache-control"] == "no-store"

        erase_conversation(settings.database_url, sender_id)
        with get_engine(settings.database_url).connect() as connection:
            assert connection.execute(sa.select(bookings.c.ics_token, bookings.c.sender_id)).all() == [
                (None, None)
            ]
        gone = client.get(f"/visit/{token}.ics")
        assert (gone.status_code, gone.text) == (404, "Not found.")
