"""Rasa looks up an event's class by walking every subclass of Event, for every stored event it
reads back: 6 % of Rasa's CPU per turn when a conversation is re-read from the tracker store
(profiled, issue 11). The classes do not change while Rasa runs: the lookup is remembered.

`install()` is called by bot/rasa_plugins/server.py before Rasa starts.
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    from rasa.shared.core.events import Event

    lookup = Event.resolve_by_type
    known: dict[str, type] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        cls = known.get(type_name)
        if cls is None:
            cls = lookup(type_name, default)
            if cls is not None and cls is not default:
                known[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)
