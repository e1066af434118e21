"""Splitting long text under a channel's limit: at sentence ends where possible, never mid-word."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"((?<=[.!?…])[ \t]*\n+\s*|\n+\s*|(?<=[.!?…])\s+)")


def _pieces(text: str, limit: int) -> list[tuple[str, str]]:
    """Sentences (or lines), each cut further at spaces if it alone exceeds the limit, with what
    joins each to the one before: a line break where the text had one (a numbered option, a list
    item), a space otherwise."""
    pieces: list[tuple[str, str]] = []
    chunks = _SENTENCE_END.split(text)
    joiner = " "
    for index, chunk in enumerate(chunks):
        if index % 2:  # a separator
            joiner = "\n" if "\n" in chunk else " "
            continue
        sentence = chunk.strip()
        if not sentence:
            continue
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit + 1)
            if cut <= 0:  # one word longer than the limit (a URL): no choice but to cut it
                cut = limit
            pieces.append((sentence[:cut].rstrip(), joiner))
            sentence, joiner = sentence[cut:].lstrip(), " "
        pieces.append((sentence, joiner))
        joiner = " "
    return pieces


def split_text(text: str, limit: int) -> list[str]:
    """Parts of `text`, each at most `limit` characters, joined back at sentence boundaries.
    Paragraph breaks are kept inside a part where they fit."""
    if limit < 1:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [text] if text.strip() else []
    parts: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        for index, (piece, within) in enumerate(_pieces(paragraph, limit)):
            joiner = "\n\n" if index == 0 else within
            candidate = f"{current}{joiner}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts
