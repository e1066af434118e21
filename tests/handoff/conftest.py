"""Handoff tests: a fixed pseudonym key, and a staff member to claim tickets with."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.db.engine import get_engine
from bot.db.tables import staff_users

T0 = datetime(2026, 11, 30, 15, 0, tzinfo=timezone.utc)  # a Monday, 10:00 in Bogotá


@pytest.fixture(autouse=True)
def _pseudonym_key(pseudonym_key_is) -> None:
    pseudonym_key_is("handoff-tests-key")


def add_staff(database_url: str, username: str) -> int:
    with get_engine(database_url).begin() as connection:
        return int(
            connection.execute(
                staff_users.insert().values(username=username, password_hash="x", role="agent", created_at=T0)
            ).inserted_primary_key[0]
        )
