"""Dates as people say them, in any of the five languages, relative to today, with their precision.

"15/03/2023" (day first), "12/25/1990" (US, when the day cannot be a month), "3/2023", "2023-03-15",
"marzo 2023", "agosto del 19", "el 5 de mayo de 1995", "May 5 1995", "2019", "como en 2019",
"dos mil veintidós", "el año pasado", "depi ane pase", "hace como dos años", "a year and a half ago",
"sa gen yon lane edmi", "il y a 3 mois", "ayer", "last February", and, for a birth date, an age
("tengo 40 años"). A person rarely knows the day they crossed a border, so a reading keeps what was
said: a year, a month, a day, or the span of birthdays an age allows, and whether they hedged.
Dates that do not exist or lie in the future are not understood (None).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from babel import Locale

from bot.i18n import lexicon
from bot.i18n.text import contains_phrase, normalize, normalized

# Month words that are also everyday words ("me", "mas", "out", "ago") count only beside a number.
_NEEDS_NUMBER = {"me", "mas", "out", "jen", "mar", "set", "jan", "jun", "jul", "abr", "avr", "dec"}
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/.-])")
_NUMERIC_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.\-]\s*(\d{4})(?![\d/.-])")
_ISO_MONTH = re.compile(r"(?<![\d/.-])(\d{4})\s*[/.\-]\s*(\d{1,2})(?![\d/.-])")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|eme|o|a)$")

DAY, MONTH, YEAR, SPAN = "day", "month", "year", "span"


@dataclass(frozen=True)
class SpokenDate:
    """What a person said about a date, at the precision they said it.

    `value` is "2019" (a year), "2019-08" (a month), "2019-08-15" (a day) or an ISO interval
    "1985-12-01/1986-11-30" (the birthdays an age allows); `approximate` says they hedged
    ("hace como", "más o menos", "environ", "uns", "about")."""

    value: str
    approximate: bool = False


@dataclass(frozen=True)
class _Found:
    day: date  # the day meant, or the first day of the month, year or span
    precision: str  # DAY, MONTH, YEAR or SPAN
    last: date | None = None  # the span's last day

    def value(self) -> str:
        if self.precision == YEAR:
            return str(self.day.year)
        if self.precision == MONTH:
            return self.day.isoformat()[:7]
        if self.precision == SPAN and self.last is not None:
            return f"{self.day.isoformat()}/{self.last.isoformat()}"
        return self.day.isoformat()


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
    words.pop("ago", None)  # "2 years ago" is never August
    return words


@lru_cache(maxsize=1)
def _numbers() -> dict[str, int]:
    found = {normalize(w): 1 for w in lexicon.ONE}
    for words in lexicon.NUMBERS.values():
        for value, word in enumerate(words, start=1):
            found.setdefault(normalize(word), value)
    for table in lexicon.NUMBER_WORDS.values():
        for word, value in table.items():
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


def _phrases(words: list[str]) -> tuple[str, ...]:
    """Longest first, so "desde hace" wins over "hace"."""
    return tuple(sorted(normalized(words), key=len, reverse=True))


_YESTERDAY, _TODAY = normalized(lexicon.YESTERDAY), normalized(lexicon.TODAY)
_AGO_BEFORE, _AGO_AFTER = _phrases(lexicon.AGO_BEFORE), _phrases(lexicon.AGO_AFTER)
_HALF_AFTER, _HALF = _phrases(lexicon.HALF_AFTER), normalized(lexicon.HALF)
_HEDGES = normalized(lexicon.HEDGES)
_HEDGE_WORDS = frozenset(w for h in _HEDGES for w in h.split())
_LAST_YEAR, _THIS_YEAR = normalized(lexicon.LAST_YEAR), normalized(lexicon.THIS_YEAR)
_VAGUE = normalized(lexicon.VAGUE_TIME)
_YEAR_LEAD = normalized(lexicon.YEAR_LEAD)
_THOUSAND = normalized(lexicon.THOUSAND)
_MONTH_LEAD = frozenset({"en", "em", "in", "nan", "depuis", "desde", "since", "depi"})  # "en août 19"
_LINKS = frozenset({"de", "del", "do", "da", "of"})  # "5 de mayo", "mayo del 89", "5th of May"
_AND = normalized(lexicon.AND_WORDS)
_UNITS = {normalize(w): unit for unit, ws in lexicon.UNITS.items() for w in ws}


def _two_digit_year(yy: int, today: date, fact: str) -> int:
    """20yy unless that is in the future (or, for a birth date, within the last year), else 19yy."""
    latest = today.year - 2 if fact == "birth_date" else today.year
    return 2000 + yy if 2000 + yy <= latest else 1900 + yy


def _numeric(raw: str, today: date, fact: str) -> _Found | None | bool:
    """Dates written in digits: a _Found, False when they name no real day (31/02), None when absent."""
    try:
        if match := _ISO_DAY.search(raw):
            return _Found(date(int(match[1]), int(match[2]), int(match[3])), DAY)
        if match := _NUMERIC_DAY.search(raw):
            first, second, year = int(match[1]), int(match[3]), int(match[4])
            if len(match[4]) == 2:
                year = _two_digit_year(year, today, fact)
            day, month = (second, first) if second > 12 and first <= 12 else (first, second)  # US order
            return _Found(date(year, month, day), DAY)
        if match := _NUMERIC_MONTH.search(raw):
            return _Found(date(int(match[2]), int(match[1]), 1), MONTH)
        if match := _ISO_MONTH.search(raw):
            return _Found(date(int(match[1]), int(match[2]), 1), MONTH)
    except ValueError:  # 31/02/2023, 13/13/2020 and the like
        return False
    return None


def _ends_with(text: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {text}"
    return any(padded.endswith(f" {p}") for p in phrases)


def _starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    padded = f"{text} "
    return any(padded.startswith(f"{p} ") for p in phrases)


def _relative(words: str, today: date) -> _Found | None:
    """ "hace como dos años", "a year and a half ago", "sa gen 18 mwa", "hace 15 días", "ayer"."""
    tokens = words.split()
    for i, token in enumerate(tokens):
        unit = _UNITS.get(token)
        if unit is None or i == 0:
            continue
        two = " ".join(tokens[max(0, i - 2) : i])
        if two in _HALF or tokens[i - 1] in _HALF:  # "medio año", "half a year"
            amount, start = 0.5, i - (2 if two in _HALF and i >= 2 else 1)
        elif (whole := _amount(tokens[i - 1])) is not None:
            amount, start = float(whole), i - 1
        elif _ends_with(" ".join(tokens[:i]), _AGO_BEFORE) and any(
            _starts_with(" ".join(tokens[i + 1 :]), (p,)) for p in _HALF_AFTER
        ):  # "hace año y medio": one, unsaid
            amount, start = 1.0, i
        else:
            continue
        after = " ".join(tokens[i + 1 :])
        half = next((p for p in _HALF_AFTER if _starts_with(after, (p,))), None)
        if half:  # "un año y medio", "2 ans et demi", "yon lane edmi"
            amount, after = amount + 0.5, after.removeprefix(half).strip()
        before = tokens[:start]
        while before and before[-1] in _HEDGE_WORDS and not _ends_with(" ".join(before), _AGO_BEFORE):
            before.pop()  # "hace como dos años": the hedge sits between "hace" and the amount
        if not (_ends_with(" ".join(before), _AGO_BEFORE) or _starts_with(after, _AGO_AFTER)):
            continue
        if unit in ("day", "week"):
            return _Found(today - timedelta(days=round(amount * (7 if unit == "week" else 1))), DAY)
        if unit == "year":
            return _Found(add_months(today, -round(amount * 12)), MONTH)
        months = add_months(today, -int(amount))
        return _Found(months - timedelta(days=15 if amount % 1 else 0), MONTH)
    if contains_phrase(words, _YESTERDAY):  # "llegué ayer", "cheguei ontem"
        return _Found(today - timedelta(days=1), DAY)
    if contains_phrase(words, _TODAY):
        return _Found(today, DAY)
    return None


def _number(token: str) -> int | None:
    match = _ORDINAL.match(token)
    return int(match[1]) if match else (int(token) if token.isdigit() else None)


def _spelled_year(tokens: list[str]) -> int | None:
    """A year said in words: "dos mil veintidos", "deux mille dix neuf", "two thousand and nineteen"."""
    for i, token in enumerate(tokens):
        if token not in _THOUSAND:
            continue
        thousands = _amount(tokens[i - 1]) if i else 1
        rest = 0
        for word in tokens[i + 1 :]:
            if word in _AND:
                continue
            value = _numbers().get(word) if not word.isdigit() else None
            if value is None:
                break
            rest += value
        if thousands:
            year = thousands * 1000 + rest
            if 1900 <= year <= 2100:
                return year
    return None


def _years(tokens: list[str], today: date, fact: str) -> list[tuple[int, int]]:
    """(position, year) of each year in the text: four digits, or two after "del", "em", "since"..."""
    found = []
    for j, token in enumerate(tokens):
        if not token.isdigit():
            continue
        if len(token) == 4:
            found.append((j, int(token)))
        elif (
            len(token) == 2
            and j
            and (tokens[j - 1] in _YEAR_LEAD or " ".join(tokens[j - 2 : j]) in _YEAR_LEAD)
        ):
            found.append((j, _two_digit_year(int(token), today, fact)))
    return found


def _beside_number(tokens: list[str], i: int) -> bool:
    """A number right beside position i, or one "de"/"of" away ("12 de mar", "me 2019"), so that
    "más o menos 2019" is not March."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(tokens) and tokens[j] in _LINKS:
            j += step
        if 0 <= j < len(tokens) and _number(tokens[j]) is not None:
            return True
    return False


def _month_level(tokens: list[str], i: int) -> bool:
    """Whether the two digits after the month at i are its year: "en agosto 19", "mayo 89", but not
    "agosto 19" (the 19th) nor "12 mayo 19" (which has its day)... unless the number cannot be a day."""
    after = tokens[i + 1]
    if len(after) != 2 or not after.isdigit():
        return False
    has_day = i > 0 and _number(tokens[i - 1]) is not None
    return int(after) > 31 or has_day or (i > 0 and tokens[i - 1] in _MONTH_LEAD)


def _named_month(tokens: list[str], today: date, fact: str) -> _Found | None:
    """ "12 de mayo del 89", "agosto 2021", "May 5 1995", "en febrero", "marzo del año pasado"."""
    months = _month_words()
    for i, token in enumerate(tokens):
        month = months.get(token)
        if month is None:
            continue
        if token in _NEEDS_NUMBER and (
            not _beside_number(tokens, i) or " ".join(tokens[i : i + 3]) in _HEDGES
        ):
            continue  # "me vine", "más o menos 2019"
        # A two-digit year comes after the month ("agosto del 19", "en août 19"); before it, "el 15"
        # is a day.
        years = [(j, y) for j, y in _years(tokens, today, fact) if len(tokens[j]) == 4 or j > i]
        if not years and i + 1 < len(tokens) and _month_level(tokens, i):
            years = [(i + 1, _two_digit_year(int(tokens[i + 1]), today, fact))]
        days = [
            n
            for j, t in enumerate(tokens)
            if abs(j - i) <= 2 and j != i and (n := _number(t)) is not None and 1 <= n <= 31
            if j not in {p for p, _ in years}
        ]
        words = " ".join(tokens)
        if years:
            year = years[0][1]
        elif contains_phrase(words, _LAST_YEAR):
            year = today.year - 1
        elif contains_phrase(words, _THIS_YEAR):
            year = today.year
        else:  # without a year: the most recent such month before the current one
            year = today.year if month < today.month else today.year - 1
        if days:
            return _Found(date(year, month, days[0]), DAY)
        return _Found(date(year, month, 1), MONTH)
    return None


def _year_only(tokens: list[str], today: date, fact: str) -> _Found | None:
    """ "2019", "como en 2019", "desde el 2018", "nasci em 98", "dos mil veintidós", "el año pasado"."""
    years = _years(tokens, today, fact)
    year = years[0][1] if years else _spelled_year(tokens)
    words = " ".join(tokens)
    if year is None and contains_phrase(words, _LAST_YEAR):
        year = today.year - 1
    if year is None and contains_phrase(words, _THIS_YEAR):
        year = today.year
    if year is None:
        return None
    return _Found(date(year, 1, 1), YEAR)


_AGE = re.compile(
    r"(?:^| )(?:"
    + "|".join(sorted(normalized(lexicon.AGE_CUES), key=len, reverse=True))
    + r") (?:de )?(?P<n>\d{1,3})(?: |$)"
)
_AGE_UNIT = re.compile(
    r"(?:^| )(?P<n>\d{1,3}) (?:" + "|".join(w for w, unit in _UNITS.items() if unit == "year") + r")(?: |$)"
)


def _age(words: str, today: date, pattern: re.Pattern[str]) -> _Found | None:
    """The birthdays that give the age someone states ("tengo 40 años", "I'm 27", "m gen 25 an")."""
    match = pattern.search(words)
    if match is None:
        return None
    age = int(match["n"])
    if not 0 <= age <= 120:
        return None
    first = add_months(today, -12 * (age + 1)) + timedelta(days=1)
    return _Found(first, SPAN, add_months(today, -12 * age))


def _read(text: str, today: date, fact: str) -> _Found | None:
    numeric = _numeric(text, today, fact)
    if numeric is False:
        return None
    if numeric is not None:
        return numeric
    words = normalize(text)
    tokens = words.split()
    # For a birth date an age comes first: "m gen 25 an" is "I am 25", not "25 years ago".
    born = fact == "birth_date"
    found = _age(words, today, _AGE) if born else None
    found = found or _relative(words, today) or (_age(words, today, _AGE_UNIT) if born else None)
    return found or _named_month(tokens, today, fact) or _year_only(tokens, today, fact)


def _real(found: _Found | None, today: date) -> _Found | None:
    """Only past dates from 1900 on: the future and the distant past are misreadings."""
    if found is None or found.day > today or found.day.year < 1900:
        return None
    return found


def read_date(text: str, today: date, fact: str = "entry_date") -> SpokenDate | None:
    """The date a person means, at the precision they gave it, or None when the text holds no real,
    past date. `fact` is the date asked for: only for "birth_date" is an age read ("tengo 40 años"
    is the interval of birthdays that gives 40 today), and a two-digit year is never last year."""
    found = _real(_read(text, today, fact), today)
    if found is None:
        return None
    return SpokenDate(found.value(), approximate=contains_phrase(normalize(text), _HEDGES))


def is_vague_time(text: str) -> bool:
    """A time that names no year ("antes de la pandemia", "hace tiempo", "il y a longtemps", "lontan"):
    the caller asks "which year?" instead of saying it did not understand."""
    words = normalize(text)
    return contains_phrase(words, _VAGUE) and not any(len(t) == 4 and t.isdigit() for t in words.split())


def parse_date(text: str, today: date | None = None) -> date | None:
    """The day a person means, or None when the text is not a real, past date or names only a year
    or an age. A month without a day is read as its 1st; "hace dos años" as that day two years ago."""
    today = today or date.today()
    found = _real(_read(text, today, "entry_date"), today)
    if found is None or found.precision in (YEAR, SPAN):
        return None
    return found.day
