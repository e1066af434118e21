"""Messages whose meaning is fixed by their form reach the conversation without the neural NLU.

An option number ("2", "3.") and a button payload ("/inform{"answer": "VE"}") mean the same
whatever a classifier says: the conversation reads the number against the options it offered
(bot/conversation/reading.py) and the payload carries its own intent and entities. Rasa 3.6 runs
its whole NLU graph on them anyway (the payload is only unpacked at the end, after DIET): about a
fifth of Rasa's CPU per turn. These two forms are parsed here instead; any other text goes
through the trained pipeline as before.

`install()` is called by bot/rasa_plugins/server.py before Rasa starts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.domain import Domain

OPTION_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]?\s*$")
OPTION_INTENT = "inform"  # what the trained NLU answers to a bare number, with less certainty


def _option_number(text: str) -> dict[str, Any]:
    intent = {"name": OPTION_INTENT, "confidence": 1.0}
    return {"text": text, "intent": intent, "entities": [], "intent_ranking": [intent]}


def _payload(text: str, domain: Domain | None) -> dict[str, Any] | None:
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.training_data.message import Message

    message = YAMLStoryReader.unpack_regex_message(Message(data={"text": text}), domain)
    parsed = message.as_dict(only_output_properties=True)
    intent = parsed.get("intent") or {}
    if not intent.get("name"):
        return None  # not a payload of a known intent: let the pipeline read it
    return {"text": text, "intent": intent, "entities": parsed.get("entities", []), **parsed}


def routed_parse(text: str | None, domain: Domain | None) -> dict[str, Any] | None:
    """The parse of an option number or a button payload; None for anything else."""
    if not text:
        return None
    if OPTION_NUMBER.match(text):
        return _option_number(text)
    if text.startswith("/"):
        return _payload(text, domain)
    return None


def install() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.trackers import DialogueStateTracker

    parse_with_graph = MessageProcessor._parse_message_with_graph

    def parse(
        self: MessageProcessor,
        message: UserMessage,
        tracker: DialogueStateTracker,
        only_output_properties: bool = True,
    ) -> dict[str, Any]:
        routed = routed_parse(message.text, self.domain)
        if routed is not None:
            return routed
        return parse_with_graph(self, message, tracker, only_output_properties)

    MessageProcessor._parse_message_with_graph = parse
