"""The editors' edit form and drafts: edit a pathway through a form generated from the schema, see
live validation, save a draft, read what it changes (line diff, scenarios, example messages) and
submit or withdraw it.

Nothing here writes the knowledge base: drafts.py keeps drafts (compare-and-set on row_version, so a
double click or a second tab loses cleanly) and versions.py publishes after review. The form's
fields, its reading back and the single-file check are bot/editorial/form.py's; the text is changed
by roundtrip.rewrite so a draft touches only the lines that changed.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from bot.console import describe, draft_links, i18n
from bot.console.auth import Staff, require_role, signed_in
from bot.console.templating import helpline_today, page_language, render
from bot.editorial import drafts, form, preview, published, roundtrip, versions
from bot.editorial.drafts import Draft
from bot.editorial.line_diff import line_diff
from bot.kb.loader import Report
from bot.kb.model import KnowledgeBase
from bot.kb.problems import Problem
from bot.kb.yaml_lines import load_strict
from bot.settings import ALL_LANGUAGES, Settings

blueprint = Blueprint("console_editing")

SOURCES_MAX = 20
# One-off messages a redirect may carry (?notice=...), by code: never free text from the URL.
NOTICES = {
    "saved": ("ok", "editing.notice.saved"),
    "submitted": ("ok", "editing.notice.submitted"),
    "withdrawn": ("ok", "editing.notice.withdrawn"),
    "conflict": ("error", "editing.notice.conflict"),
    "invalid": ("error", "editing.notice.invalid"),
    "not_allowed": ("error", "editing.notice.not_allowed"),
}


def _settings(request: Request) -> Settings:
    return request.app.ctx.settings


def _kb(request: Request) -> KnowledgeBase:
    return request.app.ctx.kb_store.get()


def render_gettext(request: Request) -> Any:
    return i18n.gettext_for(_settings(request).locales_dir, page_language(request))


def result_label(status: str, gettext: Any) -> str:
    """A pathway result in words; "not reported" (absent from the results) has its own words."""
    if status == preview.NOT_REPORTED:
        return gettext("draft.not_reported")
    return describe.label(describe.STATUS_LABELS, status, gettext)


def _known(kb: KnowledgeBase, pathway_id: str) -> bool:
    return any(p.id == pathway_id for p in kb.pathways)


def _not_found(request: Request) -> HTTPResponse:
    return render(request, "error.html", status=404, kind="not_found")


def _forbidden(request: Request) -> HTTPResponse:
    return render(request, "error.html", status=403, kind="forbidden")


def own_draft(db: str, staff: Staff, pathway_id: str) -> Draft | None:
    """The editor's draft of this pathway still being written (not submitted), if any."""
    mine = [
        d for d in drafts.open_drafts(db, pathway_id) if d.author_id == staff.id and d.status == drafts.DRAFT
    ]
    return mine[0] if mine else None


def base_text(settings: Settings, staff: Staff, pathway_id: str) -> tuple[str | None, Draft | None]:
    """The text the form edits: the editor's own open draft, else the pathway as served."""
    draft = own_draft(settings.database_url, staff, pathway_id)
    if draft is not None:
        return draft.text, draft
    return versions.current_text(settings, versions.pathway_path(pathway_id)), None


def _posted(request: Request) -> dict[str, list[str]]:
    return {key: list(values) for key, values in request.form.items()}


def _sources(request: Request) -> list[str]:
    """The cited URLs, one a line in a textarea (blank lines dropped)."""
    lines = (request.form.get("change_sources") or "").replace("\r\n", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()][:SOURCES_MAX]


def split_problems(problems: list[Problem], file: Path) -> tuple[dict[str, list[str]], list[str]]:
    """Errors by form field for the edited file; every other file's problems as plain lines."""
    mine = [p for p in problems if Path(p.file) == file]
    others = [str(p) for p in problems if Path(p.file) != file]
    return form.field_errors(mine), others


def full_check(settings: Settings, path: str, text: str) -> Report:
    return published.check_with(settings, {path: text})


def _ops_by_fact(items: list[form.Field]) -> dict[str, list[str]]:
    """Each fact the form offers with its operators, for the script's operator select."""
    facts: list[str] = []

    def collect(fields: list[form.Field]) -> None:
        for item in fields:
            if item.kind == "fact":
                facts.extend(value for value, _label in item.options)
            collect(item.children)
            if item.template is not None:
                collect([item.template])

    collect(items)
    return {fact: list(form.ops_for(fact)) for fact in dict.fromkeys(facts)}


def _form_page(
    request: Request,
    pathway_id: str,
    items: list[form.Field],
    *,
    draft: Draft | None,
    summary: str,
    sources: list[str],
    errors: dict[str, list[str]] | None = None,
    other_errors: list[str] | None = None,
    message: str | None = None,
    status: int = 200,
) -> HTTPResponse:
    ops = _ops_by_fact(items)
    gettext = render_gettext(request)
    op_labels = {op: gettext(f"editorial.op.{op}") for fact_ops in ops.values() for op in fact_ops}
    return render(
        request,
        "editorial/edit.html",
        status=status,
        pathway_id=pathway_id,
        items=items,
        draft=draft,
        summary=summary,
        sources="\n".join(sources),
        errors=errors or {},
        other_errors=other_errors or [],
        message=message,
        ops_json=json.dumps({"ops": ops, "labels": op_labels, "pairs": list(form.PAIR_OPS)}),
    )


@blueprint.get("/pathways/<pathway_id>/edit")
@require_role("editor")
async def edit_form(request: Request, pathway_id: str) -> HTTPResponse:
    settings = _settings(request)
    if not _known(_kb(request), pathway_id):
        return _not_found(request)
    text, draft = await asyncio.to_thread(base_text, settings, signed_in(request), pathway_id)
    if text is None:
        return _not_found(request)
    return _form_page(
        request,
        pathway_id,
        form.fields(load_strict(text)),
        draft=draft,
        summary=draft.summary if draft else "",
        sources=list(draft.sources) if draft else [],
    )


@blueprint.post("/pathways/<pathway_id>/validate")
@require_role("editor")
async def validate(request: Request, pathway_id: str) -> HTTPResponse:
    """Live validation of the form as posted: the single-file check, nothing written."""
    settings = _settings(request)
    if not _known(_kb(request), pathway_id):
        return json_response({"ok": False, "errors": {}}, status=404)
    text, _draft = await asyncio.to_thread(base_text, settings, signed_in(request), pathway_id)
    if text is None:
        return json_response({"ok": False, "errors": {}}, status=404)
    path = versions.pathway_path(pathway_id)
    changed = roundtrip.rewrite(text, form.data_from_form(_posted(request)))
    problems = form.check_pathway(changed, settings.kb_dir / path)
    return json_response({"ok": not problems, "errors": form.field_errors(problems)})


@blueprint.post("/pathways/<pathway_id>/edit")
@require_role("editor")
async def save(request: Request, pathway_id: str) -> HTTPResponse:
    """Save the form as the editor's draft; with errors it is saved but shown again to fix."""
    settings = _settings(request)
    db, staff = settings.database_url, signed_in(request)
    if not _known(_kb(request), pathway_id):
        return _not_found(request)
    text, draft = await asyncio.to_thread(base_text, settings, staff, pathway_id)
    if text is None:
        return _not_found(request)
    posted = _posted(request)
    data = form.data_from_form(posted)
    summary = (request.form.get("change_summary") or "").strip()
    sources = _sources(request)
    items = form.fields(data)
    gettext = render_gettext(request)

    def again(**shown: Any) -> HTTPResponse:  # the form as posted, with what went wrong
        return _form_page(request, pathway_id, items, draft=draft, summary=summary, sources=sources, **shown)

    if not summary:
        return again(errors={"change_summary": [gettext("editing.summary_required")]}, status=400)
    path = versions.pathway_path(pathway_id)
    changed = roundtrip.rewrite(text, data)
    seen_version = draft_links.row_version(request) or 0  # a new draft has none yet
    try:
        if draft is None:
            draft = await asyncio.to_thread(
                drafts.create, db, staff, pathway_id, path, changed, summary, sources
            )
        else:
            draft = await asyncio.to_thread(
                drafts.update, db, staff, draft.id, seen_version, changed, summary, sources
            )
    except drafts.Conflict:
        return again(message=gettext("editing.notice.conflict"), status=409)
    except drafts.NotAllowed:
        return _forbidden(request)
    report = await asyncio.to_thread(full_check, settings, path, changed)
    if report.errors:
        errors, others = split_problems(report.errors, settings.kb_dir / path)
        return again(errors=errors, other_errors=others, message=gettext("editing.saved_with_errors"))
    return draft_links.back_to_draft(draft.id, "saved")


def _preview(
    settings: Settings, served: KnowledgeBase, draft: Draft, on: date
) -> tuple[Report, list[preview.Change], list[preview.Example]]:
    report = full_check(settings, draft.path, draft.text)
    if report.kb is None:
        return report, [], []
    tests_dir = Path(settings.kb_dir) / "tests"
    changes = preview.scenario_changes(tests_dir, served, report.kb)
    examples = preview.examples(report.kb, draft.pathway_id, on, settings, tests_dir)
    return report, changes, examples


@blueprint.get("/drafts/<draft_id:int>")
@require_role("editor")
async def draft_page(request: Request, draft_id: int) -> HTTPResponse:
    settings = _settings(request)
    draft = await asyncio.to_thread(drafts.get, settings.database_url, draft_id)
    if draft is None:
        return _not_found(request)
    before = await asyncio.to_thread(versions.current_text, settings, draft.path)
    report, changes, examples = await asyncio.to_thread(
        _preview, settings, _kb(request), draft, helpline_today(request)
    )
    errors, others = split_problems(report.errors, settings.kb_dir / draft.path)
    from bot.console.review_pages import notice as review_notice  # it builds on this module

    code = request.args.get("notice", "")
    notice = NOTICES.get(code) or review_notice(code)
    staff = signed_in(request)
    return render(
        request,
        "editorial/draft.html",
        draft=draft,
        diff=line_diff(before or "", draft.text),
        errors=[(name, message) for name, messages in errors.items() for message in messages],
        other_errors=others,
        changes=changes,
        examples=examples,
        languages=ALL_LANGUAGES,
        notice=notice,
        is_author=draft.author_id == staff.id,
        result_label=lambda status: result_label(status, render_gettext(request)),
    )


async def _act(request: Request, draft_id: int, action: str) -> HTTPResponse:
    settings = _settings(request)
    db, staff = settings.database_url, signed_in(request)
    draft = await asyncio.to_thread(drafts.get, db, draft_id)
    if draft is None:
        return _not_found(request)
    seen_version = draft_links.row_version(request)
    if seen_version != draft.row_version:  # a double click or a page read before someone acted
        return draft_links.back_to_draft(draft_id, "conflict")
    if action == "submit":
        report = await asyncio.to_thread(full_check, settings, draft.path, draft.text)
        if report.errors:
            return draft_links.back_to_draft(draft_id, "invalid")
    change = drafts.submit if action == "submit" else drafts.withdraw
    try:
        await asyncio.to_thread(change, db, staff, draft_id, seen_version)
    except drafts.Conflict:
        return draft_links.back_to_draft(draft_id, "conflict")
    except drafts.NotAllowed:
        return draft_links.back_to_draft(draft_id, "not_allowed")
    return draft_links.back_to_draft(draft_id, "submitted" if action == "submit" else "withdrawn")


@blueprint.post("/drafts/<draft_id:int>/submit")
@require_role("editor")
async def submit(request: Request, draft_id: int) -> HTTPResponse:
    return await _act(request, draft_id, "submit")


@blueprint.post("/drafts/<draft_id:int>/withdraw")
@require_role("editor")
async def withdraw(request: Request, draft_id: int) -> HTTPResponse:
    return await _act(request, draft_id, "withdraw")
