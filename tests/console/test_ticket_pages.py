"""The queue page and the conversation view over HTTP, against the real web service (its own
process, real SQLite) with the fake WhatsApp providers: claim races, CSRF, roles, replies in and
outside WhatsApp's 24-hour window, notes, hand back, audit."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import requests
import sqlalchemy as sa

from bot.consent import conversation_key
from bot.db.engine import get_engine
from bot.db.tables import audit_log, ticket_messages, web_outbox
from bot.handoff.tickets import get_ticket
from bot.i18n.catalogs import translate
from tests.console import console_web
from tests.console.console_web import TIMEOUT_S, Web
from tests.helpers.console import csrf_of, post_form

web = console_web.web  # the fixture


def _audited(web: Web, ticket_id: int) -> list[tuple[str, str]]:
    with get_engine(web.database_url).connect() as connection:
        rows = connection.execute(
            sa.select(audit_log.c.action, audit_log.c.username)
            .where(audit_log.c.ticket_id == ticket_id)
            .order_by(audit_log.c.id)
        ).all()
    return [tuple(r) for r in rows]


def test_two_agents_claim_at_once_and_one_wins(web):
    ticket_id = web.ticket("web-race")
    ana, bruno = web.session("ana_race"), web.session("bruno_race")
    url = f"{web.url}/console/tickets/{ticket_id}/claim"
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda s: post_form(s, url), (ana, bruno)))

    assert sorted(a.status_code for a in answers) == [303, 409]
    winner = "ana_race" if answers[0].status_code == 303 else "bruno_race"
    loser = answers[1] if answers[0].status_code == 303 else answers[0]
    assert f"Already claimed by {winner}." in loser.text
    assert get_ticket(web.database_url, ticket_id).status == "claimed"
    assert _audited(web, ticket_id) == [("claim", winner)]


def test_a_form_without_its_csrf_token_is_refused(web):
    ticket_id = web.ticket("web-csrf")
    agent = web.session("carla_csrf")
    response = agent.post(
        f"{web.url}/console/tickets/{ticket_id}/claim", allow_redirects=False, timeout=TIMEOUT_S
    )
    assert response.status_code == 403
    assert get_ticket(web.database_url, ticket_id).status == "open"


def test_only_an_admin_exports_and_it_is_audited(web):
    ticket_id = web.ticket("web-export", facts={"nationality": "VE"})
    agent, admin = web.session("dora_export"), web.session("admin_export", role="admin")
    view = agent.get(f"{web.url}/console/tickets/{ticket_id}", timeout=TIMEOUT_S)
    assert view.status_code == 200 and "/export" not in view.text

    assert agent.get(f"{web.url}/console/tickets/{ticket_id}/export", timeout=TIMEOUT_S).status_code == 403
    exported = admin.get(f"{web.url}/console/tickets/{ticket_id}/export", timeout=TIMEOUT_S)

    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == f'attachment; filename="conversation-{ticket_id}.json"'
    body = exported.json()
    assert body["ticket"]["facts"] == {"nationality": "VE"} and "sender_id" not in body["ticket"]
    assert _audited(web, ticket_id) == [("view", "dora_export"), ("export", "admin_export")]


def _claimed(web: Web, sender: str, name: str, **values) -> tuple[int, requests.Session]:
    ticket_id = web.ticket(sender, **values)
    agent = web.session(name)
    assert post_form(agent, f"{web.url}/console/tickets/{ticket_id}/claim").status_code == 303
    return ticket_id, agent


def _deliveries(web: Web, ticket_id: int) -> list[tuple[str, str | None]]:
    with get_engine(web.database_url).connect() as connection:
        rows = connection.execute(
            sa.select(ticket_messages.c.kind, ticket_messages.c.delivery)
            .where(ticket_messages.c.ticket_id == ticket_id)
            .order_by(ticket_messages.c.id)
        ).all()
    return [tuple(r) for r in rows]


def test_a_reply_outside_the_whatsapp_window_goes_as_the_template(web):
    ticket_id, agent = _claimed(web, "whatsapp_cloud:+573001234001", "eva_template", channel="whatsapp_cloud")
    sent = post_form(agent, f"{web.url}/console/tickets/{ticket_id}/reply", text="Hola, soy Eva.")
    assert (sent.status_code, sent.headers["Location"]) == (
        303,
        f"/console/tickets/{ticket_id}?notice=template",
    )
    page = agent.get(f"{web.url}{sent.headers['Location']}", timeout=TIMEOUT_S).text
    assert "Sent as a template" in page and "Hola, soy Eva." in page
    assert [m["type"] for m in web.graph.to("573001234001")] == ["template"]
    assert _deliveries(web, ticket_id) == [("reply", "template")]


def test_a_reply_outside_the_window_without_a_template_is_refused_with_what_to_do(web):
    ticket_id, agent = _claimed(web, "whatsapp:+573001234002", "fabio_refused", channel="twilio")
    refused = post_form(agent, f"{web.url}/console/tickets/{ticket_id}/reply", text="Hola, soy Fabio.")
    assert refused.status_code == 200
    assert (
        "Not sent: outside WhatsApp&#39;s 24-hour window and no template is configured. Ask an admin to set "
        "TWILIO_WHATSAPP_CONTENT_SID, or wait for the person to write."
    ) in refused.text
    assert ">Hola, soy Fabio.</textarea>" in refused.text  # the text is kept to send later
    assert web.twilio.to("whatsapp:+573001234002") == []
    assert _deliveries(web, ticket_id) == [("reply", "refused")]


def test_only_the_claimer_replies(web):
    ticket_id, _owner = _claimed(web, "web-owner", "gina_owner")
    other = web.session("hugo_other")
    response = post_form(other, f"{web.url}/console/tickets/{ticket_id}/reply", text="hola")
    assert response.status_code == 403
    assert "Only the person who claimed this conversation can do that." in response.text
    assert _deliveries(web, ticket_id) == []


def _outbox(web: Web, sender: str) -> list[str]:
    with get_engine(web.database_url).connect() as connection:
        return list(
            connection.execute(
                sa.select(web_outbox.c.body)
                .where(web_outbox.c.conversation_key == conversation_key(sender))
                .order_by(web_outbox.c.id)
            ).scalars()
        )


def test_reply_note_canned_and_hand_back_on_the_web_chat(web):
    sender = "web-handback"
    ticket_id, agent = _claimed(web, sender, "ines_flow", language="pt")
    base = f"{web.url}/console/tickets/{ticket_id}"

    canned = post_form(agent, f"{base}/canned", canned="greeting")
    assert canned.status_code == 200
    assert ">Olá, sou uma pessoa da equipe da linha de ajuda." in canned.text  # the person's language
    assert post_form(agent, f"{base}/reply", text="Olá!").headers["Location"].endswith("notice=sent")
    assert post_form(agent, f"{base}/note", text="pedir documentos").status_code == 303
    page = agent.get(base, timeout=TIMEOUT_S).text
    assert "Private note by ines_flow (the person does not see it)" in page and "pedir documentos" in page
    assert "Reply from ines_flow" in page

    closed = post_form(agent, f"{base}/hand-back", outcome="resolved", resume="menu")

    assert (closed.status_code, closed.headers["Location"]) == (303, "/console/?notice=handed_back")
    ticket = get_ticket(web.database_url, ticket_id)
    assert (ticket.status, ticket.outcome, ticket.resume, ticket.bot_paused) == (
        "closed",
        "resolved",
        "menu",
        False,
    )
    assert _outbox(web, sender) == ["Olá!", translate("pt", "handoff.returned_menu")]
    assert _deliveries(web, ticket_id) == [("reply", "sent"), ("note", None)]
    assert [a for a, _ in _audited(web, ticket_id)] == ["claim", "reply", "note", "view", "hand_back"]
    queue = agent.get(f"{web.url}/console/", timeout=TIMEOUT_S).text
    assert f'data-ticket="{ticket_id}"' not in queue


def test_a_double_click_on_send_and_on_hand_back_reaches_the_person_once(web):
    sender = "web-doubleclick"
    ticket_id, agent = _claimed(web, sender, "joao_double")
    base = f"{web.url}/console/tickets/{ticket_id}"
    token = re.search(r'name="submission" value="([^"]+)"', agent.get(base, timeout=TIMEOUT_S).text).group(1)
    with ThreadPoolExecutor(2) as pool:  # the same form, twice at once
        answers = list(
            pool.map(lambda _: post_form(agent, f"{base}/reply", text="Hola", submission=token), "ab")
        )

    assert sorted(a.headers["Location"].rsplit("=", 1)[1] for a in answers) == ["duplicate", "sent"]
    assert _outbox(web, sender) == ["Hola"]
    assert _deliveries(web, ticket_id) == [("reply", "sent")]
    fresh = re.search(r'name="submission" value="([^"]+)"', agent.get(base, timeout=TIMEOUT_S).text).group(1)
    assert fresh != token  # each page carries its own token: the next reply is a new one
    assert (
        post_form(agent, f"{base}/reply", text="Hola", submission=fresh).headers["Location"].endswith("=sent")
    )
    assert _outbox(web, sender) == ["Hola", "Hola"]

    with ThreadPoolExecutor(2) as pool:
        closes = list(
            pool.map(
                lambda _: post_form(agent, f"{base}/hand-back", outcome="resolved", resume="pending"), "ab"
            )
        )
    assert sorted(c.status_code for c in closes) == [303, 409]
    assert _outbox(web, sender) == ["Hola", "Hola", translate("es", "handoff.returned")]


def test_the_queue_in_spanish_urgent_first_with_words_not_codes(web):
    with get_engine(web.database_url).begin() as connection:  # a clean queue for this test
        connection.execute(sa.text("UPDATE tickets SET status = 'closed'"))
    calm = web.ticket(
        "web-calm",
        language="ht",
        country="CO",
        facts={"nationality": "VE", "current_country": "CO"},
        results=[{"pathway": "andean_bo", "status": "likely_eligible"}],
    )
    urgent = web.ticket("telegram:5550001", channel="telegram", reason="urgent", country="VE")
    agent = web.session("juana_es", language="es")

    page = agent.get(f"{web.url}/console/", timeout=TIMEOUT_S)

    assert page.status_code == 200
    text = page.text
    assert text.index(f'data-ticket="{urgent}"') < text.index(f'data-ticket="{calm}"')
    for words in (
        "Cola de atención",
        "criollo haitiano",
        "Chat web",
        "Telegram",
        "Colombia",
        "Venezuela",
        "Urgente",
        "Señales de peligro",
        "Pidió hablar con una persona",
        "Nadie todavía",
        "Tomar",
        "Hasta ahora",
        "aún sin respuestas",  # the urgent ticket has no answers yet
        "Venezuela · Colombia · Residencia Temporal Andina en Bolivia (Estatuto Migratorio Andino): "
        "Probablemente cumple las condiciones",
    ):
        assert words in text, words
    for english in ("Queue<", "Claim", "Nobody yet", "Web chat", "Haitian", "andean_bo", "likely_eligible"):
        assert english not in text, english
    filtered = agent.get(f"{web.url}/console/queue/rows", params={"channel": "telegram"}, timeout=TIMEOUT_S)
    assert f'data-ticket="{urgent}"' in filtered.text and f'data-ticket="{calm}"' not in filtered.text
    csrf_of(page.text)  # the page carries the session's token for its forms
