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


# What the person does for each question: click an option, or type an answer.
ANSWERS = {
    "nationality": ("click", "1. Venezuela"),
    "current_country": ("type", "Brasil"),
    "fear_of_return": ("click", "2. No"),
    "has_criminal_record": ("click", "2. No"),
    "entry_regular": ("click", "1. Sí"),
    "has_passport_or_id": ("click", "1. Sí"),
    "entry_date": ("type", "01/02/2024"),
    "birth_date": ("type", "10/10/1990"),
    "holds": ("type", "ninguno"),
    "children_hold": ("click", "Ninguno de estos"),
    "relatives_hold": ("click", "Ninguno de estos"),
}
RESULT_LINE = "Información verificada por última vez el"


def _bot_messages(page) -> int:
    return page.get_by_test_id("bot-message").count()


def _act(page, kind: str, value: str) -> None:
    """Click or type, then wait until the bot has answered."""
    before = _bot_messages(page)
    if kind == "click":
        page.get_by_role("button", name=value).last.click()
    else:
        page.get_by_test_id("input").fill(value)
        page.get_by_test_id("input").press("Enter")
    # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
    page.get_by_test_id("bot-message").nth(before).wait_for()


def test_conversation_in_the_browser(stack, browser, tmp_path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.set_default_timeout(60_000)
    page.goto(f"{stack.web_url}/chat")

    _act(page, "type", "hola")  # Spanish, detected from the greeting
    asked = []
    for _ in range(len(ANSWERS) + 1):
        if page.get_by_text(RESULT_LINE).count():
            break
        question = page.get_by_test_id("log").get_attribute("data-question")
        assert question in ANSWERS, f"unexpected question {question!r}"
        asked.append(question)
        _act(page, *ANSWERS[question])
    page.get_by_text(RESULT_LINE).first.wait_for()

    assert "nationality" in asked and "current_country" in asked
    assert len(asked) == len(set(asked))
    log = page.get_by_test_id("log")
    assert "Residencia en Brasil para nacionales de Venezuela" in log.inner_text()
    assert page.get_by_test_id("error").count() == 0
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
    if os.environ.get("CHAT_SCREENSHOT"):
        page.screenshot(path=os.environ["CHAT_SCREENSHOT"], full_page=True)
    page.close()


def _conversation_id(page) -> str:
    return page.evaluate("JSON.parse(localStorage.getItem('pathways-conversation')).sender")


def _phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page, violations


def test_the_next_person_on_a_shared_phone_starts_afresh(stack, browser) -> None:
    """Issue 8: the page's conversation id ends with "new conversation", after "delete my data"
    and after the session idle time, so nobody inherits the previous person's answers."""
    context, page, violations = _phone(browser)
    page.goto(f"{stack.web_url}/chat")
    _act(page, "type", "hola")
    _act(page, *ANSWERS["nationality"])
    first = _conversation_id(page)

    page.reload()  # the same person a minute later: the same conversation
    assert _conversation_id(page) == first

    page.get_by_test_id("new-conversation").click()  # "new conversation"
    assert _bot_messages(page) == 0
    second = _conversation_id(page)
    assert second != first
    _act(page, "type", "hola")
    assert "Nunca las comparto" in page.get_by_test_id("log").inner_text()  # a new consent notice

    # Idle for longer than Rasa's session: the next visit gets a new id.
    page.evaluate(
        "() => { const c = JSON.parse(localStorage.getItem('pathways-conversation'));"
        " c.last = Date.now() - 61 * 60 * 1000;"
        " localStorage.setItem('pathways-conversation', JSON.stringify(c)); }"
    )
    page.reload()
    third = _conversation_id(page)
    assert third not in (first, second)

    _act(page, "type", "hola")
    _act(page, "type", "borrar mis datos")
    _act(page, *("click", "1. Sí"))
    assert "borré" in page.get_by_test_id("log").inner_text()
    assert _conversation_id(page) != third  # the erased conversation's id is gone too
    assert violations == []
    context.close()
