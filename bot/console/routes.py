"""Every console page under /console, as one Sanic blueprint group that bot/web.py registers."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file, text

from bot.admin import blueprint as admin_blueprint
from bot.console.admin_pages import blueprint as admin_pages_blueprint
from bot.console.centre_pages import blueprint as centres_blueprint
from bot.console.editing_pages import blueprint as editing_blueprint
from bot.console.login_pages import blueprint as login_blueprint
from bot.console.pathway_pages import blueprint as pathways_blueprint
from bot.console.review_pages import blueprint as review_blueprint
from bot.console.watch_pages import blueprint as watch_blueprint

STATIC = Path(__file__).resolve().parent / "static"
STATIC_NAME = re.compile(r"^[a-z0-9_-]+\.(css|js)$")
STATIC_TYPES = {"css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"}
# The queue and conversation pages (bot/console/queue_pages.py, ticket_pages.py, live.py).
QUEUE_MODULES = ("queue_pages", "ticket_pages", "live")

static_blueprint = Blueprint("console_static")


@static_blueprint.get("/static/<name>")
async def static(request: Request, name: str) -> HTTPResponse:
    match = STATIC_NAME.match(name)
    if not match or not (STATIC / name).is_file():
        return text("not found", status=404)
    return await file(STATIC / name, mime_type=STATIC_TYPES[match.group(1)])


def _queue_blueprints() -> Iterator[Blueprint]:
    # Written alongside this module (issue 12, helper H4); skipped only while a module does not exist.
    for name in QUEUE_MODULES:
        try:
            module = importlib.import_module(f"bot.console.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"bot.console.{name}":
                raise
            continue
        yield module.blueprint


blueprint = Blueprint.group(
    login_blueprint,
    admin_pages_blueprint,
    admin_blueprint,
    static_blueprint,
    centres_blueprint,  # the centres' day lists, attendance, CSV export, blocks (issue 13)
    watch_blueprint,  # the source watch's changes and failing sources (issue 14)
    review_blueprint,  # review, publish, versions, restore, mark verified (issue 14)
    pathways_blueprint,  # the editors' read pages (issue 14)
    editing_blueprint,  # the edit form, live validation and drafts (issue 14)
    *_queue_blueprints(),
    url_prefix="/console",
)
