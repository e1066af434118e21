"""The editors' read pages: every pathway (sortable, filterable), one pathway in plain words, and the
"to check" list that is an editor's home page.

Read-only: the actions they link to (edit, mark verified, history, review, sources) are other
modules'. Rows and filters come from bot.editorial.overview and conditions in words from
bot.editorial.sentences; this module only reads the request and fills the templates. Editors and
admins get in; agents get the 403 page.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from bot.console import describe, i18n
from bot.console.auth import require_role
from bot.console.templating import helpline_today, page_language, render
from bot.editorial import overview, sentences
from bot.editorial.watch import open_changes_by_pathway
from bot.i18n.display import long_date
from bot.kb import loader
from bot.kb.model import KnowledgeBase, Pathway
from bot.kb.scenarios import Scenario, scenarios_of
from bot.settings import ALL_LANGUAGES

blueprint = Blueprint("console_pathways")

# The texts shown side by side: every text field the loader reads, the list of documents too.
TEXT_FIELDS = (*loader.TEXT_FIELDS, "documents")


def _status_label(status: str | None, gettext: Any) -> str:
    return gettext(f"pathway_status.{status}" if status else "pathway_status.none")


def _kind_label(kind: str, gettext: Any) -> str:
    return gettext(f"kind.{kind}") if kind in overview.KINDS else kind


def _country_names(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    return {p.country: describe.country_name(p.country, lang) for p in kb.pathways}


def _rows(request: Request, kb: KnowledgeBase, on: date, lang: str) -> list[overview.Row]:
    settings = request.app.ctx.settings
    watch = open_changes_by_pathway(settings.database_url)
    return overview.rows(kb, on, lang, watch, stale_after_days=settings.kb_stale_after_days)


@blueprint.get("/pathways")
@require_role("editor")
async def pathways(request: Request) -> HTTPResponse:
    kb = request.app.ctx.kb_store.get()
    lang, on = page_language(request), helpline_today(request)
    gettext = i18n.gettext_for(request.app.ctx.settings.locales_dir, lang)
    names = _country_names(kb, lang)
    filters = overview.Filters.from_query({k: request.args.get(k) for k in request.args}, set(names))
    all_rows = await asyncio.to_thread(_rows, request, kb, on, lang)
    shown = overview.select(all_rows, filters, names)
    return render(
        request,
        "pathways.html",
        rows=shown,
        total=len(all_rows),
        filters=filters,
        countries=sorted(names.items(), key=lambda item: item[1].casefold()),
        kinds=sorted(((k, _kind_label(k, gettext)) for k in overview.KINDS), key=lambda i: i[1].casefold()),
        sorts=overview.SORTS,
        country_names=names,
        kind_label=lambda kind: _kind_label(kind, gettext),
        status_label=lambda status: _status_label(status, gettext),
        day=lambda d: long_date(d, lang),
        stale_after=request.app.ctx.settings.kb_stale_after_days,
    )


@blueprint.get("/pathways/stale")
@require_role("editor")
async def stale(request: Request) -> HTTPResponse:
    kb = request.app.ctx.kb_store.get()
    lang, on = page_language(request), helpline_today(request)
    gettext = i18n.gettext_for(request.app.ctx.settings.locales_dir, lang)
    all_rows = await asyncio.to_thread(_rows, request, kb, on, lang)
    return render(
        request,
        "stale.html",
        home=overview.to_check(all_rows, kb, on, within_days=request.app.ctx.settings.kb_upcoming_days),
        stale_after=request.app.ctx.settings.kb_stale_after_days,
        within=request.app.ctx.settings.kb_upcoming_days,
        status_label=lambda status: _status_label(status, gettext),
        day=lambda d: long_date(d, lang),
    )


def _mentions(pathway_id: str, scenarios: tuple[Scenario, ...]) -> list[tuple[Scenario, str | None]]:
    """The scenarios that name the pathway, with what they expect of it (None: only its flags)."""
    found = []
    for scenario in scenarios:
        if pathway_id in scenario.expect:
            found.append((scenario, scenario.expect[pathway_id]))
        elif pathway_id in scenario.absent:
            found.append((scenario, "absent"))
        elif pathway_id in scenario.flags:
            found.append((scenario, None))
    return found


def _texts(pathway: Pathway) -> list[tuple[str, dict[str, str | list[str] | None]]]:
    """(field, {language: text or None when missing}) for each text field the pathway has at all."""
    rows = []
    for field in TEXT_FIELDS:
        values = getattr(pathway, field) or {}
        if values:
            rows.append((field, {lang: _shown(values.get(lang)) for lang in ALL_LANGUAGES}))
    return rows


def _shown(value: Any) -> str | list[str] | None:
    if not value:
        return None
    return list(value) if isinstance(value, tuple) else value


def _timeline(pathway: Pathway, on: date) -> list[dict[str, Any]]:
    """Each dated status, and a "today" mark after the last period already begun."""
    current = pathway.period_on(on)
    items: list[dict[str, Any]] = []
    for period in pathway.status_history:
        if period.start > on and not any(i.get("today") for i in items):
            items.append({"today": True})
        items.append({"period": period, "current": period is current})
    if not any(i.get("today") for i in items):
        items.append({"today": True})
    return items


def pathway_view(request: Request, kb: KnowledgeBase, pathway: Pathway, lang: str) -> dict[str, Any]:
    settings = request.app.ctx.settings
    gettext = i18n.gettext_for(settings.locales_dir, lang)
    on = helpline_today(request)
    scenarios = scenarios_of(Path(settings.kb_dir) / "tests", kb)
    return {
        "pathway": pathway,
        "name": describe.name_of(pathway, lang),
        "country": describe.country_name(pathway.country, lang),
        "kind": _kind_label(pathway.kind, gettext),
        "conditions": sentences.sentences(pathway.conditions, kb, lang, gettext),
        "timeline": _timeline(pathway, on),
        "today": on,
        "texts": _texts(pathway),
        "languages": [(code, describe.language_name(code, lang)) for code in ALL_LANGUAGES],
        "days_since_verified": (on - pathway.last_verified).days,
        "watch_changes": open_changes_by_pathway(settings.database_url).get(pathway.id, 0),
        "scenarios": _mentions(pathway.id, scenarios),
        "status_label": lambda status: _status_label(status, gettext),
        "result_label": lambda status: describe.label(describe.STATUS_LABELS, status, gettext),
        "day": lambda d: long_date(d, lang),
    }


@blueprint.get("/pathways/<pathway_id:str>")
@require_role("editor")
async def pathway_page(request: Request, pathway_id: str) -> HTTPResponse:
    kb = request.app.ctx.kb_store.get()
    try:
        pathway = kb.pathway(pathway_id)
    except KeyError:
        return render(request, "error.html", status=404, kind="not_found")
    from bot.console.review_pages import notice  # it builds on this module's view

    view = await asyncio.to_thread(pathway_view, request, kb, pathway, page_language(request))
    return render(request, "pathway.html", message=notice(request.args.get("notice")), **view)
