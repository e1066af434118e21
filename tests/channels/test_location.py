"""A shared location's country, offline, from the nearest town."""

import pytest

from bot.channels.location import country_at, location_message


@pytest.mark.parametrize(
    ("place", "latitude", "longitude", "code"),
    [
        ("Bogotá", 4.711, -74.072, "CO"),
        ("Cúcuta", 7.889, -72.496, "CO"),
        ("Boa Vista", 2.82, -60.67, "BR"),
        ("Tapachula", 14.9, -92.26, "MX"),
        ("Port-au-Prince", 18.54, -72.34, "HT"),
        ("Lima", -12.05, -77.04, "PE"),
    ],
)
def test_country_of_a_town(place, latitude, longitude, code) -> None:
    assert country_at(latitude, longitude) == code, place


def test_no_country_at_sea_or_off_the_map() -> None:
    assert country_at(10.0, -40.0) is None
    assert country_at(95.0, 0.0) is None


def test_location_message() -> None:
    assert location_message("4.711", "-74.072") == '/shared_location{"country":"CO"}'
    assert location_message("north", None) is None
