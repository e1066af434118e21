"""Which centres a person can book, for which service, and whose documents they should bring.

Pure: the knowledge base and the person's facts and results. Centres in the person's region come
first (the nearest the facts can tell), then those that help with a pathway the results named. In
countries whose centres serve only their own state (kb.centres_within_region: the United States)
only centres of the person's state are offered, and none while the state is not known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.kb.model import Centre, KnowledgeBase

PROTECTION_KINDS = frozenset({"asylum", "protection"})
HOPEFUL = frozenset({"likely_eligible", "possibly_eligible"})
MAX_CHOICES = 6  # buttons a phone shows comfortably


def _hopeful(results: Sequence[dict[str, Any]]) -> list[str]:
    return [r["pathway"] for r in results if r.get("status") in HOPEFUL and isinstance(r.get("pathway"), str)]


def suggested_service(kb: KnowledgeBase, results: Sequence[dict[str, Any]]) -> str:
    """Asylum when the first hopeful result is protection, regularisation when it is a permit, else
    legal aid (nothing fits yet: a lawyer looks at the case)."""
    kinds = {p.id: p.kind for p in kb.pathways}
    for pathway in _hopeful(results):
        return "asylum" if kinds.get(pathway) in PROTECTION_KINDS else "regularisation"
    return "legal_aid"


def bookable_centres(
    kb: KnowledgeBase,
    facts: dict[str, Any],
    results: Sequence[dict[str, Any]] = (),
    service: str | None = None,
) -> list[Centre]:
    """Centres in the person's country that take bookings (for `service`), nearest first."""
    country, region = facts.get("current_country"), facts.get("current_region")
    if not isinstance(country, str):
        return []
    hopeful = set(_hopeful(results))
    found = [
        centre
        for centre in kb.centres.values()
        if centre.country == country
        and centre.booking is not None
        and centre.booking.takes_bookings
        and (service is None or service in centre.booking.services)
    ]
    if country in kb.centres_within_region:  # another state's centre is no help; unknown state: none
        found = [centre for centre in found if region and centre.region == region]
    found.sort(
        key=lambda c: (c.region != region if region else False, not hopeful & set(c.booking.pathways), c.name)
    )
    return found[:MAX_CHOICES]


def services_offered(centres: Sequence[Centre], suggested: str) -> list[str]:
    """The services these centres offer, the suggested one first, in the KB's order otherwise."""
    offered: list[str] = []
    for centre in centres:
        offered.extend(s for s in centre.booking.services if s not in offered)
    if suggested in offered:
        offered.remove(suggested)
        offered.insert(0, suggested)
    return offered[:MAX_CHOICES]


def pathway_to_prepare(centre: Centre, results: Sequence[dict[str, Any]]) -> str | None:
    """The result whose documents to bring: the first hopeful one the centre helps with, else the
    first hopeful one."""
    hopeful = _hopeful(results)
    helped = [p for p in hopeful if centre.booking and p in centre.booking.pathways]
    return (helped or hopeful or [None])[0]
