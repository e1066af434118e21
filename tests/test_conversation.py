"""The questionnaire's turns, without Rasa: language, consent, questions, re-asking, results."""

from datetime import date

from bot.conversation import State, take_turn

TODAY = date(2026, 11, 24)


def _talk(kb, messages, state=None):
    state = state or State()
    turns = []
    for text, answer in messages:
        turn = take_turn(kb, state, text, answer, TODAY)
        state = turn.state
        turns.append(turn)
    return state, turns


def test_first_message_asks_the_language(kb) -> None:
    state, (turn,) = _talk(kb, [("hola", None)])
    assert [r.response for r in turn.replies] == ["utter_ask_language"]
    assert state.pending == "language" and state.language is None


def test_language_by_name_shows_consent_once_then_asks_nationality(kb) -> None:
    state, (_, turn) = _talk(kb, [("hola", None), ("português", None)])
    assert state.language == "pt" and state.consent_shown
    assert turn.consent_now
    assert [(r.response, r.args) for r in turn.replies] == [
        ("utter_consent", {}),
        ("utter_ask_question", {"question": "nationality"}),
    ]


def test_language_by_number_and_by_button(kb) -> None:
    assert _talk(kb, [("hi", None), ("3", None)])[0].language == "en"
    assert _talk(kb, [("hi", None), ('/inform{"answer":"es"}', "es")])[0].language == "es"


def test_a_language_in_the_first_message_is_taken(kb) -> None:
    state, (turn,) = _talk(kb, [("english please", None)])
    assert state.language == "en" and state.pending == "nationality"


def test_whole_questionnaire_to_results(kb) -> None:
    state, turns = _talk(kb, [("hola", None), ("1", None), ("venezuela", None), ("3", None)])
    assert state.facts == {"nationality": "VE", "current_country": "BR"}
    final = turns[-1].replies[-1]
    assert final.response == "utter_results"
    assert final.args["results"] == [
        {"pathway": "br_residence_border_countries", "status": "likely_eligible"}
    ]
    assert state.pending is None


def test_button_answer_wins_over_text(kb) -> None:
    state, _ = _talk(kb, [("hola", None), ("1", None), ('/inform{"answer":"CO"}', "CO")])
    assert state.facts == {"nationality": "CO"}


def test_misunderstood_answer_is_asked_again_and_nothing_is_stored(kb) -> None:
    state, turns = _talk(kb, [("hola", None), ("1", None), ("mmm no se", None)])
    assert state.facts == {} and state.pending == "nationality"
    assert [r.response for r in turns[-1].replies] == ["utter_not_understood", "utter_ask_question"]


def test_consent_is_not_shown_twice(kb) -> None:
    state = State(language=None, consent_shown=True)
    _, (turn,) = _talk(kb, [("español", None)], state)
    assert not turn.consent_now
    assert [r.response for r in turn.replies] == ["utter_ask_question"]
