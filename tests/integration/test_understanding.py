"""Whole conversations per language through REST, written as people write (issue 10): danger first
(an urgent reply with contacts), facts said back and corrected after the results (which are worked
out again), "why" in plain sentences, short answers to follow-ups instead of the results again, and
a language switch. The scripts are in tests/helpers/understanding.py."""

from __future__ import annotations

import uuid

import pytest

from bot.handoff import tickets
from tests.helpers.understanding import SCRIPTS, play

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.lang for s in SCRIPTS])
def test_a_whole_conversation_is_understood(stack, script) -> None:
    sender = f"understand-{script.lang}-{uuid.uuid4().hex[:8]}"
    url = stack.settings.database_url

    def hand_back() -> None:  # an agent takes the urgent case, then the assistant goes on where it was
        ticket = tickets.conversation_ticket(url, sender)
        assert ticket is not None and ticket.urgent and ticket.status == "open"
        assert tickets.hand_back(url, ticket.id, "resolved", "pending")

    problems = play(lambda text: stack.say(sender, text), script, hand_back)
    assert problems == []


def test_the_urgent_reply_opens_an_urgent_ticket(stack) -> None:
    from sqlalchemy import select

    from bot.db.engine import get_engine
    from bot.db.tables import tickets

    sender = f"urgent-{uuid.uuid4().hex[:8]}"
    replies = stack.say(sender, "estoy detenido en iquique q hago")
    assert any(m.get("custom", {}).get("urgent") is True for m in replies)
    with get_engine(stack.settings.database_url).connect() as connection:
        reasons = connection.execute(select(tickets.c.reason).where(tickets.c.sender_id == sender)).scalars()
        assert list(reasons) == ["urgent"]
