"""The cheaper turn path of issue 11 keeps Rasa's meaning: the same parse for option numbers and
button payloads, the same checks on action answers, every event saved once, the channel still
known to the action."""

from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins import action_calls, event_types
from bot.rasa_plugins.nlu_routes import routed_parse
from bot.rasa_plugins.tracker_store import ErasableSQLTrackerStore
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(PROJECT_ROOT / "domain")


@pytest.mark.parametrize("text", ["2", " 3 ", "10.", "4)"])
def test_option_numbers_are_inform_without_the_nlu(text: str, domain: Domain) -> None:
    parsed = routed_parse(text, domain)
    assert parsed["intent"] == {"name": "inform", "confidence": 1.0}
    assert parsed["text"] == text and parsed["entities"] == []


def test_a_button_payload_carries_its_intent_and_entities(domain: Domain) -> None:
    parsed = routed_parse('/inform{"answer": "VE"}', domain)
    assert parsed["intent"]["name"] == "inform" and parsed["intent"]["confidence"] == 1.0
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == [("answer", "VE")]


@pytest.mark.parametrize("text", ["hola", "2 años", "123", "/not_an_intent", "", None, "dos"])
def test_everything_else_goes_through_the_trained_pipeline(text: str | None, domain: Domain) -> None:
    assert routed_parse(text, domain) is None


def test_action_answers_are_still_checked_against_rasas_schema() -> None:
    action_calls.install()
    action = RemoteAction("action_handle_turn", None)
    assert action._validate_action_result({"events": [], "responses": [{"text": "hola"}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def _tracker(domain: Domain, sender: str = "path-test") -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("hola", {"name": "greet", "confidence": 0.9}, input_channel="sms"),
        ActionExecuted("action_handle_turn"),
        BotUttered("¿En qué idioma?"),
        SlotSet("language", "es"),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def test_the_action_call_has_the_state_without_the_history(domain: Domain) -> None:
    tracker = _tracker(domain)
    call = action_calls.slim_call(tracker, "action_handle_turn", "3.6.21")
    state = call["tracker"]
    assert [e["event"] for e in state["events"]] == ["user"]
    assert state["events"][0]["input_channel"] == "sms" and state["latest_input_channel"] == "sms"
    assert state["slots"]["language"] == "es" and state["latest_message"]["text"] == "hola"
    assert call["next_action"] == "action_handle_turn" and call["sender_id"] == "path-test"
    assert "domain" not in call


def test_event_classes_are_found_by_name_as_before() -> None:
    event_types.install()
    for _ in range(2):  # the second time from what was remembered
        assert Event.resolve_by_type("user") is UserUttered
        assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("no_such_event", default=BotUttered) is BotUttered
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_every_event_is_saved_once_across_turns(tmp_path, domain: Domain) -> None:
    store = ErasableSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "trackers.db"))

    async def turns() -> list[str]:
        await store.save(_tracker(domain))
        for answer in ("Venezuela", "Brasil"):
            tracker = await store.retrieve("path-test")
            tracker.update(UserUttered(answer, {"name": "inform", "confidence": 1.0}))
            tracker.update(BotUttered(f"ok {answer}"))
            await store.save(tracker)
            await store.save(tracker)  # saved twice: nothing new the second time
        again = await store.retrieve("path-test")
        return [json.dumps(e.as_dict().get("text")) for e in again.events if e.type_name in ("user", "bot")]

    texts = asyncio.run(turns())
    assert texts == [
        '"hola"',
        '"\\u00bfEn qu\\u00e9 idioma?"',
        '"Venezuela"',
        '"ok Venezuela"',
        '"Brasil"',
        '"ok Brasil"',
    ]


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=3), st.lists(st.integers(), max_size=2)
)
_EVENT_NAMES = st.sampled_from(["user", "bot", "slot", "action", "entities", "followup", "nope", 3])
_FIELDS = st.sampled_from(
    ["name", "value", "text", "timestamp", "metadata", "policy", "hide_rule_turn", "entities"]
)
_EVENTS = st.one_of(
    st.dictionaries(st.just("event"), _EVENT_NAMES, min_size=1).flatmap(
        lambda head: st.dictionaries(_FIELDS, _VALUES, max_size=3).map(lambda rest: {**rest, **head})
    ),
    _VALUES,
)
_ANSWERS = st.one_of(
    st.fixed_dictionaries({"events": st.lists(_EVENTS, max_size=4)}, optional={"responses": st.just([])}),
    st.fixed_dictionaries({}, optional={"events": _VALUES, "responses": _VALUES}),
)


@settings(max_examples=400, deadline=None)
@given(_ANSWERS)
def test_an_answer_is_judged_as_jsonschema_judges_it(answer) -> None:
    spec = RemoteAction.action_response_format_spec()
    expected = action_calls.compiled(spec).is_valid(answer)
    try:
        action_calls.ActionAnswerCheck(spec).validate(answer)
        verdict = True
    except ValidationError:
        verdict = False
    assert verdict == expected
