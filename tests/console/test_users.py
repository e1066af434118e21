"""Sign-in rules on a real database: lockout after five failures, unlock after fifteen minutes (time
injected), the same answers for unknown users, rehash on sign-in, sessions' idle and absolute expiry."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from bot.console import audit, sessions, users
from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import staff_sessions, staff_users

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    upgrade(url)
    return url


def _fail(database: str, username: str, at: datetime) -> users.Login:
    """A wrong password, recorded as the sign-in page records it."""
    outcome = users.authenticate(database, username, "wrong password", now=at)
    action = "login_locked" if outcome.locked_minutes else "login_failed"
    audit.record(database, None, action, username=username, now=at)
    return outcome


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(database) -> None:
    users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    outcomes = [_fail(database, "ana", T0 + timedelta(seconds=i)) for i in range(5)]
    assert [o.locked_minutes for o in outcomes] == [0, 0, 0, 0, 15]
    sixth = users.authenticate(database, "ana", PASSWORD, now=T0 + timedelta(minutes=2))
    assert sixth.user is None
    assert sixth.locked_minutes == 14
    assert users.get_user(database, "ana").locked_until == T0 + timedelta(seconds=4, minutes=15)


def test_the_lock_ends_after_fifteen_minutes(database) -> None:
    users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    for i in range(5):
        _fail(database, "ana", T0 + timedelta(seconds=i))
    late = users.authenticate(database, "ana", PASSWORD, now=T0 + timedelta(minutes=15, seconds=5))
    assert late.user is not None and late.user.username == "ana"
    assert late.user.failed_logins == 0 and late.user.locked_until is None
    assert late.user.last_login_at == T0 + timedelta(minutes=15, seconds=5)


def test_a_right_password_resets_the_count(database) -> None:
    users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    for i in range(4):
        _fail(database, "ana", T0 + timedelta(seconds=i))
    assert users.authenticate(database, "ana", PASSWORD, now=T0 + timedelta(seconds=10)).user is not None
    assert _fail(database, "ana", T0 + timedelta(seconds=11)).locked_minutes == 0


def test_an_admin_unlocks(database) -> None:
    user_id, _ = users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    for i in range(5):
        _fail(database, "ana", T0 + timedelta(seconds=i))
    assert users.unlock(database, user_id) is True
    assert users.authenticate(database, "ana", PASSWORD, now=T0 + timedelta(seconds=6)).user is not None


def test_an_unknown_user_gets_the_same_answers(database) -> None:
    outcomes = [_fail(database, "nobody", T0 + timedelta(seconds=i)) for i in range(6)]
    assert [o.locked_minutes for o in outcomes] == [0, 0, 0, 0, 15, 15]
    assert all(o.user is None for o in outcomes)
    assert _fail(database, "nobody", T0 + timedelta(minutes=16)).locked_minutes == 0


def test_a_deactivated_user_cannot_sign_in(database) -> None:
    user_id, _ = users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    users.set_active(database, user_id, False)
    outcome = users.authenticate(database, "ana", PASSWORD, now=T0)
    assert outcome == users.Login(user=None, locked_minutes=0)


def test_signing_in_rehashes_a_hash_with_old_parameters(database) -> None:
    user_id, _ = users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with get_engine(database).begin() as connection:
        connection.execute(staff_users.update().values(password_hash=old))
    assert users.authenticate(database, "ana", PASSWORD, now=T0).user is not None
    with get_engine(database).connect() as connection:
        stored = connection.execute(sa.select(staff_users.c.password_hash)).scalar_one()
    assert stored != old and stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_usernames_are_checked_and_unique(database) -> None:
    users.create_user(database, "ana", "agent")
    with pytest.raises(users.UserError) as taken:
        users.create_user(database, "ANA", "admin")
    assert taken.value.code == "users.error.exists"
    with pytest.raises(users.UserError) as bad:
        users.create_user(database, "a b", "agent")
    assert bad.value.code == "users.error.name"


def test_sessions_end_when_idle_or_too_old_and_store_only_a_hash(database) -> None:
    user_id, _ = users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    idle, lifetime = timedelta(minutes=30), timedelta(hours=12)
    token = sessions.create(database, user_id, lifetime, now=T0)
    with get_engine(database).connect() as connection:
        stored = connection.execute(sa.select(staff_sessions.c.token_hash)).scalar_one()
    assert stored == sessions.token_hash(token) and token not in stored
    assert sessions.load(database, token, idle, now=T0 + timedelta(minutes=29)).username == "ana"
    # Each request within 30 minutes keeps it alive, up to 12 hours.
    moment = T0
    for _ in range(24):
        moment += timedelta(minutes=29)
        assert sessions.load(database, token, idle, now=moment) is not None
    assert sessions.load(database, token, idle, now=T0 + lifetime) is None
    second = sessions.create(database, user_id, lifetime, now=T0)
    assert sessions.load(database, second, idle, now=T0 + timedelta(minutes=30)) is None
    with get_engine(database).connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(staff_sessions)).scalar_one() == 0


def test_logout_deletes_the_session(database) -> None:
    user_id, _ = users.create_user(database, "ana", "agent", password=PASSWORD, now=T0)
    token = sessions.create(database, user_id, timedelta(hours=12), now=T0)
    sessions.delete(database, token)
    assert sessions.load(database, token, timedelta(minutes=30), now=T0) is None
