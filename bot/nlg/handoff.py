"""The handoff messages: a person will answer (with the helpline's hours and the usual wait), or
nobody is there now; and the silent turns while the bot is paused.

Hours are said in the person's language: day names and times from Babel (CLDR), which has no
Haitian Creole, so Creole day names are written here (as bot/i18n/display.py does for months).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.dates import format_time, format_timedelta, get_timezone_location

from bot.handoff.hours import DAY_MINUTES, Helpline, Opening, helpline
from bot.i18n.display import HT_DAY_NAMES, LOCALE_FOR
from bot.nlg.errors import BadArguments, Message

if TYPE_CHECKING:
    from bot.nlg.responses import Renderer

STATUSES = ("waiting", "claimed")


def _locale(language: str) -> str:
    # Creole has no CLDR data; French spells the same city and time-zone names.
    return "fr" if language == "ht" else LOCALE_FOR.get(language, language)


def _day(index: int, language: str) -> str:
    if language == "ht":
        return HT_DAY_NAMES[index]
    return Locale.parse(_locale(language)).days["format"]["wide"][index]


def _clock(minutes: int, language: str) -> str:
    if minutes == DAY_MINUTES:
        return "24:00"  # Babel cannot say the end of the day
    return format_time(time(minutes // 60, minutes % 60), "short", locale=_locale(language))


def _days(renderer: Renderer, opening: Opening, language: str) -> str:
    if len(opening.days) == 7:
        return renderer.t(language, "hours.every_day")
    if opening.first == opening.last:
        return _day(opening.first, language)
    first, last = _day(opening.first, language), _day(opening.last, language)
    return renderer.t(language, "hours.days_range", first=first, last=last)


def schedule(renderer: Renderer, line: Helpline, language: str) -> str:
    """ "The helpline answers from Monday to Friday, 09:00–18:00 (Bogota time)." """
    if line.always_open:
        return renderer.t(language, "hours.always")
    hours = "; ".join(
        f"{_days(renderer, o, language)}, {_clock(o.start, language)}–{_clock(o.end, language)}"
        for o in line.openings
    )
    city = get_timezone_location(line.timezone, locale=_locale(language), return_city=True)
    return renderer.t(language, "hours.schedule", hours=hours, city=city)


def wait(line: Helpline, language: str) -> str:
    """The usual wait, in words: "30 minutos", "2 hours", "30 minit"."""
    minutes = line.wait_minutes
    if language != "ht":
        return format_timedelta(timedelta(minutes=minutes), threshold=2, locale=_locale(language))
    return f"{minutes} minit" if minutes < 120 else f"{round(minutes / 60)} èdtan"


def render_created(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    """Said when a ticket opens; outside hours it says nobody is there and how to go on meanwhile.
    `at` (ISO, optional) is the moment to judge the hours by; now by default."""
    at = arguments.get("at")
    try:
        now = datetime.fromisoformat(at) if isinstance(at, str) else datetime.now(timezone.utc)
    except ValueError as exc:
        raise BadArguments(f"`at` is not an ISO date and time: {at!r}") from exc
    line = helpline(renderer.settings)
    hours = schedule(renderer, line, language)
    if line.is_open(now if now.tzinfo else now.replace(tzinfo=timezone.utc)):
        text = renderer.t(language, "handoff.created", schedule=hours, wait=wait(line, language))
    else:
        text = renderer.t(language, "handoff.created_closed", schedule=hours)
    return {"text": text}


def render_waiting(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    """A paused turn: nothing to say, only where the ticket stands (channels send no text)."""
    status = arguments.get("status")
    if status not in STATUSES:
        raise BadArguments(f"status must be one of {', '.join(STATUSES)}: {status!r}")
    return {"custom": {"handoff": {"status": status}}}
