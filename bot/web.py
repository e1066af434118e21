"""The web service on :8000: /health, the NLG endpoint Rasa calls, and the /chat page."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sanic import Request, Sanic
from sanic.response import HTTPResponse, json, redirect

from bot import heap, redaction
from bot.appointments.reminders import send_due_reminders
from bot.chat.calendar_file import blueprint as calendar_blueprint
from bot.chat.routes import blueprint as chat_blueprint
from bot.console.routes import blueprint as console_blueprint
from bot.db.health import database_writable
from bot.db.leases import holder_name, take_lease
from bot.editorial.watch.run import watch_periodically
from bot.handoff.notices import notify_unclaimed
from bot.kb.store import KnowledgeBaseStore, store_for
from bot.nlg.endpoint import blueprint as nlg_blueprint
from bot.nlg.responses import Renderer
from bot.privacy import purge_expired
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 256 * 1024
# On every response: pages load only their own script and style, are never framed, never sniffed,
# and send no referrer (a page's address could say what a person was reading).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}


PURGE_EVERY = timedelta(hours=1)
PURGE_CHECK_S = 300  # how soon another instance takes over the purge when the last one's holder died
PURGE_JOB = "retention_purge"


async def _purge_periodically(settings: Settings) -> None:
    """Delete what is older than the retention period, once an hour across every web instance.

    Each instance looks every PURGE_CHECK_S; the one that takes the hour's lease (bot/db/leases.py)
    purges, the others skip until the lease expires.
    """
    holder = holder_name(settings.web_port)
    while True:
        try:
            if await asyncio.to_thread(take_lease, settings.database_url, PURGE_JOB, holder, PURGE_EVERY):
                await asyncio.to_thread(purge_expired, settings.database_url, settings.retention_days)
        except sa.exc.SQLAlchemyError as exc:  # the database may be briefly unavailable
            logger.error("Retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(PURGE_CHECK_S)


NOTICE_EVERY_S = 60  # how often unclaimed tickets are looked at (each is noticed once: notices.py)


async def _notify_periodically(settings: Settings) -> None:
    """Tell people whose request nobody has claimed in time; every instance may run it."""
    while True:
        try:
            await notify_unclaimed(settings)
        except Exception as exc:  # a database or a provider briefly down must not end the loop
            logger.error("Unclaimed notices failed: %s", type(exc).__name__)
        await asyncio.sleep(NOTICE_EVERY_S)


REMIND_EVERY_S = 60  # how often due visit reminders are looked for (each is sent once: reminders.py)


async def _remind_periodically(settings: Settings, store: KnowledgeBaseStore) -> None:
    """Send the day-before reminders of booked visits; every instance may run it (the claim in
    reminders.py makes each reminder go out once)."""
    while True:
        try:
            await send_due_reminders(settings, store.get(), datetime.now(timezone.utc))
        except Exception as exc:  # a database or a provider briefly down must not end the loop
            logger.error("Visit reminders failed: %s", type(exc).__name__)
        await asyncio.sleep(REMIND_EVERY_S)


def create_app(settings: Settings | None = None) -> Sanic:
    settings = settings or get_settings()
    app = Sanic("pathways_web")
    app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
    app.config.ACCESS_LOG = False  # access lines would carry sender ids; we log what we need
    app.ctx.settings = settings
    app.ctx.kb_store = store_for(settings)
    app.ctx.renderer = Renderer(app.ctx.kb_store, settings)
    app.blueprint(nlg_blueprint)
    app.blueprint(chat_blueprint)
    app.blueprint(calendar_blueprint)  # /visit/<token>.ics: a booking's calendar file
    app.blueprint(console_blueprint)  # /console: staff pages, and the admin actions behind its admin role

    app.register_listener(heap.settle, "after_server_start")

    @app.after_server_start
    async def start_purging(app: Sanic, _loop) -> None:
        app.ctx.purge_task = asyncio.create_task(_purge_periodically(settings))
        app.ctx.notice_task = asyncio.create_task(_notify_periodically(settings))
        app.ctx.reminder_task = asyncio.create_task(_remind_periodically(settings, app.ctx.kb_store))
        app.ctx.watch_task = None
        if settings.source_watch_hours:  # off by default: the only outgoing requests (bot/editorial/watch)
            app.ctx.watch_task = asyncio.create_task(watch_periodically(settings, app.ctx.kb_store))

    @app.before_server_stop
    async def stop_purging(app: Sanic, _loop) -> None:
        for task in (app.ctx.purge_task, app.ctx.notice_task, app.ctx.reminder_task, app.ctx.watch_task):
            if task is None:
                continue
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @app.on_response
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    @app.get("/")
    async def index(request: Request) -> HTTPResponse:
        return redirect("/chat")

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        # A real write: a database that answers reads but refuses writes would lose every turn.
        if not await asyncio.to_thread(database_writable, settings.database_url):
            return json({"status": "error", "database": "not writable"}, status=503)
        return json(
            {
                "status": "ok",
                "database": "sqlite" if settings.is_sqlite else "postgresql",
                "pathways": len(app.ctx.renderer.kb.pathways),
            }
        )

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the web service (NLG, /chat, /health).")
    parser.parse_args()
    settings = get_settings()
    redaction.install(settings)
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("sanic.root").propagate = False  # Sanic prints these lines itself
    app = create_app(settings)
    app.run(host=settings.bind_host, port=settings.web_port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
