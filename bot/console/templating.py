"""Render a console page: Jinja2 templates in bot/console/templates/, autoescaped, in the staff
member's language (or the browser's, before sign-in), with the CSRF token every form carries."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from sanic import Request
from sanic.response import HTTPResponse, html

from bot.appointments.attendance import local_today
from bot.console import i18n
from bot.console.auth import LOGIN_PATH, home_of, staff_of

TEMPLATES = Path(__file__).resolve().parent / "templates"


@pass_context
def _when(context: Any, moment: datetime | None) -> str:
    return i18n.when(moment, context["lang"], context["timezone"])


@pass_context
def _ago(context: Any, moment: datetime | None) -> str:
    return i18n.ago(moment, context["lang"])


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["ago"] = _ago
    return env


def page_language(request: Request) -> str:
    """The staff member's language; before sign-in, the browser's (es, pt or en)."""
    staff = staff_of(request)
    if staff is not None:
        return i18n.console_language(staff.language)
    return i18n.language_from_header(request.headers.get("accept-language"))


def helpline_today(request: Request) -> date:
    """The helpline's calendar day: a programme closes, a re-check is dated and an example is read
    on the helpline's calendar, not UTC's."""
    return local_today(request.app.ctx.settings.helpline_timezone)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
    settings = request.app.ctx.settings
    lang = page_language(request)
    staff = staff_of(request)
    values = {
        "staff": staff,
        "home": home_of(staff) if staff else LOGIN_PATH,
        "csrf_token": getattr(request.ctx, "csrf_token", None),
        "lang": lang,
        "timezone": getattr(settings, "helpline_timezone", None) or "UTC",
        "path": request.path,
        "_": i18n.gettext_for(settings.locales_dir, lang),
        "ngettext": i18n.ngettext_for(settings.locales_dir, lang),
        **context,
    }
    body = environment().get_template(template).render(values)
    return html(body, status=status, headers={"Content-Language": lang})
