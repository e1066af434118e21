"""Buttons that answer the bot: each press sends "/inform{"answer": VALUE}", which Rasa reads
without NLU and the action takes from the `answer` entity (SMS shows them as a numbered list)."""

from __future__ import annotations

import json


def answer_payload(value: str) -> str:
    return "/inform" + json.dumps({"answer": value}, separators=(",", ":"))


def answer_buttons(options: list[tuple[str, str]]) -> list[dict[str, str]]:
    """(value, title) pairs as buttons."""
    return [{"title": title, "payload": answer_payload(value)} for value, title in options]
