"""Where to get help near the person: the nearest centres, free legal aid, the authorities that
decide and the hotlines, from pathways_kb/centres/ and pathways_kb/help/.

Nearest means the person's state or province first (read from the city or state they named),
then their country. Where the country's help file says `centres_within_region` (the United
States), a centre is never offered outside its state: people elsewhere get the national directory
instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from bot.kb.model import Centre, Contact, KnowledgeBase

MAX_CENTRES = 2
MAX_LEGAL_AID = 2

Place = TypeVar("Place", Centre, Contact)


def _nearest(
    places: Iterable[Place], country: str, region: str | None, limit: int, elsewhere_too: bool
) -> list[Place]:
    """In the person's region first, then what serves the whole country; then, when
    `elsewhere_too`, places in other regions."""
    here = [p for p in places if p.country == country]
    local = [p for p in here if region and p.region == region]
    national = [p for p in here if p.region is None]
    elsewhere = [p for p in here if p.region and p.region != region] if elsewhere_too else []
    ranked = sorted(local, key=lambda p: p.name) + sorted(national, key=lambda p: p.name)
    ranked += sorted(elsewhere, key=lambda p: p.name)
    return ranked[:limit]


def nearest_centres(kb: KnowledgeBase, country: str, region: str | None) -> list[Centre]:
    elsewhere_too = country not in kb.centres_within_region
    return _nearest(kb.centres.values(), country, region, MAX_CENTRES, elsewhere_too)


def contacts(kb: KnowledgeBase, country: str, region: str | None, kind: str, limit: int) -> list[Contact]:
    """Authorities or legal aid (`kind`) in the person's region or serving the whole country (an
    office in another region is no help to someone who must go in person)."""
    of_kind = (c for c in kb.contacts if c.kind == kind)
    return _nearest(of_kind, country, region, limit, elsewhere_too=False)


def hotlines_for(kb: KnowledgeBase, country: str, region: str | None, purpose: str) -> list[Contact]:
    """The lines for one purpose (emergency, trafficking…): the person's state's first, then the
    national ones; never another state's (Bolivia's 156 answers La Paz only)."""
    lines = [
        c
        for c in kb.contacts
        if c.kind == "hotline" and c.country == country and c.hotline_for == purpose
        if c.region is None or c.region == region
    ]
    return sorted(lines, key=lambda c: (c.region is None, c.name))


def hotlines(
    kb: KnowledgeBase, country: str, purposes: Iterable[str], region: str | None = None
) -> list[Contact]:
    """One hotline for each purpose asked for, in that order; a number that serves two purposes
    (Brazil's Disque 100) is given once."""
    found: list[Contact] = []
    for purpose in purposes:
        lines = [
            c for c in hotlines_for(kb, country, region, purpose) if c.phone not in {f.phone for f in found}
        ]
        if lines:
            found.append(lines[0])
    return found


def place_lines(place: Centre | Contact, language: str, about: str | None = None) -> str:
    """A centre or contact as people need it to go or call: name (and what it does), address and
    how to find it, phone and web."""
    lines = [f"• {place.name}" + (f": {about}" if about else "")]
    address = ", ".join(p for p in (place.address, place.city) if p)
    where = place.where.get(language) if place.where else None
    if address or where:
        lines.append("  " + " — ".join(p for p in (address, where) if p))
    reach = " · ".join(p for p in (f"☎ {place.phone}" if place.phone else None, place.web) if p)
    if reach:
        lines.append("  " + reach)
    return "\n".join(lines)
