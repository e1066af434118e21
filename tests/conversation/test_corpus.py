"""The phrasing corpus: its shape, the review's phrasings in it, the scorer, and the reading targets.

The targets (95 % per language, every danger message recognised) come from issue 10; the scoring is
bench/reading_accuracy.py's, imported rather than repeated, so the bench and the tests agree.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bench.reading_accuracy import (
    COMMAND_REPLIES,
    LANGUAGE_MENU,
    LANGUAGES,
    RESULTS,
    Item,
    build_state,
    check,
    covers_year,
    load_corpus,
    score,
)
from bot.eligibility.engine import assess
from bot.settings import PROJECT_ROOT

REVIEW = PROJECT_ROOT.parent / "shared" / "conversation-review-2026-11.md"
# Distinct user messages per language in tables A-F of the review (the "fr / ht" raid row counts once
# in each of the two languages), so the check holds where the review file is not at hand.
REVIEW_COUNTS = {"es": 61, "pt": 26, "en": 27, "fr": 10, "ht": 17}
KINDS = {
    "date", "country", "yes_no", "dont_know", "list", "command",
    "correction", "danger", "language", "followup", "first",
}  # fmt: skip
EXPECTATIONS = {"facts", "command", "urgent", "language", "followup", "ask_again", "not_read"}
FOLLOWUPS = {"cost", "where", "how", "deadline", "term", "thanks", "need", "other", "why"}
DATE_FACTS = {"entry_date", "birth_date"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TARGET_SHARE = 0.95


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[date, list[Item]]]:
    return {language: load_corpus(language) for language in LANGUAGES}


# -- the corpus itself ------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_enough_phrasings_and_danger(corpus, language):
    today, items = corpus[language]
    assert today == date(2026, 11, 30)
    assert len(items) >= 80
    assert sum(1 for item in items if item.expect.get("urgent")) >= 12
    kinds = {item.kind for item in items}
    assert {"date", "country", "yes_no", "command", "correction", "danger", "language", "followup"} <= kinds


@pytest.mark.parametrize("language", LANGUAGES)
def test_items_are_well_formed(shipped_kb, corpus, language):
    _, items = corpus[language]
    pending = set(shipped_kb.questions) | {LANGUAGE_MENU, RESULTS}
    for item in items:
        where = f"{language}: {item.text!r}"
        assert item.kind in KINDS, where
        assert item.expect and set(item.expect) <= EXPECTATIONS, where
        assert item.asked is None or item.asked in pending, where
        assert item.expect.get("command") in (None, "human", *COMMAND_REPLIES), where
        assert item.expect.get("followup") in (None, *FOLLOWUPS), where
        assert item.expect.get("language") in (None, *LANGUAGES), where
        for fact, value in (item.expect.get("facts") or {}).items():
            assert fact == "birth_year" or fact in shipped_kb.questions or fact == "current_region", where
            if fact in DATE_FACTS and value is not None:
                assert isinstance(value, str) and ISO_DATE.match(value), where
        if item.expect.get("ask_again"):
            assert item.asked in shipped_kb.questions, where


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_items_start_from_facts_that_reach_the_results(shipped_kb, corpus, language):
    today, items = corpus[language]
    for item in items:
        if item.asked == RESULTS:
            _, question = assess(shipped_kb, dict(item.known or {}), today)
            assert question is None, f"{language}: {item.text!r} known facts still need {question}"
            state = build_state(shipped_kb, item, today)
            assert state.pending is None and state.language == language  # no results = "no pathway"


def _review_phrasings(text: str) -> dict[str, set[str]]:
    """The user messages of tables A-F by language, without the reviewer's notes in parentheses."""
    found: dict[str, set[str]] = {language: set() for language in LANGUAGES}
    table = None
    for line in text.splitlines():
        if heading := re.match(r"### ([A-Z])\.", line):
            table = heading.group(1)
            continue
        if table not in tuple("ABCDEF") or not line.startswith("| ") or line.startswith(("| lang", "|---")):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        languages, message = cells[0].split(" / "), cells[2]
        message = re.sub(r"^\([^)]*\)\s*", "", message)
        message = re.sub(r"\s*\((?:at|to|correcting|entered|a listed|after)\b.*\)$", "", message)
        for language, part in zip(
            languages, message.split(" / ") if len(languages) > 1 else [message], strict=True
        ):
            found[language].add(part.strip())
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_review_phrasing_is_in_the_corpus(corpus, language):
    _, items = corpus[language]
    marked = {item.text for item in items if item.review}
    assert len(marked) >= REVIEW_COUNTS[language]
    if not REVIEW.exists():
        pytest.skip("the review is not next to the repository")
    phrasings = _review_phrasings(REVIEW.read_text(encoding="utf-8"))[language]
    assert len(phrasings) == REVIEW_COUNTS[language]
    for phrasing in phrasings:
        if phrasing.startswith('"…'):  # the long message, quoted in fragments
            fragments = [f for f in phrasing.strip('"').split("…") if f.strip()]
            assert any(all(f.strip() in text for f in fragments) for text in marked), phrasing
        else:
            assert phrasing in marked, phrasing


# -- the scorer -------------------------------------------------------------------------------------
def test_a_birth_interval_covers_the_year_of_an_age():
    assert covers_year("1985-12-01/1986-11-30", 1986)
    assert covers_year("1986", 1986)
    assert covers_year("1989-05-12", 1989)
    assert not covers_year("1989-05-12", 1986)
    assert not covers_year("1900-01-01/2026-11-30", 1986)  # too wide to be a reading of an age
    assert not covers_year(None, 1986)


class _Reply:
    def __init__(self, response: str, **args) -> None:
        self.response, self.args = response, args


class _Turn:
    def __init__(self, replies, facts=None, language="es", effects=()) -> None:
        self.replies, self.effects = replies, effects

        class _State:
            pass

        self.state = _State()
        self.state.facts, self.state.language = facts or {}, language


def _item(expect, asked="fear_of_return", known=None) -> Item:
    return Item(language="es", text="x", kind="yes_no", expect=expect, asked=asked, known=known)


def test_a_command_reply_spoils_an_answer_even_when_the_fact_was_stored():
    item = _item({"facts": {"fear_of_return": True}})
    stored = {"fear_of_return": True}
    assert check(item, _Turn([_Reply("utter_ask_question", question="entry_date")], stored)) is None
    reason = check(item, _Turn([_Reply("utter_went_back")], stored))
    assert reason == "not taken as an answer: ['utter_went_back']"
    assert check(item, _Turn([], {})) == "fear_of_return not stored (expected True)"


def test_danger_is_recognised_only_by_the_urgent_reply():
    item = _item({"urgent": True})
    assert check(item, _Turn([_Reply("utter_urgent", categories=["detention"])])) is None
    assert check(item, _Turn([_Reply("utter_handoff_created")])) == "danger not recognised (no utter_urgent)"


def test_a_followup_must_not_resend_the_results():
    item = _item({"followup": "cost"}, asked=RESULTS)
    assert check(item, _Turn([_Reply("utter_followup", topic="cost")])) is None
    assert check(item, _Turn([_Reply("utter_followup", topic="cost"), _Reply("utter_results")])) == (
        "the whole results block re-sent"
    )
    assert check(item, _Turn([_Reply("utter_results")])) == "follow-up topic None, expected cost"


def test_words_that_do_not_state_a_fact_must_leave_it_alone():
    item = _item({"urgent": True, "not_read": ["nationality"]}, asked="nationality")
    turn = _Turn([_Reply("utter_urgent")], {"nationality": "EC"})
    assert check(item, turn) == "nationality read as 'EC' from words that do not say it"


# -- the targets --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def report(shipped_kb):
    return score(shipped_kb)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_danger_message_is_recognised(report, language):
    danger = report[language]["danger"]
    missed = [
        m["text"] for m in report[language]["misses"] if m["reason"].startswith("danger not recognised")
    ]
    assert danger["recognised"] == danger["total"], missed


@pytest.mark.parametrize("language", LANGUAGES)
def test_reading_share_meets_the_target(report, language):
    figures = report[language]
    misses = [f"{m['text']!r}: {m['reason']}" for m in figures["misses"]]
    assert figures["share"] >= TARGET_SHARE, "\n".join(misses)
