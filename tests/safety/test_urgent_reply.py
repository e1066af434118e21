"""The urgent reply: acknowledgement, the country's contacts from the KB, and the way back to the
questions; or, with no country yet, a request for it. Catalog text is stubbed as "[lang] msgid"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bot.kb.model import KnowledgeBase
from bot.nlg.errors import BadArguments
from bot.nlg.urgent import render_urgent


@dataclass
class StubRenderer:
    kb: KnowledgeBase

    def t(self, language: str, msgid: str, **values: Any) -> str:
        return f"[{language}] {msgid}"


def test_urgent_reply_with_country(kb_danger):
    args = {"categories": ["trafficking"], "country": "AR", "region": None}
    message = render_urgent(StubRenderer(kb_danger), "es", args)
    assert message["custom"] == {"urgent": True, "categories": ["trafficking"]}
    blocks = message["text"].split("\n\n")
    assert blocks[0] == "[es] urgent.ack.trafficking"
    lines = blocks[1].split("\n")
    assert lines[0] == "[es] urgent.contacts"
    assert lines[1:3] == ["• Línea 145 – Trata de personas", "  ☎ 145"]
    assert "☎ 145" in blocks[1] and "☎ 911" in blocks[1]
    assert len(blocks) == 2  # then the handoff message: a person takes over


def test_long_about_texts_are_left_out(kb_danger):
    message = render_urgent(StubRenderer(kb_danger), "en", {"categories": ["detention"], "country": "US"})
    eoir = next(c for c in kb_danger.contacts if c.id == "us_eoir")
    assert len(eoir.about["en"]) > 140
    assert eoir.about["en"] not in message["text"]
    hotline = next(c for c in kb_danger.contacts if c.id == "us_detention_hotline")
    assert f"• {hotline.name}: {hotline.about['en']}" in message["text"]


def test_unknown_country_asks_for_it(kb_danger):
    message = render_urgent(
        StubRenderer(kb_danger), "ht", {"categories": ["detention", "threat_to_life"], "country": None}
    )
    assert message == {
        "text": "[ht] urgent.ack.threat_to_life\n[ht] urgent.ack.detention\n\n[ht] urgent.ask_country",
        "custom": {"urgent": True, "categories": ["threat_to_life", "detention"]},
    }


def test_a_country_without_contacts_says_so(kb_danger):
    message = render_urgent(StubRenderer(kb_danger), "fr", {"categories": ["no_shelter"], "country": "FR"})
    assert message["text"] == "[fr] urgent.ack.no_shelter\n\n[fr] urgent.no_contacts"


@pytest.mark.parametrize("categories", [[], ["danger_zone"], "detention", None])
def test_bad_categories_are_refused(kb_danger, categories):
    with pytest.raises(BadArguments):
        render_urgent(StubRenderer(kb_danger), "es", {"categories": categories, "country": "AR"})
