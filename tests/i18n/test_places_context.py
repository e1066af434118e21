"""Places as people type them: a word that is a place only where it stands as one ("estoy en Quito",
not "me quitó el pasaporte"), flags, nicknames and abbreviations, and which role a place plays
(where someone is from, where they are now)."""

from __future__ import annotations

import pytest

NAT, HERE = "nationality", "current_country"

COUNTRY = [
    ("Quito", "EC"), ("estoy en quito", "EC"), ("me quito el pasaporte", None),
    ("mi patrón me quitó el pasaporte", None), ("🇻🇪", "VE"), ("🇨🇱", "CL"), ("vzla", "VE"),
    ("venezuela bolivariana", "VE"), ("sampa", "BR"), ("sp", "BR"), ("baires", "AR"), ("bs as", "AR"),
    ("cdmx", "MX"), ("df", "MX"), ("NY", "US"), ("nyc", "US"), ("vivo en LA", "US"), ("in LA", "US"),
    ("estoy en la frontera", None), ("LA", None), ("rd", "DO"), ("usa", "US"), ("eeuu", "US"), ("eua", "US"),
    ("los estados", "US"), ("estados unidos", "US"), ("e.e.u.u", "US"), ("brasil", "BR"),
    ("usa el pasaporte", None), ("ele usa documento falso", None), ("fala portugues", None),
    ("hablo español", None), ("je parle français", None), ("m pale angle", None),
    ("rep dominicana", "DO"), ("republica dominicana", "DO"), ("rep. dom.", "DO"), ("de la RDC", "CD"),
    ("rd congo", "CD"), ("congo kinshasa", "CD"), ("cr", "CR"), ("toy en CR", "CR"), ("santiago", None),
    ("cordoba", None), ("santiago du chili", "CL"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), COUNTRY)
def test_country(shipped_kb, text: str, code: str | None) -> None:
    assert shipped_kb.places.country(text) == code


ROLES = {
    "es": [
        ("soy venezolana de Maracaibo pero vivo en Guayaquil", {NAT: "VE", HERE: "EC"}),
        ("estoy en tapachula", {HERE: "MX"}),
        ("venezolano en medellin", {NAT: "VE", HERE: "CO"}),
        ("toy en lima", {HERE: "PE"}),
        ("vivo en quito", {HERE: "EC"}),
        ("llegué a lima", {HERE: "PE"}),
        ("soy d venezuela toy en lima", {NAT: "VE", HERE: "PE"}),
        ("mi patron me quito el pasaporte", {}),
        ("soy colombiano de cali y estoy en quito", {NAT: "CO", HERE: "EC"}),
        ("soy español", {NAT: "ES"}),
        ("hablo español", {}),
        ("vivo en los estados unidos", {HERE: "US"}),
        ("hola vivo en cordoba argentina, soy boliviano", {HERE: "AR", NAT: "BO"}),
        ("buenas noches soy nica, toy en CR desde el 2019", {NAT: "NI", HERE: "CR"}),
        ("soy de cordoba argentina", {NAT: "AR"}),
        ("estoy en lima, venezolana", {HERE: "PE", NAT: "VE"}),
        ("rep dominicana", {}),
        ("el cr de mi carro", {}),
        ("salimos por cucuta, pasamos colombia en bus y llegamos a guayaquil en el 2022", {HERE: "EC"}),
    ],
    "pt": [
        ("tô em boa vista", {HERE: "BR"}),
        ("bom dia, sou haitiano moro em sp", {NAT: "HT", HERE: "BR"}),
        ("nao entendo, fala portugues", {}),
        ("sou portugues", {NAT: "PT"}),
        ("sou venezuelana de caracas, moro em manaus", {NAT: "VE", HERE: "BR"}),
        ("estamos em pacaraima", {HERE: "BR"}),
        ("cheguei em sampa", {HERE: "BR"}),
        ("nasci em caracas", {NAT: "VE"}),
        ("vim da venezuela, to em roraima", {NAT: "VE", HERE: "BR"}),
        ("falo espanhol e portugues", {}),
    ],
    "en": [
        ("came to NY", {HERE: "US"}),
        ("im from venezuela living in miami since 2021", {NAT: "VE", HERE: "US"}),
        ("i live in LA", {HERE: "US"}),
        ("we are in tijuana", {HERE: "MX"}),
        ("venezuelan from maracaibo, staying in cucuta", {NAT: "VE", HERE: "CO"}),
        ("im in the usa", {HERE: "US"}),
        ("i speak spanish", {}),
        ("i am from 🇭🇹", {NAT: "HT"}),
        ("born in caracas", {NAT: "VE"}),
        ("arrived in houston", {HERE: "US"}),
    ],
    "fr": [
        ("je vis au chili", {HERE: "CL"}),
        ("je suis haïtienne, je vis à santiago de chile", {NAT: "HT", HERE: "CL"}),
        ("je parle français", {}),
        ("je suis français", {NAT: "FR"}),
        ("je viens d'haiti", {NAT: "HT"}),
        ("on est à tapachula", {HERE: "MX"}),
        ("haitien de jacmel, je suis à montréal", {NAT: "HT", HERE: "CA"}),
        ("j'habite à cayenne", {HERE: "GF"}),
        ("je suis née en haiti", {NAT: "HT"}),
        ("je suis arrivé à miami", {HERE: "US"}),
        ("je suis haïtienne, à Santiago du Chili depuis 2019", {NAT: "HT", HERE: "CL"}),
    ],
    "ht": [
        ("m nan brezil", {HERE: "BR"}),
        ("mwen se ayisyen, mwen nan brezil", {NAT: "HT", HERE: "BR"}),
        ("m soti okap, m nan chili", {NAT: "HT", HERE: "CL"}),
        ("m pale angle", {}),
        ("ayisyen soti jakmel, m nan santo domingo este", {NAT: "HT", HERE: "DO"}),
        ("nou nan tapachula", {HERE: "MX"}),
        ("m rive nan miami", {HERE: "US"}),
        ("mwen fet nan ayiti", {NAT: "HT"}),
        ("m ap viv nan etazini", {HERE: "US"}),
        ("m rete sendomeng", {HERE: "DO"}),
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, roles, id=f"{lang}:{text}")
        for lang, cases in ROLES.items()
        for text, roles in cases
    ],
)
def test_roles(shipped_kb, text: str, expected: dict[str, str]) -> None:
    assert shipped_kb.places.roles(text) == expected


@pytest.mark.parametrize("text", ["estoy en tapachula", "vivo en guayaquil", "m nan miami", "estoy en quito"])
def test_where_someone_is_never_yields_a_nationality(shipped_kb, text: str) -> None:
    assert "nationality" not in shipped_kb.places.roles(text)


AMBIGUOUS = [
    ("santiago", ["CL", "DO", "CU"]), ("Córdoba", ["AR", "MX", "ES"]), ("en santiago", ["CL", "DO", "CU"]),
    ("la paz", ["BO", "MX"]), ("santiago de chile", []), ("vivo en cordoba argentina", []), ("lima", []),
    ("chile", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "codes"), AMBIGUOUS)
def test_a_city_of_several_countries_alone_is_ambiguous(shipped_kb, text: str, codes: list[str]) -> None:
    assert shipped_kb.places.ambiguous(text) == codes
    if codes:
        assert shipped_kb.places.country(text) is None
