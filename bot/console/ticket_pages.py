"""The conversation view (/console/tickets/<id>) and what staff do there: claim and release, reply
through the person's own channel, canned replies, private notes, hand back to the assistant, and
(admins only) export. Every action is a POST with the session's CSRF token and is audited; the
audit detail never holds a message body. A refused reply keeps its text in the box, with what the
agent can do about it."""

from __future__ import annotations

import asyncio
import functools
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sanic.response import json as json_response

from bot.channels.outbound import NOT_CONFIGURED, WINDOW_CLOSED, Delivery, SendResult, send_text
from bot.console import audit, describe, i18n
from bot.console.auth import database_url_of, require_role, signed_in
from bot.console.canned import canned_replies, canned_text
from bot.console.queue import channel_of, staff_name
from bot.console.templating import page_language, render
from bot.console.transcript import transcript
from bot.handoff import tickets
from bot.handoff.changes import last_change_id
from bot.handoff.tickets import OUTCOMES, RESUMES, Ticket
from bot.i18n.catalogs import translate

blueprint = Blueprint("console_tickets")

MAX_TEXT = 4000  # characters of a reply or note; the channel splits long replies itself
RETURN_MESSAGES = {"pending": "handoff.returned", "menu": "handoff.returned_menu"}
# One-off messages a redirect may carry (?notice=...), by code: never free text from the URL.
NOTICES = {
    "claimed": ("ok", "claim.done"),
    "sent": ("ok", "reply.sent"),
    "template": ("ok", "reply.template"),
    "note": ("ok", "note.added"),
    "duplicate": ("ok", "reply.duplicate"),
}
SUBMISSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")  # the reply form's one-time token
# The setting an admin fills for WhatsApp templates, by the conversation's sender id prefix.
TEMPLATE_SETTINGS = (
    ("whatsapp_cloud:", "WHATSAPP_TEMPLATE_NAME"),
    ("whatsapp:", "TWILIO_WHATSAPP_CONTENT_SID"),
)


def _view(request: Request, ticket: Ticket) -> dict[str, Any]:
    """Everything the page shows about the ticket, in the staff's words (runs in a thread)."""
    settings = request.app.ctx.settings
    lang = page_language(request)
    gettext = i18n.gettext_for(settings.locales_dir, lang)
    kb = request.app.ctx.kb_store.get()
    staff = signed_in(request)
    mine = ticket.status == "claimed" and ticket.claimed_by == staff.id
    return {
        "ticket": ticket,
        "channel": describe.label(describe.CHANNEL_LABELS, channel_of(ticket.sender_id), gettext),
        "language": describe.language_name(ticket.language, lang),
        "country": describe.country_name(ticket.country, lang),
        "reason": describe.label(describe.REASON_LABELS, ticket.reason, gettext),
        "status_word": describe.label(describe.TICKET_STATUS_LABELS, ticket.status, gettext),
        "outcome_word": describe.label(describe.OUTCOME_LABELS, ticket.outcome, gettext),
        "holder": staff_name(settings.database_url, ticket.claimed_by),
        "entries": transcript(settings.database_url, ticket),
        "facts": describe.facts_in_words(ticket.facts, kb, lang, gettext),
        "results": describe.results_in_words(ticket.results, kb, lang, gettext),
        "canned": canned_replies(ticket.language, settings.locales_dir),
        "after": last_change_id(settings.database_url),
        "mine": mine,
        "can_hand_back": ticket.status != "closed" and (mine or staff.role == "admin"),
        "is_admin": staff.role == "admin",
        "outcomes": OUTCOMES,
        "resumes": RESUMES,
        "submission": secrets.token_urlsafe(18),
    }


async def _page(
    request: Request,
    ticket: Ticket,
    status: int = 200,
    message: tuple[str, str, dict] | None = None,
    **extra: Any,
) -> HTTPResponse:
    """The conversation page; `message` is (css class, console id, values) of what just happened."""
    view = await asyncio.to_thread(_view, request, ticket)
    notice = request.args.get("notice") if request.method == "GET" else None
    if message is None and notice in NOTICES:
        message = (*NOTICES[notice], {})
    return render(request, "ticket.html", status=status, message=message, **({"draft": ""} | view | extra))


async def _ticket(request: Request, ticket_id: int) -> Ticket | None:
    return await asyncio.to_thread(tickets.get_ticket, database_url_of(request), ticket_id)


def _not_found(request: Request) -> HTTPResponse:
    return render(request, "error.html", status=404, kind="not_found")


def _audit(request: Request, action: str, ticket: Ticket, detail: str = "") -> Any:
    return asyncio.to_thread(
        audit.record,
        database_url_of(request),
        signed_in(request),
        action,
        ticket_id=ticket.id,
        conversation_key=ticket.conversation_key,
        detail=detail,
    )


def with_ticket(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
    """Give the handler the ticket its path names; a ticket that does not exist is a 404 page."""

    @functools.wraps(handler)
    async def load(request: Request, ticket_id: int) -> HTTPResponse:
        ticket = await _ticket(request, ticket_id)
        if ticket is None:
            return _not_found(request)
        return await handler(request, ticket)

    return load


def _back(ticket_id: int, notice: str) -> HTTPResponse:
    return redirect(f"/console/tickets/{ticket_id}?notice={notice}", status=303)


def _text(request: Request, field: str) -> str:
    return (request.form.get(field) or "").replace("\r\n", "\n").strip()


def _refusal(result: SendResult, ticket: Ticket, channel: str) -> tuple[str, str, dict]:
    """What a refused or failed reply tells the agent to do next."""
    if result.reason == WINDOW_CLOSED:
        setting = next((s for prefix, s in TEMPLATE_SETTINGS if ticket.sender_id.startswith(prefix)), "")
        return ("error", "reply.window_closed", {"setting": setting})
    if result.reason == NOT_CONFIGURED:
        return ("error", "reply.not_configured", {"channel": channel})
    if result.reason == "provider_refused":
        return ("error", "reply.provider_refused", {"channel": channel})
    return ("error", "reply.failed", {"channel": channel})


def _channel_word(request: Request, ticket: Ticket) -> str:
    gettext = i18n.gettext_for(request.app.ctx.settings.locales_dir, page_language(request))
    return describe.label(describe.CHANNEL_LABELS, channel_of(ticket.sender_id), gettext)


@blueprint.get("/tickets/<ticket_id:int>")
@require_role("agent")
@with_ticket
async def view(request: Request, ticket: Ticket) -> HTTPResponse:
    await _audit(request, "view", ticket)
    return await _page(request, ticket)


@blueprint.get("/tickets/<ticket_id:int>/transcript")
@require_role("agent")
@with_ticket
async def transcript_fragment(request: Request, ticket: Ticket) -> HTTPResponse:
    """The transcript alone, reloaded by ticket.js when the conversation changes."""
    entries = await asyncio.to_thread(transcript, database_url_of(request), ticket)
    return render(request, "ticket_transcript.html", entries=entries)


@blueprint.post("/tickets/<ticket_id:int>/claim")
@require_role("agent")
@with_ticket
async def claim(request: Request, ticket: Ticket) -> HTTPResponse:
    staff = signed_in(request)
    if await asyncio.to_thread(tickets.claim, database_url_of(request), ticket.id, staff.id):
        await _audit(request, "claim", ticket)
        return _back(ticket.id, "claimed")
    ticket = await _ticket(request, ticket.id) or ticket
    if ticket.status == "claimed" and ticket.claimed_by == staff.id:
        return _back(ticket.id, "claimed")
    if ticket.status == "closed":
        return await _page(request, ticket, status=409, message=("error", "claim.closed", {}))
    holder = await asyncio.to_thread(staff_name, database_url_of(request), ticket.claimed_by)
    return await _page(request, ticket, status=409, message=("error", "claim.taken", {"name": holder or ""}))


@blueprint.post("/tickets/<ticket_id:int>/unclaim")
@require_role("agent")
@with_ticket
async def unclaim(request: Request, ticket: Ticket) -> HTTPResponse:
    if not await asyncio.to_thread(
        tickets.unclaim, database_url_of(request), ticket.id, signed_in(request).id
    ):
        return await _page(request, ticket, status=403, message=("error", "reply.not_yours", {}))
    await _audit(request, "unclaim", ticket)
    return redirect("/console/?notice=released", status=303)


@blueprint.post("/tickets/<ticket_id:int>/reply")
@require_role("agent")
@with_ticket
async def reply(request: Request, ticket: Ticket) -> HTTPResponse:
    staff = signed_in(request)
    text = _text(request, "text")
    if ticket.status != "claimed" or ticket.claimed_by != staff.id:
        return await _page(request, ticket, status=403, message=("error", "reply.not_yours", {}), draft=text)
    if not text:
        return await _page(request, ticket, status=422, message=("error", "reply.empty", {}))
    if len(text) > MAX_TEXT:
        problem = ("error", "reply.too_long", {"max": MAX_TEXT})
        return await _page(request, ticket, status=422, message=problem, draft=text)
    settings = request.app.ctx.settings
    submission = request.form.get("submission") or ""
    try:  # recorded before it is sent: the same form submitted twice reaches the person once
        message_id = await asyncio.to_thread(
            tickets.record_reply,
            settings.database_url,
            ticket.id,
            staff.id,
            text,
            "sending",
            submission=submission if SUBMISSION.match(submission) else None,
        )
    except tickets.DuplicateSubmission:
        return _back(ticket.id, "duplicate")
    result = await send_text(settings, ticket.sender_id, text, ticket.language)
    await asyncio.to_thread(tickets.set_delivery, settings.database_url, message_id, result.delivery.value)
    await _audit(request, "reply", ticket, f"delivery={result.delivery.value} reason={result.reason or '-'}")
    if result.delivery in (Delivery.SENT, Delivery.TEMPLATE):
        return _back(ticket.id, result.delivery.value)
    problem = _refusal(result, ticket, _channel_word(request, ticket))
    return await _page(request, ticket, message=problem, draft=text)


@blueprint.post("/tickets/<ticket_id:int>/canned")
@require_role("agent")
@with_ticket
async def use_canned(request: Request, ticket: Ticket) -> HTTPResponse:
    """Without JavaScript, "use" puts the chosen canned text in the reply box (nothing is sent)."""
    name = request.form.get("canned") or ""
    draft = canned_text(name, ticket.language, request.app.ctx.settings.locales_dir) or ""
    return await _page(request, ticket, draft=draft)


@blueprint.post("/tickets/<ticket_id:int>/note")
@require_role("agent")
@with_ticket
async def note(request: Request, ticket: Ticket) -> HTTPResponse:
    text = _text(request, "text")
    if not text or len(text) > MAX_TEXT:
        problem = ("error", "note.empty", {}) if not text else ("error", "reply.too_long", {"max": MAX_TEXT})
        return await _page(request, ticket, status=422, message=problem)
    await asyncio.to_thread(
        tickets.add_note, database_url_of(request), ticket.id, signed_in(request).id, text
    )
    await _audit(request, "note", ticket)
    return _back(ticket.id, "note")


@blueprint.post("/tickets/<ticket_id:int>/hand-back")
@require_role("agent")
@with_ticket
async def hand_back(request: Request, ticket: Ticket) -> HTTPResponse:
    """Close, then tell the person the assistant goes on (in their language, through their channel):
    closing first makes a second click, or a colleague's, a 409 that sends nothing."""
    staff = signed_in(request)
    outcome, resume = request.form.get("outcome"), request.form.get("resume")
    if ticket.status == "closed":
        return await _page(request, ticket, status=409, message=("error", "claim.closed", {}))
    if staff.role != "admin" and not (ticket.status == "claimed" and ticket.claimed_by == staff.id):
        return await _page(request, ticket, status=403, message=("error", "reply.not_yours", {}))
    if outcome not in OUTCOMES or resume not in RESUMES:
        return await _page(request, ticket, status=422, message=("error", "hand_back.invalid", {}))
    settings = request.app.ctx.settings
    closed = await asyncio.to_thread(tickets.hand_back, settings.database_url, ticket.id, outcome, resume)
    if not closed:  # closed meanwhile (a colleague, or a double click): the person was told once
        return await _page(request, ticket, status=409, message=("error", "claim.closed", {}))
    text = translate(ticket.language, RETURN_MESSAGES[resume], settings.locales_dir)
    result = await send_text(settings, ticket.sender_id, text, ticket.language)
    detail = f"outcome={outcome} resume={resume} delivery={result.delivery.value}"
    await _audit(request, "hand_back", ticket, detail)
    told = result.delivery in (Delivery.SENT, Delivery.TEMPLATE)
    return redirect(f"/console/?notice={'handed_back' if told else 'handed_back_untold'}", status=303)


@blueprint.get("/tickets/<ticket_id:int>/export")
@require_role("admin")
@with_ticket
async def export(request: Request, ticket: Ticket) -> HTTPResponse:
    """The conversation as JSON, for an admin (a referral, a data request); audited. The phone
    number or chat id is left out: the conversation key identifies it inside the service."""
    entries = await asyncio.to_thread(transcript, database_url_of(request), ticket)
    await _audit(request, "export", ticket)
    fields = {k: v for k, v in asdict(ticket).items() if k != "sender_id"}
    body = {
        "ticket": {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in fields.items()},
        "transcript": [{**asdict(e), "at": e.at.isoformat()} for e in entries],
    }
    disposition = f'attachment; filename="conversation-{ticket.id}.json"'
    return json_response(body, headers={"Content-Disposition": disposition}, ensure_ascii=False)
