"""Problems found in knowledge-base files, each with its file, line and field, and a per-file checker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from bot.kb.yaml_lines import line_of, load_with_lines


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


class FileChecker:
    """Reads one YAML file and collects its problems (errors) and warnings, each located by line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
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

    def _problem(self, path: tuple, message: str) -> Problem:
        field = ".".join(str(p) for p in path)
        return Problem(self.path, line_of(self.lines, path), field, message)

    def add(self, path: tuple, message: str) -> None:
        self.problems.append(self._problem(path, message))

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(self._problem(path, message))

    def check_schema(self, data: Any, json_schema: dict) -> bool:
        validator = Draft202012Validator(json_schema)
        for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
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
