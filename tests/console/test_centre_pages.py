"""The centres' pages over HTTP against the real web service (its own process, real SQLite) and the
shipped knowledge base: the list, a centre in plain words, blocks, the day list, marks, the CSV
export, CSRF refusal, bad input and audit rows."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bot.appointments.attendance import day_list
from bot.appointments.blocks import blocks_between
from bot.appointments.bookings import Booking, book, open_slots, taken
from bot.db.engine import get_engine
from bot.db.tables import audit_log, bookings
from bot.kb.loader import load_knowledge_base
from bot.kb.model import Centre
from bot.settings import PROJECT_ROOT
from tests.console import console_web
from tests.console.console_web import TIMEOUT_S, Web
from tests.helpers.console import post_form

web = console_web.web  # the fixture

CENTRE = "crai_sao_paulo"


@cache
def centre() -> Centre:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb").centres[CENTRE]


def _schedule():
    booking = centre().booking
    assert booking is not None
    return booking.schedule


def _audited(web: Web, action: str) -> list[tuple[str, str]]:
    with get_engine(web.database_url).connect() as connection:
        rows = connection.execute(
            sa.select(audit_log.c.username, audit_log.c.detail)
            .where(audit_log.c.action == action)
            .order_by(audit_log.c.id)
        ).all()
    return [tuple(r) for r in rows]


def _book_two(web: Web, tag: str) -> tuple[Booking, Booking, str]:
    """Two bookings (Haitian Creole, Spanish) at one slot a few days ahead; returns them and the local day."""
    after = datetime.now(timezone.utc) + timedelta(days=3)
    start = next(
        s
        for s in open_slots(web.database_url, CENTRE, _schedule(), after, 100)
        if not taken(web.database_url, CENTRE, s, s + timedelta(minutes=1))
    )
    made = [
        book(
            web.database_url,
            CENTRE,
            _schedule(),
            start,
            service,
            f"whatsapp:+55119{tag}{n}",
            lang,
            f"{tag}-{n}",
        )
        for n, (service, lang) in enumerate((("legal_aid", "ht"), ("documents", "es")))
    ]
    assert all(isinstance(m, Booking) for m in made)
    return made[0], made[1], start.astimezone(ZoneInfo(_schedule().timezone)).date().isoformat()


def test_the_list_shows_every_centre_and_who_takes_bookings(web):
    agent = web.session("ana_centres")
    page = agent.get(f"{web.url}/console/centres", timeout=TIMEOUT_S)
    assert page.status_code == 200
    kb_centres = load_knowledge_base(PROJECT_ROOT / "pathways_kb").centres
    assert page.text.count('data-testid="centre-row"') == len(kb_centres)
    assert f'href="/console/centres/{CENTRE}"' in page.text
    assert "Takes appointments" in page.text
    assert 'href="/console/centres" aria-current="page"' in page.text


def test_a_centre_in_plain_words_in_the_staff_language(web):
    agent = web.session("bea_centre", language="es")
    page = agent.get(f"{web.url}/console/centres/{CENTRE}", timeout=TIMEOUT_S)
    assert page.status_code == 200
    assert "<li>Lunes 08:00–17:00</li>" in page.text and "<li>Viernes 08:00–17:00</li>" in page.text
    assert "Sábado" not in page.text
    assert "<dd>30 minutos</dd>" in page.text and "<dd>3</dd>" in page.text
    assert "criollo haitiano" in page.text and "árabe" in page.text
    assert "Asesoría legal" in page.text and "Clases de idioma" in page.text
    assert "Sin confirmar: Personas a la vez: number of desks not known; this is a guess" in page.text
    assert "25 de diciembre de 2026" in page.text
    assert "asylum_br" not in page.text  # pathway titles, not ids


def test_unknown_centre_or_impossible_day_is_an_error_page(web):
    agent = web.session("caio_bad")
    for path, status in (
        ("/console/centres/nowhere", 404),
        ("/console/centres/nowhere/days/2026-12-01", 404),
        (f"/console/centres/{CENTRE}/days/2026-02-30", 400),
        (f"/console/centres/{CENTRE}/days/abc", 400),
        (f"/console/centres/{CENTRE}/days/2026-02-30.csv", 400),
        (f"/console/centres/{CENTRE}?block_day=2026-13-01", 400),
    ):
        assert agent.get(f"{web.url}{path}", timeout=TIMEOUT_S).status_code == status, path
    refused = post_form(agent, f"{web.url}/console/centres/{CENTRE}/blocks", day="2026-02-30", time="")
    assert refused.status_code == 400


def test_the_day_list_marks_and_a_second_mark_sees_the_first(web):
    first, second, day = _book_two(web, "11")
    ana, bruno = web.session("ana_mark"), web.session("bruno_mark")
    url = f"{web.url}/console/centres/{CENTRE}/days/{day}"
    page = ana.get(url, timeout=TIMEOUT_S)
    assert page.status_code == 200
    assert first.code in page.text and second.code in page.text
    assert "Legal aid" in page.text and "Haitian Creole" in page.text and "Documents" in page.text
    assert "whatsapp:" not in page.text and "+55119" not in page.text

    done = post_form(ana, f"{url}/mark", code=first.code, seen="booked", outcome="attended")
    late = post_form(bruno, f"{url}/mark", code=first.code, seen="booked", outcome="no_show")

    assert done.status_code == 303 and done.headers["Location"].endswith(f"/days/{day}?notice=marked")
    assert late.status_code == 409 and f"Appointment {first.code} had changed meanwhile" in late.text
    statuses = {
        b.code: b.status
        for b in day_list(web.database_url, CENTRE, datetime.fromisoformat(day).date(), _schedule().timezone)
    }
    assert statuses == {first.code: "attended", second.code: "booked"}
    with get_engine(web.database_url).connect() as connection:
        marked_by = connection.execute(
            sa.select(bookings.c.marked_by).where(bookings.c.code == first.code)
        ).scalar()
    assert marked_by is not None
    assert _audited(web, "centre_mark")[-1] == (
        "ana_mark",
        f"centre={CENTRE} day={day} code={first.code} outcome=attended",
    )


def test_a_mark_without_csrf_or_of_another_day_changes_nothing(web):
    first, _second, day = _book_two(web, "22")
    agent = web.session("dora_csrf")
    url = f"{web.url}/console/centres/{CENTRE}/days/{day}/mark"
    form = {"code": first.code, "seen": "booked", "outcome": "attended"}
    assert agent.post(url, data=form, allow_redirects=False, timeout=TIMEOUT_S).status_code == 403
    other = f"{web.url}/console/centres/{CENTRE}/days/2026-01-05/mark"
    assert post_form(agent, other, **form).status_code == 404
    assert post_form(agent, url, **{**form, "outcome": "cancelled"}).status_code == 400
    with get_engine(web.database_url).connect() as connection:
        status = connection.execute(
            sa.select(bookings.c.status).where(bookings.c.code == first.code)
        ).scalar()
    assert status == "booked"


def test_the_csv_export_has_the_day_rows_and_is_audited(web):
    first, second, day = _book_two(web, "33")
    agent = web.session("eva_csv")
    response = agent.get(f"{web.url}/console/centres/{CENTRE}/days/{day}.csv", timeout=TIMEOUT_S)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{CENTRE}-{day}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == ["time", "code", "service", "language", "status", "seat"]
    mine = [r for r in rows[1:] if r[1] in (first.code, second.code)]
    clock = first.start.astimezone(ZoneInfo(_schedule().timezone)).strftime("%H:%M")
    assert mine == [
        [clock, first.code, "Legal aid", "Haitian Creole", "booked", str(first.seat)],
        [clock, second.code, "Documents", "Spanish", "booked", str(second.seat)],
    ]
    assert _audited(web, "centre_export")[-1] == (
        "eva_csv",
        f"centre={CENTRE} day={day} rows={len(rows) - 1}",
    )


def test_blocking_a_slot_twice_makes_one_block_and_a_wrong_time_is_refused(web):
    agent = web.session("fabio_block")
    day = "2027-03-02"  # a Tuesday
    url = f"{web.url}/console/centres/{CENTRE}/blocks"
    form = {"day": day, "time": "10:30", "reason": "staff training"}
    assert post_form(agent, url, **form).status_code == 303
    assert post_form(agent, url, **form).status_code == 303
    wrong = post_form(agent, url, day=day, time="10:15")
    assert wrong.status_code == 422
    assert "10:15 is not one of the centre&#39;s times on 2 March 2027" in wrong.text

    found = blocks_between(web.database_url, CENTRE, datetime(2027, 3, 2).date(), datetime(2027, 3, 2).date())
    assert [(b.start, b.reason) for b in found] == [
        (datetime(2027, 3, 2, 13, 30, tzinfo=timezone.utc), "staff training")
    ]
    page = agent.get(f"{web.url}/console/centres/{CENTRE}/days/{day}", timeout=TIMEOUT_S)
    assert "Blocked times: 10:30" in page.text

    removed = post_form(agent, f"{url}/{found[0].id}/delete")
    assert removed.status_code == 303
    assert blocks_between(web.database_url, CENTRE, found[0].day, found[0].day) == []
    actions = [(a, d.split(" block=")[0]) for a, d in _audited(web, "centre_block")]
    assert actions[-2:] == [("fabio_block", f"centre={CENTRE} day={day} time=10:30")] * 2
    assert _audited(web, "centre_unblock")[-1] == ("fabio_block", f"centre={CENTRE} block={found[0].id}")


def test_the_jump_form_goes_to_the_chosen_day(web):
    agent = web.session("gil_jump")
    jump = agent.get(
        f"{web.url}/console/centres/{CENTRE}/days/go",
        params={"day": "2027-01-04"},
        allow_redirects=False,
        timeout=TIMEOUT_S,
    )
    assert (
        jump.status_code == 303 and jump.headers["Location"] == f"/console/centres/{CENTRE}/days/2027-01-04"
    )
    page = agent.get(f"{web.url}{jump.headers['Location']}", timeout=TIMEOUT_S)
    assert f'href="/console/centres/{CENTRE}/days/2027-01-03"' in page.text
    assert f'href="/console/centres/{CENTRE}/days/2027-01-05"' in page.text
