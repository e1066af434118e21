"""The bot's pause, seen from the turn adapter: what became of the conversation's ticket, and the
ticket writes a paused turn asks for (the person wrote; "menu" released the bot; danger).

Looked up only while the conversation's state says a ticket is not closed yet, so ordinary turns
cost no query (issue 11).
"""

from __future__ import annotations

from bot.conversation.state import Handoff
from bot.handoff.tickets import Ticket


def handoff_of(ticket: Ticket | None) -> Handoff:
    """Where the conversation stands with its latest ticket."""
    if ticket is None:  # erased or purged: the conversation simply goes on
        return Handoff.RESUME
    if ticket.status == "closed":
        return Handoff.RESUME_MENU if ticket.resume == "menu" else Handoff.RESUME
    if not ticket.bot_paused:
        return Handoff.RELEASED
    return Handoff.CLAIMED if ticket.status == "claimed" else Handoff.WAITING
