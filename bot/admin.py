"""Admin actions of the web service, behind the console's admin role.

POST /console/admin/kb/reload makes every process reload the knowledge base: this one at once, every
other instance on every host within its check interval (bot/kb/store.py). It takes an admin's console
session and its CSRF token (the button on the Users page, or a script that signed in), and is audited.
A form post comes back to the Users page; a caller that accepts JSON gets JSON.
"""

from __future__ import annotations

import asyncio
import logging

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, redirect

from bot.console import audit
from bot.console.auth import require_role, staff_of

logger = logging.getLogger(__name__)
blueprint = Blueprint("admin", url_prefix="/admin")


@blueprint.post("/kb/reload")
@require_role("admin")
async def reload_kb(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    store = request.app.ctx.kb_store
    store.request_reload()  # every other process, on every host, reloads at its next check
    report = store.refresh(force=True)
    rejected = report is not None and report.kb is None
    count = len(store.get().pathways)
    detail = f"rejected ({len(report.errors)} errors)" if rejected else f"{count} pathways"
    await asyncio.to_thread(
        audit.record, settings.database_url, staff_of(request), "kb_reload", detail=detail
    )
    if "application/json" not in request.headers.get("accept", ""):
        return redirect(f"/console/users?kb={'rejected' if rejected else 'reloaded'}")
    if rejected:
        return json(
            {"status": "rejected", "serving": "previous version", "errors": [str(p) for p in report.errors]},
            status=422,
        )
    return json({"status": "reloaded", "pathways": count})
