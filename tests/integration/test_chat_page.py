"""A person at /chat on a phone-sized screen: picks a language, answers, sees a sourced result.

The tests that take `stack` talk to the real assistant. The others serve the page, its files and a
scripted assistant to Chromium from this process (Playwright's request routing), so what the page
itself does (where the view goes, its language, "new conversation", links) is checked quickly and
exactly, with the site's real security headers.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

import pytest
from babel.messages.pofile import read_po

from bot.chat import routes
from bot.settings import PROJECT_ROOT
from bot.web import SECURITY_HEADERS

pytestmark = [pytest.mark.integration, pytest.mark.browser]


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
    _assert_top_in_view(page.get_by_test_id("bot-message").filter(has_text=RESULT_LINE).first)
    assert page.evaluate("document.documentElement.lang") == "es"  # learnt from the bot's Spanish

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

    page.get_by_test_id("new-conversation").click()  # "new conversation", then "yes, start again"
    page.get_by_test_id("confirm-restart-yes").click()
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


VIEWPORT = {"width": 390, "height": 844}


def _assert_top_in_view(message) -> None:
    """The message's first line is on the screen: it starts inside the viewport."""
    box = message.bounding_box()
    assert box is not None and 0 <= box["y"] < VIEWPORT["height"], box


def test_choosing_portuguese_in_the_browser(stack, browser) -> None:
    """The language menu's choice sets `<html lang>` and the page's own words."""
    context, page, violations = _phone(browser)
    page.goto(f"{stack.web_url}/chat")
    _act(page, "type", "hola")
    assert page.evaluate("document.documentElement.lang") == "es"
    _act(page, "type", "idioma")  # the command that shows the language menu
    assert page.get_by_test_id("log").get_attribute("data-question") == "language"
    _act(page, "click", "Português")
    assert page.evaluate("document.documentElement.lang") == "pt"
    assert page.get_by_test_id("input").get_attribute("placeholder") == "Escreva sua mensagem"
    assert page.get_by_test_id("new-conversation").inner_text() == "↺ Nova conversa"
    assert violations == []
    context.close()


# -- the page alone, with a scripted assistant ---------------------------------------------------

ORIGIN = "http://chat.test"
LONG_URL = (
    "https://www.gov.br/mj/pt-br/assuntos/seus-direitos/migracoes/autorizacao-de-residencia/"
    "acordo-de-residencia-mercosul-e-associados-venezuelanos-e-fronteiricos"
)


def _block(name: str) -> str:
    summary = " ".join(["Permiso de residencia temporal por dos años, renovable por tiempo indefinido."] * 6)
    return "\n".join(
        [
            f"*{name}*",
            "Parece que cumples las condiciones.",
            summary,
            f"Cómo pedirlo: en línea, en {LONG_URL}.",
            "Información verificada por última vez el 1 de octubre de 2025.",
        ]
    )


RESULTS_TEXT = "\n\n".join(
    [
        "Estas vías parecen abiertas para ti:",
        _block("Residencia en Brasil para nacionales de Venezuela"),
        _block("Residencia MERCOSUR"),
        _block("Refugio"),
        "Centros de atención a migrantes cerca de ti:\n• Centro de acogida: asesoría legal\n"
        "  Av. Brasil 123, Boa Vista\n  ☎ +55 95 3623 1000 · https://example.org/centro",
    ]
)
LANGUAGE_MENU = {
    "text": "Elige tu idioma: / Escolha seu idioma: / Choose your language: / Choisissez votre langue : / "
    "Chwazi lang ou:",
    "buttons": [
        {"title": title, "payload": "/inform" + json.dumps({"answer": code}, separators=(",", ":"))}
        for code, title in [
            ("es", "Español"),
            ("pt", "Português"),
            ("en", "English"),
            ("fr", "Français"),
            ("ht", "Kreyòl ayisyen"),
        ]
    ],
    "custom": {"question": "language", "options": ["es", "pt", "en", "fr", "ht"]},
}


def _as_rasa_sends(messages: list[dict]) -> list[dict]:
    """What Rasa's REST channel makes of our messages: text without buttons one paragraph at a
    time, and `custom` as a message of its own after them."""
    sent: list[dict] = []
    for message in messages:
        if "buttons" in message:
            sent.append({"text": message["text"], "buttons": message["buttons"]})
        elif "text" in message:
            sent += [{"text": paragraph} for paragraph in message["text"].strip().split("\n\n")]
        if "custom" in message:
            sent.append({"custom": message["custom"]})
    return [{"recipient_id": "web-someone", **m} for m in sent]


SCRIPT = {
    "hola": [
        {"text": "Antes de empezar: guardo tus respuestas durante 90 días. Nunca las comparto."},
        {
            "text": "¿Cuál es tu nacionalidad?",
            "buttons": [{"title": "Venezuela", "payload": '/inform{"answer":"VE"}'}],
            "custom": {"question": "nationality", "options": ["VE"]},
        },
    ],
    "resultados": [
        {"text": "Anotado: llegaste en noviembre de 2024."},
        {"text": RESULTS_TEXT, "custom": {"results": [{"pathway": "br_ve", "status": "likely_eligible"}]}},
        {"text": "Escribe «por qué» para saber cómo llegué a esto."},
    ],
    "gracias": [{"text": "¡De nada! Aquí estoy si necesitas algo más."}],
    "¿hay alguien?": [{"custom": {"handoff": {"status": "waiting"}}}],  # paused: a person will answer
    "123": [LANGUAGE_MENU],
    '/inform{"answer":"pt"}': [],  # nothing in the reply says the language: the click did
    "english please": [{"text": "From now on I will write to you in English. What is your nationality?"}],
}


@dataclass
class FakeAssistant:
    """Serves the page as the web service does, and answers from SCRIPT."""

    received: list[str] = field(default_factory=list)
    outbox: list[dict] = field(default_factory=list)  # {id, text}: what staff sent, for /chat/api/updates
    updates: list[dict] = field(default_factory=list)  # what the page asked /chat/api/updates

    def handle(self, route) -> None:
        path = route.request.url.removeprefix(ORIGIN)
        if path == "/chat":
            route.fulfill(status=200, headers=_headers("text/html; charset=utf-8"), body=routes._page())
        elif path.startswith("/chat/static/") and path.rsplit("/", 1)[1] in routes.STATIC_TYPES:
            name = path.rsplit("/", 1)[1]
            body = (routes.STATIC / name).read_text(encoding="utf-8")
            route.fulfill(status=200, headers=_headers(routes.STATIC_TYPES[name]), body=body)
        elif path == "/chat/api/messages":
            message = json.loads(route.request.post_data)["message"]
            self.received.append(message)
            route.fulfill(
                status=200,
                headers=_headers("application/json"),
                body=json.dumps(_as_rasa_sends(SCRIPT[message])),
            )
        elif path == "/chat/api/updates":
            asked = json.loads(route.request.post_data)
            self.updates.append(asked)
            messages = [m for m in self.outbox if m["id"] > asked["after"]]
            last = messages[-1]["id"] if messages else asked["after"]
            body = json.dumps({"messages": messages, "last": last})
            route.fulfill(status=200, headers=_headers("application/json"), body=body)
        else:
            route.fulfill(status=404, body="")


def _headers(content_type: str) -> dict[str, str]:
    return {**SECURITY_HEADERS, "Content-Type": content_type}


@pytest.fixture
def offline(browser):
    """A phone (390×844, browser language English) on the page, with a scripted assistant."""
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True, locale="en-US")
    assistant = FakeAssistant()
    context.route(f"{ORIGIN}/**", assistant.handle)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{ORIGIN}/chat")
    yield page, assistant
    assert problems == []
    context.close()


def _lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def _log_at_bottom(page) -> bool:
    return page.evaluate(
        "() => { const l = document.getElementById('log');"
        " return l.scrollTop + l.clientHeight >= l.scrollHeight - 1; }"
    )


def test_results_open_at_their_first_line(offline) -> None:
    page, _ = offline
    _act(page, "type", "hola")
    _act(page, "type", "resultados")
    # "Anotado…", the introduction, three results and the centres: the paragraphs the results came in
    results = page.locator(".msg.results")
    assert results.count() == 6
    assert results.first.inner_text() == "Anotado: llegaste en noviembre de 2024."
    _assert_top_in_view(results.first)
    _assert_top_in_view(results.locator("h3").first)  # the best result's name is on the screen
    assert (
        page.locator(".msg.results h3").first.inner_text()
        == "Residencia en Brasil para nacionales de Venezuela"
    )
    assert not _log_at_bottom(page)  # the rest (three screens more) is below
    _act(page, "type", "gracias")  # any other message: the view follows the newest again
    assert _log_at_bottom(page)


def test_results_are_readable_on_a_phone(offline) -> None:
    page, _ = offline
    _act(page, "type", "hola")
    _act(page, "type", "resultados")
    results = page.locator(".msg.results")
    assert page.locator(".msg.results h3").all_inner_texts() == [
        "Residencia en Brasil para nacionales de Venezuela",
        "Residencia MERCOSUR",
        "Refugio",
    ]
    assert "*" not in page.get_by_test_id("log").inner_text()
    source = results.locator("a").first
    assert source.get_attribute("href") == LONG_URL
    assert source.inner_text() == LONG_URL.removeprefix("https://")
    assert source.get_attribute("rel") == "noopener noreferrer"
    phone = page.locator(".msg.results a[href^='tel:']")
    assert phone.get_attribute("href") == "tel:+559536231000" and phone.inner_text() == "+55 95 3623 1000"
    # The long address wraps at its slashes, inside the bubble, and nothing overflows the phone.
    assert source.evaluate("a => a.getClientRects().length") >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    bubble_right = source.evaluate("a => a.closest('.msg').getBoundingClientRect().right")
    link_box = source.bounding_box()
    assert link_box["x"] + link_box["width"] <= bubble_right


def test_the_page_speaks_the_phone_language_until_it_knows_the_persons(offline) -> None:
    page, _ = offline
    assert _lang(page) == "en"  # the browser's language, one of the five
    assert page.get_by_test_id("input").get_attribute("placeholder") == "Write your message"
    assert page.title() == "Pathways assistant"
    _act(page, "type", "hola")
    assert _lang(page) == "es"  # the bot answered in Spanish
    assert page.get_by_test_id("title").inner_text() == "Asistente de vías migratorias"
    assert page.get_by_test_id("input").get_attribute("placeholder") == "Escribe tu mensaje"
    assert page.get_by_test_id("new-conversation").inner_text() == "↺ Nueva conversación"
    assert page.get_by_test_id("send").get_attribute("aria-label") == "Enviar"
    _act(page, "type", "english please")
    assert _lang(page) == "en"
    page.reload()
    assert _lang(page) == "en"  # the same conversation, the same language


def test_choosing_a_language_in_the_menu_sets_it_at_once(offline) -> None:
    page, assistant = offline
    _act(page, "type", "123")
    assert _lang(page) == "en"  # the menu speaks all five: it says nothing about the person
    page.get_by_role("button", name="2. Português").click()
    page.get_by_test_id("user-message").nth(1).wait_for()
    page.wait_for_load_state("networkidle")
    assert assistant.received == ["123", '/inform{"answer":"pt"}']
    assert _lang(page) == "pt"
    assert page.get_by_test_id("input").get_attribute("placeholder") == "Escreva sua mensagem"
    assert page.get_by_test_id("title").inner_text() == "Assistente de caminhos migratórios"
    page.reload()
    assert _lang(page) == "pt"


def _sender(page) -> str:
    return page.evaluate("JSON.parse(localStorage.getItem('pathways-conversation')).sender")


def test_new_conversation_asks_before_it_forgets(offline) -> None:
    page, assistant = offline
    _act(page, "type", "hola")
    first = _sender(page)
    confirm = page.get_by_test_id("confirm-restart")
    assert confirm.is_hidden()

    page.get_by_test_id("new-conversation").click()  # a stray tap: asks, loses nothing
    assert confirm.is_visible()
    assert confirm.inner_text().startswith("¿Empezar una conversación nueva?")
    page.get_by_test_id("new-conversation").click()  # tapping it again does not confirm
    assert _bot_messages(page) == 2 and _sender(page) == first
    page.get_by_test_id("confirm-restart-no").click()
    assert confirm.is_hidden() and _bot_messages(page) == 2 and _sender(page) == first

    page.get_by_test_id("new-conversation").click()
    page.get_by_test_id("confirm-restart-yes").click()
    assert confirm.is_hidden()
    assert page.get_by_test_id("log").inner_text() == ""
    assert page.get_by_test_id("log").get_attribute("data-question") is None
    assert _sender(page) != first
    assert _lang(page) == "en"  # the next person's language is not known yet
    _act(page, "type", "hola")
    assert assistant.received == ["hola", "hola"]


# -- the language guess, against every message the assistant can send ---------------------------

CATALOGS = PROJECT_ROOT / "locales"
LANGUAGES = ("es", "pt", "en", "fr", "ht")


def _catalog(lang: str) -> dict[str, str]:
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    texts = {}
    for message in catalog:
        text = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        if message.id and text:
            texts[str(message.id)] = re.sub(r"\{[^}]*\}", "", text)  # without its placeholders
    return texts


def test_the_language_guess_never_names_the_wrong_language(offline) -> None:
    """Each catalog message is guessed as its own language or not at all, and most are guessed."""
    page, _ = offline
    for lang in LANGUAGES:
        texts = _catalog(lang)
        guesses = page.evaluate(
            "texts => texts.map(t => window.PathwaysLanguages.guess(t))", list(texts.values())
        )
        wrong = [(msgid, g) for msgid, g in zip(texts, guesses, strict=True) if g not in (lang, None)]
        assert wrong == [], lang
        assert guesses.count(lang) >= 0.6 * len(texts), (lang, guesses.count(lang), len(texts))
    guess = "t => window.PathwaysLanguages.guess(t)"
    assert page.evaluate(guess, "Avant de commencer : je garde vos réponses pendant jours") == "fr"
    assert page.evaluate(guess, "Anvan nou kòmanse: m ap kenbe repons ou yo pandan jou") == "ht"
    assert page.evaluate(guess, "Sí") is None  # too little to tell


def test_a_paused_turn_shows_nothing_and_a_staff_reply_arrives(offline) -> None:
    page, assistant = offline
    _act(page, "type", "hola")
    shown = _bot_messages(page)
    with page.expect_response(f"{ORIGIN}/chat/api/messages"):
        page.get_by_test_id("input").fill("¿hay alguien?")
        page.get_by_test_id("input").press("Enter")
    assert _bot_messages(page) == shown and page.get_by_test_id("error").count() == 0
    assistant.outbox.append({"id": 7, "text": "Hola, soy Ana, de la línea de ayuda."})
    page.locator(".msg.staff").wait_for()
    assert page.locator(".msg.staff").inner_text() == "Hola, soy Ana, de la línea de ayuda."
    with page.expect_request(lambda r: r.url.endswith("/chat/api/updates") and '"after":7' in r.post_data):
        pass  # the next question starts after what was shown
    assert page.locator(".msg.staff").count() == 1
    sender = _conversation_id(page)
    assert {u["sender"] for u in assistant.updates} == {sender}


def test_the_page_stops_asking_for_updates_after_the_idle_time(browser) -> None:
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True, locale="es-ES")
    assistant = FakeAssistant()
    context.route(f"{ORIGIN}/**", assistant.handle)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.clock.install()
    page.goto(f"{ORIGIN}/chat")
    page.wait_for_timeout(5_000)
    assert assistant.updates == []  # nothing to wait for before the person writes
    _act(page, "type", "hola")
    with page.expect_request(f"{ORIGIN}/chat/api/updates"):
        pass
    page.clock.fast_forward((routes.idle_minutes() + 1) * 60_000)  # an hour later, nobody wrote
    page.wait_for_timeout(1_000)  # a question already on its way may still come
    asked = len(assistant.updates)
    page.wait_for_timeout(9_000)
    assert len(assistant.updates) == asked
    context.close()
