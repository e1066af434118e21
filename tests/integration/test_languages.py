"""Whole conversations in all five languages, three personas each, typed as people speak, over REST:
the language is detected from the first message, every question is answered in that language,
and the expected pathway comes out with the text in that language."""

from __future__ import annotations

import uuid

import pytest

from tests.helpers.personas import CONVERSATIONS

pytestmark = pytest.mark.integration


def _catalog_line(lang: str) -> str:
    from bot.i18n.catalogs import translate

    return translate(lang, "results.last_verified", date="").rstrip(". ").strip()


@pytest.mark.parametrize(
    ("lang", "opening", "answers", "pathway", "status"),
    CONVERSATIONS,
    ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CONVERSATIONS)],
)
def test_persona(stack, lang, opening, answers, pathway, status) -> None:
    sender = f"lang-{lang}-{uuid.uuid4().hex[:8]}"
    transcript = stack.converse(sender, [opening], answers)
    (custom,) = [m["custom"] for m in transcript if "results" in m.get("custom", {})]
    results = {r["pathway"]: r["status"] for r in custom["results"]}
    assert results.get(pathway) == status, results
    text = "\n".join(m.get("text", "") for m in transcript)
    assert _catalog_line(lang) in text  # the results came in the detected language
    asked = [m["custom"]["question"] for m in transcript if "question" in m.get("custom", {})]
    assert "language" not in asked, "the language should have been detected from the first message"
    assert len(asked) == len(set(asked)), "a question was asked twice"
