"""What rendering can refuse, and the shape of a rendered message."""

from __future__ import annotations

from typing import Any

Message = dict[str, Any]


class UnknownResponse(KeyError):
    """The NLG was asked for a response name it does not know."""


class BadArguments(ValueError):
    """The response's arguments are missing or malformed."""
