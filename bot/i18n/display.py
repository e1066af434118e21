"""Dates and country names as people read them in each language: "4 de diciembre de 2026",
"4 desanm 2026", "au Pérou", "nan Pewou".

Babel (CLDR) has no Haitian Creole; for `ht` it would print French month names, so Creole dates
are written here from the Creole month names. English uses day-month-year ("4 December 2026"), as
the knowledge-base texts do, so one card never mixes two date styles.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from bot.settings import get_settings

HT_MONTH_NAMES = (
    "janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip

HT_DAY_NAMES = ("lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch")

LOCALE_FOR = {"en": "en_GB"}


def long_date(day: date, language: str) -> str:
    """The full date in `language` ("4 December 2026", "4 de dezembro de 2026", "4 desanm 2026")."""
    if language == "ht":
        return f"{day.day} {HT_MONTH_NAMES[day.month - 1]} {day.year}"
    return format_date(day, "long", locale=LOCALE_FOR.get(language, language))


def month_year(day: date, language: str) -> str:
    """A month of a year in `language` ("noviembre de 2024", "November 2024", "novanm 2024")."""
    if language == "ht":
        return f"{HT_MONTH_NAMES[day.month - 1]} {day.year}"
    return format_skeleton("yMMMM", day, locale=LOCALE_FOR.get(language, language))


def visit_time(moment: datetime, language: str) -> str:
    """A visit's day and time, on the clock of `moment`'s zone (the centre's): "martes 3 de
    diciembre, 10:30", "Tuesday 3 December, 10:30", "madi 3 desanm, 10:30"."""
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if language == "ht":
        return f"{HT_DAY_NAMES[moment.weekday()]} {moment.day} {HT_MONTH_NAMES[moment.month - 1]}, {clock}"
    locale = Locale.parse(LOCALE_FOR.get(language, language))
    weekday = locale.days["format"]["wide"][moment.weekday()]
    day = format_skeleton("MMMMd", moment, locale=locale)
    return f"{weekday} {day}, {clock}"


# -- countries ---------------------------------------------------------------------------------
# Babel (CLDR) names countries in es, pt, en and fr. It has no Haitian Creole, so Creole names come
# from the KB's own list (pathways_kb/countries/names.yml, the first name of each country), the
# same data the bot reads Creole answers with.

# French and Portuguese put an article, merged with the preposition, before most country names
# ("au Pérou", "en Colombie", "aux États-Unis", "no Peru", "na Colômbia"); English only before a few
# ("the United States"). Article classes: m, f, vowel (l'), plural, none (no article), and for
# French f_article, a feminine name that keeps its article after "de" ("de la République dominicaine").
FR_ARTICLE = {
    "AR": "vowel", "BO": "f", "BR": "m", "CL": "m", "CO": "f", "EC": "vowel", "PE": "m", "PY": "m",
    "UY": "vowel", "VE": "m", "GY": "m", "SR": "m", "MX": "m", "HT": "none", "CU": "none", "NI": "m",
    "HN": "m", "SV": "m", "GT": "m", "US": "plural", "CR": "m", "DO": "f_article", "PA": "m", "CM": "m",
    "SN": "m", "CA": "m", "JM": "f", "FR": "f", "ES": "vowel", "BZ": "m", "BS": "plural",
}  # fmt: skip
PT_ARTICLE = {
    "AR": "f", "BO": "f", "BR": "m", "CL": "m", "CO": "f", "EC": "m", "PE": "m", "PY": "m", "UY": "m",
    "VE": "f", "GY": "f", "SR": "m", "MX": "m", "HT": "m", "CU": "none", "NI": "f", "HN": "none",
    "SV": "none", "GT": "f", "US": "plural", "CR": "f", "DO": "f", "PA": "m", "CM": "plural", "SN": "m",
    "CA": "m", "JM": "f", "FR": "f", "ES": "f", "BZ": "m", "BS": "plural",
}  # fmt: skip
EN_WITH_THE = frozenset({"US", "DO", "BS", "GB", "NL", "PH", "AE", "CZ"})

_FR_IN = {
    "m": "au {}",
    "f": "en {}",
    "f_article": "en {}",
    "vowel": "en {}",
    "plural": "aux {}",
    "none": "à {}",
}
_FR_FROM = {
    "m": "du {}",
    "f": "de {}",
    "f_article": "de la {}",
    "vowel": "d'{}",
    "plural": "des {}",
    "none": "de {}",
}
_PT_IN = {"m": "no {}", "f": "na {}", "plural": "nos {}", "none": "em {}"}
_PT_FROM = {"m": "do {}", "f": "da {}", "plural": "dos {}", "none": "de {}"}
_VOWELS = tuple("AEIOUÉÈÊÂÎÔHaeiouéèêâîôh")
_PREPOSITION = {
    "es": {"in": "en", "from": "de"},
    "en": {"in": "in", "from": "from"},
    "ht": {"in": "nan", "from": ""},  # Creole: "nan Pewou"; "moun Venezyela" (the sentence says "moun")
}
OR_WORD_HT = "oswa"


def _yaml(name: str) -> dict:
    path = get_settings().kb_dir / "countries" / name
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@lru_cache(maxsize=1)
def _creole_names() -> dict[str, str]:
    return {code: forms["ht"][0] for code, forms in _yaml("names.yml")["names"].items() if forms.get("ht")}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, dict]:
    return _yaml("demonyms.yml")["demonyms"]


def country_name(code: str, language: str) -> str:
    """The country's name as people write it in `language` ("Perú", "Peru", "Pérou", "Pewou").

    A country CLDR does not know either is named by its code (never happens for real codes)."""
    code = code.upper()
    if language == "ht" and code in _creole_names():
        return _creole_names()[code]
    # Creole without a Creole name: the French name is the closest a Creole reader knows.
    locale = Locale.parse("fr" if language == "ht" else language)
    return locale.territories.get(code, code)


def or_list(items: list[str], language: str) -> str:
    """ "A, B o C" / "A, B ou C" / "A, B or C" / "A, B oswa C" ("A" alone for one item)."""
    if language == "ht":
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {OR_WORD_HT} {items[-1]}"
    return format_list(items, style="or", locale=LOCALE_FOR.get(language, language))


def _with_article(code: str, language: str, preposition: str) -> str:
    name = country_name(code, language)
    if language == "fr":
        kind = FR_ARTICLE.get(code, "vowel" if name.startswith(_VOWELS) else "m")
        if kind == "none" and preposition == "from" and name.startswith(_VOWELS):
            return f"d'{name}"
        if kind == "none" and preposition == "in" and name.startswith(_VOWELS):
            return f"en {name}"  # en Haïti
        return (_FR_IN if preposition == "in" else _FR_FROM)[kind].format(name)
    kind = PT_ARTICLE.get(code, "none")
    return (_PT_IN if preposition == "in" else _PT_FROM)[kind].format(name)


def places(codes: list[str], language: str, preposition: str) -> str:
    """Countries after "in" or "from", joined by "or", with the articles each language needs:
    "en Perú o Chile", "no Peru ou no Chile", "au Pérou ou au Chili", "in the United States",
    "nan Pewou oswa Chili", and for Creole "from" the bare names ("Ou se moun Venezyela")."""
    codes = [c.upper() for c in codes]
    if language in ("fr", "pt"):
        return or_list([_with_article(c, language, preposition) for c in codes], language)
    names = [
        f"the {country_name(c, language)}"
        if language == "en" and c in EN_WITH_THE
        else country_name(c, language)
        for c in codes
    ]
    word = _PREPOSITION[language][preposition]
    joined = or_list(names, language)
    return f"{word} {joined}" if word else joined


def demonym(code: str, language: str) -> str | None:
    """How a national of the country is called, both forms where the language has two
    ("venezolana o venezolano", "Venezuelan"); None where the KB has no reviewed form.
    Creole forms marked unverified in the KB are French, so Creole sentences use the country name."""
    if language == "ht":
        return None
    forms = _demonyms().get(code.upper(), {}).get(language)
    if not forms:
        return None
    return forms["m"] if forms["m"] == forms["f"] else or_list([forms["f"], forms["m"]], language)
