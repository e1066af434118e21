"""A real web service (`python -m bot.web`) on a free loopback port with its own SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.settings import Settings
from tests.helpers.web_process import web_process


@dataclass
class WebService:
    url: str
    settings: Settings
    env: dict[str, str]


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Iterator[WebService]:
    with web_process(tmp_path_factory.mktemp("console") / "var") as running:
        yield WebService(running.url, running.settings, running.env)
