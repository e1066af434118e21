"""The console's words in the staff member's language (the `console` catalogs: es, pt, en)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from babel.dates import format_datetime, format_timedelta

from bot.i18n.catalogs import CONSOLE_DOMAIN, CONSOLE_LANGUAGES, translations

DEFAULT_LANGUAGE = "es"


def console_language(lang: str | None) -> str:
    return lang if lang in CONSOLE_LANGUAGES else DEFAULT_LANGUAGE


def language_from_header(accept_language: str | None) -> str:
    """The first of es, pt, en that an Accept-Language header asks for (weights respected)."""
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in CONSOLE_LANGUAGES and weight > 0:
            choices.append((-weight, index, base))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE


def gettext_for(locales_dir: Path, lang: str) -> Callable[..., str]:
    """`_(msgid, **values)`: the text in `lang` with `{name}` placeholders filled."""
    catalog = translations(locales_dir, console_language(lang), CONSOLE_DOMAIN)

    def gettext(msgid: str, **values: Any) -> str:
        text = catalog.gettext(msgid)
        return text.format(**values) if values else text

    return gettext


def ngettext_for(locales_dir: Path, lang: str) -> Callable[..., str]:
    """`ngettext(singular_id, plural_id, n, **values)`; `{n}` is always available to the text."""
    catalog = translations(locales_dir, console_language(lang), CONSOLE_DOMAIN)

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
        return catalog.ngettext(singular, plural, n).format(n=n, **values)

    return ngettext


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; we only ever store UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def when(moment: datetime | None, lang: str, tz: str = "UTC") -> str:
    """A date and time as staff of that language write it (Babel, medium format)."""
    if moment is None:
        return ""
    return format_datetime(_aware(moment), "medium", tzinfo=tz, locale=console_language(lang))


def ago(moment: datetime | None, lang: str, now: datetime | None = None) -> str:
    """How long ago, in words ("hace 5 minutos")."""
    if moment is None:
        return ""
    delta = _aware(moment) - (now or datetime.now(timezone.utc))
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=console_language(lang))
