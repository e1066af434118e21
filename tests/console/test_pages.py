"""The console over HTTP on a real web service: sign-in and its cookie, CSRF, roles, the forced password
change, the Users and Audit pages, the KB reload button, and the `pathways-admin` command."""

from __future__ import annotations

import re
import subprocess
import sys

import requests

from bot.settings import PROJECT_ROOT, Settings
from tests.helpers.console import create_staff, csrf_of, login_session

TIMEOUT = 30


def _post(session: requests.Session, url: str, **data) -> requests.Response:
    return session.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)


def test_signed_out_requests_go_to_the_login_page(web) -> None:
    response = requests.get(f"{web.url}/console/users?page=2", allow_redirects=False, timeout=TIMEOUT)
    assert response.status_code == 302
    assert response.headers["location"] == "/console/login?next=%2Fconsole%2Fusers%3Fpage%3D2"


def test_the_login_page_speaks_the_browser_language(web) -> None:
    for header, title in (("pt-BR,pt;q=0.9", "Entrar"), ("en-US", "Sign in"), ("fr", "Iniciar sesión")):
        page = requests.get(f"{web.url}/console/login", headers={"Accept-Language": header}, timeout=TIMEOUT)
        assert re.search(r"<h1>(.*?)</h1>", page.text).group(1) == title


def test_the_session_cookie_is_http_only_strict_and_scoped(web) -> None:
    password = create_staff(web.settings.database_url, "cookie.agent", "agent")
    response = requests.post(
        f"{web.url}/console/login",
        data={"username": "cookie.agent", "password": password},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 302 and response.headers["location"] == "/console/"
    cookie = response.headers["set-cookie"]
    assert re.match(r"console_session=[A-Za-z0-9_-]{43};", cookie)
    for part in ("HttpOnly", "SameSite=Strict", "Path=/console", "Max-Age=43200"):
        assert part in cookie
    assert "Secure" not in cookie  # plain http on loopback here; see the settings test below


def test_secure_cookies_follow_an_https_address_or_the_setting() -> None:
    assert Settings.from_env({"PUBLIC_BASE_URL": "https://help.example.org"}).console_secure_cookies is True
    assert Settings.from_env({"CONSOLE_SECURE_COOKIES": "1"}).console_secure_cookies is True
    assert Settings.from_env({"PUBLIC_BASE_URL": "http://127.0.0.1:8000"}).console_secure_cookies is False


def test_a_form_without_its_csrf_token_is_refused(web) -> None:
    password = create_staff(web.settings.database_url, "csrf.agent", "agent", language="es")
    session = login_session(web.url, "csrf.agent", password)
    url = f"{web.url}/console/account/language"
    missing = _post(session, url, language="pt")
    assert missing.status_code == 403
    assert "Este formulario caducó o no viene de la consola." in missing.text
    assert _post(session, url, language="pt", csrf_token="x" * 43).status_code == 403
    header = session.post(url, data={"language": "pt"}, headers={"X-CSRF-Token": "nope"}, timeout=TIMEOUT)
    assert header.status_code == 403
    assert _post(session, f"{web.url}/console/logout").status_code == 403
    accepted = _post(session, url, language="pt", csrf_token=session.csrf)
    assert accepted.status_code == 302
    assert "<h1>Minha conta</h1>" in session.get(f"{web.url}/console/account", timeout=TIMEOUT).text


def test_an_agent_cannot_reach_users_audit_or_kb_reload(web) -> None:
    password = create_staff(web.settings.database_url, "plain.agent", "agent")
    session = login_session(web.url, "plain.agent", password)
    assert session.get(f"{web.url}/console/users", timeout=TIMEOUT).status_code == 403
    assert session.get(f"{web.url}/console/audit", timeout=TIMEOUT).status_code == 403
    reload = session.post(
        f"{web.url}/console/admin/kb/reload",
        headers={"X-CSRF-Token": session.csrf, "Accept": "application/json"},
        timeout=TIMEOUT,
    )
    assert reload.status_code == 403
    account = session.get(f"{web.url}/console/account", timeout=TIMEOUT).text
    assert 'href="/console/users"' not in account and 'href="/console/audit"' not in account


def test_an_editor_lands_on_the_pathways_to_check_and_has_no_queue(web) -> None:
    password = create_staff(web.settings.database_url, "kb.editor", "editor")
    response = requests.post(
        f"{web.url}/console/login",
        data={"username": "kb.editor", "password": password},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.headers["location"] == "/console/pathways/stale"
    session = login_session(web.url, "kb.editor", password)
    assert session.get(f"{web.url}/console/", timeout=TIMEOUT).status_code == 403


def test_an_admin_manages_users_reloads_the_kb_and_reads_the_audit_log(web) -> None:
    password = create_staff(web.settings.database_url, "head.admin", "admin")
    admin = login_session(web.url, "head.admin", password)
    assert admin.get(f"{web.url}/console/users", timeout=TIMEOUT).status_code == 200
    assert admin.get(f"{web.url}/console/audit", timeout=TIMEOUT).status_code == 200

    created = _post(
        admin,
        f"{web.url}/console/users",
        username="new.agent",
        role="agent",
        language="en",
        csrf_token=admin.csrf,
    )
    assert created.status_code == 200
    one_time = re.search(r'data-testid="one-time-password">([A-Za-z0-9]{14})<', created.text).group(1)
    first = requests.Session()
    signed_in = _post(first, f"{web.url}/console/login", username="new.agent", password=one_time)
    assert signed_in.headers["location"] == "/console/password"
    # Nothing else opens before the one-time password is changed.
    assert (
        first.get(f"{web.url}/console/account", allow_redirects=False, timeout=TIMEOUT).headers["location"]
        == "/console/password"
    )
    form = first.get(f"{web.url}/console/password", timeout=TIMEOUT).text
    changed = _post(
        first,
        f"{web.url}/console/password",
        current=one_time,
        new="a long new secret",
        repeat="a long new secret",
        csrf_token=csrf_of(form),
    )
    assert changed.status_code == 302 and changed.headers["location"] == "/console/"
    assert first.get(f"{web.url}/console/account", timeout=TIMEOUT).status_code == 200

    listing = admin.get(f"{web.url}/console/users", timeout=TIMEOUT).text
    user_id = re.search(
        r'scope="row">new.agent</th>.*?action="/console/users/(\d+)/deactivate"', listing, re.S
    )
    assert user_id
    assert (
        _post(
            admin, f"{web.url}/console/users/{user_id.group(1)}/deactivate", csrf_token=admin.csrf
        ).status_code
        == 302
    )
    # Deactivation ends the user's sessions at once.
    assert first.get(f"{web.url}/console/account", allow_redirects=False, timeout=TIMEOUT).status_code == 302

    reload = admin.post(
        f"{web.url}/console/admin/kb/reload",
        headers={"X-CSRF-Token": admin.csrf, "Accept": "application/json"},
        timeout=TIMEOUT,
    )
    assert reload.status_code == 200 and reload.json()["status"] == "reloaded"
    button = _post(admin, f"{web.url}/console/admin/kb/reload", csrf_token=admin.csrf)
    assert button.headers["location"] == "/console/users?kb=reloaded"

    log = admin.get(f"{web.url}/console/audit", params={"user": "head.admin"}, timeout=TIMEOUT).text
    actions = re.findall(r'data-action="([a-z_]+)"', log)
    assert actions == ["kb_reload", "kb_reload", "user_deactivated", "user_created", "login"]
    new_agent = admin.get(f"{web.url}/console/audit", params={"user": "new.agent"}, timeout=TIMEOUT).text
    assert re.findall(r'data-action="([a-z_]+)"', new_agent) == ["password_changed", "login"]


def test_the_audit_log_pages_by_a_hundred(web) -> None:
    from bot.console import audit

    for number in range(105):
        audit.record(web.settings.database_url, None, "login_failed", username="pager", detail=str(number))
    password = create_staff(web.settings.database_url, "pager.admin", "admin")
    admin = login_session(web.url, "pager.admin", password)
    first = admin.get(f"{web.url}/console/audit", params={"user": "pager"}, timeout=TIMEOUT).text
    assert first.count('data-testid="audit-entry"') == 100
    assert "page=2" in first
    second = admin.get(f"{web.url}/console/audit", params={"user": "pager", "page": 2}, timeout=TIMEOUT).text
    details = re.findall(r"<td>(\d+)</td>\s*</tr>", second)
    assert details == ["4", "3", "2", "1", "0"]


def test_logout_ends_the_session(web) -> None:
    password = create_staff(web.settings.database_url, "leaving.agent", "agent")
    session = login_session(web.url, "leaving.agent", password)
    token = session.cookies.get("console_session")
    out = _post(session, f"{web.url}/console/logout", csrf_token=session.csrf)
    assert out.headers["location"] == "/console/login?signed_out=1"
    again = requests.get(
        f"{web.url}/console/account",
        cookies={"console_session": token},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert again.headers["location"] == "/console/login?next=%2Fconsole%2Faccount&expired=1"
    notice = requests.get(
        f"{web.url}{again.headers['location']}", headers={"Accept-Language": "en"}, timeout=TIMEOUT
    )
    assert "Your session has ended. Sign in again." in notice.text


def test_the_cli_creates_a_user_whose_password_works_once(web) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.console.cli",
            "create-user",
            "cli.agent",
            "--role",
            "agent",
            "--language",
            "pt",
        ],
        cwd=PROJECT_ROOT,
        env=web.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    password = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"[A-Za-z0-9]{14}", password)
    session = requests.Session()
    signed_in = _post(session, f"{web.url}/console/login", username="cli.agent", password=password)
    assert signed_in.status_code == 302 and signed_in.headers["location"] == "/console/password"
    page = session.get(f"{web.url}/console/password", timeout=TIMEOUT).text
    assert "Escolha a sua própria senha antes de continuar" in page
    again = subprocess.run(
        [sys.executable, "-m", "bot.console.cli", "create-user", "cli.agent", "--role", "agent"],
        cwd=PROJECT_ROOT,
        env=web.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 1 and "already exists" in again.stderr
