"""Secrets the processes share: taken from the environment, else generated once into var/secrets/.

- `rest_channel_token` (REST_CHANNEL_TOKEN): what /chat and our tools send to Rasa's REST channel.
- `internal_token` (INTERNAL_TOKEN): what Rasa sends to the action server and to /nlg.
- `pseudonym_key` (PSEUDONYM_KEY): the HMAC key of pseudonymous conversation keys.

Several instances behind a load balancer must share them: set the variables there. On one
machine the first process to need a secret writes it (mode 0600); the others read the same file.
"""

from __future__ import annotations

import hmac
import os
import secrets as random
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

NAMES = ("rest_channel_token", "internal_token", "pseudonym_key")
_cache: dict[tuple[Path, str], str] = {}


def secret(settings: Settings, name: str) -> str:
    """The configured value, or the one stored under var/secrets/ (created on first use)."""
    if name not in NAMES:
        raise KeyError(name)
    configured = getattr(settings, name)
    if configured:
        return configured
    key = (settings.var_dir, name)
    if key not in _cache:
        _cache[key] = _stored(settings.var_dir / "secrets" / name)
    return _cache[key]


def _stored(path: Path) -> str:
    try:
        value = path.read_text().strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(random.token_urlsafe(32))
    try:
        os.link(draft, path)  # atomic, and fails if another process was first: then use theirs
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


def _wire_bytes(text: str) -> bytes | None:
    """The bytes a request sent (Sanic decodes undecodable bytes to lone surrogates); None for a
    lone surrogate that cannot have come from the wire."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return None


def same_secret(given: str, expected: str) -> bool:
    """Whether a secret from a request matches, in constant time: never an error, just False."""
    given_bytes = _wire_bytes(given)
    return bool(expected) and given_bytes is not None and hmac.compare_digest(given_bytes, expected.encode())


def bearer_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header is `Bearer <token>` (the scheme in any case, RFC 7235)."""
    scheme, _, given = (header or "").strip().partition(" ")
    return scheme.lower() == "bearer" and same_secret(given.strip(), token)
