"""A centre's day list in Chromium: sign in, open the day of two bookings, mark one attended,
download the CSV and read its rows. Saves docs/console/centre_day.png for the README."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.bookings import Booking, book, open_slots, taken
from bot.kb.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT
from tests.console import console_web
from tests.helpers.console import create_staff, login_page

pytestmark = [pytest.mark.integration, pytest.mark.browser]

web = console_web.web  # the fixture
SCREENSHOTS = PROJECT_ROOT / "docs" / "console"
CENTRE = "crai_sao_paulo"


def test_staff_mark_a_visit_attended_and_download_the_day(web, browser) -> None:
    booking = load_knowledge_base(PROJECT_ROOT / "pathways_kb").centres[CENTRE].booking
    assert booking is not None
    schedule = booking.schedule
    after = datetime.now(timezone.utc) + timedelta(days=2)
    start = next(
        s
        for s in open_slots(web.database_url, CENTRE, schedule, after, 100)
        if not taken(web.database_url, CENTRE, s, s + timedelta(minutes=1))
    )
    first, second = (
        book(web.database_url, CENTRE, schedule, start, service, sender, lang, f"browser-{n}")
        for n, (service, sender, lang) in enumerate(
            (("legal_aid", "whatsapp:+5511955550001", "ht"), ("documents", "sms:+5511955550002", "es"))
        )
    )
    assert isinstance(first, Booking) and isinstance(second, Booking)
    local = start.astimezone(ZoneInfo(schedule.timezone))
    day, clock = local.date().isoformat(), local.strftime("%H:%M")
    create_staff(web.database_url, "ines_browser", "agent", password="a long browser pass", language="es")

    context = browser.new_context(
        locale="es-ES", viewport={"width": 1100, "height": 700}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    login_page(page, web.url, "ines_browser", "a long browser pass")
    page.get_by_role("link", name="Centros", exact=True).click()
    page.get_by_role("link", name="CRAI – Centro de Referência e Atendimento para Imigrantes").click()
    page.get_by_role("link", name="Citas de hoy").click()
    page.get_by_label("Ir a un día").fill(day)
    page.get_by_role("button", name="Ir", exact=True).click()
    page.wait_for_url(f"{web.url}/console/centres/{CENTRE}/days/{day}")

    rows = page.get_by_test_id("booking-row")
    row = rows.filter(has_text=first.code)
    assert row.get_by_role("cell").nth(2).inner_text() == "Asesoría legal"
    assert row.get_by_role("cell").nth(3).inner_text() == "criollo haitiano"
    row.get_by_role("button", name="Asistió").click()
    page.get_by_role("status").filter(has_text="Registrado.").wait_for()
    row = page.get_by_test_id("booking-row").filter(has_text=first.code)
    assert row.get_by_role("cell").nth(4).inner_text() == "Asistió"
    assert row.get_by_role("button", name="No vino").is_visible()
    other = page.get_by_test_id("booking-row").filter(has_text=second.code)
    assert other.get_by_role("cell").nth(4).inner_text() == "Reservada"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "centre_day.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"{CENTRE}-{day}.csv"
    content = open(download.path(), encoding="utf-8").read()  # noqa: SIM115 - read once, closed by GC
    assert list(csv.reader(io.StringIO(content))) == [
        ["time", "code", "service", "language", "status", "seat"],
        [clock, first.code, "Asesoría legal", "criollo haitiano", "attended", str(first.seat)],
        [clock, second.code, "Documentos", "español", "booked", str(second.seat)],
    ]
    context.close()
