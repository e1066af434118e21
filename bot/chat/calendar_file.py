"""GET /visit/<token>.ics: a booking's calendar file (bot/appointments/calendar.py).

The token is the only key: whoever has the link sees the visit's time, place and code, so it is
long and random (bookings.py), the response is neither cached nor indexed, and an unknown,
malformed or erased token gets the same short 404 (nothing tells a guesser which one it was).
"""

from __future__ import annotations

import asyncio
import logging

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, text

from bot.appointments.calendar import booking_by_token, calendar_text

logger = logging.getLogger(__name__)
blueprint = Blueprint("calendar_file")

SUFFIX = ".ics"
PRIVATE_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _not_found() -> HTTPResponse:
    return text("Not found.", status=404, headers=PRIVATE_HEADERS)


@blueprint.get("/visit/<name>")
async def calendar_file(request: Request, name: str) -> HTTPResponse:
    if not name.endswith(SUFFIX):
        return _not_found()
    settings = request.app.ctx.settings
    booking = await asyncio.to_thread(booking_by_token, settings.database_url, name[: -len(SUFFIX)])
    if booking is None:
        return _not_found()
    centre = request.app.ctx.kb_store.get().centres.get(booking.centre_id)
    if centre is None:  # the centre left the knowledge base: no place to write in the file
        logger.warning("Calendar file for a booking at %s, a centre no longer in the KB", booking.centre_id)
        return _not_found()
    body = calendar_text(booking, centre, booking.language)
    headers = {
        **PRIVATE_HEADERS,
        "Content-Disposition": f'attachment; filename="visit-{booking.code}.ics"',
    }
    return HTTPResponse(body, headers=headers, content_type="text/calendar; charset=utf-8")
