"""The shipped knowledge base, read without the catalogs (other work may be editing them)."""

from __future__ import annotations

import pytest

from bot.kb import KnowledgeBase, load_knowledge_base
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def kb_danger() -> KnowledgeBase:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb")
