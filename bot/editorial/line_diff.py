"""A readable line diff, as editors read one: removed and added lines with a little unchanged
context, numbered as in the old and the new text. Drafts and versions show a KB file's change with
it, the source watch a source page's. Escaping is the template's job."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    """kind is "removed", "added", "same" or "gap" (unchanged lines left out)."""

    kind: str
    old: int | None
    new: int | None
    text: str


def line_diff(before: str, after: str, context: int = 2) -> list[DiffLine]:
    old, new = before.splitlines(), after.splitlines()
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if out:
            out.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [DiffLine("same", i + 1, j1 + i - i1 + 1, old[i]) for i in range(i1, i2)]
                continue
            out += [DiffLine("removed", i + 1, None, old[i]) for i in range(i1, i2)]
            out += [DiffLine("added", None, j + 1, new[j]) for j in range(j1, j2)]
    return out
