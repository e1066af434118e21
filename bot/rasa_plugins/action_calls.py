"""What Rasa sends to the action server on every turn, and how it checks the answer, made cheap.

Profiled under load (issue 11, py-spy on the Rasa process), Rasa 3.6 spent most of a turn on two
things this project does not need:

- It checks the action server's answer (and any NLG answer) with `jsonschema.validate()`, which
  checks the schema itself and builds a new validator on every call: about a third of Rasa's CPU
  per turn. The same schemas are compiled once here and the answers still checked against them.
  Each event of an answer is checked against the one branch of the schema's `oneOf` its `event`
  names (`ActionAnswerCheck`): the same verdict, without trying twenty branches per event.
- It sends the whole tracker, every event of the conversation, with each action call, so a turn
  costs more the longer the conversation. Our one action keeps the conversation in slots
  (bot/conversation/state.py) and reads only the slots, the latest message and the channel it came
  in on: the call carries the tracker's state without its history, plus the latest user event
  (rasa-sdk reads the input channel from it). The domain is not sent either (endpoints.yml,
  `enable_selective_domain`).

`install()` is called by bot/rasa_plugins/server.py before Rasa starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for

if TYPE_CHECKING:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker


def compiled(schema: dict[str, Any]) -> Any:
    """A validator for `schema`, built once (the schema is checked here, not on every answer)."""
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class ActionAnswerCheck:
    """Rasa's schema of an action server's answer, with the same verdicts as jsonschema's.

    The schema's events are a `oneOf` of one branch per event type, each fixing `event` to its
    own constant: an event can match only the branch its `event` names, so "exactly one branch
    matches" is "the branch it names exists and matches". Checking that one branch is what costs
    nothing; jsonschema tries every branch of every event.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        items = spec["properties"]["events"]["items"]
        shape = {**items}
        branches = shape.pop("oneOf")
        outer = {**spec, "properties": {**spec["properties"], "events": {"type": "array", "items": shape}}}
        self._outer = compiled(outer)
        self._branches = {branch["properties"]["event"]["const"]: compiled(branch) for branch in branches}

    def validate(self, result: Any) -> None:
        self._outer.validate(result)
        for event in result.get("events") or ():
            branch = self._branches.get(event["event"])
            if branch is None:
                raise ValidationError(f"{event['event']!r} is not one of Rasa's events")
            branch.validate(event)


def latest_user_event(tracker: DialogueStateTracker) -> dict[str, Any] | None:
    from rasa.shared.core.events import UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event.as_dict()
    return None


def slim_call(tracker: DialogueStateTracker, action_name: str, version: str) -> dict[str, Any]:
    """The action call without the conversation's history: slots, latest message, latest user event."""
    from rasa.shared.core.trackers import EventVerbosity

    state = tracker.current_state(EventVerbosity.NONE)
    user = latest_user_event(tracker)
    state["events"] = [user] if user is not None else []
    return {"next_action": action_name, "sender_id": tracker.sender_id, "tracker": state, "version": version}


def install() -> None:
    import rasa
    from rasa.core.actions.action import RemoteAction
    from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator, nlg_response_format_spec
    from rasa.shared.exceptions import RasaException

    action_answer = ActionAnswerCheck(RemoteAction.action_response_format_spec())
    nlg_answer = compiled(nlg_response_format_spec())

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            action_answer.validate(result)
        except ValidationError as error:
            error.message += ". Failed to validate Action server response from API."
            raise
        return True

    def validate_response(content: dict[str, Any] | None) -> bool:
        if content is None or content == "":
            return True  # the endpoint did not want to say anything
        try:
            nlg_answer.validate(content)
        except ValidationError as error:
            raise RasaException(f"{error.message}. Failed to validate NLG response from API.") from None
        return True

    def action_call(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> dict[str, Any]:
        call = slim_call(tracker, self._name, rasa.__version__)
        if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
            self.name()
        ):
            call["domain"] = domain.as_dict()
        return call

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction._action_call_format = action_call
    CallbackNaturalLanguageGenerator.validate_response = staticmethod(validate_response)
