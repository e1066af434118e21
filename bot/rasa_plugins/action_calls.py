"""How Rasa checks the action server's answer on every turn, made cheap.

Profiled under load (issue 11, py-spy on the Rasa process): Rasa 3.6 checks the action server's
answer (and any NLG answer) with `jsonschema.validate()`, which checks the schema itself and builds
a new validator on every call, about a third of Rasa's CPU per turn. The same schemas are compiled
once here and the answers still checked against them.

`install()` is called by bot/rasa_plugins/server.py before Rasa starts.
"""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for


def compiled(schema: dict[str, Any]) -> Any:
    """A validator for `schema`, built once (the schema is checked here, not on every answer)."""
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def install() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator, nlg_response_format_spec
    from rasa.shared.exceptions import RasaException

    action_answer = compiled(RemoteAction.action_response_format_spec())
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

    RemoteAction._validate_action_result = validate_action_result
    CallbackNaturalLanguageGenerator.validate_response = staticmethod(validate_response)
