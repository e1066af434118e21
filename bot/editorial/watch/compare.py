"""What counts as a change of a source, and how an editor sees it: the lines removed and added."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# A change row keeps at most this much of each side: enough to read what changed, not a mirror of the site.
MAX_STORED_CHARS = 20_000
CONTEXT_LINES = 1  # unchanged lines shown around each change, to place it on the page
MAX_DIFF_LINES = 400


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "removed", "added", "same" or "gap" (unchanged lines left out)
    text: str


def is_change(before_digest: str | None, after_digest: str) -> bool:
    """A change only against an earlier good fetch: the first fetch of a URL is its baseline."""
    return before_digest is not None and before_digest != after_digest


def clip(text: str) -> str:
    return text if len(text) <= MAX_STORED_CHARS else text[:MAX_STORED_CHARS] + "\n…"


def diff(before: str, after: str) -> list[DiffLine]:
    """The removed and added lines with a little context; escaping is the template's job."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    lines: list[DiffLine] = []
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [DiffLine("same", t) for t in matcher.a[a1:a2]]
                continue
            lines += [DiffLine("removed", t) for t in matcher.a[a1:a2]]
            lines += [DiffLine("added", t) for t in matcher.b[b1:b2]]
    return lines[:MAX_DIFF_LINES]
