"""Dates as people read them in each language: "4 de diciembre de 2026", "4 desanm 2026".

Babel (CLDR) has no Haitian Creole; for `ht` it would print French month names, so Creole dates
are written here from the Creole month names. English uses day-month-year ("4 December 2026"), as
the knowledge-base texts do, so one card never mixes two date styles.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

HT_MONTH_NAMES = (
    "janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip


LOCALE_FOR = {"en": "en_GB"}


def long_date(day: date, language: str) -> str:
    """The full date in `language` ("4 December 2026", "4 de dezembro de 2026", "4 desanm 2026")."""
    if language == "ht":
        return f"{day.day} {HT_MONTH_NAMES[day.month - 1]} {day.year}"
    return format_date(day, "long", locale=LOCALE_FOR.get(language, language))
