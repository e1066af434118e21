"""Dates as the review's people said them (conversation-review-2026-11, tables B and E), read at the
precision they were said: a year, a month, a day, or the birthdays an age allows; hedges noted."""

from __future__ import annotations

from datetime import date

import pytest

from bot.i18n.dates import SpokenDate, is_vague_time, parse_date, read_date

TODAY = date(2026, 11, 30)

# (language, what the person wrote, the value a careful human reads; None: no real past date)
ENTRY_DATES = [
    # bare years, with and without hedges
    ("en", "2022", "2022"),
    ("es", "como en 2019", "2019"),
    ("es", "en el 2019 creo", "2019"),
    ("es", "desde el 2018", "2018"),
    ("es", "desde el 2019", "2019"),
    ("es", "en el 2022", "2022"),
    ("en", "since 2021", "2021"),
    ("ht", "an 2024", "2024"),
    ("pt", "em 2022", "2022"),
    ("fr", "en 2025", "2025"),
    ("es", "dos mil veintidós", "2022"),
    ("pt", "dois mil e vinte e dois", "2022"),
    ("fr", "deux mille dix-neuf", "2019"),
    ("en", "two thousand and nineteen", "2019"),
    ("es", "mas o menos 2019", "2019"),
    # two-digit years
    ("es", "agosto del 19", "2019-08"),
    ("pt", "agosto de 19", "2019-08"),
    ("fr", "en aout 19", "2019-08"),
    # last year, with and without a month
    ("es", "el año pasado", "2025"),
    ("es", "el ano pasado", "2025"),
    ("pt", "no ano passado", "2025"),
    ("en", "last year", "2025"),
    ("en", "since last year", "2025"),
    ("fr", "l'an dernier", "2025"),
    ("fr", "l'année dernière", "2025"),
    ("ht", "ane pase", "2025"),
    ("ht", "lane pase", "2025"),
    ("ht", "depi ane pase", "2025"),
    ("es", "en marzo del año pasado", "2025-03"),
    ("en", "last March", "2026-03"),
    ("es", "diciembre pasado", "2025-12"),
    # relative, with hedges and halves
    ("es", "hace como dos años", "2024-11"),
    ("es", "hace como un año", "2025-11"),
    ("es", "ya va para 3 años", "2023-11"),
    ("es", "hace un año y medio", "2025-05"),
    ("es", "hace medio año", "2026-05"),
    ("es", "hace 15 dias", "2026-11-15"),
    ("es", "hace una semana", "2026-11-23"),
    ("pt", "faz uns 2 anos", "2024-11"),
    ("pt", "faz uns 8 meses", "2026-03"),
    ("pt", "há 2 anos", "2024-11"),
    ("pt", "faz um ano e meio", "2025-05"),
    ("en", "about 3 years ago", "2023-11"),
    ("en", "2 yrs ago", "2024-11"),
    ("en", "a year and a half ago", "2025-05"),
    ("en", "3 months ago", "2026-08"),
    ("fr", "il y a environ un an", "2025-11"),
    ("fr", "ça fait 2 ans", "2024-11"),
    ("fr", "ca fait 2 ans", "2024-11"),
    ("fr", "il y a 2 ans et demi", "2024-05"),
    ("fr", "il y a 10 jours", "2026-11-20"),
    ("ht", "depi 2 zan", "2024-11"),
    ("ht", "sa gen 18 mwa", "2025-05"),
    ("ht", "sa gen yon lane edmi", "2025-05"),
    ("ht", "sa fe de zan", "2024-11"),
    ("ht", "m rive ier", "2026-11-29"),
    ("es", "agosto 19", "2026-08-19"),  # the 19th: no "del", no "en"
    ("es", "12 mayo 19", "2019-05-12"),
    ("es", "mayo 89", "1989-05"),
    # named months and numeric dates
    ("es", "12 de mayo del 2019", "2019-05-12"),
    ("es", "llegue en diciembre del 2023", "2023-12"),
    ("pt", "cheguei em março de 2021", "2021-03"),
    ("en", "August 15, 2019", "2019-08-15"),
    ("en", "5th of May 1995", "1995-05-05"),
    ("fr", "le 3 février 2020", "2020-02-03"),
    ("ht", "12 me 2019", "2019-05-12"),
    ("ht", "fevriye 2020", "2020-02"),
    ("es", "01/06/2022", "2022-06-01"),
    ("es", "el 01/06/2022", "2022-06-01"),
    ("en", "12/25/1990", "1990-12-25"),
    ("es", "3/2022", "2022-03"),
    ("pt", "03-2022", "2022-03"),
    ("en", "2022-06-01", "2022-06-01"),
    ("en", "1/6/22", "2022-06-01"),
    # not a real past date
    ("es", "31/02/2023", None),
    ("en", "2027", None),
    ("en", "1850", None),
    ("es", "diciembre del 2027", None),
    ("es", "hace tiempo", None),
    ("en", "2 years", None),
    ("es", "tengo 40 años", None),  # an age is a birth date, never an entry date
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), ENTRY_DATES, ids=[f"{c[0]}:{c[1]}" for c in ENTRY_DATES]
)
def test_entry_dates_are_read_at_their_precision(lang: str, text: str, expected: str | None) -> None:
    found = read_date(text, TODAY)
    assert (found.value if found else None) == expected


BIRTH_DATES = [
    ("es", "tengo 40 años", "1985-12-01/1986-11-30"),
    ("es", "tengo 40 anos", "1985-12-01/1986-11-30"),
    ("pt", "tenho 17 anos", "2008-12-01/2009-11-30"),
    ("en", "I'm 27", "1998-12-01/1999-11-30"),
    ("en", "im 27 years old", "1998-12-01/1999-11-30"),
    ("fr", "j'ai 30 ans", "1995-12-01/1996-11-30"),
    ("ht", "m gen 25 an", "2000-12-01/2001-11-30"),
    ("ht", "mwen gen 25 an", "2000-12-01/2001-11-30"),
    ("es", "12 de mayo del 89", "1989-05-12"),
    ("pt", "nasci em 98", "1998"),
    ("pt", "nasci em 25", "1925"),  # born last year is no one who writes to us
    ("en", "5/5/95", "1995-05-05"),
    ("es", "1986", "1986"),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), BIRTH_DATES, ids=[f"{c[0]}:{c[1]}" for c in BIRTH_DATES]
)
def test_birth_dates_and_ages(lang: str, text: str, expected: str) -> None:
    found = read_date(text, TODAY, fact="birth_date")
    assert found is not None and found.value == expected


def test_an_age_span_gives_that_age_on_its_first_and_last_day() -> None:
    from bot.eligibility.conditions import age_on

    found = read_date("tengo 40 años", TODAY, fact="birth_date")
    assert found is not None
    first, last = (date.fromisoformat(d) for d in found.value.split("/"))
    assert age_on(first, TODAY) == 40 and age_on(last, TODAY) == 40
    assert age_on(first - (last - last.replace(day=last.day - 1)), TODAY) == 41


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("como en 2019", True),
        ("en el 2019 creo", True),
        ("hace como dos años", True),
        ("faz uns 2 anos", True),
        ("about 3 years ago", True),
        ("il y a environ un an", True),
        ("ya va para 3 años", True),
        ("sa gen anviwon 2 zan", True),
        ("2019", False),
        ("hace dos años", False),
        ("depi 2 zan", False),
    ],
)
def test_hedges_mark_the_date_approximate(text: str, approximate: bool) -> None:
    found = read_date(text, TODAY)
    assert found is not None and found.approximate is approximate


def test_ago_is_never_august() -> None:
    assert read_date("2 yrs ago", TODAY) == SpokenDate("2024-11")
    assert read_date("3 days ago", TODAY) == SpokenDate("2026-11-27")
    assert read_date("ago 2019", TODAY) == SpokenDate("2019")


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("antes de la pandemia", True),
        ("hace tiempo", True),
        ("hace mucho", True),
        ("faz muito tempo", True),
        ("il y a longtemps", True),
        ("a long time ago", True),
        ("lontan", True),
        ("sa gen lontan", True),
        ("hace 2 años", False),
        ("2019", False),
        ("antes de la pandemia, en 2019", False),
    ],
)
def test_vague_times_are_recognised(text: str, vague: bool) -> None:
    assert is_vague_time(text) is vague


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("agosto del 19", date(2019, 8, 1)),  # was 19 August this year
        ("hace dos años", date(2024, 11, 30)),  # the day, as before
        ("2 yrs ago", date(2024, 11, 30)),  # was 2 August
        ("2019", None),  # a year is not a day
        ("31/02/2023", None),
    ],
)
def test_parse_date_keeps_giving_days(text: str, expected: date | None) -> None:
    assert parse_date(text, TODAY) == expected
