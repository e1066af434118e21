"""Admin pages: staff users (create, role, deactivate, reset password, unlock), the knowledge-base
reload button, and the audit log. Admins only; every change is audited."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from urllib.parse import urlencode

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console import audit, users
from bot.console.auth import ROLES, require_role, staff_of
from bot.console.i18n import CONSOLE_LANGUAGES
from bot.console.templating import render

blueprint = Blueprint("console_admin")
KB_NOTICES = {"reloaded": "kb.reloaded", "rejected": "kb.rejected"}


async def _users_page(request: Request, status: int = 200, **context) -> HTTPResponse:
    settings = request.app.ctx.settings
    listed = await asyncio.to_thread(users.list_users, settings.database_url)
    kb_notice = KB_NOTICES.get(request.args.get("kb", ""))
    context.setdefault("updated", (request.args.get("updated") or "")[:64] or None)
    pathways = len(request.app.ctx.kb_store.get().pathways)
    return render(
        request,
        "users.html",
        status=status,
        users=listed,
        roles=ROLES,
        languages=CONSOLE_LANGUAGES,
        kb_notice=kb_notice,
        pathways=pathways,
        now=datetime.now(timezone.utc),
        **context,
    )


@blueprint.get("/users")
@require_role("admin")
async def users_page(request: Request) -> HTTPResponse:
    return await _users_page(request)


@blueprint.post("/users")
@require_role("admin")
async def create_user(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    username = (request.form.get("username") or "").strip().lower()[:64]
    role, language = request.form.get("role"), request.form.get("language")
    if role not in ROLES or language not in CONSOLE_LANGUAGES:
        return await _users_page(request, status=400, error="users.error.name")
    try:
        _user_id, password = await asyncio.to_thread(
            users.create_user, settings.database_url, username, role, language
        )
    except users.UserError as error:
        return await _users_page(request, status=400, error=error.code, typed=username)
    await asyncio.to_thread(
        audit.record, settings.database_url, staff_of(request), "user_created", detail=f"{username} ({role})"
    )
    return await _users_page(request, created=username, one_time_password=password)


@blueprint.post("/users/<user_id:int>/<change:str>")
@require_role("admin")
async def change_user(request: Request, user_id: int, change: str) -> HTTPResponse:
    settings = request.app.ctx.settings
    staff = staff_of(request)
    assert staff is not None
    target = await asyncio.to_thread(users.get_user, settings.database_url, None, user_id)
    if target is None:
        return await _users_page(request, status=404, error="users.error.unknown")
    if target.id == staff.id and change in ("role", "deactivate"):
        return await _users_page(request, status=400, error="users.error.self")
    database_url = settings.database_url
    if change == "role":
        role = request.form.get("role")
        if role not in ROLES:
            return await _users_page(request, status=400, error="users.error.unknown")
        await asyncio.to_thread(users.set_role, database_url, user_id, role)
        action, detail = "user_role_changed", f"{target.username}: {target.role} -> {role}"
    elif change in ("deactivate", "reactivate"):
        await asyncio.to_thread(users.set_active, database_url, user_id, change == "reactivate")
        action, detail = f"user_{change}d", target.username
    elif change == "unlock":
        await asyncio.to_thread(users.unlock, database_url, user_id)
        action, detail = "user_unlocked", target.username
    elif change == "reset-password":
        password = await asyncio.to_thread(users.reset_password, database_url, user_id)
        await asyncio.to_thread(
            audit.record, database_url, staff, "user_password_reset", detail=target.username
        )
        return await _users_page(request, reset=target.username, one_time_password=password)
    else:
        return render(request, "error.html", status=404, kind="not_found")
    await asyncio.to_thread(audit.record, database_url, staff, action, detail=detail)
    return redirect(f"/console/users?updated={target.username}")


def _positive(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and 0 < len(raw) < 10 else None


@blueprint.get("/audit")
@require_role("admin")
async def audit_page(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    filters = {
        "username": (request.args.get("user") or "").strip().lower()[:64] or None,
        "action": (request.args.get("action") or "").strip()[:48] or None,
        "ticket_id": _positive(request.args.get("ticket")),
    }
    page = _positive(request.args.get("page")) or 1
    found, older = await asyncio.to_thread(audit.entries, settings.database_url, page=page, **filters)
    known_actions = await asyncio.to_thread(audit.actions, settings.database_url)
    shown = {"user": filters["username"], "action": filters["action"], "ticket": filters["ticket_id"]}
    query = urlencode({key: value for key, value in shown.items() if value})
    return render(
        request,
        "audit.html",
        entries=found,
        filters=filters,
        actions=known_actions,
        page=page,
        older=older,
        query=query,
    )
