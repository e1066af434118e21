"""Where to get help near the person: the nearest centres, free legal aid, the authorities that
decide and the hotlines, from pathways_kb/centres/ and pathways_kb/help/.

Nearest means the person's state or province first (read from the city or state they named),
then their country. In the United States a centre is never offered outside its state: people
elsewhere get the national directory instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from bot.kb.model import Centre, Contact, KnowledgeBase

STATE_BOUND = frozenset({"US"})  # countries where a centre in another state is no help
MAX_CENTRES = 2
MAX_LEGAL_AID = 2

Place = TypeVar("Place", Centre, Contact)


def _nearest(places: Iterable[Place], country: str, region: str | None, limit: int) -> list[Place]:
    """In the person's region first; then, unless the country is state-bound, the rest of the
    country (places without a region serve the whole country and come before other regions)."""
    here = [p for p in places if p.country == country]
    local = [p for p in here if region and p.region == region]
    national = [p for p in here if p.region is None]
    elsewhere = [] if country in STATE_BOUND else [p for p in here if p.region and p.region != region]
    ranked = sorted(local, key=lambda p: p.name) + sorted(national, key=lambda p: p.name)
    ranked += sorted(elsewhere, key=lambda p: p.name)
    return ranked[:limit]


def nearest_centres(kb: KnowledgeBase, country: str, region: str | None) -> list[Centre]:
    return _nearest(kb.centres.values(), country, region, MAX_CENTRES)


def contacts(kb: KnowledgeBase, country: str, region: str | None, kind: str, limit: int) -> list[Contact]:
    """Authorities or legal aid (`kind`) nearest the person."""
    return _nearest((c for c in kb.contacts if c.kind == kind), country, region, limit)


def hotlines(kb: KnowledgeBase, country: str, purposes: Iterable[str]) -> list[Contact]:
    """One national hotline for each purpose asked for (emergency, trafficking…), in that order."""
    found = []
    for purpose in purposes:
        lines = [
            c
            for c in kb.contacts
            if c.kind == "hotline" and c.country == country and c.hotline_for == purpose
        ]
        if lines:
            found.append(sorted(lines, key=lambda c: (c.region is not None, c.name))[0])
    return found
