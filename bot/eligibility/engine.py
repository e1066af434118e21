"""Which pathways may fit a person, and which question settles the most of the rest.

Statuses (design.md section 4):
  likely_eligible    every condition holds and the pathway is open on the date
  possibly_eligible  no condition fails, some are unknown, and the pathway is open
  not_eligible       a condition fails
  closed             the person would or might match, but the pathway is not open on the date
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from bot.eligibility.conditions import Predicate, Truth
from bot.kb.facts import DEFAULTS_FROM, normalize_facts, with_defaults
from bot.kb.model import OPEN, KnowledgeBase, Pathway

LIKELY = "likely_eligible"
POSSIBLY = "possibly_eligible"
NOT_ELIGIBLE = "not_eligible"
CLOSED = "closed"
# Most promising first: the order results are shown in.
STATUS_RANK = {LIKELY: 0, POSSIBLY: 1, CLOSED: 2, NOT_ELIGIBLE: 3}

# Facts that decide whether a pathway concerns the person at all.
SCOPE_FACTS = ("nationality", "current_country", "destination_country")


@dataclass(frozen=True)
class Reason:
    """How one condition came out for this person, and where the rule comes from."""

    predicate: Predicate
    truth: Truth
    source: str

    @property
    def outcome(self) -> str:
        return {True: "passed", False: "failed", None: "unknown"}[self.truth]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fact": self.predicate.fact,
            "condition": self.predicate.describe(),
            "outcome": self.outcome,
            "source": self.source,
        }


@dataclass(frozen=True)
class Outcome:
    pathway: Pathway
    status: str
    truths: tuple[Truth, ...]  # one per predicate of pathway.predicates, in order

    @cached_property
    def reasons(self) -> tuple[Reason, ...]:
        default_source = self.pathway.primary_source.url
        return tuple(
            Reason(p, truth, p.source or default_source)
            for p, truth in zip(self.pathway.predicates, self.truths, strict=True)
        )

    def open_facts(self) -> set[str]:
        """Facts of the conditions that are still unknown."""
        pairs = zip(self.pathway.predicates, self.truths, strict=True)
        return {p.fact for p, truth in pairs if truth is None}

    def as_dict(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway.id,
            "status": self.status,
            "reasons": [r.as_dict() for r in self.reasons],
            "last_verified": self.pathway.last_verified.isoformat(),
        }


def _status(pathway: Pathway, truth: Truth, on: date) -> str:
    if truth is False:
        return NOT_ELIGIBLE
    if pathway.status_on(on) != OPEN:
        return CLOSED
    return LIKELY if truth else POSSIBLY


def _outcomes(kb: KnowledgeBase, filled: Mapping[str, Any], on: date) -> list[Outcome]:
    outcomes = []
    for pathway in kb.pathways:
        # Each predicate is evaluated at most once. Scope predicates first: when nationality or
        # place rule the pathway out, it is not relevant and nothing else is evaluated.
        predicates = pathway.predicates
        truths = {id(p): p.evaluate(filled, on) if p.fact in SCOPE_FACTS else None for p in predicates}
        if pathway.conditions.resolve(truths) is False:
            continue
        for p in predicates:
            if p.fact not in SCOPE_FACTS:
                truths[id(p)] = p.evaluate(filled, on)
        truth = pathway.conditions.resolve(truths)
        status = _status(pathway, truth, on)
        outcomes.append(Outcome(pathway, status, tuple(truths[id(p)] for p in predicates)))
    outcomes.sort(key=lambda o: (STATUS_RANK[o.status], o.pathway.id))
    return outcomes


def _next_question(kb: KnowledgeBase, filled: Mapping[str, Any], outcomes: list[Outcome]) -> str | None:
    votes: Counter[str] = Counter()
    for outcome in outcomes:
        if outcome.status != POSSIBLY:
            continue
        open_facts = outcome.open_facts()
        # An unanswered defaulted fact is settled by asking the fact it defaults from.
        open_facts = {DEFAULTS_FROM.get(f, f) if f not in filled else f for f in open_facts}
        for fact in open_facts:
            if fact not in filled and fact in kb.questions:
                votes[fact] += 1
    if not votes:
        return None
    order = {fact: i for i, fact in enumerate(kb.question_order)}
    return min(votes, key=lambda f: (-votes[f], order.get(f, len(order)), f))


def _filled(facts: Mapping[str, Any]) -> dict[str, Any]:
    return with_defaults(normalize_facts(dict(facts)))


def evaluate(kb: KnowledgeBase, facts: Mapping[str, Any], on: date) -> list[Outcome]:
    """Outcomes for the pathways relevant to the person, most promising first.

    Facts may be raw (ISO date strings, lower-case codes); bad names or values raise FactError.
    """
    return _outcomes(kb, _filled(facts), on)


def next_question(kb: KnowledgeBase, facts: Mapping[str, Any], on: date) -> str | None:
    """The unanswered fact that bears on the most still-open pathways; None when all are settled.

    A fact present in `facts` (even as None, "does not know") is never asked again.
    """
    filled = _filled(facts)
    return _next_question(kb, filled, _outcomes(kb, filled, on))


def assess(kb: KnowledgeBase, facts: Mapping[str, Any], on: date) -> tuple[list[Outcome], str | None]:
    """Outcomes and the next question, evaluating the pathways once."""
    filled = _filled(facts)
    outcomes = _outcomes(kb, filled, on)
    return outcomes, _next_question(kb, filled, outcomes)
