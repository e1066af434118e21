"""Which pathways may fit a person, and which question settles the most of the rest.

Statuses (design.md section 4):
  likely_eligible    every condition holds and the pathway is open on the date
  possibly_eligible  no condition fails, some are unknown, and the pathway is open
  not_eligible       a condition fails
  closed             the person would or might match, but the pathway is not open on the date

Beside the status, an outcome carries what results must say plainly (its `flags`): a filing
deadline counted from entry that has passed (never "likely" then, nor while the entry date is
unknown or too vague to tell, like "November 2025" against a one-year deadline), a window that
closes within 30 days, a status in force but unconfirmed, and whether the person holds or held it
(`holds`): a programme someone holds is reported even when it has ended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from bot.eligibility.conditions import Predicate, Truth
from bot.kb.facts import CLAIM_STATES, DEFAULTS_FROM, LIST_FACTS, is_partial, normalize_facts, with_defaults
from bot.kb.model import OPEN, KnowledgeBase, Pathway

LIKELY = "likely_eligible"
POSSIBLY = "possibly_eligible"
NOT_ELIGIBLE = "not_eligible"
CLOSED = "closed"
# Most promising first: the order results are shown in.
STATUS_RANK = {LIKELY: 0, POSSIBLY: 1, CLOSED: 2, NOT_ELIGIBLE: 3}

# Facts that decide whether a pathway concerns the person at all.
SCOPE_FACTS = ("nationality", "current_country", "destination_country")

CLOSES_SOON = timedelta(days=30)  # a window closing this soon is announced in results
MAX_LIST_OPTIONS = 8

# Outcome flags (results and scenarios)
DEADLINE_PASSED, CLOSES_SOON_FLAG, UNCONFIRMED, HELD = "deadline_passed", "closes_soon", "unconfirmed", "held"
FLAGS = (DEADLINE_PASSED, CLOSES_SOON_FLAG, UNCONFIRMED, HELD)


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
    met: Truth = None  # the conditions (for a closed programme: would the person have qualified)
    held: bool = False  # the person holds or held it (`holds` names it)
    last_day_to_file: date | None = None  # the filing deadline counted from entry, when known to the day
    deadline_passed: bool = False  # certainly passed (even when the entry date is only a year or a month)
    # The earliest and latest the last day can be when the entry date is a span ("2019"), else None.
    last_day_range: tuple[date, date] | None = None
    deadline_unknown: bool = False  # a filing deadline applies and nobody can tell yet if it passed
    closes_on: date | None = None  # the last open day, when the window closes within 30 days
    unconfirmed: bool = False  # the status in force on the date is not confirmed

    @property
    def flags(self) -> tuple[str, ...]:
        marks = (self.deadline_passed, self.closes_on is not None, self.unconfirmed, self.held)
        return tuple(flag for flag, on in zip(FLAGS, marks, strict=True) if on)

    @cached_property
    def reasons(self) -> tuple[Reason, ...]:
        default_source = self.pathway.primary_source.url
        return tuple(
            Reason(p, truth, p.source or default_source)
            for p, truth in zip(self.pathway.predicates, self.truths, strict=True)
        )

    def open_facts(self) -> set[str]:
        """Facts of the conditions that are still unknown (and the entry date a deadline needs)."""
        pairs = zip(self.pathway.predicates, self.truths, strict=True)
        facts = {p.fact for p, truth in pairs if truth is None}
        if self.pathway.filing_deadline and self.deadline_unknown:
            facts.add(self.pathway.filing_deadline.counted_from)
        return facts

    def as_dict(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway.id,
            "status": self.status,
            "flags": list(self.flags),
            "reasons": [r.as_dict() for r in self.reasons],
            "last_verified": self.pathway.last_verified.isoformat(),
        }


def _status(pathway: Pathway, truth: Truth, on: date) -> str:
    if truth is False:
        return NOT_ELIGIBLE
    if pathway.status_on(on) != OPEN:
        return CLOSED
    return LIKELY if truth else POSSIBLY


@dataclass(frozen=True)
class _Deadline:
    """A filing deadline for this person: the earliest and latest its last day can be (the same day
    when the entry date is known to the day), and whether it passed (None: cannot tell yet)."""

    earliest: date | None = None
    latest: date | None = None
    passed: Truth = None

    @property
    def last_day(self) -> date | None:
        return self.earliest if self.earliest == self.latest else None

    @property
    def range(self) -> tuple[date, date] | None:
        if self.earliest is None or self.latest is None or self.earliest == self.latest:
            return None
        return self.earliest, self.latest


def _deadline(pathway: Pathway, filled: Mapping[str, Any], on: date) -> _Deadline | None:
    """The filing deadline counted from entry (None when the pathway has none). Passed only when it
    certainly passed, not passed only when it certainly has not; unknown while the entry date is
    unknown or so vague that the cut-off falls inside it."""
    deadline = pathway.filing_deadline
    if deadline is None:
        return None
    start = filled.get(deadline.counted_from)
    if start is None:
        return _Deadline()
    first, last = (start, start) if isinstance(start, date) else (start.first, start.last)
    earliest, latest = deadline.last_day(first), deadline.last_day(last)
    passed: Truth = True if latest < on else False if earliest >= on else None
    return _Deadline(earliest, latest, passed)


def _closes_on(pathway: Pathway, on: date) -> date | None:
    """The last open day when the programme is open now and closes within CLOSES_SOON."""
    if pathway.status_on(on) != OPEN:
        return None
    following = pathway.next_period(on)
    if following is None or following.status == OPEN or following.start - on > CLOSES_SOON:
        return None
    return following.start - timedelta(days=1)


def _holds(pathway: Pathway, filled: Mapping[str, Any]) -> bool:
    """The person holds or held it, and is in its country (or has not said where they are)."""
    here = filled.get("current_country")
    return pathway.id in (filled.get("holds") or ()) and here in (None, pathway.country)


def _outcome(pathway: Pathway, filled: Mapping[str, Any], on: date) -> Outcome | None:
    # Each predicate is evaluated at most once. Scope predicates first: when nationality or
    # place rule the pathway out, it is not relevant (unless the person holds it) and nothing
    # else is evaluated.
    predicates = pathway.predicates
    held = _holds(pathway, filled)
    truths = {id(p): p.evaluate(filled, on) if p.fact in SCOPE_FACTS else None for p in predicates}
    if pathway.conditions.resolve(truths) is False and not held:
        return None
    for p in predicates:
        if p.fact not in SCOPE_FACTS:
            truths[id(p)] = p.evaluate(filled, on)
    truth = pathway.conditions.resolve(truths)
    if held and truth is False and pathway.status_on(on) != OPEN:
        truth = None  # a closed programme's conditions were for applicants; a holder got it
    status = _status(pathway, truth, on)
    deadline = _deadline(pathway, filled, on)
    passed = deadline is not None and deadline.passed is True
    if status == LIKELY and deadline is not None and deadline.passed is not False:
        status = POSSIBLY  # never "likely" past the deadline, or while it cannot be checked
    period = pathway.period_on(on)
    return Outcome(
        pathway,
        status,
        tuple(truths[id(p)] for p in predicates),
        met=truth,
        held=held,
        last_day_to_file=deadline.last_day if deadline else None,
        deadline_passed=passed and status in (LIKELY, POSSIBLY),
        last_day_range=deadline.range if deadline else None,
        deadline_unknown=deadline is not None and deadline.passed is None,
        closes_on=_closes_on(pathway, on) if status in (LIKELY, POSSIBLY) else None,
        unconfirmed=period is not None and not period.confirmed and status != NOT_ELIGIBLE,
    )


def _outcomes(kb: KnowledgeBase, filled: Mapping[str, Any], on: date) -> list[Outcome]:
    outcomes = [o for pathway in kb.pathways if (o := _outcome(pathway, filled, on)) is not None]
    outcomes.sort(key=lambda o: (STATUS_RANK[o.status], o.deadline_passed, o.pathway.id))
    return outcomes


def _speaks_to_holders(outcome: Outcome) -> bool:
    """A programme with words for its holders, open or not, still in play for the person."""
    return bool(outcome.pathway.holders) and outcome.status != NOT_ELIGIBLE


def list_options_among(kb: KnowledgeBase, outcomes: list[Outcome], fact: str) -> list[str]:
    """The values of a list fact that can still change someone's outcome, in catalog order:
    ids named by unknown `includes_any` conditions of programmes still possible, and (for `holds`)
    programmes that have words for their holders."""
    values: list[str] = []
    for outcome in outcomes:
        if outcome.status == POSSIBLY:
            for p, truth in zip(outcome.pathway.predicates, outcome.truths, strict=True):
                if p.fact == fact and truth is None:
                    values += p.value
        if fact == "holds" and _speaks_to_holders(outcome):
            values.append(outcome.pathway.id)
    order = {p.id: i for i, p in enumerate(kb.pathways)}
    order.update({state: len(order) + i for i, state in enumerate(CLAIM_STATES)})
    return sorted(set(values), key=lambda v: order.get(v, len(order)))[:MAX_LIST_OPTIONS]


def _next_question(
    kb: KnowledgeBase, filled: Mapping[str, Any], outcomes: list[Outcome], refine: bool = False
) -> str | None:
    """The most useful unanswered fact; with `refine`, also a date fact known only to a year or a
    month ("2021") whose vagueness is what leaves a condition or a deadline unknown."""
    votes: Counter[str] = Counter()
    # A list question offers what can still matter to the person, known once scope is settled;
    # it is one question however many programmes it settles, so it has one vote and comes after
    # the plain questions that settle more than one.
    lists_ready = all(f in filled for f in ("nationality", "current_country"))
    asks_holds = lists_ready and "holds" in kb.questions and "holds" not in filled
    if asks_holds and any(_speaks_to_holders(o) for o in outcomes):
        votes["holds"] = 1  # what a programme means for someone who holds or held it
    for outcome in outcomes:
        if outcome.status != POSSIBLY:
            continue
        open_facts = outcome.open_facts()
        # An unanswered defaulted fact is settled by asking the fact it defaults from.
        open_facts = {DEFAULTS_FROM.get(f, f) if f not in filled else f for f in open_facts}
        unanswered = {f for f in open_facts if f not in filled or (refine and is_partial(filled[f]))}
        for fact in unanswered:
            if fact not in kb.questions:
                continue
            if fact in LIST_FACTS:
                votes[fact] = 1 if lists_ready else 0
            else:
                votes[fact] += 1
    votes = +votes  # drop list questions not ready yet
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


def list_options(kb: KnowledgeBase, facts: Mapping[str, Any], on: date, fact: str) -> list[str]:
    """The options a list question (`holds`, `children_hold`, `relatives_hold`) offers this person:
    only values that can still change an outcome."""
    if fact not in LIST_FACTS:
        raise ValueError(f"{fact} is not a list fact")
    return list_options_among(kb, _outcomes(kb, _filled(facts), on), fact)


def assess(kb: KnowledgeBase, facts: Mapping[str, Any], on: date) -> tuple[list[Outcome], str | None]:
    """Outcomes and the next question, evaluating the pathways once.

    Unlike `next_question`, the question may be a date fact already present when its value is only a
    year or a month (see `bot.kb.facts.is_partial`) and that leaves a condition or a filing deadline
    unknown: the caller then asks for the month (or the day) rather than the date again."""
    filled = _filled(facts)
    outcomes = _outcomes(kb, filled, on)
    return outcomes, _next_question(kb, filled, outcomes, refine=True)
