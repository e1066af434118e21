"""The REST channel's own checks: a token, a body it can read, and sender ids of its own."""

from __future__ import annotations

import json

import pytest

from bot.channels.rest import parse
from bot.secrets import bearer_matches


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong",
        "Bearer right-tokén",
        "Basic right-token",
    ],
)
def test_a_wrong_or_missing_token_is_refused(header: str) -> None:
    assert not bearer_matches(header, "right-token")


def test_the_right_token_is_taken() -> None:
    assert bearer_matches("Bearer right-token", "right-token")
    assert bearer_matches("bearer right-token", "right-token")  # the scheme is case-insensitive (RFC 7235)


@pytest.mark.parametrize(
    "sender",
    [
        "sms:+573001112233",
        "whatsapp:+573001112233",
        "whatsapp_cloud:+57300",
        "telegram:555000111",
        "",
        12345,
        None,
        ["a"],
        "x" * 81,
        "web-ok\x00",
        "../../etc/passwd",
    ],
)
def test_no_caller_can_name_another_channels_conversation(sender) -> None:
    body = json.dumps({"sender": sender, "message": "¿por qué?", "input_channel": "sms"}).encode()
    assert isinstance(parse(body), str)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"null",
        b"[1,2]",
        b'"x"',
        b"\xff\xfe",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"sender":"ok","message":null}',
        b'{"sender":"ok","message":"   "}',
        b'{"sender":"ok","message":{"a":1}}',
        b'{"sender":"ok","message":"a\\u0000b"}',
    ],
)
def test_unreadable_bodies_are_refused_with_a_reason(raw: bytes) -> None:
    assert isinstance(parse(raw), str)


def test_a_good_body_gives_sender_and_message() -> None:
    assert parse(b'{"sender":"web-abc_123","message":"hola","metadata":{"x":1}}') == ("web-abc_123", "hola")
