"""What an edit would do before it is published: which scenarios change outcome, and what example
people would read in each language.

The scenario diff is `pathways test`'s own machinery (bot/kb/scenarios.py) run on both KBs; the
texts come from the conversation's results and "why" renderers, so editors preview exactly what
people will be told (no text of its own here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.conversation import replies
from bot.eligibility.conditions import AllOf, AnyOf, Condition, Not, Predicate
from bot.eligibility.engine import evaluate
from bot.kb.facts import CANONICAL_FACTS
from bot.kb.model import KnowledgeBase
from bot.kb.scenarios import run_scenario, scenarios_of
from bot.nlg.responses import Renderer
from bot.settings import ALL_LANGUAGES, Settings

NOT_REPORTED = "not reported"


@dataclass(frozen=True)
class Change:
    """A scenario whose outcome for one pathway differs between the KB before and after the edit."""

    key: str
    name: str
    pathway_id: str
    before: str
    after: str


@dataclass(frozen=True)
class Example:
    """One person (a scenario's, or one built from the conditions) and what they would be told."""

    name: str
    facts: dict[str, Any]
    status: str
    results: dict[str, str]  # language -> the results message
    why: dict[str, str]  # language -> the "why" explanation


def scenario_changes(tests_dir: Path, kb_before: KnowledgeBase, kb_after: KnowledgeBase) -> list[Change]:
    """Each (scenario, pathway) whose status differs, as `pathways test` would show it."""
    before, after = scenarios_of(tests_dir, kb_before), scenarios_of(tests_dir, kb_after)
    old = {s.key: run_scenario(kb_before, s).statuses for s in before}
    changes = []
    for scenario in after:
        was = old.get(scenario.key)
        if was is None:
            continue
        now = run_scenario(kb_after, scenario).statuses
        for pathway_id in sorted(set(was) | set(now)):
            if was.get(pathway_id) != now.get(pathway_id):
                changes.append(
                    Change(
                        scenario.key,
                        scenario.name,
                        pathway_id,
                        was.get(pathway_id, NOT_REPORTED),
                        now.get(pathway_id, NOT_REPORTED),
                    )
                )
    return changes


def _predicates(condition: Condition, negated: bool = False) -> list[tuple[Predicate, bool]]:
    if isinstance(condition, Predicate):
        return [(condition, negated)]
    if isinstance(condition, Not):
        return _predicates(condition.child, not negated)
    assert isinstance(condition, (AllOf, AnyOf))
    children = condition.children if isinstance(condition, AllOf) else condition.children[:1]
    return [p for child in children for p in _predicates(child, negated)]


def _value_for(predicate: Predicate, negated: bool, on: date) -> Any:
    """A fact value meeting the predicate (or failing it when under a `not`); None when unsure."""
    op, value = predicate.op, predicate.value
    if op == "is":
        return value != negated
    if op in ("in", "includes_any") and not negated:
        return value[0] if op == "in" else [value[0]]
    if op == "not_in" and negated:
        return value[0]
    if op in ("before", "on_or_before", "after", "on_or_after", "between") and not negated:
        day = value[0] if op == "between" else value
        if op == "before":
            day = date.fromordinal(day.toordinal() - 1)
        elif op == "after":
            day = date.fromordinal(day.toordinal() + 1)
        return day.isoformat()
    if op in ("age_at_least", "age_between") and not negated:
        years = value[0] if op == "age_between" else value
        return date(on.year - years - 1, 1, 1).isoformat()
    return None


def synthetic_facts(kb: KnowledgeBase, pathway_id: str, on: date) -> dict[str, Any]:
    """Facts of a person who meets the pathway's conditions as simply as possible (first branch of
    each `any`), with the pathway's country as where they are."""
    pathway = kb.pathway(pathway_id)
    facts: dict[str, Any] = {"current_country": pathway.country}
    for predicate, negated in _predicates(pathway.conditions):
        if (
            predicate.fact not in CANONICAL_FACTS
            or predicate.fact in facts
            and predicate.fact != "current_country"
        ):
            continue
        value = _value_for(predicate, negated, on)
        if value is not None:
            facts[predicate.fact] = value
    if "nationality" not in facts:
        facts["nationality"] = "VE"
    return facts


def examples(
    kb: KnowledgeBase, pathway_id: str, on: date, settings: Settings, tests_dir: Path | None = None
) -> list[Example]:
    """The results and "why" messages in es, pt, en, fr, ht for the scenarios that mention the pathway
    (each on its own date), or for one person built from its conditions on `on` when none does."""
    people: list[tuple[str, dict[str, Any], date]] = []
    if tests_dir is not None:
        mentioning = [s for s in scenarios_of(tests_dir, kb) if s.mentions(pathway_id)]
        people = [(s.key, dict(s.facts), s.on) for s in mentioning]
    if not people:
        people = [(f"{pathway_id}: example", synthetic_facts(kb, pathway_id, on), on)]
    renderer = Renderer(kb, settings)
    out = []
    for name, facts, day in people:
        outcomes = evaluate(kb, facts, day)
        status = next((o.status for o in outcomes if o.pathway.id == pathway_id), NOT_REPORTED)
        arguments = {
            "results": [{"pathway": o.pathway.id, "status": o.status} for o in outcomes],
            "on": day.isoformat(),
            "country": facts.get("current_country"),
            "facts": facts,
        }
        why_arguments = {
            **arguments,
            "results": [r for r in arguments["results"] if r["pathway"] == pathway_id],
        }
        out.append(
            Example(
                name,
                facts,
                status,
                {lang: renderer.render(replies.RESULTS, lang, arguments)["text"] for lang in ALL_LANGUAGES},
                {lang: renderer.render(replies.WHY, lang, why_arguments)["text"] for lang in ALL_LANGUAGES},
            )
        )
    return out
