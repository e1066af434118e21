"""Why a pathway got its status, condition by condition, as lines of text for editors and staff."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.eligibility.conditions import AllOf, AnyOf, Condition, Not, Predicate
from bot.eligibility.engine import Outcome
from bot.kb.facts import normalize_facts, with_defaults
from bot.kb.model import Pathway

MARK = {True: "✓", False: "✗", None: "?"}


def _tree(
    condition: Condition, facts: dict[str, Any], on: date, default_source: str, depth: int
) -> list[str]:
    pad = "  " * depth
    truth = condition.evaluate(facts, on)
    if isinstance(condition, Predicate):
        value = facts.get(condition.fact, "not asked") if condition.fact in facts else "not asked"
        shown = "does not know" if value is None else value
        source = condition.source or default_source
        return [f"{pad}{MARK[truth]} {condition.describe()}  (answer: {shown}; source: {source})"]
    if isinstance(condition, Not):
        return [f"{pad}{MARK[truth]} not:"] + _tree(condition.child, facts, on, default_source, depth + 1)
    label = "all of:" if isinstance(condition, AllOf) else "any of:"
    assert isinstance(condition, (AllOf, AnyOf))
    lines = [f"{pad}{MARK[truth]} {label}"]
    for child in condition.children:
        lines += _tree(child, facts, on, default_source, depth + 1)
    return lines


def explain(
    outcome: Outcome | None, pathway: Pathway, facts: dict[str, Any], on: date, language: str = "en"
) -> list[str]:
    """Lines explaining `pathway` for these facts; `outcome` is None when it is not relevant to the person."""
    filled = with_defaults(normalize_facts(facts))
    status_now = pathway.status_on(on) or "not yet in force"
    since = pathway.status_since(on)
    lines = [
        f"{pathway.id} — {pathway.name.get(language) or pathway.name['en']} [{pathway.country}]",
        f"Result on {on.isoformat()}: "
        + (outcome.status if outcome else "not relevant (nationality or country rule it out)"),
        f"Programme status on {on.isoformat()}: {status_now}"
        + (f" since {since.isoformat()}" if since else ""),
        "Conditions (✓ holds, ✗ fails, ? unknown):",
    ]
    lines += _tree(pathway.conditions, filled, on, pathway.primary_source.url, 1)
    lines.append("Legal basis: " + "; ".join(b.cite() for b in pathway.legal_basis))
    lines.append("Sources:")
    for source in pathway.sources:
        when = source.date.isoformat() if source.date else "n.d."
        lines.append(f"  - {source.title} ({when}): {source.url}")
    age = (on - pathway.last_verified).days
    lines.append(f"Last verified: {pathway.last_verified.isoformat()} ({age} days before {on.isoformat()})")
    if pathway.needs_review:
        lines.append(f"Needs review: {pathway.needs_review}")
    return lines
