"""A person at /chat on a phone-sized screen: picks a language, answers, sees a sourced result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def test_conversation_in_the_browser(stack, browser, tmp_path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.set_default_timeout(60_000)
    page.goto(f"{stack.web_url}/chat")

    page.get_by_test_id("input").fill("hola")
    page.get_by_test_id("send").click()
    page.get_by_role("button", name="1. Español").click()
    page.get_by_text("¿Cuál es tu nacionalidad?").wait_for()
    page.get_by_role("button", name="1. Venezuela").click()
    page.get_by_text("¿En qué país estás ahora?").wait_for()

    page.get_by_test_id("input").fill("Brasil")
    page.get_by_test_id("input").press("Enter")
    page.get_by_text("Información verificada por última vez el 2 de julio de 2026.").wait_for()

    log = page.get_by_test_id("log")
    assert "Residencia en Brasil para nacionales de Venezuela" in log.inner_text()
    assert page.get_by_test_id("error").count() == 0
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
    if os.environ.get("CHAT_SCREENSHOT"):
        page.screenshot(path=os.environ["CHAT_SCREENSHOT"], full_page=True)
    page.close()
