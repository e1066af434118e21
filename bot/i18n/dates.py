"""Dates as people type them, in any of the five languages, relative to today.

"15/03/2023" (day first), "3/2023", "2023-03-15", "marzo 2023", "el 5 de mayo de 1995", "May 5 1995",
"hace dos años", "il y a 3 mois", "sa gen de zan", "ayer", "last February", "en février".
A month without a day is read as its 1st; a month without a year as its most recent past
occurrence. Dates that do not exist or lie in the future are not understood (None).
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

from babel import Locale

from bot.i18n import lexicon
from bot.i18n.text import contains_phrase, normalize, normalized

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
# Month words that are also everyday words ("me", "mas", "out", "ago") count only beside a number.
_NEEDS_NUMBER = {"me", "mas", "out", "jen", "ago", "mar", "set", "jan", "jun", "jul", "abr", "avr", "dec"}


@lru_cache(maxsize=1)
def _month_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for lang in ("es", "pt", "en", "fr"):
        months = Locale.parse(lang).months["format"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                words.setdefault(normalize(name), number)
    for number, name in enumerate(lexicon.HT_MONTHS, start=1):
        words.setdefault(normalize(name), number)
    words["sept"] = 9
    words["setiembre"] = 9  # the spelling used in Peru and Uruguay
    return words


@lru_cache(maxsize=1)
def _numbers() -> dict[str, int]:
    found = {normalize(w): 1 for w in lexicon.ONE}
    for words in lexicon.NUMBERS.values():
        for value, word in enumerate(words, start=1):
            found.setdefault(normalize(word), value)
    return found


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), or the month's last day when it is
    shorter: 31 January + 1 month = 28 February; 29 February 2024 + 12 months = 28 February 2025."""
    year, month = divmod(day.year * 12 + (day.month - 1) + months, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _amount(token: str) -> int | None:
    if token.isdigit() and 0 < int(token) < 200:
        return int(token)
    return _numbers().get(token)


_YESTERDAY, _TODAY = normalized(lexicon.YESTERDAY), normalized(lexicon.TODAY)
_AGO_BEFORE, _AGO_AFTER = normalized(lexicon.AGO_BEFORE), normalized(lexicon.AGO_AFTER)
_UNITS = {normalize(w): unit for unit, ws in lexicon.UNITS.items() for w in ws}


def _relative(words: str, today: date) -> date | None:
    if contains_phrase(words, _YESTERDAY):  # "llegué ayer", "cheguei ontem"
        return today - timedelta(days=1)
    if contains_phrase(words, _TODAY):
        return today
    units = _UNITS
    tokens = words.split()
    for i, token in enumerate(tokens[:-1]):
        amount, unit = _amount(token), units.get(tokens[i + 1])
        if amount is None or unit is None:
            continue
        before = " ".join(tokens[:i])
        after = " ".join(tokens[i + 2 :])
        is_ago = any(before.endswith(w) for w in _AGO_BEFORE) or any(after.startswith(w) for w in _AGO_AFTER)
        if not is_ago:
            continue
        if unit == "day":
            return today - timedelta(days=amount)
        if unit == "week":
            return today - timedelta(weeks=amount)
        return add_months(today, -12 * amount if unit == "year" else -amount)
    return None


def _named_month(words: str, today: date) -> date | None:
    tokens = words.split()
    months = _month_words()
    for i, token in enumerate(tokens):
        month = months.get(token)
        if month is None:
            continue
        numbers = [(j, int(t)) for j, t in enumerate(tokens) if t.isdigit()]
        years = [n for _, n in numbers if 1900 <= n <= 2100]
        days = [n for j, n in numbers if n <= 31 and abs(j - i) <= 2]
        if token in _NEEDS_NUMBER and not numbers:
            continue
        # Without a year: the most recent such month before the current one.
        year = years[0] if years else (today.year if month < today.month else today.year - 1)
        try:
            return date(year, month, days[0] if days else 1)
        except ValueError:
            return None
    return None


def parse_date(text: str, today: date | None = None) -> date | None:
    """The date a person means, or None when the text is not a real, past date."""
    today = today or date.today()
    raw = text.strip()
    found: date | None = None
    try:
        if match := _ISO.match(raw):
            found = date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _DMY.match(raw):
            found = date(int(match[3]), int(match[2]), int(match[1]))
        elif match := _MY.match(raw):
            found = date(int(match[2]), int(match[1]), 1)
    except ValueError:  # 31/02/2023 and the like
        return None
    if found is None:
        words = normalize(raw)
        found = _relative(words, today) or _named_month(words, today)
    if found is None or found > today or found.year < 1900:
        return None
    return found
