"""List questions in the conversation: what the person holds or held, asked with only the options
that matter to them, read from numbers, names, "none" and "I don't know" in five languages; the
state or city they name kept for finding help near them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.conversation import Message, State, take_turn
from bot.kb import load_knowledge_base
from bot.settings import PROJECT_ROOT

HONEST_KB = Path(__file__).resolve().parents[1] / "fixtures" / "kb_honest"
TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(HONEST_KB, PROJECT_ROOT / "locales")


def _say(kb, state: State, text: str, answer: str | None = None):
    turn = take_turn(kb, state, Message(text, intent="inform", confidence=0.9, answer=answer), TODAY)
    return turn.state, turn


def _asked(turn) -> tuple[str | None, list[str] | None]:
    asks = [r.args for r in turn.replies if r.response == "utter_ask_question"]
    return (asks[-1]["question"], asks[-1].get("options")) if asks else (None, None)


def _at_holds(kb, language: str) -> State:
    state = State(
        language=language,
        consent_shown=True,
        facts={"nationality": "HT"},
        answered=("nationality",),
        pending="current_country",
    )
    state, turn = _say(kb, state, "Houston")
    assert _asked(turn) == ("holds", ["parole"])
    return state


def test_a_city_gives_the_country_and_the_state(kb) -> None:
    state = _at_holds(kb, "es")
    assert state.facts["current_country"] == "US" and state.facts["current_region"] == "US-TX"


@pytest.mark.parametrize(
    ("language", "reply", "value"),
    [
        ("es", "1", ["parole"]),
        ("pt", "1.", ["parole"]),
        ("en", "none", []),
        ("es", "ninguno", []),
        ("pt", "nenhum", []),
        ("fr", "aucun", []),
        ("ht", "okenn", []),
        ("es", "no", []),
        ("en", "2", []),  # "None of these"
        ("fr", "je ne sais pas", None),
        ("ht", "3", None),  # "I don't know"
        ("es", "sí", ["parole"]),  # yes, when one thing was offered
    ],
)
def test_what_the_person_holds_is_read(kb, language, reply, value) -> None:
    state, turn = _say(kb, _at_holds(kb, language), reply)
    assert state.facts["holds"] == value
    assert any(r.response == "utter_results" for r in turn.replies)


def test_a_button_picks_one_option(kb) -> None:
    state, _ = _say(kb, _at_holds(kb, "en"), "parole en", answer="parole")
    assert state.facts["holds"] == ["parole"]


@pytest.mark.parametrize("reply", ["7", "1 9", "banana"])
def test_an_option_not_offered_is_not_understood_and_asked_again(kb, reply) -> None:
    state, turn = _say(kb, _at_holds(kb, "es"), reply)
    assert "holds" not in state.facts
    assert [r.response for r in turn.replies] == ["utter_not_understood", "utter_ask_question"]
    assert _asked(turn) == ("holds", ["parole"])


def test_results_carry_the_facts_for_flags_and_help(kb) -> None:
    state, turn = _say(kb, _at_holds(kb, "en"), "1")
    (results,) = [r for r in turn.replies if r.response == "utter_results"]
    assert results.args["facts"]["holds"] == ["parole"]
    assert results.args["facts"]["current_region"] == "US-TX"
    assert results.args["results"] == [{"pathway": "parole", "status": "closed"}]
