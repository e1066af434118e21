"""Country names and "in"/"from" phrases in each language (bot.i18n.display)."""

from __future__ import annotations

import pytest

from bot.i18n.display import country_name, demonym, or_list, places

KB_COUNTRIES = ("AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "GY", "HN", "HT", "MX", "NI", "PE",
                "PY", "SR", "SV", "US", "UY", "VE", "CM", "SN", "GT", "PA")  # fmt: skip


@pytest.mark.parametrize(
    ("code", "expected"),
    [("CO", "Kolonbi"), ("PE", "Pewou"), ("BR", "Brezil"), ("EC", "Ekwatè"), ("US", "Etazini"),
     ("HT", "Ayiti"), ("VE", "Venezyela"), ("DO", "Dominikani"), ("CR", "Kosta Rika"), ("CM", "Kamewoun")],
)  # fmt: skip
def test_creole_names_come_from_the_kb_not_french(code: str, expected: str) -> None:
    assert country_name(code, "ht") == expected


def test_babel_names_in_the_other_languages() -> None:
    assert [country_name("PE", lang) for lang in ("es", "pt", "en", "fr")] == [
        "Perú",
        "Peru",
        "Peru",
        "Pérou",
    ]
    assert country_name("us", "es") == "Estados Unidos"


@pytest.mark.parametrize("language", ["es", "pt", "en", "fr", "ht"])
def test_every_kb_country_has_a_real_name(language: str) -> None:
    for code in KB_COUNTRIES:
        assert country_name(code, language) != code


@pytest.mark.parametrize(
    ("codes", "language", "preposition", "expected"),
    [
        (["HT", "BR"], "es", "in", "en Haití o Brasil"),
        (["HT", "BR"], "pt", "in", "no Haiti ou no Brasil"),
        (["HT", "BR"], "fr", "in", "en Haïti ou au Brésil"),
        (["HT", "BR"], "en", "in", "in Haiti or Brazil"),
        (["HT", "BR"], "ht", "in", "nan Ayiti oswa Brezil"),
        (["US"], "en", "in", "in the United States"),
        (["US"], "fr", "in", "aux États-Unis"),
        (["CU"], "fr", "in", "à Cuba"),
        (["CU"], "pt", "in", "em Cuba"),
        (["AR", "BO", "US"], "fr", "from", "d'Argentine, de Bolivie ou des États-Unis"),
        (["AR", "BO", "US"], "pt", "from", "da Argentina, da Bolívia ou dos Estados Unidos"),
        (["AR", "BO", "US"], "es", "from", "de Argentina, Bolivia o Estados Unidos"),
        (["PE"], "fr", "from", "du Pérou"),
        (["HT"], "fr", "from", "d'Haïti"),
        (["DO", "CO"], "fr", "from", "de la République dominicaine ou de Colombie"),
        (["VE"], "ht", "from", "Venezyela"),
    ],
)
def test_places_with_articles(codes: list[str], language: str, preposition: str, expected: str) -> None:
    assert places(codes, language, preposition) == expected


def test_demonyms_name_both_forms_and_never_guess_creole() -> None:
    assert demonym("VE", "es") == "venezolana o venezolano"
    assert demonym("VE", "fr") == "vénézuélienne ou vénézuélien"
    assert demonym("VE", "en") == "Venezuelan"
    assert demonym("VE", "ht") is None


def test_or_list() -> None:
    assert or_list(["a"], "ht") == "a"
    assert or_list(["a", "b", "c"], "ht") == "a, b oswa c"
    assert or_list(["a", "b", "c"], "en") == "a, b or c"
