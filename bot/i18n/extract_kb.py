"""A Babel extractor for pathways_kb/questions.yml: the prompt and help message ids it names.

Registered as the `kbquestions` extractor (pyproject.toml) and used by babel.cfg, so that
`pybabel extract` keeps the messages the knowledge base asks with.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple]:
    data = yaml.safe_load(fileobj.read().decode("utf-8")) or {}
    for fact, spec in (data.get("questions") or {}).items():
        for key in ("prompt", "help"):
            if key in spec:
                yield 0, None, spec[key], [f"{key} of the {fact} question"]
