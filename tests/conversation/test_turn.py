"""The questionnaire's turns, without Rasa: language, consent, questions, commands, flows, results."""

from datetime import date

import pytest

from bot.conversation import Effect, Message, State, take_turn

TODAY = date(2026, 11, 24)


def _msg(item) -> Message:
    if isinstance(item, Message):
        return item
    if isinstance(item, tuple):  # (text, button answer)
        return Message(item[0], intent="inform", confidence=1.0, answer=item[1])
    return Message(item, intent="inform", confidence=0.9)


def cmd(intent: str, text: str = "", confidence: float = 0.95) -> Message:
    return Message(text or intent, intent=intent, confidence=confidence)


def _talk(kb, messages, state=None):
    state = state or State()
    turns = []
    for item in messages:
        turn = take_turn(kb, state, _msg(item), TODAY)
        state = turn.state
        turns.append(turn)
    return state, turns


def _responses(turn) -> list[str]:
    return [r.response for r in turn.replies]


def _asked(turn) -> str | None:
    asks = [r.args["question"] for r in turn.replies if r.response == "utter_ask_question"]
    return asks[-1] if asks else None


def test_first_message_asks_the_language(kb) -> None:
    state, (turn,) = _talk(kb, ["ok"])
    assert _responses(turn) == ["utter_ask_language"]
    assert state.pending == "language" and state.language is None


def test_language_detected_from_a_first_message(kb) -> None:
    state, (turn,) = _talk(kb, ["hola, necesito ayuda"])
    assert state.language == "es"
    assert _responses(turn) == ["utter_consent", "utter_ask_question"]
    assert turn.effects == (Effect.CONSENT,)


def test_facts_stated_in_the_first_message_are_not_asked_again(kb) -> None:
    state, (turn,) = _talk(kb, ["hola, soy de Venezuela y estoy en Colombia"])
    assert state.facts == {"nationality": "VE", "current_country": "CO"}
    assert _asked(turn) == "fear_of_return"


def test_language_by_name_by_number_and_by_button(kb) -> None:
    assert _talk(kb, ["ok", "português"])[0].language == "pt"
    assert _talk(kb, ["ok", "3"])[0].language == "en"
    assert _talk(kb, ["ok", ('/inform{"answer":"es"}', "es")])[0].language == "es"


def test_consent_is_shown_once(kb) -> None:
    _, turns = _talk(kb, ["ok", "español", cmd("change_language"), "english"])
    assert [t.effects for t in turns].count((Effect.CONSENT,)) == 1
    assert "utter_consent" not in _responses(turns[-1])


def test_whole_questionnaire_to_results(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "estoy en Colombia", "sí"])
    assert state.facts == {"current_country": "CO", "fear_of_return": True}
    final = turns[-1].replies[-1]
    assert final.response == "utter_results"
    assert final.args["results"] == [
        {"pathway": "refuge", "status": "likely_eligible"},
        {"pathway": "permit", "status": "closed"},
    ]
    assert final.args["country"] == "CO"
    assert state.pending is None and state.results == tuple(final.args["results"])


def test_each_question_is_asked_once(kb) -> None:
    _, turns = _talk(kb, ["ok", "1", "Brasil", "no sé", "2", "no"])
    asked = [_asked(t) for t in turns if _asked(t)]
    assert asked == ["current_country", "nationality", "has_criminal_record"]


@pytest.mark.parametrize(
    ("answer", "stored"),
    [("sí", True), ("claro", True), ("1", True), ("no", False), ("2", False), ("no sé", None), ("3", None)],
)
def test_yes_no_answers(kb, answer, stored) -> None:
    state, _ = _talk(kb, ["ok", "1", "Colombia", answer])
    assert state.facts["fear_of_return"] is stored


YOUTH = ["ok", "1", "Perú", "Colombia", "no"]  # then the engine asks for the birth date


@pytest.mark.parametrize(
    ("answer", "stored"),
    [
        ("15/01/2001", "2001-01-15"),
        ("1/2001", "2001-01"),
        ("marzo 2001", "2001-03"),
        ("el 5 de mayo de 1995", "1995-05-05"),
        ("hace veinte años", "2006-11"),  # twenty years ago, to the month
        ("no sé", None),
        ("1", None),
    ],
)
def test_date_answers(kb, answer, stored) -> None:
    state, turns = _talk(kb, [*YOUTH, answer])
    assert _asked(turns[-2]) == "birth_date"
    assert state.facts.get("birth_date") == stored


def test_an_impossible_date_is_asked_again(kb) -> None:
    state, turns = _talk(kb, [*YOUTH, "31/02/2001"])
    assert "birth_date" not in state.facts and state.pending == "birth_date"
    assert _responses(turns[-1]) == ["utter_not_understood", "utter_ask_question"]


def test_second_miss_offers_a_person_and_yes_opens_a_ticket(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "mmm", "ehh"])
    assert _responses(turns[-2]) == ["utter_not_understood", "utter_ask_question"]
    assert _responses(turns[-1]) == ["utter_offer_human"] and state.flow == "offer_human"
    state, (turn,) = _talk(kb, ["sí"], state)
    assert turn.effects == (Effect.TICKET_MISUNDERSTOOD,)
    assert _responses(turn) == ["utter_handoff_created"]  # and the bot pauses
    assert state.handoff and state.flow is None and state.misses == 0 and state.pending == "current_country"


def test_declining_a_person_asks_again(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", "mmm", "ehh"])
    state, (turn,) = _talk(kb, [("/inform", "no")], state)
    assert turn.effects == () and _responses(turn) == ["utter_handoff_declined", "utter_ask_question"]


def test_an_answer_instead_of_yes_or_no_is_taken(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", "mmm", "ehh", "Perú"])
    assert state.facts == {"current_country": "PE"} and state.flow is None


def test_restart_clears_answers_but_keeps_the_language(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "Colombia", cmd("start_over", "menú")])
    assert state.facts == {} and state.language == "es"
    assert _responses(turns[-1]) == ["utter_restarted", "utter_ask_question"]
    assert _asked(turns[-1]) == "current_country"


def test_back_undoes_the_last_answer(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "Colombia", "no", cmd("go_back", "atrás")])
    assert state.facts == {"current_country": "CO"} and state.pending == "fear_of_return"
    assert _responses(turns[-1]) == ["utter_went_back", "utter_ask_question"]
    state, _ = _talk(kb, ["sí"], state)
    assert state.facts["fear_of_return"] is True


def test_back_with_nothing_to_undo(kb) -> None:
    _, turns = _talk(kb, ["ok", "1", cmd("go_back")])
    assert _responses(turns[-1]) == ["utter_nothing_to_undo", "utter_ask_question"]


def test_change_language_then_continue(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "Colombia", cmd("change_language", "idioma"), "english"])
    assert _responses(turns[-2]) == ["utter_ask_language"]
    assert state.language == "en" and state.facts == {"current_country": "CO"}
    assert _responses(turns[-1]) == ["utter_language_changed", "utter_ask_question"]


def test_asking_for_a_person_opens_a_ticket_and_pauses(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "Colombia", cmd("human", "quiero hablar con una persona")])
    assert turns[-1].effects == (Effect.TICKET_ASKED,)
    assert _responses(turns[-1]) == ["utter_handoff_created"]
    assert state.handoff and state.pending == "fear_of_return"


def test_delete_asks_for_confirmation_then_erases(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "Colombia", cmd("delete_data", "borrar mis datos")])
    assert _responses(turns[-1]) == ["utter_confirm_delete"] and state.flow == "confirm_delete"
    erased, (turn,) = _talk(kb, ["sí"], state)
    assert turn.effects == (Effect.ERASE,)
    assert _responses(turn) == ["utter_data_deleted"]
    assert erased == State()


def test_delete_cancelled(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", "Colombia", cmd("delete_data")])
    kept, (turn,) = _talk(kb, ["no"], state)
    assert turn.effects == () and kept.facts == {"current_country": "CO"}
    assert _responses(turn) == ["utter_delete_cancelled", "utter_ask_question"]


def test_why_after_results_explains_them(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", "Colombia", "sí"])
    _, (turn,) = _talk(kb, [cmd("why", "¿por qué?")], state)
    (reply,) = turn.replies
    assert reply.response == "utter_why"
    assert reply.args["results"][0] == {"pathway": "refuge", "status": "likely_eligible"}
    assert reply.args["facts"] == {"current_country": "CO", "fear_of_return": True}


def test_why_during_a_question_explains_the_question(kb) -> None:
    _, turns = _talk(kb, ["ok", "1", cmd("why")])
    assert _responses(turns[-1]) == ["utter_why_question", "utter_ask_question"]


def test_greeting_in_the_middle_welcomes_back(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", "Colombia", Message("hola", intent="greet", confidence=0.99)])
    assert _responses(turns[-1]) == ["utter_welcome_back", "utter_ask_question"]
    assert state.pending == "fear_of_return"


def test_an_unsure_command_does_not_override_an_answer(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", "Colombia", cmd("go_back", "no", confidence=0.4)])
    assert state.facts["fear_of_return"] is False


def test_button_answer_wins_over_text(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", ('/inform{"answer":"PE"}', "PE")])
    assert state.facts == {"current_country": "PE"}


def test_an_answer_that_nlu_takes_for_a_greeting_is_still_an_answer(kb) -> None:
    state, _ = _talk(kb, ["ok", "1", Message("Perú", intent="greet", confidence=0.99)])
    assert state.facts == {"current_country": "PE"}


def test_a_command_nlu_guesses_from_an_answer_does_not_win(kb) -> None:
    # NLU once read "Argentine" (French for Argentina) as "agente": the answer must win.
    state, turns = _talk(kb, ["ok", "1", cmd("human", "Argentine")])
    assert state.facts == {"current_country": "AR"} and turns[-1].effects == ()


def test_a_command_that_names_itself_wins_even_with_a_country(kb) -> None:
    state, turns = _talk(kb, ["ok", "1", cmd("human", "Colombia, quiero hablar con una persona")])
    assert turns[-1].effects == (Effect.TICKET_ASKED,) and state.facts == {}


def test_gibberish_nlu_calls_a_greeting_is_a_miss(kb) -> None:
    _, turns = _talk(kb, ["ok", "1", Message("blablabla", intent="greet", confidence=0.7)])
    assert _responses(turns[-1]) == ["utter_not_understood", "utter_ask_question"]


def test_a_command_needs_its_words_or_a_close_misspelling(kb) -> None:
    _, turns = _talk(kb, ["ok", "1", cmd("start_over", "hmmmmm zzz", confidence=0.99)])
    assert _responses(turns[-1]) == ["utter_not_understood", "utter_ask_question"]
    _, turns = _talk(kb, ["ok", "1", cmd("delete_data", "borar mis dato", confidence=0.8)])
    assert _responses(turns[-1]) == ["utter_confirm_delete"]


def test_a_language_name_is_not_a_nationality(kb) -> None:
    state, _ = _talk(kb, ["👋", "español"])
    assert state.language == "es" and state.facts == {}


def test_a_shared_location_answers_where_the_person_is(kb) -> None:
    state, turns = _talk(
        kb,
        [
            "ok",
            "1",
            Message('/shared_location{"country":"CO"}', "shared_location", 1.0, location_country="CO"),
        ],
    )
    assert state.facts == {"current_country": "CO"}
    assert _responses(turns[-1]) == ["utter_location_noted", "utter_ask_question"]


def test_a_shared_location_never_overrides_an_answer(kb) -> None:
    located = Message("/shared_location", "shared_location", 1.0, location_country="BR")
    state, turns = _talk(kb, ["ok", "1", "Perú", located])
    assert state.facts["current_country"] == "PE"
    assert "utter_location_noted" not in _responses(turns[-1])


def test_where_i_am_does_not_answer_where_i_am_from(shipped_kb) -> None:
    """Review reproduction 10: "estoy en Colombia" to the nationality question is the current
    country; the nationality is asked again, not recorded as Colombian."""
    state, turns = _talk(shipped_kb, ["hola"])
    assert state.pending == "nationality"
    state, (turn,) = _talk(shipped_kb, ["estoy en Colombia"], state)
    assert state.facts == {"current_country": "CO"}
    assert "nationality" not in state.facts and state.misses == 0
    assert _asked(turn) == "nationality"
    state, _ = _talk(shipped_kb, ["soy venezolana"], state)
    assert state.facts["nationality"] == "VE" and state.facts["current_country"] == "CO"
