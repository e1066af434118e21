"""The danger files are validated like the rest of the KB: one error per line, with its place."""

from __future__ import annotations

from pathlib import Path

from bot.kb.danger import CATEGORIES, load_danger_file, parse_phrase
from bot.kb.problems import FileChecker
from bot.settings import SUPPORTED_LANGUAGES


def _check(tmp_path: Path, name: str, text: str) -> tuple[object, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    checker = FileChecker(path)
    words = load_danger_file(path, checker)
    return words, [f"{p.line}: {p.field}: {p.message}" for p in checker.problems]


def test_every_language_has_every_category(kb_danger):
    assert sorted(kb_danger.danger) == sorted(SUPPORTED_LANGUAGES)
    for words in kb_danger.danger.values():
        assert sorted(words.categories) == sorted(CATEGORIES)


def test_a_phrase_with_alternatives_and_prefixes():
    phrase, problem = parse_phrase("tengo 16|17 anos sol*", 3)
    assert problem is None
    assert phrase.words == (
        (("tengo", False),),
        (("16", False), ("17", False)),
        (("anos", False),),
        (("sol", True),),
    )


def test_errors_are_one_per_line(tmp_path):
    text = (
        "language: es\n"
        "categories:\n"
        "  threat_to_life:\n"
        "    - Matar\n"
        "    - ame*naz\n"
        "  danger_zone:\n"
        "    - algo\n"
        "  detention: []\n"
        "  trafficking:\n"
        "    - {phrase: trata, gap: 20}\n"
    )
    words, problems = _check(tmp_path, "es.yml", text)
    assert words is None
    assert problems == [
        "4: categories.threat_to_life.0: 'Matar' is not normalized; write 'matar' (lower case, no accents)",
        "5: categories.threat_to_life.1: 'ame*naz': `*` may only end a word, after at least one letter",
        f"6: categories.danger_zone: unknown category 'danger_zone'; known: {', '.join(CATEGORIES)}",
        "8: categories.detention: expected a non-empty list of phrases",
        "10: categories.trafficking.0.gap: gap must be a whole number from 0 to 8",
    ]


def test_language_must_match_the_file_name(tmp_path):
    words, problems = _check(tmp_path, "pt.yml", "language: es\ncategories:\n  detention: [detido]\n")
    assert words is None
    assert problems == ["1: language: language must be the file name, one of es, pt, en, fr, ht"]
