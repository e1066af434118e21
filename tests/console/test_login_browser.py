"""Signing in to the console in Chromium: a one-time password leads to the password page, then to the
queue; signing out; five wrong passwords lock the account. Saves docs/console/login.png for the README."""

from __future__ import annotations

import re

import pytest

from bot.console import users
from bot.settings import PROJECT_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.browser]

SCREENSHOTS = PROJECT_ROOT / "docs" / "console"


def _sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/console/login")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña", exact=True).fill(password)
    page.get_by_role("button", name="Entrar").click()


def test_first_sign_in_changes_the_password_then_shows_the_queue(web, browser) -> None:
    _user_id, one_time = users.create_user(web.settings.database_url, "lucia", "agent", language="es")
    context = browser.new_context(locale="es-ES", viewport={"width": 1100, "height": 700})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{web.url}/console/login")
    assert page.locator("html").get_attribute("lang") == "es"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "login.png"))

    _sign_in(page, web.url, "lucia", one_time)
    page.wait_for_url(f"{web.url}/console/password")
    page.get_by_text("Elige tu propia contraseña antes de seguir").wait_for()
    page.get_by_label("Contraseña actual", exact=True).fill(one_time)
    page.get_by_label("Contraseña nueva", exact=True).fill("río mango ventana")
    page.get_by_label("Repite la contraseña nueva").fill("río mango ventana")
    page.get_by_role("button", name="Cambiar contraseña").click()
    page.wait_for_url(f"{web.url}/console/")
    assert page.get_by_role("link", name="Cola").get_attribute("aria-current") == "page"
    assert page.get_by_text("Sesión de lucia").is_visible()
    assert page.get_by_role("link", name="Usuarios").count() == 0  # an agent has no user admin

    page.get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_url(re.compile(r"/console/login\?signed_out=1$"))
    page.get_by_text("Has cerrado la sesión.").wait_for()
    _sign_in(page, web.url, "lucia", "río mango ventana")
    page.wait_for_url(f"{web.url}/console/")
    context.close()


def test_five_wrong_passwords_lock_the_account(web, browser) -> None:
    users.create_user(web.settings.database_url, "marcos", "agent", password="the right one", language="pt")
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(20_000)
    for attempt in range(4):
        _sign_in(page, web.url, "marcos", f"wrong {attempt}")
        assert page.get_by_role("alert").inner_text() == "Usuario o contraseña incorrectos."
    _sign_in(page, web.url, "marcos", "wrong 4")
    assert page.get_by_role("alert").inner_text() == "Demasiados intentos. Vuelve a intentarlo en 15 min."
    _sign_in(page, web.url, "marcos", "the right one")
    assert page.get_by_role("alert").inner_text() == "Demasiados intentos. Vuelve a intentarlo en 15 min."
    assert page.url == f"{web.url}/console/login"
    context.close()


def test_an_admin_creates_a_user_and_reads_the_audit_log(web, browser) -> None:
    users.create_user(
        web.settings.database_url,
        "rosa",
        "admin",
        password="admin password 1",
        language="es",
        must_change_password=False,
    )
    context = browser.new_context(locale="es-ES", viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    _sign_in(page, web.url, "rosa", "admin password 1")
    page.wait_for_url(f"{web.url}/console/")
    page.get_by_role("link", name="Usuarios").click()
    page.get_by_label("Usuario", exact=True).fill("tomas")
    page.get_by_label("Rol", exact=True).select_option("editor")
    page.get_by_label("Idioma", exact=True).select_option("pt")
    page.get_by_role("button", name="Crear usuario").click()
    page.get_by_text("Usuario tomas creado.").wait_for()
    assert re.fullmatch(r"[A-Za-z0-9]{14}", page.get_by_test_id("one-time-password").inner_text())
    row = page.get_by_role("row").filter(has_text="tomas")
    assert row.get_by_role("cell").nth(0).inner_text() == "Editor"
    assert row.get_by_role("cell").nth(1).inner_text() == "Português"
    page.screenshot(path=str(SCREENSHOTS / "users.png"), full_page=True)

    page.get_by_role("link", name="Registro de auditoría").click()
    page.get_by_label("Persona del equipo").fill("rosa")
    page.get_by_role("button", name="Filtrar").click()
    entries = page.get_by_test_id("audit-entry")
    assert entries.nth(0).get_by_role("cell").nth(2).inner_text() == "Creó un usuario"
    assert entries.nth(0).get_by_role("cell").nth(4).inner_text() == "tomas (editor)"
    assert entries.nth(1).get_by_role("cell").nth(2).inner_text() == "Inició sesión"
    context.close()
