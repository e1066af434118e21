"""One source of truth: the conversation's state, its replies, its flows and its commands are each
defined once, and Rasa's domain, the action, the NLG and the lexicon agree with those definitions."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import yaml

from bot.conversation import replies
from bot.conversation.flows import FLOWS
from bot.conversation.reading import COMMANDS
from bot.conversation.state import ERASE_SLOT, SLOTS, State, state_from_slots, state_to_slots
from bot.conversation.turn import STEPS
from bot.i18n import lexicon
from bot.nlg.responses import Renderer
from bot.settings import PROJECT_ROOT, Settings

CONVERSATION = PROJECT_ROOT / "bot" / "conversation"


def _domain() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "domain" / "core.yml").read_text(encoding="utf-8"))


def test_domain_slots_are_the_state_fields() -> None:
    assert set(_domain()["slots"]) == set(SLOTS.values()) | {ERASE_SLOT}
    assert set(SLOTS) == {f.name for f in fields(State)}


def test_state_survives_the_slots_round_trip() -> None:
    state = State(
        language="pt",
        facts={"nationality": "VE", "entry_date": "2019"},
        answered=("nationality", "entry_date"),
        pending="fear_of_return",
        flow="keep_going",
        misses=1,
        results=({"pathway": "mercosur_br", "status": "likely_eligible"},),
        consent_shown=True,
        urgent=("detention",),
        handoff=True,
    )
    slots = state_to_slots(state)
    assert state_from_slots(slots.get) == state
    assert state_from_slots({}.get) == State()


def test_every_reply_the_conversation_says_is_rendered_and_nothing_else() -> None:
    assert set(Renderer(None, Settings.from_env({})).names) == set(replies.ALL)


def test_reply_names_are_written_only_in_replies_py() -> None:
    """No step or flow spells a reply name itself: they use bot/conversation/replies.py."""
    for path in sorted(CONVERSATION.rglob("*.py")):
        if path.name == "replies.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.startswith("utter_"), f"{path.name}: {node.value}"


def test_domain_actions_intents_and_rules_agree_with_the_code() -> None:
    domain = _domain()
    assert domain["actions"] == ["action_handle_turn"]
    assert set(COMMANDS) <= set(domain["intents"])
    assert set(COMMANDS) == set(lexicon.COMMAND_WORDS)
    rules = yaml.safe_load(
        (PROJECT_ROOT / "data" / "rules" / "questionnaire.yml").read_text(encoding="utf-8")
    )
    handled = {step["intent"] for rule in rules["rules"] for step in rule["steps"] if "intent" in step}
    assert set(domain["intents"]) <= handled


def test_flows_are_modules_with_a_name_a_start_and_a_handler() -> None:
    for name, flow in FLOWS.items():
        assert name == flow.NAME and callable(flow.start) and callable(flow.handle)
        assert Path(flow.__file__).parent.name == "flows"


def test_the_turn_is_the_ordered_steps_of_the_issue() -> None:
    names = [step.__name__ for step in STEPS]
    assert names == [
        "paused",
        "safety",
        "channel_events",
        "first_contact",
        "open_flow",
        "request",  # a booking asked for, or a visit named by its code (flows/booking_visit.py)
        "correction",
        "command",
        "language",
        "answer",
        "after_results",
    ]
