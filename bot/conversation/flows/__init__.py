"""Flows that interrupt the questionnaire, each in its own module with its own state.

A flow module has a NAME, `start(turn) -> Turn` (ask its question, set `state.flow`), and
`handle(turn) -> Turn | None` (its answer, or None when the message is something else: the flow
then closes and the turn goes on as usual). Adding a flow means adding a module to FLOWS.
"""

from __future__ import annotations

from bot.conversation.builder import TurnBuilder
from bot.conversation.flows import booking, confirm_delete, offer_person
from bot.conversation.state import Turn

FLOWS = {flow.NAME: flow for flow in (confirm_delete, offer_person, booking)}


def handle_open_flow(turn: TurnBuilder) -> Turn | None:
    """The open flow's answer; a flow the state names but nobody knows is simply closed."""
    flow = FLOWS.get(turn.state.flow or "")
    if turn.state.flow is None:
        return None
    if flow is None:
        turn.update(flow=None)
        return None
    return flow.handle(turn)
