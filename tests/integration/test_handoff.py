"""The handoff through the whole stack (REST): asking for a person pauses the bot, which then
sends nothing but `custom.handoff`; "menu" takes the person back while nobody has the ticket; after
an agent hands back, the next message answers the pending question."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import staff_users
from bot.handoff.changes import changes_since, last_change_id
from bot.handoff.tickets import Ticket, claim, conversation_ticket, hand_back
from tests.helpers.console import create_staff

pytestmark = pytest.mark.integration


def _sender(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def _text(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def _question(messages: list[dict]) -> str | None:
    asked = [m["custom"]["question"] for m in messages if "question" in (m.get("custom") or {})]
    return asked[-1] if asked else None


def _ticket(stack, sender: str) -> Ticket:
    ticket = conversation_ticket(stack.settings.database_url, sender)
    assert ticket is not None
    return ticket


def _silent(messages: list[dict], status: str) -> bool:
    """Only the handoff status: no text, no buttons, nothing a channel would send."""
    return [(m.get("text"), m.get("buttons"), m.get("custom")) for m in messages] == [
        (None, None, {"handoff": {"status": status}})
    ]


def _agent(stack) -> int:
    username = f"agent.{uuid.uuid4().hex[:6]}"
    create_staff(stack.settings.database_url, username, "agent")
    with get_engine(stack.settings.database_url).connect() as connection:
        return connection.execute(
            sa.select(staff_users.c.id).where(staff_users.c.username == username)
        ).scalar_one()


@pytest.mark.parametrize(
    ("greeting", "ask", "says"),
    [
        (
            "hola, soy de Venezuela",
            "quiero hablar con una persona",
            ["Una persona de la línea de ayuda", "Atienden todos los días, a toda hora.", "unos 30 minutos"],
        ),
        (
            "bonjou, mwen se ayisyen",
            "mwen vle pale ak yon moun",
            ["Yon moun nan liy èd la", "Yo reponn chak jou, nenpòt lè.", "30 minit"],
        ),
    ],
)
def test_asking_for_a_person_pauses_the_bot(stack, greeting: str, ask: str, says: list[str]) -> None:
    sender = _sender("handoff")
    stack.say(sender, greeting)
    opened = stack.say(sender, ask)
    for words in says:
        assert words in _text(opened)
    assert _question(opened) is None  # no question after the handoff message
    ticket = _ticket(stack, sender)
    assert (ticket.status, ticket.bot_paused, ticket.reason) == ("open", True, "asked")
    start = last_change_id(stack.settings.database_url)
    for message in ("hola? hay alguien?", "necesito ayuda con mis papeles"):
        assert _silent(stack.say(sender, message), "waiting")
    later = _ticket(stack, sender)
    assert later.last_message_at is not None and later.last_message_at > ticket.created_at
    kinds = [c.kind for c in changes_since(stack.settings.database_url, start) if c.ticket_id == ticket.id]
    assert kinds == ["message", "message"]


def test_menu_while_unclaimed_brings_the_assistant_back(stack) -> None:
    sender = _sender("handoff-menu")
    stack.say(sender, "hola, soy de Venezuela")
    stack.say(sender, "quiero hablar con una persona")
    assert _silent(stack.say(sender, "hola?"), "waiting")
    back = stack.say(sender, "menú")
    assert "Empecemos de nuevo" in _text(back) and _question(back) == "nationality"
    ticket = _ticket(stack, sender)
    assert (ticket.status, ticket.bot_paused) == ("open", False)  # still in the queue
    assert _question(stack.say(sender, "Venezuela")) == "current_country"


def test_claimed_then_handed_back_to_the_pending_question(stack) -> None:
    url = stack.settings.database_url
    sender = _sender("handoff-back")
    stack.say(sender, "hola, soy de Venezuela")
    asked = stack.say(sender, "Colombia")
    assert _question(asked) == "entry_date"
    stack.say(sender, "quiero hablar con una persona")
    agent = _agent(stack)
    ticket = _ticket(stack, sender)
    assert claim(url, ticket.id, agent) is True
    assert _silent(stack.say(sender, "menú"), "claimed")  # while claimed, even "menu" goes to the agent
    assert hand_back(url, ticket.id, "resolved", "pending") is True
    answered = stack.say(sender, "en marzo de 2023")  # the answer to the question pending before
    understood = [m["custom"]["understood"] for m in answered if "understood" in (m.get("custom") or {})]
    assert understood == [{"entry_date": "2023-03"}]
    assert _question(answered) not in (None, "entry_date")
    closed = _ticket(stack, sender)
    assert (closed.status, closed.outcome, closed.resume) == ("closed", "resolved", "pending")
    assert closed.closed_at is not None and closed.closed_at <= datetime.now(timezone.utc)
