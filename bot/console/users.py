"""Staff accounts: creating them, signing in with lockout, and what an admin may change.

Lockout: LOCKOUT_AFTER wrong passwords in a row lock an account for LOCKOUT_MINUTES; while locked even
the right password is refused. An unknown username gets the same answers (the same "wrong username or
password", and after LOCKOUT_AFTER tries the same "locked" message, counted from the audit log), so the
sign-in form never tells whether an account exists.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.console import passwords, sessions
from bot.console.auth import ROLES
from bot.console.i18n import CONSOLE_LANGUAGES
from bot.db.engine import get_engine
from bot.db.tables import audit_log, staff_users

LOCKOUT_AFTER = 5
LOCKOUT_MINUTES = 15
USERNAME = re.compile(r"^[a-z0-9._-]{3,64}$")


class UserError(ValueError):
    """A change an admin asked for that cannot be made; `code` names the catalog message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class StaffUser:
    id: int
    username: str
    role: str
    language: str
    active: bool
    must_change_password: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class Login:
    """The outcome of a sign-in: `user` when it succeeded, `locked_minutes` when refused for lockout."""

    user: StaffUser | None = None
    locked_minutes: int = 0


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


def _user(row: sa.engine.RowMapping) -> StaffUser:
    return StaffUser(**{name: row[name] for name in StaffUser.__dataclass_fields__})


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def get_user(database_url: str, username: str | None = None, user_id: int | None = None) -> StaffUser | None:
    column, value = (staff_users.c.id, user_id) if user_id is not None else (staff_users.c.username, username)
    with get_engine(database_url).connect() as connection:
        row = connection.execute(sa.select(staff_users).where(column == value)).mappings().first()
    return _user(row) if row else None


def list_users(database_url: str) -> list[StaffUser]:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(sa.select(staff_users).order_by(staff_users.c.username)).mappings().all()
    return [_user(row) for row in rows]


def create_user(
    database_url: str,
    username: str,
    role: str,
    language: str = "es",
    password: str | None = None,
    must_change_password: bool = True,
    now: datetime | None = None,
) -> tuple[int, str]:
    """Insert an account; returns its id and its password (a new one-time password unless given)."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise UserError("users.error.name")
    if role not in ROLES or language not in CONSOLE_LANGUAGES:
        raise ValueError(f"role must be one of {ROLES}, language one of {CONSOLE_LANGUAGES}")
    password = password or passwords.one_time_password()
    try:
        with get_engine(database_url).begin() as connection:
            result = connection.execute(
                staff_users.insert().values(
                    username=username,
                    password_hash=passwords.hash_password(password),
                    role=role,
                    language=language,
                    active=True,
                    must_change_password=must_change_password,
                    failed_logins=0,
                    created_at=_now(now),
                )
            )
    except sa.exc.IntegrityError:
        raise UserError("users.error.exists") from None
    return result.inserted_primary_key[0], password


def _unknown_user_lock(connection: sa.engine.Connection, username: str, now: datetime) -> int:
    """Minutes left of the pretend lockout of an unknown username (0 when not locked): like a real
    account, the attempt after LOCKOUT_AFTER - 1 recent failures (the sign-in page records them as
    `login_failed`) is answered "locked"."""
    since = now - timedelta(minutes=LOCKOUT_MINUTES)
    recent = connection.execute(
        sa.select(audit_log.c.at)
        .where(
            audit_log.c.username == username[:64],
            audit_log.c.staff_user_id.is_(None),
            audit_log.c.action == "login_failed",
            audit_log.c.at > since,
        )
        .order_by(audit_log.c.at.desc())
        .limit(LOCKOUT_AFTER - 1)
    ).scalars()
    times = list(recent)
    if len(times) < LOCKOUT_AFTER - 1:
        return 0
    return _minutes_left(times[-1] + timedelta(minutes=LOCKOUT_MINUTES), now)


def authenticate(database_url: str, username: str, password: str, now: datetime | None = None) -> Login:
    """Check a sign-in and update the account's failure count, lock and last sign-in."""
    now = _now(now)
    username = username.strip().lower()[:128]
    engine = get_engine(database_url)
    with engine.begin() as connection:
        row = (
            connection.execute(sa.select(staff_users).where(staff_users.c.username == username))
            .mappings()
            .first()
        )
        if row is None or not row["active"]:
            passwords.verify(passwords.DUMMY_HASH, password)  # the same time as a real check
            return Login(locked_minutes=_unknown_user_lock(connection, username, now))
        user = _user(row)
        if user.locked_at(now):
            return Login(locked_minutes=_minutes_left(user.locked_until, now))  # type: ignore[arg-type]
        where = staff_users.c.id == user.id
        if not passwords.verify(row["password_hash"], password):
            failures = user.failed_logins + 1
            if failures >= LOCKOUT_AFTER:
                until = now + timedelta(minutes=LOCKOUT_MINUTES)
                connection.execute(
                    staff_users.update().where(where).values(failed_logins=0, locked_until=until)
                )
                return Login(locked_minutes=LOCKOUT_MINUTES)
            connection.execute(staff_users.update().where(where).values(failed_logins=failures))
            return Login()
        changes: dict = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
        if passwords.needs_rehash(row["password_hash"]):
            changes["password_hash"] = passwords.hash_password(password)
        connection.execute(staff_users.update().where(where).values(**changes))
    return Login(user=get_user(database_url, user_id=user.id))


def check_password(database_url: str, user_id: int, password: str) -> bool:
    with get_engine(database_url).connect() as connection:
        stored = connection.execute(
            sa.select(staff_users.c.password_hash).where(staff_users.c.id == user_id)
        ).scalar_one_or_none()
    return stored is not None and passwords.verify(stored, password)


def _update(database_url: str, user_id: int, **values) -> bool:
    with get_engine(database_url).begin() as connection:
        result = connection.execute(staff_users.update().where(staff_users.c.id == user_id).values(**values))
    return result.rowcount == 1


def change_password(database_url: str, user_id: int, new_password: str) -> bool:
    return _update(
        database_url, user_id, password_hash=passwords.hash_password(new_password), must_change_password=False
    )


def reset_password(database_url: str, user_id: int) -> str | None:
    """A new one-time password (to change at the next sign-in); ends the user's sessions and lock."""
    password = passwords.one_time_password()
    changed = _update(
        database_url,
        user_id,
        password_hash=passwords.hash_password(password),
        must_change_password=True,
        failed_logins=0,
        locked_until=None,
    )
    if not changed:
        return None
    sessions.delete_for_user(database_url, user_id)
    return password


def set_role(database_url: str, user_id: int, role: str) -> bool:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    return _update(database_url, user_id, role=role)


def set_active(database_url: str, user_id: int, active: bool) -> bool:
    changed = _update(database_url, user_id, active=active)
    if changed and not active:
        sessions.delete_for_user(database_url, user_id)
    return changed


def set_language(database_url: str, user_id: int, language: str) -> bool:
    if language not in CONSOLE_LANGUAGES:
        raise ValueError(f"language must be one of {CONSOLE_LANGUAGES}")
    return _update(database_url, user_id, language=language)


def unlock(database_url: str, user_id: int) -> bool:
    return _update(database_url, user_id, failed_logins=0, locked_until=None)
