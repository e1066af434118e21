"""The queue page (/console/) and its list fragment (/console/queue/rows), which queue.js reloads
when the live stream (bot/console/live.py) reports a change. Without JavaScript the page still
works: the filters are a GET form and every button is a form."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from bot.console import describe
from bot.console.auth import require_role, staff_of
from bot.console.queue import CHANNELS, QueueRow, filter_choices, list_queue
from bot.console.templating import page_language, render
from bot.handoff.changes import last_change_id
from bot.kb.model import KnowledgeBase

blueprint = Blueprint("console_queue")

# One-off messages a redirect may carry (?notice=...), by code: never free text from the URL.
NOTICES = {
    "handed_back": ("ok", "hand_back.done"),
    "handed_back_untold": ("error", "hand_back.not_sent"),
    "released": ("ok", "claim.released"),
}


@dataclass(frozen=True)
class Filters:
    language: str | None
    channel: str | None
    country: str | None

    @classmethod
    def of(cls, request: Request) -> Filters:
        def value(name: str, size: int) -> str | None:
            given = (request.args.get(name) or "").strip()
            return given if given.isascii() and given.isalpha() and len(given) <= size else None

        channel = value("channel", 10)
        return cls(value("language", 3), channel if channel in CHANNELS else None, value("country", 2))

    def query(self) -> str:
        return urlencode({k: v for k, v in vars(self).items() if v})


def _lists(request: Request, filters: Filters) -> dict[str, Any]:
    """The rows and the words to show them with, for the page and for the fragment."""
    staff = staff_of(request)
    rows = list_queue(request.app.ctx.settings.database_url, **vars(filters))
    lang = page_language(request)
    return {
        "mine": [r for r in rows if r.claimed_by == staff.id],
        "others": [r for r in rows if r.claimed_by != staff.id],
        "filtered": any(vars(filters).values()),
        "words": RowWords(lang, request.app.ctx.kb_store.get()),
    }


class RowWords:
    """Language, channel, country, reason and a one-line summary of a row as words in the staff's
    language."""

    SUMMARY_FACTS = 4  # answers in the one-line summary; the conversation view has them all

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.lang = lang
        self.kb = kb

    def summary(self, row: QueueRow, gettext: Any) -> str:
        """The first answers, then the most promising result: enough to pick who needs whom."""
        answers = describe.facts_in_words(row.facts, self.kb, self.lang, gettext)[: self.SUMMARY_FACTS]
        parts = [value for _question, value in answers]
        results = describe.results_in_words(row.results[:1], self.kb, self.lang, gettext)
        parts += [f"{name}: {status}" for name, status in results]
        return " · ".join(parts)

    def language(self, code: str) -> str:
        return describe.language_name(code, self.lang)

    def country(self, code: str | None) -> str:
        return describe.country_name(code, self.lang)

    def channel(self, row: QueueRow, gettext: Any) -> str:
        return describe.label(describe.CHANNEL_LABELS, row.channel, gettext)

    def reason(self, row: QueueRow, gettext: Any) -> str:
        return describe.label(describe.REASON_LABELS, row.reason, gettext)


@blueprint.get("/")
@require_role("agent")
async def queue_page(request: Request) -> HTTPResponse:
    database_url = request.app.ctx.settings.database_url
    filters = Filters.of(request)
    lists, choices, after = await asyncio.gather(
        asyncio.to_thread(_lists, request, filters),
        asyncio.to_thread(filter_choices, database_url),
        asyncio.to_thread(last_change_id, database_url),
    )
    notice = NOTICES.get(request.args.get("notice", ""))
    return render(
        request,
        "queue.html",
        filters=filters,
        choices=choices,
        after=after,
        rows_url=f"/console/queue/rows?{filters.query()}",
        notice=notice,
        **lists,
    )


@blueprint.get("/queue/rows")
@require_role("agent")
async def queue_rows(request: Request) -> HTTPResponse:
    lists = await asyncio.to_thread(_lists, request, Filters.of(request))
    return render(request, "queue_rows.html", **lists)
