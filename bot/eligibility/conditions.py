"""Condition trees (all / any / not over fact predicates) evaluated in three-valued logic.

A fact missing from the facts means "not asked yet"; a fact present as None means
"asked, the person does not know". Both make a predicate unknown (None). Ages are computed
from `birth_date` on the evaluation date.

A date fact may be known only to a year or a month (a `DateSpan`, or an age read as the span of
birthdays that gives it): a test on it is true or false only when every day of the span agrees, and
unknown otherwise, so "2019" is before 2021-01-31 but "2021" is not known to be.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # bot.kb imports this module to check conditions
    from bot.kb.facts import DateSpan

Truth = bool | None  # True, False, or None for unknown

SET_OPS = ("in", "not_in")
DATE_OPS = ("before", "on_or_before", "after", "on_or_after", "between")
AGE_OPS = ("age_at_least", "age_under", "age_between")
LIST_OPS = ("includes_any",)
OPERATORS = (*SET_OPS, "is", *DATE_OPS, *AGE_OPS, *LIST_OPS)


def age_on(birth: date, on: date) -> int:
    """Completed years on `on`; someone born on 29 February turns a year older on 1 March."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _bounds(actual: date | DateSpan) -> tuple[date, date]:
    return (actual, actual) if isinstance(actual, date) else (actual.first, actual.last)


def _within(low: Any, high: Any, bounds: tuple[Any, Any]) -> Truth:
    """Whether every value from `low` to `high` lies within `bounds` (True), none does (False), or some."""
    if bounds[0] <= low and high <= bounds[1]:
        return True
    if high < bounds[0] or low > bounds[1]:
        return False
    return None


def _compare(op: str, low: Any, high: Any, value: Any) -> Truth:
    """A comparison that holds for all of `low`..`high` (True), for none (False), or for some (None)."""
    if op in ("between", "age_between"):
        return _within(low, high, value)
    test = {
        "before": lambda x: x < value,
        "on_or_before": lambda x: x <= value,
        "after": lambda x: x > value,
        "on_or_after": lambda x: x >= value,
        "age_at_least": lambda x: x >= value,
        "age_under": lambda x: x < value,
    }.get(op)
    if test is None:
        raise ValueError(f"unknown operator {op!r}")
    at_low, at_high = test(low), test(high)  # each test is monotone, so the ends decide
    return at_low if at_low == at_high else None


@dataclass(frozen=True)
class Predicate:
    """One test on one fact, e.g. `nationality in [VE, GY, SR]`, `entry_date before 2024-12-04`,
    `holds includes_any [pe_cpp, pe_ptp]`."""

    fact: str
    op: str
    value: Any
    source: str | None = None  # a URL, when this condition has a source of its own

    def evaluate(self, facts: Mapping[str, Any], on: date) -> Truth:
        actual = facts.get(self.fact)
        if actual is None:
            return None
        op, value = self.op, self.value
        if op == "in":
            return actual in value
        if op == "not_in":
            return actual not in value
        if op == "is":
            return actual is value
        if op == "includes_any":  # a list fact (what the person holds) names one of the values
            return any(v in actual for v in value)
        if op not in DATE_OPS and op not in AGE_OPS:
            raise ValueError(f"unknown operator {op!r}")
        first, last = _bounds(actual)
        if op in AGE_OPS:  # the youngest the person can be is born on the span's last day
            return _compare(op, age_on(last, on), age_on(first, on), value)
        return _compare(op, first, last, value)

    def predicates(self) -> Iterator[Predicate]:
        yield self

    def resolve(self, truths: Mapping[int, Truth]) -> Truth:
        """This predicate's truth, looked up in `truths` (keyed by id) instead of re-evaluated."""
        return truths[id(self)]

    def describe(self) -> str:
        value = self.value
        if self.op in ("between", "age_between"):
            shown = f"{value[0]} and {value[1]}"
        elif isinstance(value, (list, tuple)):
            shown = ", ".join(str(v) for v in value)
        else:
            shown = str(value).lower() if isinstance(value, bool) else str(value)
        if self.op in AGE_OPS:
            return f"age {self.op.removeprefix('age_').replace('_', ' ')} {shown}"
        return f"{self.fact} {self.op.replace('_', ' ')} {shown}"


def _all(results: list[Truth]) -> Truth:
    if False in results:
        return False
    return None if None in results else True


def _any(results: list[Truth]) -> Truth:
    if True in results:
        return True
    return None if None in results else False


@dataclass(frozen=True)
class AllOf:
    children: tuple[Condition, ...]

    def evaluate(self, facts: Mapping[str, Any], on: date) -> Truth:
        return _all([child.evaluate(facts, on) for child in self.children])

    def resolve(self, truths: Mapping[int, Truth]) -> Truth:
        return _all([child.resolve(truths) for child in self.children])

    def predicates(self) -> Iterator[Predicate]:
        for child in self.children:
            yield from child.predicates()


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Condition, ...]

    def evaluate(self, facts: Mapping[str, Any], on: date) -> Truth:
        return _any([child.evaluate(facts, on) for child in self.children])

    def resolve(self, truths: Mapping[int, Truth]) -> Truth:
        return _any([child.resolve(truths) for child in self.children])

    def predicates(self) -> Iterator[Predicate]:
        for child in self.children:
            yield from child.predicates()


@dataclass(frozen=True)
class Not:
    child: Condition

    def evaluate(self, facts: Mapping[str, Any], on: date) -> Truth:
        result = self.child.evaluate(facts, on)
        return None if result is None else not result

    def resolve(self, truths: Mapping[int, Truth]) -> Truth:
        result = self.child.resolve(truths)
        return None if result is None else not result

    def predicates(self) -> Iterator[Predicate]:
        yield from self.child.predicates()


Condition = Predicate | AllOf | AnyOf | Not
