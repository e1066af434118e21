"""The knowledge base as plain, immutable Python objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.eligibility.conditions import Condition

OPEN = "open"
PATHWAY_STATUSES = ("open", "closed", "suspended", "terminated")


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    date: date | None  # None when the source shows no date ("n.d.")


@dataclass(frozen=True)
class LegalBasis:
    instrument: str
    number: str | None
    year: int | None

    def cite(self) -> str:
        parts = [self.instrument]
        if self.number:
            parts.append(self.number)
        text = " ".join(parts)
        return f"{text} ({self.year})" if self.year else text


@dataclass(frozen=True)
class StatusPeriod:
    start: date
    status: str


@dataclass(frozen=True)
class Pathway:
    id: str
    country: str
    kind: str
    name: dict[str, str]
    summary: dict[str, str]
    how_to_apply: dict[str, str]
    legal_basis: tuple[LegalBasis, ...]
    sources: tuple[Source, ...]
    last_verified: date
    needs_review: str | None
    status_history: tuple[StatusPeriod, ...]  # sorted by start date
    conditions: Condition

    def status_on(self, day: date) -> str | None:
        """The programme's status on `day`, or None before its first dated status."""
        current = None
        for period in self.status_history:
            if period.start <= day:
                current = period.status
        return current


@dataclass(frozen=True)
class Question:
    fact: str
    type: str
    prompt: str  # message id in the gettext catalogs
    options: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    pathways: tuple[Pathway, ...]
    questions: dict[str, Question]
    question_order: tuple[str, ...]

    def pathway(self, pathway_id: str) -> Pathway:
        for pathway in self.pathways:
            if pathway.id == pathway_id:
                return pathway
        raise KeyError(pathway_id)
