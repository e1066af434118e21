"""Database tests: a fixed pseudonym key, and empty databases (SQLite, plus PostgreSQL when
DATABASE_URL points at one: a new database is created per test and dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot.db.engine import get_engine

TEST_PSEUDONYM_KEY = "db-tests-pseudonym-key"


@pytest.fixture(autouse=True)
def _pseudonym_key(pseudonym_key_is) -> None:
    pseudonym_key_is(TEST_PSEUDONYM_KEY)


@pytest.fixture
def empty_databases(tmp_path) -> Iterator[list[str]]:
    urls = [f"sqlite:///{tmp_path / 'empty.db'}"]
    server = os.environ.get("DATABASE_URL", "")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = None
    if server.startswith("postgres"):
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        urls.append(sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False))
    yield urls
    if admin is not None:
        get_engine(urls[-1]).dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        admin.dispose()
