"""The centres' pages in the console: every centre in the knowledge base, one centre's details in
plain words with its blocked slots and days, and its day list (mark attended / no-show, CSV export).

A centre is named by its KB id and a day by the centre's local calendar date (YYYY-MM-DD); anything
else is the console's 404 or 400 page and changes nothing. Every change is a POST with the
session's CSRF token and is audited; the day list and the export show a booking's code, time,
service, language and status, never who the person is.
"""

from __future__ import annotations

import asyncio
import csv
import functools
import io
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sanic.response import text as text_response

from bot.appointments import attendance, blocks
from bot.appointments.attendance import Changed, Marked
from bot.appointments.schedule import Schedule
from bot.appointments.slots import day_starts
from bot.console import audit, describe, i18n
from bot.console.auth import database_url_of, require_role, signed_in
from bot.console.templating import page_language, render
from bot.i18n.display import long_date
from bot.kb.model import Centre
from bot.kb.schema import BOOKING_SERVICES

blueprint = Blueprint("console_centres")

CLOSED_DAYS_SHOWN = 5
BLOCKS_AHEAD_DAYS = 366
SERVICE_LABELS = {service: f"centre.service.{service}" for service in BOOKING_SERVICES}
DETAIL_LABELS = {
    "timezone": "centre.detail.timezone",
    "hours": "centre.detail.hours",
    "slot_minutes": "centre.detail.slot_minutes",
    "seats": "centre.detail.seats",
    "closed": "centre.detail.closed",
    "takes_bookings": "centre.detail.takes_bookings",
    "services": "centre.detail.services",
    "languages": "centre.detail.languages",
    "pathways": "centre.detail.pathways",
}
STATUS_LABELS = {
    "booked": "booking.status.booked",
    "attended": "booking.status.attended",
    "no_show": "booking.status.no_show",
    "cancelled": "booking.status.cancelled",
}
# One-off messages a redirect may carry (?notice=...), by code: never free text from the URL.
NOTICES = {
    "marked": ("ok", "centre.notice.marked"),
    "blocked": ("ok", "centre.notice.blocked"),
    "unblocked": ("ok", "centre.notice.unblocked"),
}


def _gettext(request: Request) -> Callable[..., str]:
    return i18n.gettext_for(request.app.ctx.settings.locales_dir, page_language(request))


def _centre(request: Request, centre_id: str) -> Centre | None:
    return request.app.ctx.kb_store.get().centres.get(centre_id)


def _not_found(request: Request) -> HTTPResponse:
    return render(request, "error.html", status=404, kind="not_found")


def _bad_request(request: Request) -> HTTPResponse:
    return render(request, "error.html", status=400, kind="bad_request")


def _day(text: str) -> date | None:
    """A YYYY-MM-DD date that exists (2026-02-30 and "abc" do not)."""
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def with_centre(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
    """Give the handler the centre its path names; an unknown centre is the 404 page."""

    @functools.wraps(handler)
    async def load(request: Request, centre_id: str, **kwargs: Any) -> HTTPResponse:
        centre = _centre(request, centre_id)
        if centre is None:
            return _not_found(request)
        return await handler(request, centre, **kwargs)

    return load


def _audit(request: Request, action: str, detail: str) -> Any:
    return asyncio.to_thread(
        audit.record, database_url_of(request), signed_in(request), action, detail=detail
    )


def _clock(moment: datetime, schedule: Schedule) -> str:
    return moment.astimezone(ZoneInfo(schedule.timezone)).strftime("%H:%M")


def _weekday_names(lang: str) -> list[str]:
    names = Locale.parse(lang).days["format"]["wide"]
    return [names[index][:1].upper() + names[index][1:] for index in range(7)]


def _hours_in_words(schedule: Schedule, lang: str) -> list[tuple[str, str]]:
    """("Monday", "09:00–12:00, 13:00–17:00") for each open weekday, Monday first."""
    names = _weekday_names(lang)
    return [
        (names[day], ", ".join(f"{o.start:%H:%M}–{o.end:%H:%M}" for o in schedule.hours[day]))
        for day in range(7)
        if schedule.hours.get(day)
    ]


def _pathway_title(request: Request, pathway_id: str, lang: str) -> str:
    try:
        return describe.pathway_name(request.app.ctx.kb_store.get(), pathway_id, lang)
    except KeyError:
        return pathway_id


def _centre_view(request: Request, centre: Centre, block_day: date | None) -> dict[str, Any]:
    """The centre page's content in the staff member's words (runs in a thread)."""
    lang = page_language(request)
    gettext = _gettext(request)
    booking = centre.booking
    view: dict[str, Any] = {"centre": centre, "booking": booking, "reviews": []}
    if centre.needs_review:
        view["reviews"].append(centre.needs_review)
    if booking is None:
        return view
    schedule = booking.schedule
    today = attendance.local_today(schedule.timezone)
    block_day = block_day or today
    found = blocks.blocks_between(
        database_url_of(request), centre.id, today, today + timedelta(days=BLOCKS_AHEAD_DAYS)
    )
    view.update(
        hours=_hours_in_words(schedule, lang),
        closed=[long_date(day, lang) for day in sorted(d for d in schedule.closed if d >= today)][
            :CLOSED_DAYS_SHOWN
        ],
        services=[describe.label(SERVICE_LABELS, s, gettext) for s in booking.services],
        languages=[describe.language_name(code, lang) for code in booking.languages],
        pathways=[_pathway_title(request, p, lang) for p in booking.pathways],
        today=today,
        block_day=block_day,
        block_day_words=long_date(block_day, lang),
        block_times=[_clock(start, schedule) for start in day_starts(schedule, block_day)],
        blocks=[
            {
                "id": b.id,
                "day": long_date(b.day, lang),
                "iso_day": b.day.isoformat(),
                "time": _clock(b.start, schedule) if b.start else None,
                "reason": b.reason,
            }
            for b in found
        ],
    )
    for field, note in booking.needs_review.items():
        view["reviews"].append(f"{describe.label(DETAIL_LABELS, field, gettext)}: {note}")
    return view


def _notice(request: Request) -> tuple[str, str, dict] | None:
    code = request.args.get("notice")
    return (*NOTICES[code], {}) if code in NOTICES else None


@blueprint.get("/centres")
@require_role("agent")
async def centres(request: Request) -> HTTPResponse:
    kb = request.app.ctx.kb_store.get()
    listed = sorted(kb.centres.values(), key=lambda c: (c.country, c.city, c.name))
    zones = {c.id: c.booking.schedule.timezone for c in listed if c.booking is not None}
    counts = await asyncio.to_thread(attendance.booked_today, database_url_of(request), zones)
    lang = page_language(request)
    rows = [
        {
            "centre": c,
            "country": describe.country_name(c.country, lang),
            "takes_bookings": bool(c.booking and c.booking.takes_bookings),
            "today": attendance.local_today(c.booking.schedule.timezone).isoformat() if c.booking else None,
            "count": counts.get(c.id, 0),
        }
        for c in listed
    ]
    return render(request, "centres.html", rows=rows)


@blueprint.get("/centres/<centre_id:str>")
@require_role("agent")
@with_centre
async def centre_page(request: Request, centre: Centre) -> HTTPResponse:
    wanted = request.args.get("block_day") or ""
    block_day = _day(wanted) if wanted else None
    if wanted and block_day is None:
        return _bad_request(request)
    return await _centre_page(request, centre, block_day, message=_notice(request))


async def _centre_page(
    request: Request, centre: Centre, block_day: date | None, status: int = 200, **extra: Any
) -> HTTPResponse:
    view = await asyncio.to_thread(_centre_view, request, centre, block_day)
    return render(request, "centre.html", status=status, **(view | extra))


@blueprint.post("/centres/<centre_id:str>/blocks")
@require_role("agent")
@with_centre
async def add_block(request: Request, centre: Centre) -> HTTPResponse:
    """Block a whole local day (no time) or one of that day's slots; the same block twice is one."""
    if centre.booking is None:
        return _bad_request(request)
    schedule = centre.booking.schedule
    day = _day(request.form.get("day") or "")
    if day is None:
        return _bad_request(request)
    chosen = (request.form.get("time") or "").strip()
    start = None
    if chosen:
        starts = {_clock(s, schedule): s for s in day_starts(schedule, day)}
        if chosen not in starts:
            values = {"time": chosen, "day": long_date(day, page_language(request))}
            message = ("error", "centre.block.not_a_slot", values)
            return await _centre_page(request, centre, day, status=422, message=message)
        start = starts[chosen]
    reason = (request.form.get("reason") or "").strip()[:200] or None
    made = await asyncio.to_thread(
        blocks.block, database_url_of(request), centre.id, schedule, day, start, reason, signed_in(request).id
    )
    await _audit(
        request, "centre_block", f"centre={centre.id} day={day} time={chosen or 'all'} block={made.id}"
    )
    return redirect(f"/console/centres/{centre.id}?notice=blocked&block_day={day}", status=303)


@blueprint.post("/centres/<centre_id:str>/blocks/<block_id:int>/delete")
@require_role("agent")
@with_centre
async def remove_block(request: Request, centre: Centre, block_id: int) -> HTTPResponse:
    removed = await asyncio.to_thread(blocks.unblock, database_url_of(request), centre.id, block_id)
    if removed:
        await _audit(request, "centre_unblock", f"centre={centre.id} block={block_id}")
    return redirect(f"/console/centres/{centre.id}?notice=unblocked", status=303)


def _day_view(request: Request, centre: Centre, day: date) -> dict[str, Any]:
    assert centre.booking is not None
    schedule = centre.booking.schedule
    lang = page_language(request)
    gettext = _gettext(request)
    found = blocks.blocks_between(database_url_of(request), centre.id, day, day)
    rows = [
        {
            "code": b.code,
            "time": _clock(b.start, schedule),
            "service": describe.label(SERVICE_LABELS, b.service, gettext),
            "language": describe.language_name(b.language, lang),
            "status": b.status,
            "status_word": describe.label(STATUS_LABELS, b.status, gettext),
            "seat": b.seat,
        }
        for b in attendance.day_list(database_url_of(request), centre.id, day, schedule.timezone)
    ]
    return {
        "centre": centre,
        "day": day,
        "day_words": long_date(day, lang),
        "rows": rows,
        "whole_day_blocked": any(b.start is None for b in found),
        "blocked_times": [_clock(b.start, schedule) for b in found if b.start is not None],
        "previous": (day - timedelta(days=1)).isoformat(),
        "next": (day + timedelta(days=1)).isoformat(),
    }


def _csv(view: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(
        attendance.csv_rows(
            (r["time"], r["code"], r["service"], r["language"], r["status"], r["seat"]) for r in view["rows"]
        )
    )
    return out.getvalue()


@blueprint.get("/centres/<centre_id:str>/days/<day_text:str>")
@require_role("agent")
@with_centre
async def day_page(request: Request, centre: Centre, day_text: str) -> HTTPResponse:
    """The day list, or (…/<date>.csv) the same rows as a CSV file; …/go?day=<date> is the jump form."""
    if day_text == "go":
        jump = _day(request.args.get("day") or "")
        if jump is None:
            return _bad_request(request)
        return redirect(f"/console/centres/{centre.id}/days/{jump}", status=303)
    export = day_text.endswith(".csv")
    day = _day(day_text.removesuffix(".csv"))
    if day is None:
        return _bad_request(request)
    if centre.booking is None:
        return _not_found(request)
    view = await asyncio.to_thread(_day_view, request, centre, day)
    if not export:
        return render(request, "centre_day.html", message=_notice(request), **view)
    await _audit(request, "centre_export", f"centre={centre.id} day={day} rows={len(view['rows'])}")
    disposition = f'attachment; filename="{centre.id}-{day}.csv"'
    return text_response(
        _csv(view),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


@blueprint.post("/centres/<centre_id:str>/days/<day_text:str>/mark")
@require_role("agent")
@with_centre
async def mark(request: Request, centre: Centre, day_text: str) -> HTTPResponse:
    day = _day(day_text)
    code, seen, outcome = (request.form.get(k) or "" for k in ("code", "seen", "outcome"))
    if day is None or centre.booking is None or outcome not in attendance.MARKS:
        return _bad_request(request)
    listed = await asyncio.to_thread(
        attendance.day_list, database_url_of(request), centre.id, day, centre.booking.schedule.timezone
    )
    if code not in {b.code for b in listed}:
        return _not_found(request)  # not a booking of this centre's day: nothing is marked
    result = await asyncio.to_thread(
        attendance.mark, database_url_of(request), centre.id, code, seen, outcome, signed_in(request).id
    )
    if result is None:
        return _not_found(request)
    if isinstance(result, Marked):
        await _audit(request, "centre_mark", f"centre={centre.id} day={day} code={code} outcome={outcome}")
        return redirect(f"/console/centres/{centre.id}/days/{day}?notice=marked", status=303)
    assert isinstance(result, Changed)
    gettext = _gettext(request)
    status_word = describe.label(STATUS_LABELS, result.booking.status, gettext)
    message = ("error", "centre.mark.changed", {"code": code, "status": status_word})
    view = await asyncio.to_thread(_day_view, request, centre, day)
    return render(request, "centre_day.html", status=409, message=message, **view)
