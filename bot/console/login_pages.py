"""Signing in and out, the forced change of a one-time password, and each staff member's account page."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console import audit, passwords, sessions, users
from bot.console.auth import (
    ROLES,
    Staff,
    clear_session_cookie,
    cookie_token,
    home_of,
    identify,
    require_role,
    set_session_cookie,
    staff_of,
)
from bot.console.i18n import CONSOLE_LANGUAGES
from bot.console.templating import render

blueprint = Blueprint("console_login")
MAX_FIELD = 256


def _safe_next(target: str | None) -> str | None:
    """Only a path inside the console: never another site (`//evil`, `/\\evil`, `https:`)."""
    if (
        target
        and target.startswith("/console")
        and not target.startswith(("//", "/\\"))
        and "\\" not in target
    ):
        return target[:512]
    return None


def _field(request: Request, name: str) -> str:
    return (request.form.get(name) or "")[:MAX_FIELD]


@blueprint.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    staff = await identify(request)
    if staff is not None and not staff.must_change_password:
        return redirect(_safe_next(request.args.get("next")) or home_of(staff))
    request.ctx.staff, request.ctx.csrf_token = None, None  # the page is in the browser's language
    notice = "login.signed_out" if "signed_out" in request.args else None
    notice = "login.expired" if "expired" in request.args else notice
    return render(request, "login.html", next=_safe_next(request.args.get("next")) or "", notice=notice)


@blueprint.post("/login")
async def login(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    username, password = _field(request, "username").strip().lower(), _field(request, "password")
    target = _safe_next(_field(request, "next"))
    outcome = await asyncio.to_thread(users.authenticate, settings.database_url, username, password)
    if outcome.user is None:
        action = "login_locked" if outcome.locked_minutes else "login_failed"
        await asyncio.to_thread(audit.record, settings.database_url, None, action, username=username)
        error = ("login.locked", outcome.locked_minutes) if outcome.locked_minutes else ("login.failed", 0)
        return render(request, "login.html", status=401, error=error, username=username, next=target or "")
    user = outcome.user
    staff = Staff(user.id, user.username, user.role, user.language, user.must_change_password)
    token = await asyncio.to_thread(
        sessions.create, settings.database_url, user.id, timedelta(hours=settings.console_session_hours)
    )
    await asyncio.to_thread(audit.record, settings.database_url, staff, "login")
    destination = "/console/password" if user.must_change_password else target or home_of(staff)
    response = redirect(destination)
    set_session_cookie(response, token, settings)
    return response


@blueprint.post("/logout")
@require_role(*ROLES, password_change=True)
async def logout(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    await asyncio.to_thread(sessions.delete, settings.database_url, cookie_token(request))
    await asyncio.to_thread(audit.record, settings.database_url, staff_of(request), "logout")
    response = redirect("/console/login?signed_out=1")
    clear_session_cookie(response)
    return response


@blueprint.get("/password")
@require_role(*ROLES, password_change=True)
async def password_form(request: Request) -> HTTPResponse:
    return render(request, "password.html", min_length=passwords.MIN_LENGTH)


@blueprint.post("/password")
@require_role(*ROLES, password_change=True)
async def change_password(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    staff = staff_of(request)
    assert staff is not None
    current, new, repeat = _field(request, "current"), _field(request, "new"), _field(request, "repeat")
    error = None
    if not await asyncio.to_thread(users.check_password, settings.database_url, staff.id, current):
        error = "password.wrong_current"
    elif len(new) < passwords.MIN_LENGTH:
        error = "password.too_short"
    elif new != repeat:
        error = "password.mismatch"
    elif new == current:
        error = "password.same"
    if error:
        return render(request, "password.html", status=400, error=error, min_length=passwords.MIN_LENGTH)
    await asyncio.to_thread(users.change_password, settings.database_url, staff.id, new)
    # Whoever else held a session of this account (the reason for a change, maybe) is signed out.
    await asyncio.to_thread(sessions.delete_for_user, settings.database_url, staff.id, cookie_token(request))
    await asyncio.to_thread(audit.record, settings.database_url, staff, "password_changed")
    return redirect(home_of(staff) if staff.must_change_password else "/console/account?saved=password")


@blueprint.get("/account")
@require_role(*ROLES)
async def account(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    staff = staff_of(request)
    assert staff is not None
    user = await asyncio.to_thread(users.get_user, settings.database_url, None, staff.id)
    saved = {"password": "password.changed", "language": "account.saved"}.get(request.args.get("saved", ""))
    return render(request, "account.html", user=user, languages=CONSOLE_LANGUAGES, saved=saved)


@blueprint.post("/account/language")
@require_role(*ROLES)
async def change_language(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    staff = staff_of(request)
    language = _field(request, "language")
    if staff is None or language not in CONSOLE_LANGUAGES:
        return redirect("/console/account")
    await asyncio.to_thread(users.set_language, settings.database_url, staff.id, language)
    await asyncio.to_thread(audit.record, settings.database_url, staff, "language_changed", detail=language)
    return redirect("/console/account?saved=language")
