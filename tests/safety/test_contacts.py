"""Who answers which danger, from the shipped help files: most specific first, at most four,
never another state's office, never the same number twice."""

from __future__ import annotations

import pytest

from bot.kb.schema import CONTACT_KINDS
from bot.safety import contacts_for
from bot.safety.signals import MAX_CONTACTS

COUNTRIES = ("AR", "BO", "BR", "CL", "CO", "CR", "DO", "EC", "MX", "PE", "PY", "US", "UY")


def _ids(kb, country, categories, region=None):
    return [c.id for c in contacts_for(kb, country, categories, region)]


def test_shelter_is_a_contact_kind():
    assert "shelter" in CONTACT_KINDS


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_has_an_emergency_line_and_a_shelter(kb_danger, country):
    here = [c for c in kb_danger.contacts if c.country == country]
    assert any(c.hotline_for == "emergency" and c.phone for c in here)
    assert any(c.kind == "shelter" and c.region is None for c in here)


@pytest.mark.parametrize(
    ("country", "categories", "region", "expected"),
    [
        ("AR", ["trafficking"], None, ["ar_145", "ar_911"]),
        ("US", ["detention"], "US-TX", ["us_detention_hotline", "us_tx_hilsc", "us_eoir"]),
        ("MX", ["no_shelter"], "MX-CHP", ["mx_albergue_belen", "mx_red_cross"]),
        ("MX", ["no_shelter"], "MX-CMX", ["mx_red_cross"]),
        ("BR", ["medical_emergency"], None, ["br_190", "br_192"]),
        ("BR", ["child_alone", "no_shelter"], "BR-RR", ["br_disque100_criancas", "br_red_cross", "br_190"]),
        ("CR", ["trafficking"], None, ["cr_911"]),
        ("DO", ["child_alone"], None, ["do_linea_vida", "do_red_cross", "do_911"]),
    ],
)
def test_contacts_for_categories(kb_danger, country, categories, region, expected):
    assert _ids(kb_danger, country, categories, region) == expected


def test_each_category_gets_its_own_line_before_second_choices(kb_danger):
    # threat_to_life wants the emergency number first, trafficking its own line first.
    assert _ids(kb_danger, "MX", ["trafficking", "threat_to_life"], "MX-CHP") == [
        "mx_911",
        "mx_trata_hotline",
        "mx_comar_tapachula",
        "mx_fray_matias",
    ]


def test_at_most_four_and_no_number_twice(kb_danger):
    found = contacts_for(kb_danger, "BR", ["threat_to_life", "trafficking", "child_alone", "no_shelter"])
    assert len(found) == MAX_CONTACTS
    phones = [c.phone for c in found if c.phone]
    assert len(phones) == len(set(phones))


def test_unknown_country_has_no_contacts(kb_danger):
    assert _ids(kb_danger, "FR", ["detention"]) == []
