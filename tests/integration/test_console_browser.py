"""A helpline shift in Chromium, on the real stack: an agent watches the queue, a person on Telegram
asks for a person and appears without a reload, the agent claims, reads the transcript (and a new
message arriving live), replies (the fake Telegram receives it), adds a note and hands back; the
person's next message is answered by the assistant again. Saves the README's screenshots."""

from __future__ import annotations

import re
import time

import pytest

from bot.handoff.tickets import conversation_ticket
from bot.i18n.catalogs import translate
from bot.settings import PROJECT_ROOT
from tests.helpers.console import create_staff, login_page
from tests.helpers.people import Fakes, Person

pytestmark = [pytest.mark.integration, pytest.mark.browser]

SCREENSHOTS = PROJECT_ROOT / "docs" / "console"
LIVE_MS = 5000  # the queue polls every second: a new ticket shows within ~2 s; this leaves margin
REPLY = "Hola, soy Ana de la línea de ayuda. ¿Qué documentos tienes contigo?"


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_an_agent_takes_a_telegram_conversation_and_hands_it_back(
    stack,
    fake_twilio,
    fake_graph,
    fake_telegram,
    browser,
):
    password = create_staff(stack.settings.database_url, "ana_shift", "agent", language="en")
    person = Person(stack, Fakes(fake_twilio, fake_graph, fake_telegram), "telegram")
    for text in ("👋", "español", "Venezuela"):
        assert person.say(text).status_code == 200

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        login_page(page, stack.web_url, "ana_shift", password)
        page.goto(f"{stack.web_url}/console/")
        loaded_at = page.evaluate("performance.timeOrigin")  # the queue page is not reloaded below

        assert person.say("quiero hablar con una persona").status_code == 200
        ticket = conversation_ticket(stack.settings.database_url, person.sender_id)
        assert ticket is not None and ticket.status == "open"
        row = page.locator(f'tr[data-ticket="{ticket.id}"]')
        row.wait_for(timeout=LIVE_MS)
        assert page.evaluate("performance.timeOrigin") == loaded_at
        assert row.locator("td").nth(2).inner_text() == "Spanish"
        page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)

        row.get_by_role("button", name="Claim").click()
        page.wait_for_url(re.compile(rf"/console/tickets/{ticket.id}\?notice=claimed$"))
        transcript = page.locator("#transcript")
        assert "quiero hablar con una persona" in transcript.inner_text()
        assert "español" in transcript.inner_text()
        facts = page.locator("dl.facts > div").all_inner_texts()
        assert facts == ["Nationality\nVenezuela"]

        assert person.say("¿hay alguien? necesito ayuda con mis papeles").status_code == 200
        transcript.get_by_text("necesito ayuda con mis papeles").wait_for(timeout=LIVE_MS)

        page.get_by_label("Your reply (the person receives it on Telegram)").fill(REPLY)
        page.get_by_role("button", name="Send reply").click()
        page.get_by_text("Reply sent.").wait_for()
        _wait_for(lambda: person.received()[-1] == REPLY)

        page.get_by_label("Private note (only staff see it)").fill("Tiene cédula venezolana vencida.")
        page.get_by_role("button", name="Add note").click()
        page.get_by_text("Note added.").wait_for()
        assert "Private note by ana_shift" in transcript.inner_text()
        page.screenshot(path=str(SCREENSHOTS / "ticket.png"), full_page=True)

        page.get_by_label("Resolved").check()
        page.get_by_label("The menu").check()
        page.get_by_role("button", name="Hand back to the assistant").click()
        page.wait_for_url(re.compile(r"/console/\?notice=handed_back$"))
        assert page.locator(f'tr[data-ticket="{ticket.id}"]').count() == 0
    finally:
        page.close()

    returned = translate("es", "handoff.returned_menu")
    _wait_for(lambda: person.received()[-1] == returned)
    before = len(person.received())
    assert person.say("hola").status_code == 200
    answers = person.received()[before:]
    assert answers and all(answers), "the assistant answers the person again"
