"""Malformed inputs from the security review (2026-11, section 2 and reproduction 11), shared by the
unit tests and the integration fuzz test, plus Hypothesis strategies for JSON-ish bodies."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

DEEP = 100_000  # nesting depth that overflows the recursion limit of a recursive parser

# Raw bodies no endpoint may answer with a 5xx, whoever sends them.
GARBAGE_BODIES: dict[str, bytes] = {
    "empty": b"",
    "null": b"null",
    "list": b"[1,2]",
    "string": b'"x"',
    "number": b"5",
    "true": b"true",
    "not json": b"{not json",
    "truncated": b'{"a": ',
    "invalid utf-8": b'{"a": "\xff\xfe\xc3"}',
    "raw nul": b'{"a": "x\x00y"}',
    "escaped nul": b'{"a": "x\\u0000y"}',
    "lone surrogate": b'{"a": "\\ud800"}',
    "nan": b'{"a": NaN}',
    "infinity": b'{"a": Infinity, "b": -Infinity}',
    "huge number": b'{"a": 1' + b"0" * 5000 + b"}",
    "deep lists": b"[" * DEEP + b"]" * DEEP,
    "deep objects": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "deep value": b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}",
    "duplicate keys": b'{"a": 1, "a": {"b": 2}}',
    "html": b'{"a": "<script>alert(1)</script><img src=x onerror=alert(1)>"}',
}

# The action call the review forged (reproduction 8): a ticket for a stranger's number.
FORGED_CALL: dict[str, Any] = {
    "next_action": "action_handle_turn",
    "sender_id": "sms:+15551234567",
    "version": "3.6.21",
    "domain": {},
    "tracker": {
        "sender_id": "sms:+15551234567",
        "slots": {
            "language": "es",
            "facts": {"nationality": "VE", "fear_of_return": True},
            "answered": ["nationality"],
            "pending_question": "current_country",
            "consent_shown": True,
        },
        "latest_message": {
            "text": "quiero hablar con una persona agente",
            "intent": {"name": "human", "confidence": 0.99},
            "entities": [],
        },
        "events": [],
        "latest_input_channel": "sms",
    },
}


def forged(**changes: Any) -> dict[str, Any]:
    """FORGED_CALL with dotted paths replaced, e.g. forged(**{"tracker.slots": "x"})."""
    call = copy.deepcopy(FORGED_CALL)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = call
        for key in parents:
            node = node[key]
        node[last] = value
    return call


def _without(path: str) -> dict[str, Any]:
    call = copy.deepcopy(FORGED_CALL)
    *parents, last = path.split(".")
    node = call
    for key in parents:
        node = node[key]
    del node[last]
    return call


# Action calls that are JSON objects but not calls the action server can run: each must get a 4xx
# (reproduction 11 lists the first five).
BAD_ACTION_CALLS: dict[str, Any] = {
    "list": [1, 2],
    "string": "x",
    "no tracker": {"next_action": "action_handle_turn"},
    "wrong slot types": forged(
        **{"tracker.slots": {"facts": "x", "answered": 5, "misses": "abc", "consent_shown": "yes"}}
    ),
    "latest_message a string": forged(**{"tracker.latest_message": "zz"}),
    "null": None,
    "empty object": {},
    "no next_action": _without("next_action"),
    "next_action not a string": forged(next_action=["action_handle_turn"]),
    "unknown action": forged(next_action="action_does_not_exist"),
    "version not a string": forged(version=3.6),
    "domain a list": forged(domain=[]),
    "tracker a string": forged(tracker="x"),
    "tracker without sender": _without("tracker.sender_id"),
    "tracker sender a number": forged(**{"tracker.sender_id": 15551234567}),
    "slots a string": forged(**{"tracker.slots": "x"}),
    "slots null": forged(**{"tracker.slots": None}),
    "slots a list": forged(**{"tracker.slots": [1]}),
    "facts a list": forged(**{"tracker.slots.facts": ["VE"]}),
    "facts unknown name": forged(**{"tracker.slots.facts": {"bogus": 1}}),
    "facts wrong value": forged(**{"tracker.slots.facts": {"nationality": 5}}),
    "facts bad date": forged(**{"tracker.slots.facts": {"entry_date": "yesterday"}}),
    "answered not strings": forged(**{"tracker.slots.answered": [1, None]}),
    "language a number": forged(**{"tracker.slots.language": 7}),
    "pending a dict": forged(**{"tracker.slots.pending_question": {}}),
    "misses a string": forged(**{"tracker.slots.misses": "abc"}),
    "misses huge": forged(**{"tracker.slots.misses": 1e300}),
    "results a dict": forged(**{"tracker.slots.results": {"a": 1}}),
    "results of numbers": forged(**{"tracker.slots.results": [1, 2]}),
    "consent a string": forged(**{"tracker.slots.consent_shown": "yes"}),
    "latest_message a list": forged(**{"tracker.latest_message": [1]}),
    "text a dict": forged(**{"tracker.latest_message.text": {"a": 1}}),
    "intent a string": forged(**{"tracker.latest_message.intent": "human"}),
    "intent null": forged(**{"tracker.latest_message.intent": None}),
    "intent name a list": forged(**{"tracker.latest_message.intent.name": ["human"]}),
    "confidence a string": forged(**{"tracker.latest_message.intent.confidence": "high"}),
    "entities a dict": forged(**{"tracker.latest_message.entities": {"a": 1}}),
    "entities null": forged(**{"tracker.latest_message.entities": None}),
    "entity a string": forged(**{"tracker.latest_message.entities": ["country"]}),
    "entity name a dict": forged(**{"tracker.latest_message.entities": [{"entity": {}, "value": "x"}]}),
    "events a dict": forged(**{"tracker.events": {"a": 1}}),
    "events of numbers": forged(**{"tracker.events": [1, 2]}),
    "input channel a list": forged(**{"tracker.events": [{"event": "user", "input_channel": ["sms"]}]}),
    "paused a string": forged(**{"tracker.paused": "no"}),
    "active_loop a string": forged(**{"tracker.active_loop": "x"}),
}


def encode(value: Any) -> bytes:
    return json.dumps(value).encode()


# ------------------------------------------------------------------------------------------------
# Hypothesis strategies
# ------------------------------------------------------------------------------------------------

text = st.text(max_size=60)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=20,
)


def objects_with(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects using the given field names (so bodies get past "is it an object" checks)."""
    return st.dictionaries(st.sampled_from(keys) | text, json_values, max_size=len(keys) + 2)


def bodies(keys: list[str]) -> st.SearchStrategy[bytes]:
    """Raw bytes, any JSON, objects with the endpoint's own field names, and the explicit cases."""
    return st.one_of(
        st.binary(max_size=300),
        json_values.map(encode),
        objects_with(keys).map(encode),
        text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from(sorted(GARBAGE_BODIES)).map(GARBAGE_BODIES.__getitem__),
    )


def _sendable(value: bytes) -> bytes:
    """What an HTTP client lets through: no line breaks or NUL, no leading whitespace."""
    return value.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"").lstrip(b" \t\x0b\x0c")


# Header values a client can send (as raw bytes on the wire): UTF-8 and Latin-1 non-ASCII, empty,
# long, and random bytes without line breaks.
header_values = st.one_of(
    st.sampled_from(
        [
            b"",
            b"Bearer",
            b"Bearer ",
            b"bearer x",
            b"Basic eA==",
            "Bearer é".encode(),
            b"Bearer \xe9",  # Latin-1: not UTF-8, so the server sees a surrogate escape
            b"sha256=\xe9\xe9",
            b"Bearer " + b"x" * 4000,
        ]
    ),
    st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x2FF, blacklist_characters="\x7f"), max_size=80
    ).map(lambda v: v.encode("utf-8")),
    st.binary(max_size=60),
).map(_sendable)

# Values of the wrong type for any field.
WRONG_TYPES: tuple[Any, ...] = (None, True, 0, -1, 1.5e308, "", "x", "\u0000", [], [1], {}, {"a": 1})


def variants(template: Any, path: tuple = ()) -> list[tuple[str, Any]]:
    """(dotted path, document) for every field of `template` replaced by every WRONG_TYPES value."""
    found: list[tuple[str, Any]] = []
    children = (
        template.items()
        if isinstance(template, dict)
        else enumerate(template)
        if isinstance(template, list)
        else []
    )
    for key, child in children:
        here = (*path, key)
        for wrong in WRONG_TYPES:
            if wrong == child and type(wrong) is type(child):
                continue
            found.append((".".join(map(str, here)), _replaced(template, (key,), wrong)))
        for sub_path, sub_doc in variants(child, ()):
            found.append((".".join(map(str, here)) + "." + sub_path, _replaced(template, (key,), sub_doc)))
    return found


def _replaced(document: Any, path: tuple, value: Any) -> Any:
    copied = copy.deepcopy(document)
    node = copied
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copied
