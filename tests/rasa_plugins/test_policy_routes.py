"""The next actions answered without the policy graph are the ones the trained policies choose."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins import policy_routes
from bot.training import ensure_model

GRAPH_PREDICT = MessageProcessor._predict_next_with_tracker  # before any install()


@pytest.fixture(scope="module")
def processor() -> MessageProcessor:
    return Agent.load(str(ensure_model())).processor


def _start() -> list:
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]


def _said(intent: str, confidence: float = 0.9) -> UserUttered:
    return UserUttered("texto", {"name": intent, "confidence": confidence})


def _tracker(processor: MessageProcessor, events: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("routes", events, processor.domain.slots)


def _graph_action(processor: MessageProcessor, tracker: DialogueStateTracker) -> str:
    prediction = GRAPH_PREDICT(processor, tracker)
    return processor.domain.action_names_or_texts[prediction.max_confidence_index]


INTENTS = ["greet", "inform", "start_over", "go_back", "change_language", "human", "delete_data", "why"]


@pytest.mark.parametrize("intent", [*INTENTS, "nlu_fallback"])
def test_a_message_goes_to_the_turn_action_as_the_policies_say(processor, intent: str) -> None:
    tracker = _tracker(processor, [*_start(), _said(intent)])
    assert policy_routes.routed_action(tracker) == "action_handle_turn"
    assert _graph_action(processor, tracker) == "action_handle_turn"


def test_after_a_long_conversation_too(processor) -> None:
    events = _start()
    for intent in INTENTS * 3:
        events += [
            _said(intent),
            ActionExecuted("action_handle_turn"),
            BotUttered("ok"),
            SlotSet("language", "es"),
        ]
        events.append(ActionExecuted("action_listen"))
    events.append(_said("inform"))
    tracker = _tracker(processor, events)
    assert policy_routes.routed_action(tracker) == _graph_action(processor, tracker) == "action_handle_turn"


def test_after_the_turn_action_both_listen(processor) -> None:
    tracker = _tracker(
        processor, [*_start(), _said("inform"), ActionExecuted("action_handle_turn"), BotUttered("x")]
    )
    assert policy_routes.routed_action(tracker) == "action_listen"
    assert _graph_action(processor, tracker) == "action_listen"


def test_anything_else_is_left_to_the_policies(processor) -> None:
    assert policy_routes.routed_action(_tracker(processor, [])) is None
    after_start = _tracker(processor, [ActionExecuted("action_session_start"), SessionStarted()])
    assert policy_routes.routed_action(after_start) is None
    after_other = _tracker(processor, [*_start(), _said("inform"), ActionExecuted("action_restart")])
    assert policy_routes.routed_action(after_other) is None
    with_followup = _tracker(processor, [*_start(), _said("inform")])
    with_followup.trigger_followup_action("action_listen")
    assert policy_routes.routed_action(with_followup) is None


def test_installed_the_processor_answers_without_the_graph_and_falls_back_to_it(
    processor, monkeypatch
) -> None:
    calls = []
    monkeypatch.setattr(
        MessageProcessor, "_predict_next_with_tracker", lambda self, t: calls.append(t) or "graph"
    )
    policy_routes.install()
    routed = processor._predict_next_with_tracker(_tracker(processor, [*_start(), _said("why")]))
    assert processor.domain.action_names_or_texts[routed.max_confidence_index] == "action_handle_turn"
    assert routed.policy_name == "RulePolicy" and routed.max_confidence == 1.0 and calls == []
    left = _tracker(processor, [ActionExecuted("action_session_start"), SessionStarted()])
    assert processor._predict_next_with_tracker(left) == "graph" and calls == [left]


def _run(processor, tracker, prediction) -> int:
    """Runs action_listen as Rasa's loop would; returns how many tracker copies it made."""
    import asyncio

    from rasa.core.actions.action import action_for_name_or_text
    from rasa.core.channels.channel import CollectingOutputChannel

    copies = []
    patch = pytest.MonkeyPatch()
    replay = DialogueStateTracker.travel_back_in_time
    counted = lambda t, ts: copies.append(ts) or replay(t, ts)  # noqa: E731
    patch.setattr(DialogueStateTracker, "travel_back_in_time", counted)
    action = action_for_name_or_text("action_listen", processor.domain, None)
    try:
        run = processor._run_action(action, tracker, CollectingOutputChannel(), processor.nlg, prediction)
        asyncio.run(run)
    finally:
        patch.undo()
    return len(copies)


def test_a_routed_action_runs_on_the_tracker_itself_and_others_on_a_copy(processor) -> None:
    from rasa.core.policies.policy import PolicyPrediction

    policy_routes.install()
    answered = [*_start(), _said("inform"), ActionExecuted("action_handle_turn"), BotUttered("ok")]
    tracker = _tracker(processor, answered)
    routed = policy_routes.routed_prediction(tracker, processor.domain)
    assert _run(processor, tracker, routed) == 0
    assert tracker.events[-1] == ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0)
    assert "copy" not in vars(tracker)  # the tracker's own copy() is back
    with_events = PolicyPrediction.for_action_name(processor.domain, "action_listen", "RulePolicy")
    with_events.events = [SlotSet("language", "pt")]
    assert _run(processor, _tracker(processor, answered), with_events) == 1
