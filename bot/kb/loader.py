"""Reads pathways_kb/, validates every file and builds a KnowledgeBase, or says exactly what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from bot.eligibility.conditions import AllOf, AnyOf, Condition, Not, Predicate
from bot.kb import schema
from bot.kb.facts import CANONICAL_FACTS
from bot.kb.model import KnowledgeBase, LegalBasis, Pathway, Question, Source, StatusPeriod
from bot.kb.yaml_lines import line_of, load_with_lines

COUNTRY_CODES = frozenset(
    code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code != "ZZ"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with where it is and what would be valid."""

    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.field or '(file)'}: {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base did not validate; `problems` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _FileChecker:
    """Collects the problems of one file, each located by line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.lines: dict = {}

    def read(self) -> Any:
        try:
            data, self.lines = load_with_lines(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.add((), "file is missing")
            return None
        except UnicodeDecodeError as exc:
            self.add((), f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            reason = getattr(exc, "problem", None) or str(exc)
            self.problems.append(Problem(self.path, line, "", f"invalid YAML: {reason}"))
            return None
        if not isinstance(data, dict):
            self.add((), "expected a mapping of fields (key: value) at the top of the file")
            return None
        return data

    def add(self, path: tuple, message: str) -> None:
        field = ".".join(str(p) for p in path)
        self.problems.append(Problem(self.path, line_of(self.lines, path), field, message))

    def check_schema(self, data: Any, json_schema: dict) -> bool:
        validator = Draft202012Validator(json_schema)
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            detail = best_match(error.context) if error.context else error
            self.add(tuple(detail.absolute_path) or tuple(error.absolute_path), detail.message)
        return not self.problems

    def date(self, value: str | None, path: tuple) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.add(path, f"{value} is not a real date (YYYY-MM-DD)")
            return None


def _condition(node: dict, path: tuple, checker: _FileChecker) -> Condition:
    if "all" in node:
        return AllOf(tuple(_condition(c, (*path, "all", i), checker) for i, c in enumerate(node["all"])))
    if "any" in node:
        return AnyOf(tuple(_condition(c, (*path, "any", i), checker) for i, c in enumerate(node["any"])))
    if "not" in node:
        return Not(_condition(node["not"], (*path, "not"), checker))
    fact = node["fact"]
    op = next(key for key in node if key != "fact")
    value = node[op]
    if fact not in CANONICAL_FACTS:
        checker.add((*path, "fact"), f"unknown fact {fact!r}; known facts: {', '.join(CANONICAL_FACTS)}")
    elif CANONICAL_FACTS[fact] == "country" and op in ("in", "not_in"):
        for i, code in enumerate(value):
            if code not in COUNTRY_CODES:
                checker.add((*path, op, i), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return Predicate(fact, op, tuple(value) if isinstance(value, list) else value)


def _pathway(path: Path) -> tuple[Pathway | None, list[Problem]]:
    checker = _FileChecker(path)
    data = checker.read()
    if data is None or not checker.check_schema(data, schema.PATHWAY):
        return None, checker.problems
    if data["id"] != path.stem:
        checker.add(("id",), f"id {data['id']!r} must match the file name {path.stem!r}")
    if data["country"] not in COUNTRY_CODES:
        checker.add(("country",), f"{data['country']!r} is not an ISO 3166-1 alpha-2 country code")
    history = []
    for i, item in enumerate(data["status"]):
        start = checker.date(item["from"], ("status", i, "from"))
        if start and history and start <= history[-1].start:
            checker.add(("status", i, "from"), "status dates must be in increasing order")
        if start:
            history.append(StatusPeriod(start, item["status"]))
    sources = tuple(
        Source(s["url"], s["title"], checker.date(s["date"], ("sources", i, "date")))
        for i, s in enumerate(data["sources"])
    )
    last_verified = checker.date(data["last_verified"], ("last_verified",))
    conditions = _condition(data["conditions"], ("conditions",), checker)
    if checker.problems:
        return None, checker.problems
    pathway = Pathway(
        id=data["id"],
        country=data["country"],
        kind=data["kind"],
        name=data["name"],
        summary=data["summary"],
        how_to_apply=data["how_to_apply"],
        legal_basis=tuple(
            LegalBasis(b["instrument"], b.get("number"), b.get("year")) for b in data["legal_basis"]
        ),
        sources=sources,
        last_verified=last_verified,
        needs_review=data["needs_review"],
        status_history=tuple(history),
        conditions=conditions,
    )
    return pathway, []


def _questions(path: Path) -> tuple[dict[str, Question], tuple[str, ...], list[Problem]]:
    checker = _FileChecker(path)
    data = checker.read()
    if data is None or not checker.check_schema(data, schema.QUESTIONS):
        return {}, (), checker.problems
    questions = {}
    for fact, spec in data["questions"].items():
        if fact not in CANONICAL_FACTS:
            checker.add(
                ("questions", fact),
                f"unknown fact {fact!r}; known facts: {', '.join(CANONICAL_FACTS)}",
            )
            continue
        if spec["type"] != CANONICAL_FACTS[fact]:
            checker.add(("questions", fact, "type"), f"{fact} is a {CANONICAL_FACTS[fact]} fact")
        options = tuple(spec.get("options", ()))
        if spec["type"] == "country":
            for i, code in enumerate(options):
                if code not in COUNTRY_CODES:
                    checker.add(("questions", fact, "options", i), f"{code!r} is not a country code")
        questions[fact] = Question(fact, spec["type"], spec["prompt"], options)
    for i, fact in enumerate(data["order"]):
        if fact not in data["questions"]:
            checker.add(("order", i), f"{fact!r} has no question definition under `questions`")
    return questions, tuple(data["order"]), checker.problems


def load_knowledge_base(kb_dir: Path) -> KnowledgeBase:
    """Load and validate everything under `kb_dir`; raise KnowledgeBaseError listing every problem."""
    problems: list[Problem] = []
    pathways: list[Pathway] = []
    files = sorted((kb_dir / "pathways").glob("*.yml"))
    if not files:
        problems.append(Problem(kb_dir / "pathways", None, "", "no pathway files (*.yml) found"))
    for path in files:
        pathway, found = _pathway(path)
        problems.extend(found)
        if pathway:
            pathways.append(pathway)
    questions, order, found = _questions(kb_dir / "questions.yml")
    problems.extend(found)
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(tuple(pathways), questions, order)
