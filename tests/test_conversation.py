"""The questionnaire's turns, without Rasa: language, consent, questions of each type, results."""

from datetime import date

import pytest

from bot.conversation import State, take_turn

TODAY = date(2026, 11, 24)


def _talk(kb, messages, state=None):
    state = state or State()
    turns = []
    for message in messages:
        text, answer = message if isinstance(message, tuple) else (message, None)
        turn = take_turn(kb, state, text, answer, TODAY)
        state = turn.state
        turns.append(turn)
    return state, turns


def _asked(turn) -> str | None:
    asks = [r.args["question"] for r in turn.replies if r.response == "utter_ask_question"]
    return asks[-1] if asks else None


def test_first_message_asks_the_language(kb) -> None:
    state, (turn,) = _talk(kb, ["hola"])
    assert [r.response for r in turn.replies] == ["utter_ask_language"]
    assert state.pending == "language" and state.language is None


def test_language_by_name_shows_consent_once_then_the_engines_first_question(kb) -> None:
    state, (_, turn) = _talk(kb, ["hola", "português"])
    assert state.language == "pt" and state.consent_shown and turn.consent_now
    assert [(r.response, r.args) for r in turn.replies] == [
        ("utter_consent", {}),
        ("utter_ask_question", {"question": "current_country"}),
    ]


def test_language_by_number_and_by_button(kb) -> None:
    assert _talk(kb, ["hi", "3"])[0].language == "en"
    assert _talk(kb, ["hi", ('/inform{"answer":"es"}', "es")])[0].language == "es"


def test_a_language_in_the_first_message_is_taken(kb) -> None:
    state, _ = _talk(kb, ["english please"])
    assert state.language == "en" and state.pending == "current_country"


def test_whole_questionnaire_to_results(kb) -> None:
    state, turns = _talk(kb, ["hola", "1", "estoy en Colombia", "sí"])
    # The refuge pathway is settled and the permit is closed, so nothing more is asked.
    assert state.facts == {"current_country": "CO", "fear_of_return": True}
    final = turns[-1].replies[-1]
    assert final.response == "utter_results"
    assert final.args["results"] == [
        {"pathway": "refuge", "status": "likely_eligible"},
        {"pathway": "permit", "status": "closed"},
    ]
    assert state.pending is None


def test_each_question_is_asked_once(kb) -> None:
    _, turns = _talk(kb, ["hola", "1", "Brasil", "no sé", "2", "no"])
    asked = [_asked(t) for t in turns if _asked(t)]
    assert asked == ["current_country", "nationality", "has_criminal_record"]
    assert len(asked) == len(set(asked))


@pytest.mark.parametrize(
    ("answer", "stored"),
    [("sí", True), ("claro", True), ("1", True), ("no", False), ("2", False), ("no sé", None), ("3", None)],
)
def test_yes_no_answers(kb, answer, stored) -> None:
    state, _ = _talk(kb, ["hola", "1", "Colombia", answer])
    assert state.facts["fear_of_return"] is stored


def test_yes_no_buttons(kb) -> None:
    state, _ = _talk(kb, ["hola", "1", "Colombia", ('/inform{"answer":"unknown"}', "unknown")])
    assert state.facts["fear_of_return"] is None


YOUTH = ["hola", "1", "Perú", "Colombia", "no"]  # then the engine asks for the birth date


@pytest.mark.parametrize(
    ("answer", "stored"),
    [("15/01/2001", "2001-01-15"), ("1/2001", "2001-01-01"), ("no sé", None), ("1", None)],
)
def test_date_answers(kb, answer, stored) -> None:
    state, turns = _talk(kb, [*YOUTH, answer])
    assert _asked(turns[-2]) == "birth_date"
    assert state.facts["birth_date"] == stored


def test_an_impossible_date_is_asked_again(kb) -> None:
    state, turns = _talk(kb, [*YOUTH, "31/02/2001"])
    assert "birth_date" not in state.facts and state.pending == "birth_date"
    assert [r.response for r in turns[-1].replies] == ["utter_not_understood", "utter_ask_question"]


def test_button_answer_wins_over_text(kb) -> None:
    state, _ = _talk(kb, ["hola", "1", ('/inform{"answer":"PE"}', "PE")])
    assert state.facts == {"current_country": "PE"}


def test_misunderstood_answer_is_asked_again_and_nothing_is_stored(kb) -> None:
    state, turns = _talk(kb, ["hola", "1", "mmm"])
    assert state.facts == {} and state.pending == "current_country"
    assert [r.response for r in turns[-1].replies] == ["utter_not_understood", "utter_ask_question"]


def test_consent_is_not_shown_twice(kb) -> None:
    _, (turn,) = _talk(kb, ["español"], State(consent_shown=True))
    assert not turn.consent_now
    assert [r.response for r in turn.replies] == ["utter_ask_question"]
