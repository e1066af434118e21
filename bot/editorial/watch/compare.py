"""What counts as a change of a source, and how an editor sees it: the lines removed and added."""

from __future__ import annotations

from bot.editorial.line_diff import DiffLine, line_diff

# A change row keeps at most this much of each side: enough to read what changed, not a mirror of the site.
MAX_STORED_CHARS = 20_000
CONTEXT_LINES = 1  # unchanged lines shown around each change, to place it on the page
MAX_DIFF_LINES = 400


def is_change(before_digest: str | None, after_digest: str) -> bool:
    """A change only against an earlier good fetch: the first fetch of a URL is its baseline."""
    return before_digest is not None and before_digest != after_digest


def clip(text: str) -> str:
    return text if len(text) <= MAX_STORED_CHARS else text[:MAX_STORED_CHARS] + "\n…"


def diff(before: str, after: str) -> list[DiffLine]:
    """The removed and added lines with a little context, bounded."""
    return line_diff(before, after, CONTEXT_LINES)[:MAX_DIFF_LINES]
