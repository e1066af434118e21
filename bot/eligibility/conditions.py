"""Condition trees (all / any / not over fact predicates) evaluated in three-valued logic.

A fact missing from the facts means "not asked yet"; a fact present as None means
"asked, the person does not know". Both make a predicate unknown (None).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Truth = bool | None  # True, False, or None for unknown


@dataclass(frozen=True)
class Predicate:
    """One test on one fact, e.g. `nationality in [VE, GY, SR]`."""

    fact: str
    op: str  # "in", "not_in", "is"
    value: Any

    def evaluate(self, facts: Mapping[str, Any]) -> Truth:
        actual = facts.get(self.fact)
        if actual is None:
            return None
        if self.op == "in":
            return actual in self.value
        if self.op == "not_in":
            return actual not in self.value
        if self.op == "is":
            return actual is self.value
        raise ValueError(f"unknown operator {self.op!r}")

    def predicates(self) -> Iterator[Predicate]:
        yield self

    def describe(self) -> str:
        value = ", ".join(self.value) if isinstance(self.value, (list, tuple)) else self.value
        return f"{self.fact} {self.op.replace('_', ' ')} {value}"


@dataclass(frozen=True)
class AllOf:
    children: tuple[Condition, ...]

    def evaluate(self, facts: Mapping[str, Any]) -> Truth:
        results = [child.evaluate(facts) for child in self.children]
        if any(r is False for r in results):
            return False
        return True if all(r is True for r in results) else None

    def predicates(self) -> Iterator[Predicate]:
        for child in self.children:
            yield from child.predicates()


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Condition, ...]

    def evaluate(self, facts: Mapping[str, Any]) -> Truth:
        results = [child.evaluate(facts) for child in self.children]
        if any(r is True for r in results):
            return True
        return False if all(r is False for r in results) else None

    def predicates(self) -> Iterator[Predicate]:
        for child in self.children:
            yield from child.predicates()


@dataclass(frozen=True)
class Not:
    child: Condition

    def evaluate(self, facts: Mapping[str, Any]) -> Truth:
        result = self.child.evaluate(facts)
        return None if result is None else not result

    def predicates(self) -> Iterator[Predicate]:
        yield from self.child.predicates()


Condition = Predicate | AllOf | AnyOf | Not
