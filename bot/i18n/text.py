"""Text normalization shared by every reader of free text."""

from __future__ import annotations

import re
import unicodedata


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: "¡Perú!" -> "peru"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", stripped.casefold(), flags=re.UNICODE)
    return " ".join(words.replace("_", " ").split())
