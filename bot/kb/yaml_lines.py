"""YAML reading that remembers the line of every value, so errors can name it.

Dates stay strings here: the loader parses them itself and can then say which date is impossible.
"""

from __future__ import annotations

from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class _StringDatesLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver: 2024-02-30 stays a string we can check."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_with_lines(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML text; return the data and a map from each value's path to its 1-based line."""
    loader = _StringDatesLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[Path_, int] = {}
        _index(node, (), lines)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _index(value, (*path, key.value), lines)
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), lines)


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
