"""One running stack for the integration tests: SQLite by default, PostgreSQL + Redis when set.

The stack serves a copy of the shipped knowledge base, so the hot-reload test can edit it under
the running processes without touching the repository.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from bot.settings import PROJECT_ROOT
from bot.training import ensure_model
from tests.helpers.stack import RunningStack, running_stack

ADMIN_TOKEN = "test-admin-token-0123456789"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    ensure_model()  # trains once per change of the training data; otherwise reuses the cached model
    root = tmp_path_factory.mktemp("stack")
    kb_dir = root / "kb"
    shutil.copytree(PROJECT_ROOT / "pathways_kb", kb_dir)
    with running_stack(root / "var", {"KB_DIR": str(kb_dir), "ADMIN_TOKEN": ADMIN_TOKEN}) as running:
        yield running
