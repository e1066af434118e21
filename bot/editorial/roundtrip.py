"""Writing an edited pathway back to its YAML text so that git shows only what the editor changed.

A plain ruamel load and dump is not the identity on our files (it writes `date:` for `date: null`,
rewraps flow lists, reflows long lines), so the original text is never re-dumped as a whole. Instead,
like diff3: R0 is ruamel's dump of the original, R1 its dump after the change. The R0 -> R1 line hunks
are applied to the original through the original <-> R0 line alignment; a hunk that touches lines
ruamel wrote differently grows to the enclosing region, which then takes ruamel's form.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import textwrap
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from bot.kb.yaml_lines import load_strict

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FOLD_WIDTH = 100  # the width folded (`>-`) texts in the KB are wrapped at


class _Representer(RoundTripRepresenter):
    """Writes None as `null` (the KB's spelling) instead of an empty value."""

    def represent_none(self, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_Representer.add_representer(type(None), _Representer.represent_none)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def plain(node: Any) -> Any:
    """ruamel's value as load_strict reads it: plain dicts, lists and strings, dates as ISO strings."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, date):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _is_flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _fold(text: str, indent: int) -> FoldedScalarString:
    """A folded scalar wrapped like the KB's hand-written ones (breaks only at single spaces)."""
    folded = FoldedScalarString(text)
    width = max(FOLD_WIDTH - indent, 40)
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    if " ".join(lines) == text:  # only single spaces: fold positions are exact
        positions, at = [], 0
        for line in lines[:-1]:
            at += len(line)
            positions.append(at)
            at += 1
        folded.fold_pos = positions
    return folded


def _new(value: Any, like: Any = None, depth: int = 0) -> Any:
    """A ruamel node for a new value; `like` is the node it replaces or sits beside (its style is kept)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _new(item, None, depth + 1)
        if _is_flow(like):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        node = CommentedSeq(_new(item, None, depth + 1) for item in value)
        if _is_flow(like) or (value and all(not isinstance(v, (dict, list)) for v in value) and depth >= 3):
            node.fa.set_flow_style()
        return node
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(like, LiteralScalarString):
            return LiteralScalarString(value)
        if isinstance(like, FoldedScalarString) or (len(value) > FOLD_WIDTH and "\n" not in value):
            return _fold(value, 2 * depth + 2)
    return value


def _merge(node: Any, value: Any, depth: int = 0) -> Any:
    """`node` changed in place to hold `value`, keeping every unchanged part (and its style) as it is."""
    if plain(node) == value and type(plain(node)) is type(value):
        return node
    if isinstance(node, CommentedMap) and isinstance(value, dict):
        for key in [k for k in node if k not in value]:
            del node[key]
        keys = list(value)
        for i, key in enumerate(keys):
            if key in node:
                node[key] = _merge(node[key], value[key], depth + 1)
            else:
                before = [k for k in keys[:i] if k in node]
                at = list(node).index(before[-1]) + 1 if before else 0
                node.insert(at, key, _new(value[key], None, depth + 1))
        return node
    if isinstance(node, CommentedSeq) and isinstance(value, list):
        _merge_list(node, value, depth)
        return node
    return _new(value, node, depth)


def _merge_list(node: CommentedSeq, value: list, depth: int) -> None:
    old = [json.dumps(plain(v), sort_keys=True) for v in node]
    new = [json.dumps(v, sort_keys=True) for v in value]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        shared = min(i2 - i1, j2 - j1)
        for k in range(shared):
            node[i1 + k] = _merge(node[i1 + k], value[j1 + k], depth + 1)
        for k in reversed(range(i1 + shared, i2)):
            del node[k]
        neighbour = node[i1] if len(node) > i1 else (node[i1 - 1] if i1 else None)
        for k in range(j1 + shared, j2):
            node.insert(i1 + (k - j1), _new(value[k], neighbour, depth + 1))


def _line_map(a: list[str], b: list[str]) -> dict[int, int]:
    """Line i of `a` -> line of `b` it is aligned with, for lines in equal blocks."""
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[i + k] = j + k
    return mapping


def _regions(r0: list[str], r1: list[str], anchored: dict[int, int]) -> list[tuple[int, int]]:
    """R0 line ranges to replace: every R0 -> R1 hunk, grown until its edges are lines both
    unchanged by the edit and written identically in the original."""
    kept = _line_map(r0, r1)
    hunks = [
        [i1, i2]
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, r0, r1, autojunk=False).get_opcodes()
        if tag != "equal"
    ]

    def solid(line: int) -> bool:
        return line in anchored and line in kept

    regions: list[list[int]] = []
    for start, end in hunks:
        while start > 0 and not solid(start - 1):
            start -= 1
        while end < len(r0) and not solid(end):
            end += 1
        if regions and start <= regions[-1][1]:
            regions[-1][1] = max(end, regions[-1][1])
        else:
            regions.append([start, end])
    return [(start, end) for start, end in regions]


def rewrite(text: str, data: dict) -> str:
    """`text` changed to hold `data` (as load_strict reads it), touching only the lines of what changed."""
    yaml = _yaml()
    document = yaml.load(text)
    r0_text = _dump(yaml, document)
    document = _merge(document, data)
    r1_text = _dump(yaml, document)
    if r0_text == r1_text:
        return text
    original = text.splitlines(keepends=True)
    r0, r1 = r0_text.splitlines(keepends=True), r1_text.splitlines(keepends=True)
    anchored = _line_map(r0, original)
    kept = _line_map(r0, r1)
    result = list(original)
    for start, end in reversed(_regions(r0, r1, anchored)):
        o_start = anchored[start - 1] + 1 if start > 0 else 0
        o_end = anchored[end] if end < len(r0) else len(original)
        n_start = kept[start - 1] + 1 if start > 0 else 0
        n_end = kept[end] if end < len(r0) else len(r1)
        result[o_start:o_end] = r1[n_start:n_end]
    merged = "".join(result)
    if load_strict(merged) != data:  # the alignment misled us: ruamel's whole form is still right
        return r1_text
    return merged
