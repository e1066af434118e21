"""The second pair of eyes: the review queue, approve & publish, reject, a pathway's versions, one
version with its diff and "restore", and "mark verified".

Nothing here decides who may do what: drafts.require_reviewer and the versions functions do (and
audit), so the console and any other caller share one rule. This module turns their refusals into
pages an editor understands: your own change -> 403 with the reason; someone acted first, the KB would
not validate, or the pathway was published meanwhile -> back to the draft with a notice (a code in the
URL, never free text). Editors and admins only; every POST carries the session's CSRF token.
"""

from __future__ import annotations

import asyncio
from datetime import date

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console import draft_links
from bot.console.auth import database_url_of, require_role, signed_in
from bot.console.pathway_pages import pathway_view
from bot.console.templating import helpline_today, page_language, render
from bot.editorial import drafts, versions
from bot.editorial.drafts import Draft
from bot.editorial.line_diff import line_diff

blueprint = Blueprint("console_review")

REVIEW = "/console/review"
# Notices a redirect may carry (?notice=code), shown by the page it lands on: (kind, catalog key). The
# "review_" ones land on the draft page (editing_pages), whose own codes they must not collide with.
NOTICES = {
    "published": ("ok", "review.notice.published"),
    "rejected": ("ok", "review.notice.rejected"),
    "verified": ("ok", "review.notice.verified"),  # lands on the pathway page (pathway_pages)
    "review_conflict": ("error", "review.notice.conflict"),
    "review_already": ("error", "review.notice.already"),
    "review_invalid": ("error", "review.notice.invalid"),
    "review_stale": ("error", "review.notice.stale"),
    "review_note_required": ("error", "review.notice.note_required"),
}
# Why "mark verified" was refused, by code (the pathway page shows it above the form).
VERIFY_ERRORS = {
    "unknown_url": "review.verify.unknown_url",
    "impossible_day": "review.verify.impossible_day",
    "future_day": "review.verify.future_day",
    "invalid": "review.verify.invalid",
}


def notice(code: str | None) -> tuple[str, str] | None:
    """(kind, catalog key) of a notice code, for the pages a review action redirects to (draft, pathway)."""
    return NOTICES.get(code or "")


async def _queue(request: Request) -> tuple[list[Draft], list[Draft]]:
    """Drafts this person may review, and their own submitted drafts waiting for someone else."""
    waiting = await asyncio.to_thread(drafts.for_review, database_url_of(request))
    staff = signed_in(request)
    return [d for d in waiting if d.author_id != staff.id], [d for d in waiting if d.author_id == staff.id]


async def _refused(request: Request, reason: str) -> HTTPResponse:
    """The queue under a plain explanation of why the action was refused (403)."""
    others, own = await _queue(request)
    return render(request, "editorial/review.html", status=403, drafts=others, own=own, refused=reason)


@blueprint.get("/review")
@require_role("editor")
async def review(request: Request) -> HTTPResponse:
    others, own = await _queue(request)
    return render(
        request, "editorial/review.html", drafts=others, own=own, message=notice(request.args.get("notice"))
    )


@blueprint.post("/drafts/<draft_id:int>/approve")
@require_role("editor")
async def approve(request: Request, draft_id: int) -> HTTPResponse:
    staff, settings = signed_in(request), request.app.ctx.settings
    row_version = draft_links.row_version(request)
    if row_version is None:
        return draft_links.back_to_draft(draft_id, "review_conflict")
    try:
        version = await asyncio.to_thread(
            versions.approve_and_publish, settings, staff, draft_id, row_version
        )
    except LookupError:
        return render(request, "error.html", status=404, kind="not_found")
    except drafts.OwnDraft:
        return await _refused(request, "own_approve")
    except drafts.NotAllowed:  # the draft moved on meanwhile (published, rejected, withdrawn)
        return draft_links.back_to_draft(draft_id, "review_already")
    except drafts.Conflict:
        return draft_links.back_to_draft(draft_id, "review_conflict")
    except versions.Invalid:
        # the draft page runs the full check and lists the problems
        return draft_links.back_to_draft(draft_id, "review_invalid")
    except versions.Stale:
        return draft_links.back_to_draft(draft_id, "review_stale")
    return redirect(f"/console/versions/{version.id}?notice=published", status=303)


@blueprint.post("/drafts/<draft_id:int>/reject")
@require_role("editor")
async def reject(request: Request, draft_id: int) -> HTTPResponse:
    staff, db = signed_in(request), database_url_of(request)
    row_version = draft_links.row_version(request)
    note = (request.form.get("note") or "").strip()
    if row_version is None:
        return draft_links.back_to_draft(draft_id, "review_conflict")
    try:
        await asyncio.to_thread(drafts.reject, db, staff, draft_id, row_version, note)
    except LookupError:
        return render(request, "error.html", status=404, kind="not_found")
    except drafts.OwnDraft:
        return await _refused(request, "own_reject")
    except drafts.NotAllowed:
        return draft_links.back_to_draft(draft_id, "review_already")
    except drafts.NoteRequired:
        return draft_links.back_to_draft(draft_id, "review_note_required")
    except drafts.Conflict:
        return draft_links.back_to_draft(draft_id, "review_conflict")
    return redirect(f"{REVIEW}?notice=rejected", status=303)


@blueprint.get("/pathways/<pathway_id:str>/versions")
@require_role("editor")
async def pathway_versions(request: Request, pathway_id: str) -> HTTPResponse:
    kb = request.app.ctx.kb_store.get()
    found = await asyncio.to_thread(versions.history, database_url_of(request), pathway_id)
    if not found and pathway_id not in {p.id for p in kb.pathways}:
        return render(request, "error.html", status=404, kind="not_found")
    return render(request, "editorial/versions.html", pathway_id=pathway_id, versions=found)


@blueprint.get("/versions/<version_id:int>")
@require_role("editor")
async def version_page(request: Request, version_id: int) -> HTTPResponse:
    version = await asyncio.to_thread(versions.get, database_url_of(request), version_id)
    if version is None:
        return render(request, "error.html", status=404, kind="not_found")
    files = [(f, line_diff(f.previous_text or "", f.text)) for f in version.files]  # as the draft page
    restorable = version.pathway_id is not None and any(
        f.path == versions.pathway_path(version.pathway_id) for f in version.files
    )
    return render(
        request,
        "editorial/version.html",
        version=version,
        files=files,
        restorable=restorable,
        message=notice(request.args.get("notice")),
    )


@blueprint.post("/versions/<version_id:int>/restore")
@require_role("editor")
async def restore(request: Request, version_id: int) -> HTTPResponse:
    db, staff = database_url_of(request), signed_in(request)
    version = await asyncio.to_thread(versions.get, db, version_id)
    if version is None or version.pathway_id is None:
        return render(request, "error.html", status=404, kind="not_found")
    try:
        draft = await asyncio.to_thread(versions.restore_draft, db, staff, version_id, version.pathway_id)
    except LookupError:
        return render(request, "error.html", status=404, kind="not_found")
    return redirect(f"/console/drafts/{draft.id}", status=303)


def _day_problem(day: str, today: date) -> str | None:
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return "impossible_day"
    return "future_day" if parsed > today else None


@blueprint.post("/pathways/<pathway_id:str>/verify")
@require_role("editor")
async def verify(request: Request, pathway_id: str) -> HTTPResponse:
    kb = request.app.ctx.kb_store.get()
    try:
        pathway = kb.pathway(pathway_id)
    except KeyError:
        return render(request, "error.html", status=404, kind="not_found")
    url, day = (request.form.get("url") or "").strip(), (request.form.get("day") or "").strip()
    today = helpline_today(request)
    problem = "unknown_url" if url not in {s.url for s in pathway.sources} else _day_problem(day, today)
    if problem is None:
        try:
            await asyncio.to_thread(
                versions.record_verification,
                request.app.ctx.settings,
                signed_in(request),
                pathway_id,
                url,
                day,
                today,
            )
        except versions.Invalid:
            problem = "invalid"
        except ValueError:
            problem = "impossible_day"
    if problem is None:
        return redirect(f"/console/pathways/{pathway_id}?notice=verified", status=303)
    view = await asyncio.to_thread(pathway_view, request, kb, pathway, page_language(request))
    return render(
        request, "editorial/verify_refused.html", status=422, problem=VERIFY_ERRORS[problem], **view
    )
