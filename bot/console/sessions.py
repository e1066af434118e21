"""Server-side console sessions. The browser holds a random 32-byte token in the `console_session`
cookie; the database holds only its SHA-256, so a leaked table opens no session. A session ends
after CONSOLE_IDLE_MINUTES without a request, after CONSOLE_SESSION_HOURS in any case, or at logout."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.console import csrf
from bot.db.engine import get_engine
from bot.db.tables import staff_sessions, staff_users

COOKIE = "console_session"
# last_seen_at is written at most this often: a page and its live feed should not write on every request.
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class SessionUser:
    """Who a valid session belongs to, as read from staff_users at this request."""

    user_id: int
    username: str
    role: str
    language: str
    must_change_password: bool
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(database_url: str, user_id: int, lifetime: timedelta, now: datetime | None = None) -> str:
    """A new session for `user_id`; returns the token for the cookie (never stored)."""
    now = now or datetime.now(timezone.utc)
    token = secrets.token_urlsafe(32)
    with get_engine(database_url).begin() as connection:
        connection.execute(
            staff_sessions.insert().values(
                token_hash=token_hash(token),
                user_id=user_id,
                csrf_token=csrf.new_token(),
                created_at=now,
                last_seen_at=now,
                expires_at=now + lifetime,
            )
        )
    return token


def load(
    database_url: str, token: str | None, idle: timedelta, now: datetime | None = None
) -> SessionUser | None:
    """The session's user if the token is current and the user active; an expired session is deleted."""
    if not token or len(token) > 128:
        return None
    now = now or datetime.now(timezone.utc)
    digest = token_hash(token)
    query = (
        sa.select(staff_sessions, staff_users)
        .join(staff_users, staff_users.c.id == staff_sessions.c.user_id)
        .where(staff_sessions.c.token_hash == digest)
    )
    with get_engine(database_url).begin() as connection:
        row = connection.execute(query).mappings().first()
        if row is None:
            return None
        last_seen = row["last_seen_at"]
        if not row["active"] or now >= row["expires_at"] or now - last_seen >= idle:
            connection.execute(staff_sessions.delete().where(staff_sessions.c.token_hash == digest))
            return None
        if now - last_seen >= TOUCH_EVERY:
            connection.execute(
                staff_sessions.update().where(staff_sessions.c.token_hash == digest).values(last_seen_at=now)
            )
    return SessionUser(
        user_id=row["user_id"],
        username=row["username"],
        role=row["role"],
        language=row["language"],
        must_change_password=bool(row["must_change_password"]),
        csrf_token=row["csrf_token"],
    )


def delete(database_url: str, token: str | None) -> None:
    if token:
        with get_engine(database_url).begin() as connection:
            connection.execute(
                staff_sessions.delete().where(staff_sessions.c.token_hash == token_hash(token))
            )


def delete_for_user(database_url: str, user_id: int, keep: str | None = None) -> None:
    """End every session of a user (deactivated, password reset), except the token `keep`."""
    query = staff_sessions.delete().where(staff_sessions.c.user_id == user_id)
    if keep:
        query = query.where(staff_sessions.c.token_hash != token_hash(keep))
    with get_engine(database_url).begin() as connection:
        connection.execute(query)
