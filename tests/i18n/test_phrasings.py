"""How people type answers, in each language (tests/fixtures/phrasings/<lang>.yml): the parser reads
countries (names, demonyms, cities), dates, yes/no and "I don't know" as the files say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.i18n.answers import is_dont_know, parse_date, parse_yes_no
from bot.settings import ALL_LANGUAGES

PHRASINGS = Path(__file__).resolve().parent.parent / "fixtures" / "phrasings"
TODAY = date(2026, 11, 24)


def _cases(kind: str) -> list:
    cases = []
    for lang in ALL_LANGUAGES:
        data = yaml.safe_load((PHRASINGS / f"{lang}.yml").read_text(encoding="utf-8"))
        for item in data[kind]:
            expected = item.get("expected")
            if isinstance(expected, date):
                expected = expected.isoformat()
            cases.append(pytest.param(item["text"], expected, id=f"{lang}:{item['text']}"))
    return cases


def test_at_least_forty_phrasings_per_language() -> None:
    for lang in ALL_LANGUAGES:
        data = yaml.safe_load((PHRASINGS / f"{lang}.yml").read_text(encoding="utf-8"))
        assert sum(len(items) for items in data.values()) >= 40, lang


@pytest.mark.parametrize(("text", "expected"), _cases("country"))
def test_countries(shipped_kb, text: str, expected: str) -> None:
    places = shipped_kb.places
    assert places.country(text) == expected or expected in places.roles(text).values()


@pytest.mark.parametrize(("text", "expected"), _cases("date"))
def test_dates(text: str, expected: str) -> None:
    found = parse_date(text, TODAY)
    assert found is not None and found.isoformat() == expected


@pytest.mark.parametrize(("text", "expected"), _cases("yes_no"))
def test_yes_no(text: str, expected: bool) -> None:
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize(("text", "expected"), _cases("dont_know"))
def test_dont_know(text: str, expected: None) -> None:
    assert is_dont_know(text)
