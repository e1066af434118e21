"""The yes or no that answers a flow's question: a button, "1"/"2", or the words."""

from __future__ import annotations

from bot.conversation.builder import TurnBuilder

YES_NO = ("yes", "no")


def yes_or_no(turn: TurnBuilder) -> bool | None:
    reading = turn.reading
    choice = reading.message.answer if reading.message.answer in YES_NO else reading.options(YES_NO)
    if choice:
        return choice == "yes"
    return reading.yes_no()
