"""CSRF protection: every session has its own random token that each state-changing request must
carry back (form field `csrf_token` or header `X-CSRF-Token`). SameSite=Strict cookies already stop
most cross-site posts; the token also covers browsers and proxies that do not honour SameSite."""

from __future__ import annotations

import hmac
import secrets

from sanic import Request

FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def submitted_token(request: Request) -> str | None:
    header = request.headers.get(HEADER)
    if header:
        return header
    if request.content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        try:
            return request.form.get(FIELD)
        except Exception:  # a malformed body is no token; Sanic raises several kinds
            return None
    return None


def request_is_valid(request: Request, expected: str) -> bool:
    """Safe methods always pass; anything else needs the session's token."""
    if request.method in SAFE_METHODS:
        return True
    given = submitted_token(request)
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())
