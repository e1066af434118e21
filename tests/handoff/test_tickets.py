"""Tickets on SQLite and PostgreSQL: one per conversation, an atomic claim, the hand back, and a
console change for every write."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.consent import conversation_key
from bot.db.migrate import upgrade
from bot.handoff.changes import changes_since, last_change_id
from bot.handoff.tickets import (
    add_note,
    claim,
    conversation_ticket,
    get_ticket,
    hand_back,
    open_ticket,
    record_message,
    record_reply,
    release,
    unclaim,
)
from tests.handoff.conftest import T0, add_staff

SENDER = "whatsapp:+573001234567"
FACTS = {"nationality": "VE", "current_country": "CO", "fear_of_return": None, "holds": ["co_ppt"]}
RESULTS = ({"pathway": "co_ppt", "status": "likely_eligible"},)


def _kinds(url: str, after: int = 0) -> list[str]:
    return [c.kind for c in changes_since(url, after)]


def test_a_ticket_holds_the_context_of_the_flow(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        ticket_id = open_ticket(url, SENDER, "whatsapp", "es", "asked", FACTS, RESULTS, now=T0)
        ticket = get_ticket(url, ticket_id)
        assert ticket is not None, url
        assert (ticket.conversation_key, ticket.sender_id, ticket.channel) == (
            conversation_key(SENDER),
            SENDER,
            "whatsapp",
        )
        assert (ticket.language, ticket.reason, ticket.status, ticket.urgent, ticket.bot_paused) == (
            "es",
            "asked",
            "open",
            False,
            True,
        )
        assert ticket.facts == FACTS and ticket.results == list(RESULTS) and ticket.country == "CO"
        assert ticket.summary == 'nationality=VE; current_country=CO; fear_of_return=?; holds=["co_ppt"]'
        assert ticket.created_at == T0 and ticket.claimed_by is None
        assert _kinds(url) == ["opened"]


def test_one_open_ticket_per_conversation_danger_escalates_it(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        first = open_ticket(url, SENDER, "whatsapp", "es", "asked", {}, now=T0)
        again = open_ticket(url, SENDER, "whatsapp", "es", "asked", FACTS, now=T0 + timedelta(minutes=1))
        urgent = open_ticket(url, SENDER, "whatsapp", "es", "urgent", FACTS, now=T0 + timedelta(minutes=2))
        assert first == again == urgent, url
        ticket = get_ticket(url, first)
        assert ticket.urgent is True and ticket.reason == "asked" and ticket.facts == FACTS
        assert _kinds(url) == ["opened", "message", "escalated"]
        other = open_ticket(url, "telegram:42", "telegram", "ht", "urgent", {}, now=T0)
        assert other != first and get_ticket(url, other).urgent is True
        assert hand_back(url, first, "resolved", "pending", now=T0 + timedelta(hours=1))
        assert open_ticket(url, SENDER, "whatsapp", "es", "asked", {}, now=T0 + timedelta(hours=2)) != first


def _race(url: str, ticket_id: int, agents: list[int]) -> dict[int, bool]:
    """Every agent claims the ticket at the same moment (a barrier), each in its own thread."""
    barrier = threading.Barrier(len(agents))
    won: dict[int, bool] = {}

    def contend(agent: int) -> None:
        barrier.wait(timeout=10)
        won[agent] = claim(url, ticket_id, agent, now=T0)

    threads = [threading.Thread(target=contend, args=(a,)) for a in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return won


def test_two_agents_claiming_at_once_one_wins(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        agents = [add_staff(url, f"agent{i}") for i in range(4)]
        for round_ in range(3):
            ticket_id = open_ticket(url, f"sms:+57300555000{round_}", "sms", "es", "asked", {}, now=T0)
            won = _race(url, ticket_id, agents)
            winners = [a for a, ok in won.items() if ok]
            assert len(won) == len(agents) and len(winners) == 1, (url, won)
            ticket = get_ticket(url, ticket_id)
            assert (ticket.status, ticket.claimed_by, ticket.claimed_at) == ("claimed", winners[0], T0)
            assert [c.kind for c in changes_since(url, 0) if c.ticket_id == ticket_id] == [
                "opened",
                "claimed",
            ]


def test_unclaim_only_by_its_holder_and_claim_pauses_again(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        ana, bea = add_staff(url, "ana"), add_staff(url, "bea")
        ticket_id = open_ticket(url, SENDER, "whatsapp", "es", "asked", {}, now=T0)
        assert release(url, ticket_id, now=T0) is True
        assert release(url, ticket_id, now=T0) is False  # already released
        assert get_ticket(url, ticket_id).bot_paused is False
        assert claim(url, ticket_id, ana, now=T0) is True
        assert get_ticket(url, ticket_id).bot_paused is True  # the agent has it: the bot is silent again
        assert release(url, ticket_id, now=T0) is False  # "menu" no longer releases it
        assert unclaim(url, ticket_id, bea, now=T0) is False
        assert unclaim(url, ticket_id, ana, now=T0) is True
        ticket = get_ticket(url, ticket_id)
        assert (ticket.status, ticket.claimed_by, ticket.bot_paused) == ("open", None, True)
        assert _kinds(url) == ["opened", "released", "claimed", "unclaimed"]


def test_notes_replies_messages_and_hand_back(empty_databases) -> None:
    for url in empty_databases:
        upgrade(url)
        ana = add_staff(url, "ana")
        ticket_id = open_ticket(url, SENDER, "whatsapp", "es", "asked", {}, now=T0)
        start = last_change_id(url)
        later = T0 + timedelta(minutes=5)
        assert record_message(url, ticket_id, now=later) is True
        assert get_ticket(url, ticket_id).last_message_at == later
        assert claim(url, ticket_id, ana, now=later)
        note = add_note(url, ticket_id, ana, "pedir pasaporte", now=later)
        reply = record_reply(url, ticket_id, ana, "Hola, soy Ana", "template", now=later)
        assert reply > note > 0
        with pytest.raises(ValueError):
            record_reply(url, ticket_id, ana, "x", "lost", now=later)
        with pytest.raises(LookupError):
            add_note(url, 999, ana, "x", now=later)
        with pytest.raises(ValueError):
            hand_back(url, ticket_id, "fine", "pending")
        assert hand_back(url, ticket_id, "referred", "menu", now=later) is True
        assert hand_back(url, ticket_id, "resolved", "pending", now=later) is False
        ticket = get_ticket(url, ticket_id)
        assert (ticket.status, ticket.outcome, ticket.resume, ticket.bot_paused, ticket.closed_at) == (
            "closed",
            "referred",
            "menu",
            False,
            later,
        )
        assert record_message(url, ticket_id, now=later) is False
        assert claim(url, ticket_id, ana, now=later) is False
        assert _kinds(url, start) == ["message", "claimed", "note", "reply", "closed"]
        assert conversation_ticket(url, SENDER).id == ticket_id
        assert conversation_ticket(url, "sms:+10000000000") is None
        assert get_ticket(url, 999) is None
