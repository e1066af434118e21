"""A booking as a calendar file (RFC 5545), so a person can put the visit in their phone's calendar.

The file is served at an unguessable address (/visit/<token>.ics, bot/chat/calendar_file.py); the
token is the booking's `ics_token`, cleared when the person's data is erased. Times are written in
UTC ("...Z"): every calendar shows them on the phone's own clock, and no VTIMEZONE block is needed.
A cancelled booking keeps its UID with STATUS:CANCELLED and a higher SEQUENCE, so a calendar that
imported the visit before drops it when the file is opened again.

Channels differ in what they can open: the web chat follows a link on its own site, Telegram and
WhatsApp need an absolute address (only when PUBLIC_BASE_URL is set), and SMS gets no link (the
phones people use for it often cannot open one).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.appointments.bookings import Booking
from bot.db.engine import get_engine
from bot.db.tables import bookings
from bot.i18n.catalogs import translate
from bot.kb.model import Centre
from bot.nlg.message_ids import N_
from bot.settings import Settings

PRODID = "-//Pathways migrant assistant//Visit booking//EN"
DEFAULT_SLOT_MINUTES = 30  # a centre whose booking block is gone (the file still shows the visit)
LINE_OCTETS = 75  # RFC 5545 3.1: content lines longer than this are folded
LINK_CHANNELS = frozenset({"telegram", "whatsapp", "whatsapp_cloud"})  # open absolute links
CHANNELS = LINK_CHANNELS | {"sms"}
# secrets.token_urlsafe(24): 32 characters of the URL-safe base64 alphabet
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")

SUMMARY = N_("booking.calendar.summary")
CODE_AND_CHANGES = N_("booking.how_to_change")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets; continuation lines start with a space. A UTF-8 character
    is never split between two lines (calendars would show a broken character)."""
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space takes one octet
        current += character
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(booking: Booking, centre: Centre, language: str, stamp: datetime | None = None) -> str:
    """The booking as a VCALENDAR with one VEVENT, CRLF line ends. `stamp` (DTSTAMP) is when the
    file is made; injected by tests."""
    stamp = stamp or datetime.now(timezone.utc)
    minutes = centre.booking.schedule.slot_minutes if centre.booking else DEFAULT_SLOT_MINUTES
    cancelled = booking.status == "cancelled"
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{booking.code}@pathways",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART:{_stamp(booking.start)}",
        f"DTEND:{_stamp(booking.start + timedelta(minutes=minutes))}",
        f"SUMMARY:{escape_text(translate(language, SUMMARY, centre=centre.name))}",
        f"LOCATION:{escape_text(centre.address or centre.city)}",
        f"DESCRIPTION:{escape_text(translate(language, CODE_AND_CHANGES, code=booking.code))}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{1 if cancelled else 0}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_link(settings: Settings, sender_id: str, token: str | None) -> str | None:
    """Where the person's channel can open the calendar file, or None when it cannot."""
    if not token:
        return None
    path = f"/visit/{token}.ics"
    channel = sender_id.split(":", 1)[0] if ":" in sender_id else ""
    if channel not in CHANNELS:  # the web chat (or REST): same site
        return path
    if channel in LINK_CHANNELS and settings.public_base_url:
        return settings.public_base_url.rstrip("/") + path
    return None


def booking_by_token(database_url: str, token: str) -> Booking | None:
    """The booking whose calendar file is at `token`, if its person's data is still there. The
    token's shape is checked first, so a malformed address never reaches the database."""
    if not TOKEN_PATTERN.match(token):
        return None
    query = sa.select(bookings).where(bookings.c.ics_token == token, bookings.c.sender_id.is_not(None))
    with get_engine(database_url).connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    return Booking(**{name: getattr(row, name) for name in Booking.__dataclass_fields__})
