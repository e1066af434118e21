"""Booking codes: short, random, and hard to misread when read aloud, typed on a phone or handwritten.

The alphabet leaves out 0/O and 1/I/L, which people confuse. Six characters of 31 give about 887
million codes: enough that a code cannot be guessed among a city's bookings, short enough to
dictate to a desk clerk. Codes come from `secrets`, since a code is what lets someone cancel.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_SEPARATORS = re.compile(r"[\s\-_.·/]+")


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: upper case, without spaces, dashes or dots ("ab-c2 3d" -> "ABC23D")."""
    return _SEPARATORS.sub("", typed.strip()).upper()


def looks_like_code(typed: str) -> bool:
    """Whether the normalised text could be a code (to tell a code from other words in a message)."""
    code = normalise_code(typed)
    return len(code) == CODE_LENGTH and all(character in ALPHABET for character in code)
