"""Database tests: a fixed pseudonym key (empty databases: `empty_databases` in tests/conftest.py)."""

from __future__ import annotations

import pytest

TEST_PSEUDONYM_KEY = "db-tests-pseudonym-key"


@pytest.fixture(autouse=True)
def _pseudonym_key(pseudonym_key_is) -> None:
    pseudonym_key_is(TEST_PSEUDONYM_KEY)
