"""YAML test situations beside the KB (pathways_kb/tests/): facts and a date in, expected statuses out.

Like OpenFisca's YAML tests, they are written by hand from the rules, so that an encoding
mistake or an unintended effect of an edit shows up as a changed scenario.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.eligibility.engine import FLAGS, STATUS_RANK, evaluate, next_question
from bot.kb.facts import FactError, normalize_facts
from bot.kb.model import KnowledgeBase
from bot.kb.problems import FileChecker, Problem
from bot.kb.schema import DATE, ID

MISSING = object()

SCENARIOS_SCHEMA = {
    "type": "object",
    "required": ["scenarios"],
    "additionalProperties": False,
    "properties": {
        "scenarios": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "on", "facts", "expect"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "on": DATE,
                    "facts": {"type": "object"},
                    "expect": {
                        "type": "object",
                        "propertyNames": ID,
                        "additionalProperties": {"enum": list(STATUS_RANK)},
                    },
                    "absent": {"type": "array", "items": ID},
                    "next_question": {"oneOf": [{"type": "string"}, {"type": "null"}]},
                    # exactly the flags each listed pathway must carry ([] for none)
                    "flags": {
                        "type": "object",
                        "propertyNames": ID,
                        "additionalProperties": {
                            "type": "array",
                            "items": {"enum": list(FLAGS)},
                            "uniqueItems": True,
                        },
                    },
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Scenario:
    file: Path
    line: int | None
    name: str
    on: date
    facts: dict[str, Any]
    expect: dict[str, str]
    absent: tuple[str, ...] = ()
    next_question: Any = MISSING
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.file.name}::{self.name}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else str(self.file)

    def mentions(self, pathway_id: str) -> bool:
        """Whether it expects something of the pathway: a status, its absence or a flag."""
        return pathway_id in self.expect or pathway_id in self.absent or pathway_id in self.flags


@dataclass
class Result:
    scenario: Scenario
    statuses: dict[str, str]
    next_question: str | None
    differences: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.differences


def load_scenarios(tests_dir: Path, kb: KnowledgeBase) -> tuple[list[Scenario], list[Problem]]:
    known = {p.id for p in kb.pathways}
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    for path in sorted(tests_dir.glob("*.yml")):
        checker = FileChecker(path)
        data = checker.read()
        if data is None or not checker.check_schema(data, SCENARIOS_SCHEMA):
            problems.extend(checker.problems)
            continue
        names = set()
        for i, item in enumerate(data["scenarios"]):
            where = ("scenarios", i)
            if item["name"] in names:
                checker.add((*where, "name"), f"duplicate scenario name {item['name']!r}")
            names.add(item["name"])
            for pathway_id in [*item["expect"], *item.get("absent", []), *item.get("flags", {})]:
                if pathway_id not in known:
                    checker.add(where, f"unknown pathway {pathway_id!r}")
            try:
                normalize_facts(item["facts"])
            except FactError as exc:
                checker.add((*where, "facts"), str(exc))
                continue
            on = checker.date(item["on"], (*where, "on"))
            if on is None:
                continue
            scenarios.append(
                Scenario(
                    file=path,
                    line=checker.lines.get(where),
                    name=item["name"],
                    on=on,
                    facts=item["facts"],
                    expect=item["expect"],
                    absent=tuple(item.get("absent", ())),
                    next_question=item.get("next_question", MISSING),
                    flags={k: tuple(v) for k, v in item.get("flags", {}).items()},
                )
            )
        problems.extend(checker.problems)
    return scenarios, problems


_READ: list[tuple[KnowledgeBase, Path, tuple[Scenario, ...]]] = []  # the last few KBs' scenarios
_READ_KEPT = 4  # the served KB, and the draft one or two pages are looking at


def scenarios_of(tests_dir: Path, kb: KnowledgeBase) -> tuple[Scenario, ...]:
    """The test situations of `tests_dir` read against `kb`, read once per KB object (the store hands
    out a new one on reload; a KB holds dicts, so it is matched by identity rather than hashed).
    Problems are left to `pathways test`."""
    for known, folder, found in _READ:
        if known is kb and folder == tests_dir:
            return found
    scenarios, _problems = load_scenarios(tests_dir, kb)
    _READ.insert(0, (kb, tests_dir, tuple(scenarios)))
    del _READ[_READ_KEPT:]
    return _READ[0][2]


def run_scenario(kb: KnowledgeBase, scenario: Scenario) -> Result:
    outcomes = {o.pathway.id: o for o in evaluate(kb, scenario.facts, scenario.on)}
    statuses = {pathway_id: o.status for pathway_id, o in outcomes.items()}
    asked = next_question(kb, scenario.facts, scenario.on)
    result = Result(scenario, statuses, asked)
    for pathway_id, expected_flags in scenario.flags.items():
        got_flags = outcomes[pathway_id].flags if pathway_id in outcomes else ()
        if set(got_flags) != set(expected_flags):
            shown = ", ".join(got_flags) or "none"
            result.differences.append(
                f"{pathway_id}: expected flags {', '.join(expected_flags) or 'none'}, got {shown}"
            )
    for pathway_id, expected in scenario.expect.items():
        got = statuses.get(pathway_id, "not reported")
        if got != expected:
            result.differences.append(f"{pathway_id}: expected {expected}, got {got}")
    for pathway_id in scenario.absent:
        if pathway_id in statuses:
            result.differences.append(f"{pathway_id}: expected absent, got {statuses[pathway_id]}")
    if scenario.next_question is not MISSING and asked != scenario.next_question:
        result.differences.append(f"next question: expected {scenario.next_question}, got {asked}")
    return result


def snapshot(results: list[Result]) -> dict[str, Any]:
    return {r.scenario.key: {"statuses": r.statuses, "next_question": r.next_question} for r in results}


def changed_since(previous: dict[str, Any], results: list[Result]) -> list[str]:
    """Scenarios whose full outcome differs from the previous run's snapshot, described per pathway."""
    lines = []
    for key, now in snapshot(results).items():
        before = previous.get(key)
        if before is None or before == now:
            continue
        old, new = before["statuses"], now["statuses"]
        for pathway_id in sorted(set(old) | set(new)):
            if old.get(pathway_id) != new.get(pathway_id):
                was, became = old.get(pathway_id, "not reported"), new.get(pathway_id, "not reported")
                lines.append(f"{key}: {pathway_id} {was} -> {became}")
        if before["next_question"] != now["next_question"]:
            lines.append(f"{key}: next question {before['next_question']} -> {now['next_question']}")
    return lines


def read_snapshot(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
