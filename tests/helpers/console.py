"""Staff accounts and signed-in sessions for console tests, against a real database and web service."""

from __future__ import annotations

import re

import requests

from bot.console import users
from bot.db.migrate import upgrade

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
TIMEOUT_S = 30


def create_staff(
    database_url: str, username: str, role: str, password: str | None = None, language: str = "en"
) -> str:
    """An active account that does not have to change its password; returns the password."""
    upgrade(database_url)
    _user_id, password = users.create_user(
        database_url, username, role, language=language, password=password, must_change_password=False
    )
    return password


def csrf_of(html: str) -> str:
    match = CSRF_META.search(html)
    assert match, "the page carries no CSRF token (signed out?)"
    return match.group(1)


def login_session(base_url: str, username: str, password: str) -> requests.Session:
    """A requests.Session signed in to the console, with the session's CSRF token as `.csrf`."""
    session = requests.Session()
    response = session.post(
        f"{base_url}/console/login",
        data={"username": username, "password": password},
        allow_redirects=False,
        timeout=TIMEOUT_S,
    )
    assert response.status_code == 302, f"sign-in refused ({response.status_code})"
    # With an https PUBLIC_BASE_URL (the integration stack) the cookie is Secure, which requests
    # would not send to http://127.0.0.1; browsers treat loopback as secure, so keep it sendable here.
    token = response.cookies.get("console_session")
    session.cookies.clear()
    session.cookies.set("console_session", token, path="/console")
    page = session.get(f"{base_url}/console/account", timeout=TIMEOUT_S)
    assert page.status_code == 200, f"the account page answered {page.status_code}"
    session.csrf = csrf_of(page.text)  # type: ignore[attr-defined]
    return session


def login_page(page, base_url: str, username: str, password: str) -> None:
    """Sign in with a Playwright page; returns once the browser has left the sign-in page."""
    page.goto(f"{base_url}/console/login")
    page.get_by_label(re.compile("^(Username|Usuario|Usuário)$")).fill(username)
    page.get_by_label(re.compile("^(Password|Contraseña|Senha)$")).fill(password)
    page.get_by_role("button", name=re.compile("^(Sign in|Entrar)$")).click()
    page.wait_for_url(re.compile(r"/console/(?!login)"))


def post_form(session: requests.Session, url: str, **data) -> requests.Response:
    """A console form as the page sends it: with the session's CSRF token, redirects not followed."""
    return session.post(
        url, data={"csrf_token": session.csrf, **data}, allow_redirects=False, timeout=TIMEOUT_S
    )
