"""Admin endpoints on the web service. POST /admin/kb/reload makes every process reload the KB:
this one at once, every other instance on every host within its check interval (bot/kb/store.py).

Enabled only when ADMIN_TOKEN is set; callers send `Authorization: Bearer <token>`.
(The staff console, with its own logins and roles, comes in a later issue.)
"""

from __future__ import annotations

import logging

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.secrets import bearer_matches

logger = logging.getLogger(__name__)
blueprint = Blueprint("admin", url_prefix="/admin")


def _authorised(request: Request) -> bool | None:
    """None when admin endpoints are disabled, else whether the bearer token matches."""
    token = request.app.ctx.settings.admin_token
    if not token:
        return None
    return bearer_matches(request.headers.get("authorization"), token)


@blueprint.post("/kb/reload")
async def reload_kb(request: Request) -> HTTPResponse:
    allowed = _authorised(request)
    if allowed is None:
        return json({"error": "admin endpoints are disabled (set ADMIN_TOKEN)"}, status=404)
    if not allowed:
        logger.warning("Refused a knowledge-base reload with a wrong or missing token")
        return json({"error": "forbidden"}, status=403)
    store = request.app.ctx.kb_store
    store.request_reload()  # every other process, on every host, reloads at its next check
    report = store.refresh(force=True)
    if report is not None and report.kb is None:
        return json(
            {
                "status": "rejected",
                "serving": "previous version",
                "errors": [str(p) for p in report.errors],
            },
            status=422,
        )
    return json({"status": "reloaded", "pathways": len(store.get().pathways)})
