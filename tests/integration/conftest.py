"""One running stack for the integration tests: SQLite by default, PostgreSQL + Redis when set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.training import ensure_model
from tests.helpers.stack import RunningStack, running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    ensure_model()  # trains once per change of the training data; otherwise reuses the cached model
    with running_stack(tmp_path_factory.mktemp("stack") / "var") as running:
        yield running
