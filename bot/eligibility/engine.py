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
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway.id,
            "status": self.status,
            "reasons": [r.as_dict() for r in self.reasons],
            "last_verified": self.pathway.last_verified.isoformat(),
        }


def _is_relevant(pathway: Pathway, facts: Mapping[str, Any], on: date) -> bool:
    scope = {k: v for k, v in facts.items() if k in SCOPE_FACTS}
    return pathway.conditions.evaluate(scope, on) is not False


def _status(pathway: Pathway, truth: Truth, on: date) -> str:
    if truth is False:
        return NOT_ELIGIBLE
    if pathway.status_on(on) != OPEN:
        return CLOSED
    return LIKELY if truth else POSSIBLY


def evaluate(kb: KnowledgeBase, facts: Mapping[str, Any], on: date) -> list[Outcome]:
    """Outcomes for the pathways relevant to the person, most promising first.

    Facts may be raw (ISO date strings, lower-case codes); bad names or values raise FactError.
    """
    filled = with_defaults(normalize_facts(dict(facts)))
    outcomes = []
    for pathway in kb.pathways:
        if not _is_relevant(pathway, filled, on):
            continue
        truth = pathway.conditions.evaluate(filled, on)
        default_source = pathway.primary_source.url
        reasons = tuple(
            Reason(p, p.evaluate(filled, on), p.source or default_source)
            for p in pathway.conditions.predicates()
        )
        outcomes.append(Outcome(pathway, _status(pathway, truth, on), reasons))
    outcomes.sort(key=lambda o: (STATUS_RANK[o.status], o.pathway.id))
    return outcomes


def next_question(
    kb: KnowledgeBase, facts: Mapping[str, Any], on: date, outcomes: list[Outcome] | None = None
) -> str | None:
    """The unanswered fact that bears on the most still-open pathways; None when all are settled.

    A fact present in `facts` (even as None, "does not know") is never asked again. Pass the
    `outcomes` of `evaluate` for the same facts to avoid evaluating twice.
    """
    filled = with_defaults(normalize_facts(dict(facts)))
    votes: Counter[str] = Counter()
    for outcome in outcomes if outcomes is not None else evaluate(kb, facts, on):
        if outcome.status != POSSIBLY:
            continue
        open_facts = {r.predicate.fact for r in outcome.reasons if r.truth is None}
        # An unanswered defaulted fact is settled by asking the fact it defaults from.
        open_facts = {DEFAULTS_FROM.get(f, f) if f not in filled else f for f in open_facts}
        for fact in open_facts:
            if fact not in filled and fact in kb.questions:
                votes[fact] += 1
    if not votes:
        return None
    order = {fact: i for i, fact in enumerate(kb.question_order)}
    return min(votes, key=lambda f: (-votes[f], order.get(f, len(order)), f))


def assess(kb: KnowledgeBase, facts: Mapping[str, Any], on: date) -> tuple[list[Outcome], str | None]:
    """Outcomes and the next question, evaluating the pathways once."""
    outcomes = evaluate(kb, facts, on)
    return outcomes, next_question(kb, facts, on, outcomes)
