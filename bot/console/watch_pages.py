"""The sources page of the console (/console/sources): what the source watch found. Open changes with
the pathways they flag and the changed text as removed and added lines, "mark reviewed", the sources
that fail or are gone, and when the last pass ran; an admin may start a pass now.

Editors and admins only. Every change of state is a POST with the session's CSRF token and audited.
"""

from __future__ import annotations

import asyncio
import logging

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console import audit
from bot.console.auth import database_url_of, require_role, signed_in
from bot.console.templating import render
from bot.editorial.watch import changes
from bot.editorial.watch.run import Politeness, run_pass

blueprint = Blueprint("console_sources")
logger = logging.getLogger(__name__)

PAGE = "/console/sources"
# One-off messages a redirect may carry (?notice=...), by code: never free text from the URL.
NOTICES = {
    "resolved": ("ok", "watch.notice.resolved"),
    "already": ("error", "watch.notice.already"),
    "started": ("ok", "watch.notice.started"),
    "running": ("error", "watch.notice.running"),
}


@blueprint.get("/sources")
@require_role("editor")
async def sources(request: Request) -> HTTPResponse:
    db = database_url_of(request)
    open_changes, failing, last_pass = await asyncio.gather(
        asyncio.to_thread(changes.open_changes, db),
        asyncio.to_thread(changes.failing_sources, db),
        asyncio.to_thread(changes.last_pass_at, db),
    )
    code = request.args.get("notice")
    return render(
        request,
        "watch.html",
        changes=open_changes,
        failing=failing,
        last_pass=last_pass,
        watch_hours=request.app.ctx.settings.source_watch_hours,
        running=_running(request),
        message=NOTICES.get(code),
    )


@blueprint.post("/sources/changes/<change_id:int>/resolve")
@require_role("editor")
async def resolve(request: Request, change_id: int) -> HTTPResponse:
    staff = signed_in(request)
    done = await asyncio.to_thread(
        changes.resolve, database_url_of(request), change_id, staff.id, staff.username
    )
    if not done:
        return redirect(f"{PAGE}?notice=already", status=303)
    await asyncio.to_thread(
        audit.record, database_url_of(request), staff, "kb.source.resolve", detail=f"change {change_id}"
    )
    return redirect(f"{PAGE}?notice=resolved", status=303)


def _running(request: Request) -> bool:
    task = getattr(request.app.ctx, "manual_watch_task", None)
    return task is not None and not task.done()


async def _pass_now(request: Request) -> None:
    settings = request.app.ctx.settings
    try:
        await run_pass(
            settings.database_url, request.app.ctx.kb_store.get(), Politeness.from_settings(settings)
        )
    except Exception as exc:  # reported in the log; the page shows the sources as they were
        logger.error("Source watch pass started from the console failed: %s", type(exc).__name__)


@blueprint.post("/sources/run")
@require_role("admin")
async def run_now(request: Request) -> HTTPResponse:
    """Start a pass in the background (it may take minutes); one at a time in this process."""
    if _running(request):
        return redirect(f"{PAGE}?notice=running", status=303)
    request.app.ctx.manual_watch_task = asyncio.create_task(_pass_now(request))
    await asyncio.to_thread(
        audit.record, database_url_of(request), signed_in(request), "kb.source.run", detail="pass started"
    )
    return redirect(f"{PAGE}?notice=started", status=303)
