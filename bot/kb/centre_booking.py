"""Reads a centre's `booking:` block into a Schedule and the facts the booking flow offers.

The JSON Schema has already checked shapes and ranges; this module checks what a schema cannot
say clearly: real times of day and their order, ranges that overlap, time zones that exist, closed
days that exist and fall in the year they are listed under, language codes, pathway ids.
"""

from __future__ import annotations

from datetime import date, time
from difflib import get_close_matches
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale

from bot.appointments.schedule import WEEKDAYS, Opening, Schedule
from bot.kb.model import CentreBooking
from bot.kb.problems import FileChecker

LANGUAGE_CODES = frozenset(code for code in Locale("en").languages if len(code) == 2)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def read_booking(data: dict, checker: FileChecker) -> CentreBooking | None:
    """The CentreBooking of a schema-valid `booking:` block, or None after adding its problems."""
    at = ("booking",)
    before = len(checker.problems)
    timezone = data["timezone"]
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        checker.add(
            (*at, "timezone"), f"{timezone!r} is not an IANA time zone; valid: e.g. America/Sao_Paulo"
        )
    hours = {
        WEEKDAYS.index(day): _openings(ranges, data["slot_minutes"], (*at, "hours", day), checker)
        for day, ranges in data["hours"].items()
    }
    closed = _closed_days(data["closed"], (*at, "closed"), checker)
    for i, code in enumerate(data["languages"]):
        if code not in LANGUAGE_CODES:
            checker.add((*at, "languages", i), f"{code!r} is not an ISO 639-1 code; valid: e.g. es, pt, ht")
    needs_review: dict[str, str] = {}
    for i, item in enumerate(data["needs_review"]):
        if item["field"] in needs_review:
            checker.add(
                (*at, "needs_review", i, "field"), f"{item['field']} is already listed: join the notes"
            )
        needs_review[item["field"]] = item["note"]
    if len(checker.problems) > before:
        return None
    return CentreBooking(
        schedule=Schedule(timezone, hours, data["slot_minutes"], data["seats"], frozenset(closed)),
        takes_bookings=data["takes_bookings"],
        services=tuple(data["services"]),
        languages=tuple(data["languages"]),
        pathways=tuple(data["pathways"]),
        needs_review=needs_review,
    )


def _clock(text: str) -> time | None:
    hours, _, minutes = text.partition(":")
    if len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def _openings(ranges: list[str], slot_minutes: int, at: tuple, checker: FileChecker) -> tuple[Opening, ...]:
    """One day's ranges, in order; each must hold at least one slot and not overlap the next."""
    openings: list[tuple[Opening, int]] = []
    for i, text in enumerate(ranges):
        start_text, _, end_text = text.partition("-")
        start, end = _clock(start_text.strip()), _clock(end_text.strip())
        if start is None or end is None:
            checker.add(
                (*at, i), f"{text!r} is not a range of times of day; valid: HH:MM-HH:MM within 00:00-23:59"
            )
            continue
        if start >= end:
            checker.add((*at, i), f"{text!r}: the range must start before it ends")
            continue
        minutes = (end.hour - start.hour) * 60 + end.minute - start.minute
        if minutes < slot_minutes:
            checker.add((*at, i), f"{text!r} is shorter than one slot ({slot_minutes} minutes)")
            continue
        openings.append((Opening(start, end), i))
    openings.sort(key=lambda found: found[0].start)
    for (earlier, _), (later, i) in zip(openings, openings[1:], strict=False):
        if later.start < earlier.end:
            checker.add(
                (*at, i),
                f"{ranges[i]!r} overlaps {earlier.start:%H:%M}-{earlier.end:%H:%M}; join or separate them",
            )
    return tuple(opening for opening, _ in openings)


def _closed_days(by_year: dict, at: tuple, checker: FileChecker) -> set[date]:
    """Closed days listed under their year, so a copied holiday list cannot keep last year's dates."""
    closed: set[date] = set()
    for key, days in by_year.items():
        year = int(key) if str(key).isdigit() else None
        where = (*at, str(key))  # YAML line numbers are indexed by the key's text
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            checker.add(where, f"{key!r} is not a year; valid: {FIRST_YEAR} to {LAST_YEAR}, e.g. 2026")
            continue
        for i, text in enumerate(days):
            day = checker.date(text, (*where, i))
            if day is None:
                continue
            if day.year != year:
                checker.add((*where, i), f"{text} is not in {year}; list it under {day.year}")
                continue
            closed.add(day)
    return closed


def check_booking_pathways(booking: CentreBooking, pathway_ids: set[str], checker: FileChecker) -> None:
    """A centre may only name pathways the knowledge base has (a typo would hide the centre)."""
    for i, pathway_id in enumerate(booking.pathways):
        if pathway_id not in pathway_ids:
            near = get_close_matches(pathway_id, sorted(pathway_ids), n=3)
            hint = f"; similar: {', '.join(near)}" if near else ""
            checker.add(("booking", "pathways", i), f"unknown pathway {pathway_id!r}{hint}")
