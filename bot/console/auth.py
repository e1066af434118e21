"""Who is asking: the signed-in staff member of a console request, and the role check every console
handler goes through (`require_role`)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from sanic import Request
from sanic.response import HTTPResponse, redirect

from bot.console import csrf, sessions
from bot.settings import Settings

ROLES = ("agent", "editor", "admin")
LOGIN_PATH = "/console/login"
PASSWORD_PATH = "/console/password"

Handler = Callable[..., Awaitable[HTTPResponse]]


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    role: str
    language: str
    must_change_password: bool = False


def staff_of(request: Request) -> Staff | None:
    """The signed-in staff member, once `require_role` (or `identify`) has looked at the request."""
    return getattr(request.ctx, "staff", None)


def signed_in(request: Request) -> Staff:
    """The staff member of a request `require_role` has let in."""
    staff = staff_of(request)
    assert staff is not None  # require_role let the request in
    return staff


def database_url_of(request: Request) -> str:
    """The database the console's handlers read and write."""
    return request.app.ctx.settings.database_url


def cookie_token(request: Request) -> str | None:
    return request.cookies.get(sessions.COOKIE)


async def identify(request: Request) -> Staff | None:
    """Read the session cookie; set request.ctx.staff and request.ctx.csrf_token (None when signed out)."""
    settings: Settings = request.app.ctx.settings
    found = await asyncio.to_thread(
        sessions.load,
        settings.database_url,
        cookie_token(request),
        timedelta(minutes=settings.console_idle_minutes),
    )
    staff = (
        Staff(found.user_id, found.username, found.role, found.language, found.must_change_password)
        if found
        else None
    )
    request.ctx.staff = staff
    request.ctx.csrf_token = found.csrf_token if found else None
    return staff


def allowed(staff: Staff, roles: tuple[str, ...]) -> bool:
    """Admins may do everything; anyone else needs one of `roles`."""
    return staff.role == "admin" or staff.role in roles


def _login_redirect(request: Request) -> HTTPResponse:
    target = request.path + (f"?{request.query_string}" if request.query_string else "")
    expired = "&expired=1" if cookie_token(request) else ""  # had a session: say it ended
    return redirect(f"{LOGIN_PATH}?next={quote(target, safe='')}{expired}")


def require_role(*roles: str, password_change: bool = False) -> Callable[[Handler], Handler]:
    """Decorate a console handler: signed out -> the login page (coming back afterwards); a one-time
    password not yet changed -> the password page (unless `password_change`, for that page and
    logout); the wrong role -> 403; a POST/PUT/PATCH/DELETE without this session's CSRF token -> 403."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; choose from {ROLES}")

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: Request, *args, **kwargs) -> HTTPResponse:
            from bot.console.templating import render  # templating imports this module

            staff = await identify(request)
            if staff is None:
                return _login_redirect(request)
            if staff.must_change_password and not password_change:
                return redirect(PASSWORD_PATH)
            if not allowed(staff, roles):
                return render(request, "error.html", status=403, kind="forbidden")
            if not csrf.request_is_valid(request, request.ctx.csrf_token):
                return render(request, "error.html", status=403, kind="csrf")
            return await handler(request, *args, **kwargs)

        return guarded

    return decorate


def home_of(staff: Staff) -> str:
    """Where a staff member lands after signing in: the queue, or for editors the list of what to check."""
    return "/console/pathways/stale" if staff.role == "editor" else "/console/"


def set_session_cookie(response: HTTPResponse, token: str, settings: Settings) -> None:
    response.cookies[sessions.COOKIE] = token
    cookie = response.cookies[sessions.COOKIE]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/console"
    cookie["max-age"] = settings.console_session_hours * 3600
    if settings.console_secure_cookies:
        cookie["secure"] = True


def clear_session_cookie(response: HTTPResponse) -> None:
    response.cookies[sessions.COOKIE] = ""
    cookie = response.cookies[sessions.COOKIE]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/console"
    cookie["max-age"] = 0
