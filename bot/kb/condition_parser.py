"""Builds condition trees from YAML, checking operators against fact types and finding contradictions.

A contradiction is an `all` group whose predicates on one fact cannot hold together
(nationality in [VE] and in [CO]; entry before 2020 and after 2021): such a branch can never
be met, which is almost always an editing mistake.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from bot.eligibility.conditions import (
    AGE_OPS,
    DATE_OPS,
    LIST_OPS,
    OPERATORS,
    SET_OPS,
    AllOf,
    AnyOf,
    Condition,
    Not,
    Predicate,
)
from bot.kb.facts import CANONICAL_FACTS
from bot.kb.problems import FileChecker

OPS_FOR_TYPE = {"country": SET_OPS, "boolean": ("is",), "date": DATE_OPS, "list": LIST_OPS, "region": SET_OPS}
COMBINATORS = ("all", "any", "not")


def parse_condition(node: dict, path: tuple, checker: FileChecker, countries: frozenset[str]) -> Condition:
    keys = [k for k in node if k in COMBINATORS]
    if keys:
        extra = sorted(set(node) - {keys[0]})
        if len(keys) > 1 or extra:
            checker.add(path, f"a group has exactly one of all/any/not, found {', '.join(sorted(node))}")
        key = keys[0]
        if key == "not":
            return Not(parse_condition(node["not"], (*path, "not"), checker, countries))
        children = tuple(
            parse_condition(child, (*path, key, i), checker, countries) for i, child in enumerate(node[key])
        )
        if key == "all":
            _check_contradictions(children, path, checker)
            return AllOf(children)
        return AnyOf(children)
    return _predicate(node, path, checker, countries)


def _predicate(node: dict, path: tuple, checker: FileChecker, countries: frozenset[str]) -> Predicate:
    fact = node.get("fact")
    ops = [k for k in node if k in OPERATORS]
    if fact is None or len(ops) != 1:
        checker.add(path, "a condition is `fact` plus exactly one operator (" + ", ".join(OPERATORS) + ")")
        return Predicate(str(fact), "in", ())
    op = ops[0]
    value: Any = node[op]
    kind = CANONICAL_FACTS.get(fact)
    if kind is None:
        checker.add((*path, "fact"), f"unknown fact {fact!r}; known facts: {', '.join(CANONICAL_FACTS)}")
    elif op in AGE_OPS:
        if fact != "birth_date":
            checker.add((*path, op), f"{op} applies to birth_date, not {fact}")
    elif op not in OPS_FOR_TYPE[kind]:
        valid = ", ".join(OPS_FOR_TYPE[kind]) + (", " + ", ".join(AGE_OPS) if fact == "birth_date" else "")
        checker.add((*path, op), f"{op} does not apply to {fact} (a {kind}); use one of {valid}")
    if op in LIST_OPS:
        value = tuple(value)  # ids are checked against the catalog once every pathway is read
    elif op in SET_OPS and kind == "region":
        value = tuple(value)
    elif op in SET_OPS:
        for i, code in enumerate(value):
            if code not in countries:
                checker.add((*path, op, i), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
        value = tuple(value)
    elif op == "between":
        value = tuple(checker.date(v, (*path, op, i)) for i, v in enumerate(value))
        if None not in value and value[0] > value[1]:
            checker.add((*path, op), f"between {value[0]} and {value[1]}: the first date must come first")
    elif op in DATE_OPS:
        value = checker.date(value, (*path, op))
    elif op == "age_between":
        value = tuple(value)
        if value[0] > value[1]:
            checker.add((*path, op), f"age_between {value[0]} and {value[1]}: the lower age must come first")
    return Predicate(fact, op, value, node.get("source"))


def _bounds(predicate: Predicate) -> tuple[Any, Any]:
    """The inclusive [low, high] a date or age predicate allows (None = unbounded or unparsed)."""
    op, value = predicate.op, predicate.value
    if op in ("between", "age_between"):
        return tuple(value)
    if value is None:  # an impossible date, already reported
        return None, None
    step = timedelta(days=1) if op in DATE_OPS else 1
    if op in ("before", "age_under"):
        return None, value - step
    if op == "on_or_before":
        return None, value
    if op == "after":
        return value + step, None
    return value, None  # on_or_after, age_at_least


def _contradiction(fact: str, predicates: list[Predicate]) -> str | None:
    allowed = None
    excluded: set[str] = set()
    truths = set()
    low: dict[str, Any] = {}
    high: dict[str, Any] = {}
    for p in predicates:
        if p.op == "in":
            allowed = set(p.value) if allowed is None else allowed & set(p.value)
        elif p.op == "not_in":
            excluded |= set(p.value)
        elif p.op == "is":
            truths.add(p.value)
        elif p.op in LIST_OPS:
            continue  # holding one thing never rules out holding another
        else:
            scale = "age" if p.op in AGE_OPS else "date"
            lo, hi = _bounds(p)
            if lo is not None and (low.get(scale) is None or lo > low[scale]):
                low[scale] = lo
            if hi is not None and (high.get(scale) is None or hi < high[scale]):
                high[scale] = hi
    if allowed is not None and not (allowed - excluded):
        return f"no value of {fact} satisfies every `in`/`not_in` in this group"
    if len(truths) > 1:
        return f"{fact} is required to be both true and false"
    for scale in low:
        if scale in high and low[scale] > high[scale]:
            shown = low[scale].isoformat() if isinstance(low[scale], date) else low[scale]
            return f"{fact} would have to be at least {shown} and at most {high[scale]}: impossible"
    return None


def _check_contradictions(children: tuple[Condition, ...], path: tuple, checker: FileChecker) -> None:
    by_fact: dict[str, list[Predicate]] = defaultdict(list)
    stack = list(children)
    while stack:
        child = stack.pop()
        if isinstance(child, Predicate):
            by_fact[child.fact].append(child)
        elif isinstance(child, AllOf):
            stack.extend(child.children)
    for fact, predicates in by_fact.items():
        if len(predicates) > 1 and (reason := _contradiction(fact, predicates)):
            checker.add(path, f"contradictory conditions, this group can never be met: {reason}")
