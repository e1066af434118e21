"""The bot's pause while a ticket holds the conversation: silent turns, "menu", erasure, danger,
and going on after the hand back (the adapter says what became of the ticket: `Handoff`)."""

from datetime import date

from bot.conversation import Effect, Handoff, Message, State, take_turn

TODAY = date(2026, 11, 24)
ASKED = State(
    language="es",
    consent_shown=True,
    facts={"current_country": "CO"},
    answered=("current_country",),
    pending="fear_of_return",
    handoff=True,
)


def _turn(kb, text: str, handoff: Handoff | None, state: State = ASKED, intent: str = "inform"):
    return take_turn(kb, state, Message(text, intent=intent, confidence=0.95), TODAY, handoff)


def _responses(turn) -> list[str]:
    return [r.response for r in turn.replies]


def test_asking_for_a_person_pauses_and_keeps_the_pending_question(kb) -> None:
    start = State(language="es", consent_shown=True, pending="current_country")
    turn = take_turn(
        kb, start, Message("quiero hablar con una persona", intent="human", confidence=0.9), TODAY
    )
    assert turn.effects == (Effect.TICKET_ASKED,)
    assert _responses(turn) == ["utter_handoff_created"]
    assert turn.state.handoff is True and turn.state.pending == "current_country"


def test_danger_gives_the_contacts_then_pauses(shipped_kb) -> None:
    kb = shipped_kb  # the test KB has no danger words
    start = State(
        language="es", consent_shown=True, facts={"current_country": "CO"}, pending="fear_of_return"
    )
    turn = take_turn(kb, start, Message("me quieren matar", intent="inform", confidence=0.9), TODAY)
    assert _responses(turn) == ["utter_urgent", "utter_handoff_created"]
    assert turn.effects == (Effect.URGENT,) and turn.state.handoff is True
    assert turn.state.flow is None


def test_while_waiting_the_bot_is_silent_and_the_console_told(kb) -> None:
    for status in (Handoff.WAITING, Handoff.CLAIMED):
        turn = _turn(kb, "sí, tengo miedo", status)
        assert [(r.response, r.args) for r in turn.replies] == [
            ("utter_handoff_waiting", {"status": status.value})
        ]
        assert turn.effects == (Effect.HANDOFF_MESSAGE,)
        assert turn.state == ASKED  # the answer waits for the agent; nothing is recorded


def test_danger_while_paused_escalates_silently(shipped_kb) -> None:
    turn = _turn(shipped_kb, "me quieren matar", Handoff.WAITING)
    assert _responses(turn) == ["utter_handoff_waiting"]
    assert turn.effects == (Effect.HANDOFF_MESSAGE, Effect.URGENT)


def test_menu_while_nobody_has_claimed_releases_and_starts_over(kb) -> None:
    turn = _turn(kb, "menú", Handoff.WAITING, intent="start_over")
    assert turn.effects == (Effect.RELEASE,)
    assert _responses(turn) == ["utter_restarted", "utter_ask_question"]
    assert turn.state.facts == {} and turn.state.handoff is True  # the ticket stays in the queue


def test_menu_while_claimed_goes_to_the_agent(kb) -> None:
    turn = _turn(kb, "menú", Handoff.CLAIMED, intent="start_over")
    assert _responses(turn) == ["utter_handoff_waiting"] and turn.effects == (Effect.HANDOFF_MESSAGE,)
    assert turn.state == ASKED


def test_released_ticket_lets_the_assistant_talk(kb) -> None:
    turn = _turn(kb, "sí", Handoff.RELEASED)
    assert turn.state.facts["fear_of_return"] is True
    assert turn.state.handoff is True and Effect.HANDOFF_MESSAGE not in turn.effects


def test_erasure_is_never_blocked(kb) -> None:
    for status in (Handoff.WAITING, Handoff.CLAIMED):
        asked = _turn(kb, "borrar mis datos", status, intent="delete_data")
        assert _responses(asked) == ["utter_confirm_delete"]
        erased = _turn(kb, "sí", status, state=asked.state)
        assert erased.effects == (Effect.ERASE,) and erased.state == State()
        kept = _turn(kb, "no", status, state=asked.state)
        assert _responses(kept) == ["utter_delete_cancelled"] and kept.state.handoff is True


def test_handed_back_to_the_pending_question(kb) -> None:
    for status in (Handoff.RESUME, None):  # None: the ticket is gone (erased, purged)
        turn = _turn(kb, "sí", status)
        assert turn.state.handoff is False
        assert turn.state.facts == {"current_country": "CO", "fear_of_return": True}
        assert _responses(turn)[0] != "utter_handoff_waiting"


def test_handed_back_to_the_menu(kb) -> None:
    turn = _turn(kb, "hola", Handoff.RESUME_MENU)
    assert turn.state.handoff is False and turn.state.facts == {}
    assert _responses(turn) == ["utter_restarted", "utter_ask_question"]
    assert turn.state.language == "es"
    again = _turn(kb, "menú", Handoff.RESUME_MENU, intent="start_over")
    assert _responses(again) == ["utter_restarted", "utter_ask_question"]  # said once
