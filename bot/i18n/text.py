"""Text normalization shared by every reader of free text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=512)
def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: "¡Perú!" -> "peru".

    Cached: every reader of a message (danger, commands, places, dates, answers) starts from the
    same normalised text, which is then worked out once per message."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", stripped.casefold(), flags=re.UNICODE)
    return " ".join(words.replace("_", " ").split())


def normalized(words: Iterable[str]) -> frozenset[str]:
    """A fixed word list in normalized form, for building module constants once."""
    return frozenset(normalize(w) for w in words)


def contains_phrase(text_words: str, phrases: frozenset[str]) -> bool:
    """Whether normalized text contains one of the normalized phrases as whole words."""
    padded = f" {text_words} "
    return any(f" {p} " in padded for p in phrases)
